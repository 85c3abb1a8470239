// canting-cli photo clean and raport: the command-line contract of issue 13.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <regex>

#include "canting/imaging/image_io.h"
#include "run_cli.h"
#include "support/repeat_photo.h"
#include "support/image_fixtures.h"

using namespace canting;
using test::runCli;

namespace {

test::RepeatPhoto cloth(double rotation = 9) {
  test::RepeatPhotoSpec s;
  s.motif = imaging::MotifKind::Ceplok;
  s.tileSize = {150, 120};
  s.photoSize = {640, 560};
  s.rotationDeg = rotation;
  s.perspective = 0.01;
  s.folds = 1;
  s.lightFalloff = 0.3;
  s.cast = {0.85, 0.95, 1.1};
  s.noise = 3;
  s.jpegQuality = 80;
  return test::makeRepeatPhoto(s);
}

cv::Point2d vec(const nlohmann::json& j) { return {j[0].get<double>(), j[1].get<double>()}; }

}  // namespace

TEST_CASE("raport --json gives the lattice, origin, confidence and the tile's size in pixels and cm", "[cli][raport]") {
  test::TempDir dir;
  const test::RepeatPhoto photo = cloth();
  REQUIRE(imaging::saveImage(photo.photo, dir / "kain.png", {.dpi = imaging::Dpi{100, 100}}));
  auto r = runCli({"raport", (dir / "kain.png").string(), "--json", "-o", (dir / "ubin.png").string()});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out.substr(0, r.out.rfind('}') + 1));
  const test::LatticeError e = test::compareLattices(photo.a, photo.b, vec(j["period_a"]), vec(j["period_b"]));
  CHECK(e.length < 0.02);
  CHECK(e.angleDeg < 2);
  CHECK(j["confidence"].get<double>() >= 0.3);
  CHECK(j["confidence"].get<double>() <= 1);
  CHECK(j["origin"].size() == 2);
  CHECK(j["layout"] == "straight");
  CHECK(j["whole_photo"] == false);
  const int w = j["tile_px"][0], h = j["tile_px"][1];
  CHECK(std::abs(w - 150) <= 3);
  CHECK(std::abs(h - 120) <= 3);
  CHECK(j["tile_cm"][0].get<double>() == Approx(w / 100.0 * 2.54).margin(0.01));
  // The tile is written with the photo's DPI.
  auto tile = imaging::loadImage(dir / "ubin.png");
  REQUIRE(tile);
  CHECK(tile->pixels.cols == w);
  REQUIRE(tile->dpi);
  CHECK(tile->dpi->x == Approx(100).margin(0.5));
}

TEST_CASE("raport --cloth-width-cm gives the real size and the tile's DPI", "[cli][raport]") {
  test::TempDir dir;
  const test::RepeatPhoto photo = cloth(-4);
  REQUIRE(imaging::saveImage(photo.photo, dir / "kain.jpg"));
  auto r = runCli({"raport", (dir / "kain.jpg").string(), "--json", "--cloth-width-cm", "64", "-o", (dir / "ubin.png").string()});
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out.substr(0, r.out.rfind('}') + 1));
  // 640 pixels show 64 cm: 10 pixels a centimetre.
  CHECK(j["dpi"].get<double>() == Approx(25.4));
  CHECK(j["tile_cm"][0].get<double>() == Approx(j["tile_px"][0].get<int>() / 10.0).margin(0.01));
  auto tile = imaging::loadImage(dir / "ubin.png");
  REQUIRE(tile);
  REQUIRE(tile->dpi);
  CHECK(tile->dpi->x == Approx(25.4).margin(0.5));
  auto text = runCli({"--lang", "en", "raport", (dir / "kain.jpg").string(), "--cloth-width-cm", "64"});
  CHECK(text.code == 0);
  CHECK(text.out.find("Repeat found: ") != std::string::npos);
  INFO(text.out);
  CHECK(std::regex_search(text.out, std::regex("On the cloth: 1[45]\\.\\d × 1[12]\\.\\d cm")));  // 150 × 120 pixels at 10 a cm
}

TEST_CASE("raport reads the lattice in the upright photo of an EXIF-rotated JPEG", "[cli][raport]") {
  test::TempDir dir;
  const test::RepeatPhoto photo = cloth(3);
  cv::Mat stored, rgb;
  cv::rotate(photo.photo, stored, cv::ROTATE_90_COUNTERCLOCKWISE);  // orientation 6 turns it back clockwise
  cv::cvtColor(stored, rgb, cv::COLOR_BGR2RGB);
  test::writeAll(dir / "tegak.jpg", test::withExifOrientation(test::makeJpeg(rgb.cols, rgb.rows, 3, rgb.data, {.quality = 90}), 6));
  auto r = runCli({"raport", (dir / "tegak.jpg").string(), "--json"});
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  const test::LatticeError e = test::compareLattices(photo.a, photo.b, vec(j["period_a"]), vec(j["period_b"]));
  CHECK(e.length < 0.02);
  CHECK(e.angleDeg < 2);
}

TEST_CASE("raport refuses a photo without a clear repeat with exit 2, unless forced", "[cli][raport]") {
  test::TempDir dir;
  cv::Mat plain(300, 400, CV_8UC3, cv::Scalar(225, 232, 238));
  cv::Mat noise(plain.size(), CV_8UC3);
  cv::randu(noise, 0, 12);
  plain += noise;
  REQUIRE(imaging::saveImage(plain, dir / "polos.png"));
  const std::string polos = (dir / "polos.png").string();
  auto en = runCli({"--lang", "en", "raport", polos, "-o", (dir / "t.png").string()});
  CHECK(en.code == 2);
  CHECK((en.err.find("No repeat found") != std::string::npos || en.err.find("No clear repeat") != std::string::npos));
  CHECK_FALSE(std::filesystem::exists(dir / "t.png"));
  auto id = runCli({"raport", polos});
  CHECK(id.code == 2);
  CHECK((id.err.find("Tidak ada raport") != std::string::npos || id.err.find("tidak jelas") != std::string::npos));
  // --force takes the whole photo when nothing repeats.
  auto forced = runCli({"--lang", "en", "raport", polos, "--force", "--json", "-o", (dir / "t.png").string()});
  CHECK(forced.code == 0);
  const auto j = nlohmann::json::parse(forced.out.substr(0, forced.out.rfind('}') + 1));
  CHECK(j["confidence"].get<double>() < 0.3);
  if (j["whole_photo"] == true) {
    CHECK(j["tile_px"][0] == 400);
    CHECK(j["tile_px"][1] == 300);
  }
  CHECK(std::filesystem::exists(dir / "t.png"));
  // A good photo under a minimum it cannot reach.
  REQUIRE(imaging::saveImage(cloth().photo, dir / "kain.png"));
  CHECK(runCli({"raport", (dir / "kain.png").string(), "--min-confidence", "1"}).code == 2);
  CHECK(runCli({"raport", (dir / "kain.png").string(), "--min-confidence", "1", "--force"}).code == 0);
}

TEST_CASE("repeat on a photographed cloth repeats its raport tile, --whole-photo or a photo without a repeat the whole image", "[cli][raport][repeat]") {
  test::TempDir dir;
  REQUIRE(imaging::saveImage(cloth().photo, dir / "kain.png"));
  const std::string kain = (dir / "kain.png").string();
  auto load = [&](const char* name) { return imaging::loadImage(dir / name)->pixels; };
  auto same = [](const cv::Mat& x, const cv::Mat& y) { return x.size() == y.size() && x.type() == y.type() && cv::norm(x, y, cv::NORM_INF) == 0; };

  // The photo repeats as its raport tile: what `raport -o` cuts (the same
  // core::repeatSource the Studio and the gallery use), repeated.
  auto r = runCli({"--lang", "en", "repeat", kain, "--layout", "straight", "--out-px", "500x400", "-o", (dir / "ulang.png").string()});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.err.find("--whole-photo") == std::string::npos);  // a repeat was found: no note
  REQUIRE(runCli({"raport", kain, "-o", (dir / "ubin.png").string()}).code == 0);
  REQUIRE(runCli({"repeat", (dir / "ubin.png").string(), "--whole-photo", "--layout", "straight", "--out-px", "500x400", "-o", (dir / "dari-ubin.png").string()}).code == 0);
  const cv::Mat tiled = load("ulang.png"), tile = load("ubin.png");
  CHECK(same(tiled, load("dari-ubin.png")));
  REQUIRE(tile.cols < 250);
  CHECK(same(tiled(cv::Rect(0, 0, tile.cols, tile.rows)), tiled(cv::Rect(tile.cols, 0, tile.cols, tile.rows))));

  // --whole-photo: the old behaviour, the photo itself repeated.
  REQUIRE(runCli({"repeat", kain, "--whole-photo", "--layout", "straight", "--out-px", "800x600", "-o", (dir / "utuh.png").string()}).code == 0);
  CHECK(same(load("utuh.png")(cv::Rect(0, 0, 640, 560)), load("kain.png")));

  // No repeat in it: the whole image, and the user is told, in either language.
  cv::Mat single(200, 240, CV_8UC3, cv::Scalar(230, 235, 240));
  cv::circle(single, {120, 100}, 60, cv::Scalar(40, 60, 90), -1);
  REQUIRE(imaging::saveImage(single, dir / "satu.png"));
  for (const char* lang : {"id", "en"}) {
    INFO(lang);
    auto one = runCli({"--lang", lang, "repeat", (dir / "satu.png").string(), "--out-px", "480x400", "-o", (dir / "satu-ulang.png").string()});
    REQUIRE(one.code == 0);
    CHECK(one.err.find(std::string(lang) == "id" ? "Tidak ada raport" : "No repeat") != std::string::npos);
    CHECK(one.err.find("--whole-photo") != std::string::npos);
    CHECK(same(load("satu-ulang.png")(cv::Rect(240, 200, 240, 200)), single));
  }
}

TEST_CASE("raport and photo clean take tiny, grey, 16-bit and transparent photos without crashing", "[cli][raport]") {
  test::TempDir dir;
  cv::Mat tiny(16, 16, CV_8UC3);
  cv::randu(tiny, 0, 255);
  REQUIRE(imaging::saveImage(tiny, dir / "kecil.png"));
  auto small = runCli({"--lang", "en", "raport", (dir / "kecil.png").string()});
  CHECK(small.code == 2);
  CHECK(small.err.find("No repeat found") != std::string::npos);
  const cv::Mat photo = cloth().photo;
  cv::Mat grey, deep, alpha;
  cv::cvtColor(photo, grey, cv::COLOR_BGR2GRAY);
  photo.convertTo(deep, CV_16UC3, 257);
  cv::cvtColor(photo, alpha, cv::COLOR_BGR2BGRA);
  int k = 0;
  for (const cv::Mat& m : {grey, deep, alpha}) {
    const auto in = dir / ("p" + std::to_string(k++) + ".png");
    REQUIRE(imaging::saveImage(m, in));
    auto r = runCli({"raport", in.string(), "--json"});
    CHECK(r.code == 0);
    auto c = runCli({"photo", "clean", in.string(), "-o", (dir / "bersih.png").string()});
    CHECK(c.code == 0);
  }
}

TEST_CASE("photo clean evens the light and straightens four corners", "[cli][photo]") {
  test::TempDir dir;
  REQUIRE(imaging::saveImage(cloth().photo, dir / "kain.png", {.dpi = imaging::Dpi{150, 150}}));
  const std::string in = (dir / "kain.png").string();
  auto r = runCli({"--lang", "en", "photo", "clean", in, "-o", (dir / "bersih.png").string()});
  CHECK(r.code == 0);
  CHECK(r.out.find("640 × 560") != std::string::npos);
  auto out = imaging::loadImage(dir / "bersih.png");
  REQUIRE(out);
  REQUIRE(out->dpi);
  CHECK(out->dpi->x == Approx(150).margin(0.5));
  auto quad = runCli({"photo", "clean", in, "--corners", "10,10,600,30,620,540,20,500", "-o", (dir / "lurus.png").string()});
  CHECK(quad.code == 0);
  auto straight = imaging::loadImage(dir / "lurus.png");
  REQUIRE(straight);
  CHECK(straight->pixels.cols == 601);  // the longer of the top and bottom edges (600,40)
  // Bad corners: a usage error when they do not parse, a clear refusal when they cross.
  CHECK(runCli({"photo", "clean", in, "--corners", "1,2,3", "-o", (dir / "x.png").string()}).code == 1);
  auto crossed = runCli({"--lang", "en", "photo", "clean", in, "--corners", "0,0,600,500,600,0,0,500", "-o", (dir / "x.png").string()});
  CHECK(crossed.code == 2);
  CHECK(crossed.err.find("the four corners") != std::string::npos);
  CHECK(runCli({"photo", "clean", in}).code == 1);  // -o missing
  CHECK(runCli({"photo", "--help"}).code == 0);
  CHECK(runCli({"raport", "--help"}).code == 0);
  CHECK(runCli({"raport", in, "--min-confidence", "2"}).code == 1);
  CHECK(runCli({"raport", in, "--cloth-width-cm", "-3"}).code == 1);
}
