#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <map>
#include <sstream>

#include "canting/imaging/image_io.h"
#include "canting/imaging/motif.h"
#include "canting/imaging/palette.h"
#include <fstream>
#include "cli.h"
#include "run_cli.h"
#include "support/image_fixtures.h"

using namespace canting;

namespace {
using Run = test::CliRun;
using test::runCli;
}  // namespace

TEST_CASE("color delta-e prints CIEDE2000 with 4 decimals", "[cli]") {
  auto r = runCli({"color", "delta-e", "lab(50, 2.6772, -79.7751)", "lab(50,0,-82.7485)"});
  CHECK(r.code == 0);
  CHECK(r.out == "2.0425\n");
  r = runCli({"color", "delta-e", "#ffffff", "#FFFFFF"});
  CHECK(r.out == "0.0000\n");
}

TEST_CASE("color convert writes every notation and warns when clipping", "[cli]") {
  CHECK(runCli({"color", "convert", "#FF0000", "--to", "lab"}).out == "lab(53.2408, 80.0925, 67.2032)\n");
  CHECK(runCli({"color", "convert", "rgb(255,0,0)", "--to=hex"}).out == "#FF0000\n");
  CHECK(runCli({"color", "convert", "lab(53.2408, 80.0925, 67.2032)", "--to", "rgb"}).out == "rgb(255, 0, 0)\n");
  auto clip = runCli({"--lang", "en", "color", "convert", "lab(50,120,0)", "--to", "hex"});
  CHECK(clip.code == 0);
  CHECK(clip.err.find("outside the sRGB gamut") != std::string::npos);
}

TEST_CASE("usage errors exit 1 and bad input exits 2, in the chosen language", "[cli]") {
  auto noArgs = runCli({});
  CHECK(noArgs.code == 1);
  CHECK(noArgs.err.find("Pemakaian") != std::string::npos);  // Indonesian by default
  CHECK(runCli({"frobnicate"}).code == 1);
  CHECK(runCli({"color", "convert", "#fff"}).code == 1);            // --to missing
  CHECK(runCli({"color", "convert", "#fff", "--to", "cmyk"}).code == 1);
  CHECK(runCli({"info"}).code == 1);
  CHECK(runCli({"info", "a.png", "b.png"}).code == 1);
  CHECK(runCli({"info", "a.png", "--bogus"}).code == 1);
  CHECK(runCli({"--lang", "fr", "info", "a.png"}).code == 1);
  auto bad = runCli({"color", "delta-e", "#12", "#123456"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("Warna tidak dikenali: '#12'") != std::string::npos);
  auto badEn = runCli({"color", "delta-e", "#123456", "hsl(1,2,3)", "--lang", "en"});
  CHECK(badEn.code == 2);
  CHECK(badEn.err.find("Colour not recognised") != std::string::npos);
  auto missing = runCli({"--lang=en", "info", "/no/such/motif.png"});
  CHECK(missing.code == 2);
  CHECK(missing.err == "canting-cli: File not found: /no/such/motif.png\n");
}

TEST_CASE("every command answers --help with exit 0", "[cli]") {
  for (auto args : std::vector<std::vector<std::string>>{{"--help"}, {"info", "--help"}, {"color", "--help"},
                                                         {"color", "delta-e", "--help"}, {"color", "convert", "-h"},
                                                         {"convert", "--help"}, {"--lang", "en", "convert", "--help"}}) {
    auto r = runCli(args);
    CHECK(r.code == 0);
    CHECK_FALSE(r.out.empty());
  }
}

TEST_CASE("info reports format, size, DPI and colours, as text and JSON", "[cli]") {
  test::TempDir dir;
  cv::Mat m(118, 236, CV_8UC3, cv::Scalar(10, 20, 30));
  m(cv::Rect(0, 0, 10, 10)).setTo(cv::Scalar(1, 2, 3));
  REQUIRE(imaging::saveImage(m, dir / "m.png", imaging::SaveOptions{.dpi = imaging::Dpi{300, 300}}));
  auto j = runCli({"info", (dir / "m.png").string(), "--json"});
  REQUIRE(j.code == 0);
  const auto doc = nlohmann::json::parse(j.out);
  CHECK(doc["format"] == "PNG");
  CHECK(doc["width"] == 236);
  CHECK(doc["height"] == 118);
  CHECK(doc["channels"] == 3);
  CHECK(doc["bit_depth"] == 8);
  CHECK(doc["dpi"]["x"].get<double>() == Approx(300));
  CHECK(doc["width_cm"].get<double>() == Approx(236 / 300.0 * 2.54));
  CHECK(doc["distinct_colors"] == 2);
  auto t = runCli({"info", (dir / "m.png").string()});
  CHECK(t.out.find("Ukuran cetak: 2,00 × 1,00 cm") != std::string::npos);
  CHECK(t.out.find("Jumlah warna: 2") != std::string::npos);
  auto limited = runCli({"--lang", "en", "info", (dir / "m.png").string(), "--max-mp", "0.01"});
  CHECK(limited.code == 2);
  CHECK(limited.err.find("too large: 236 × 118 pixels") != std::string::npos);
  CHECK(runCli({"info", (dir / "m.png").string(), "--max-mp", "-3"}).code == 1);
  REQUIRE(imaging::saveImage(m, dir / "nodpi.bmp"));
  auto n = runCli({"info", (dir / "nodpi.bmp").string(), "--json"});
  CHECK(nlohmann::json::parse(n.out)["dpi"].is_null());
}

TEST_CASE("convert re-encodes by extension, keeping or setting the DPI", "[cli]") {
  test::TempDir dir;
  cv::Mat m(20, 30, CV_8UC3, cv::Scalar(10, 200, 30));
  REQUIRE(imaging::saveImage(m, dir / "in.png", imaging::SaveOptions{.dpi = imaging::Dpi{150, 150}}));
  auto keep = runCli({"convert", (dir / "in.png").string(), (dir / "out.tif").string()});
  REQUIRE(keep.code == 0);
  auto t = imaging::loadImage(dir / "out.tif");
  REQUIRE(t);
  CHECK(t->source.dpi->x == Approx(150));
  CHECK(cv::norm(t->pixels, m, cv::NORM_INF) == 0);
  REQUIRE(runCli({"convert", (dir / "in.png").string(), (dir / "out.jpg").string(), "--dpi", "300", "--quality", "90"}).code == 0);
  auto j = imaging::loadImage(dir / "out.jpg");
  REQUIRE(j);
  CHECK(j->source.dpi->x == Approx(300));
  CHECK(runCli({"convert", (dir / "in.png").string(), (dir / "out.gif").string()}).code == 2);
  CHECK(runCli({"convert", (dir / "in.png").string(), (dir / "o.png").string(), "--dpi", "0"}).code == 1);
  CHECK(runCli({"convert", (dir / "in.png").string(), (dir / "o.png").string(), "--dpi", "abc"}).code == 1);
  CHECK(runCli({"convert", (dir / "in.png").string(), (dir / "o.tif").string(), "--compression", "zip"}).code == 1);
  CHECK(runCli({"convert", (dir / "missing.png").string(), (dir / "o.png").string()}).code == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "o.png"));
}

namespace {
// Four flat colours in known areas (cream 50%, soga 25%, indigo 12.5%, red 12.5%).
std::filesystem::path fourColours(const test::TempDir& dir) {
  cv::Mat m(80, 160, CV_8UC3, cv::Scalar(204, 228, 239));
  m(cv::Rect(0, 0, 80, 40)).setTo(cv::Scalar(43, 90, 139));
  m(cv::Rect(0, 40, 40, 40)).setTo(cv::Scalar(102, 58, 43));
  m(cv::Rect(40, 40, 40, 40)).setTo(cv::Scalar(72, 58, 178));
  const auto p = dir / "four.png";
  REQUIRE(imaging::saveImage(m, p, imaging::SaveOptions{.dpi = imaging::Dpi{150, 150}}));
  return p;
}
}  // namespace

TEST_CASE("palette lists the main colours with shares, as text and as a palette file", "[cli][colour]") {
  test::TempDir dir;
  const auto img = fourColours(dir);
  auto j = runCli({"palette", img.string(), "-k", "4", "--json"});
  REQUIRE(j.code == 0);
  auto pal = imaging::parsePaletteJson(j.out);
  REQUIRE(pal);
  REQUIRE(pal->swatches.size() == 4);
  CHECK(pal->swatches[0].share == Approx(0.5).margin(1e-6));
  CHECK(imaging::formatColor(pal->swatches[0].lab, imaging::ColorNotation::Hex) == "#EFE4CC");
  auto t = runCli({"palette", img.string(), "-k", "4"});
  CHECK(t.out.find("#EFE4CC") != std::string::npos);
  CHECK(t.out.find("50,0%") != std::string::npos);
  CHECK(runCli({"palette", img.string(), "-k", "0"}).code == 1);
  CHECK(runCli({"palette", img.string(), "-x", "4"}).code == 1);
  CHECK(runCli({"palette", img.string(), "--ignore", "#zz"}).code == 2);
}

TEST_CASE("quantize writes an image with at most k colours and the source DPI", "[cli][colour]") {
  test::TempDir dir;
  const auto img = fourColours(dir);
  REQUIRE(runCli({"quantize", img.string(), "-k", "2", "-o", (dir / "q.png").string()}).code == 0);
  auto q = imaging::loadImage(dir / "q.png");
  REQUIRE(q);
  CHECK(imaging::countDistinctColors(q->pixels) == 2);
  CHECK(q->source.dpi->x == Approx(150));
  CHECK(runCli({"quantize", img.string(), "-k", "2"}).code == 1);  // no -o
}

TEST_CASE("recolor maps the colours asked for and leaves the rest", "[cli][colour]") {
  test::TempDir dir;
  const auto img = fourColours(dir);
  // rgb(...) holds commas of its own; the map splits only between pairs.
  auto r = runCli({"recolor", img.string(), "--map", "rgb(139,90,43)=#2B3A66,#B23A48=#3E8E5A", "--flat", "-o", (dir / "r.png").string()});
  REQUIRE(r.code == 0);
  auto out = imaging::loadImage(dir / "r.png");
  REQUIRE(out);
  CHECK(out->pixels.at<cv::Vec3b>(10, 10) == cv::Vec3b(0x66, 0x3A, 0x2B));  // soga became indigo
  CHECK(out->pixels.at<cv::Vec3b>(60, 60) == cv::Vec3b(0x5A, 0x8E, 0x3E));  // red became green
  CHECK(out->pixels.at<cv::Vec3b>(10, 120) == cv::Vec3b(204, 228, 239));    // ground untouched
  REQUIRE(runCli({"recolor", img.string(), "--map", "#8B5A2B=#2B3A66", "-o", (dir / "s.png").string()}).code == 0);
  CHECK(runCli({"recolor", img.string(), "--map", "#8B5A2B", "-o", (dir / "x.png").string()}).code == 1);
  CHECK(runCli({"recolor", img.string(), "--map", "#8B5A2B=#zz", "-o", (dir / "x.png").string()}).code == 2);
  CHECK(runCli({"recolor", img.string(), "-o", (dir / "x.png").string()}).code == 1);
}

TEST_CASE("colorways writes N images and an index with palettes and dyeability", "[cli][colour]") {
  test::TempDir dir;
  const auto img = fourColours(dir);
  for (const char* scheme : {"harmony", "sogan", "indigo", "pesisiran", "natural", "random"}) {
    INFO(scheme);
    const auto out = dir / scheme;
    auto r = runCli({"colorways", img.string(), "-n", "4", "--scheme", scheme, "--seed", "3", "-o", out.string()});
    REQUIRE(r.code == 0);
    std::ifstream f(out / "colorways.json");
    const auto index = nlohmann::json::parse(f);
    REQUIRE(index["colorways"].size() == 4);
    for (const auto& cw : index["colorways"]) {
      CHECK(std::filesystem::exists(out / cw["file"].get<std::string>()));
      CHECK(cw["dyeable_in_succession"].is_boolean());
      CHECK(cw["colors"].size() == index["design"].size());
      CHECK(cw["dyeing_order"].size() == index["design"].size());
      // The process the centres would use, or why none can.
      CHECK(cw["dyeable"].is_boolean());
      CHECK(cw["process"]["dyeable"] == cw["dyeable"]);
      CHECK(cw["process"]["reason"].is_string());
      if (cw["dyeable"].get<bool>()) CHECK(cw["process"]["steps"].is_array());
      else CHECK(cw["process"]["blocking"].is_string());
      // Dyeable bath after bath implies dyeable at all.
      if (cw["dyeable_in_succession"].get<bool>()) CHECK(cw["dyeable"].get<bool>());
    }
  }
  CHECK(runCli({"colorways", img.string(), "-n", "2", "--scheme", "plaid", "-o", (dir / "z").string()}).code == 1);
  CHECK(runCli({"colorways", img.string(), "-n", "0", "-o", (dir / "z").string()}).code == 1);
}

TEST_CASE("repeat writes a cloth at the size and DPI asked and refuses bad parameters", "[cli][pattern]") {
  test::TempDir dir;
  cv::Mat t(40, 60, CV_8UC3, cv::Scalar(200, 220, 240));
  cv::circle(t, cv::Point(30, 20), 12, cv::Scalar(40, 80, 140), cv::FILLED);
  REQUIRE(imaging::saveImage(t, dir / "tile.png", {.dpi = imaging::Dpi{150, 150}}));
  const std::string tile = (dir / "tile.png").string();
  REQUIRE(runCli({"repeat", tile, "--layout", "half-drop", "--drop", "1/3", "--out-px", "200x150", "-o", (dir / "a.png").string()}).code == 0);
  auto a = imaging::loadImage(dir / "a.png");
  REQUIRE(a);
  CHECK(a->pixels.size() == cv::Size(200, 150));
  // 20 x 10 cm at 300 DPI; the 150-DPI tile keeps its physical size (doubled in pixels).
  REQUIRE(runCli({"repeat", tile, "--layout", "straight", "--size", "20x10cm", "--dpi", "300", "-o", (dir / "b.tif").string()}).code == 0);
  REQUIRE(runCli({"repeat", tile, "--seamless", "--out-px", "300x200", "-o", (dir / "s.png").string()}).code == 0);
  auto b = imaging::loadImage(dir / "b.tif");
  REQUIRE(b);
  CHECK(b->pixels.size() == cv::Size(2362, 1181));
  CHECK(b->source.dpi->x == Approx(300));
  CHECK(b->pixels.at<cv::Vec3b>(40, 60) == b->pixels.at<cv::Vec3b>(40, 60 + 120));  // period 120 px = 60 px at 150 DPI
  for (auto args : std::vector<std::vector<std::string>>{
           {"repeat", tile, "--layout", "half-drop", "--drop", "0", "--out-px", "10x10", "-o", "x.png"},
           {"repeat", tile, "--layout", "zigzag", "--out-px", "10x10", "-o", "x.png"},
           {"repeat", tile, "--out-px", "0x10", "-o", "x.png"},
           {"repeat", tile, "--size", "20x10cm", "-o", "x.png"},
           {"repeat", tile, "--size", "-5x10cm", "--dpi", "300", "-o", "x.png"},
           {"repeat", tile, "-o", "x.png"},
           {"symmetry", tile, "--group", "p5", "-o", "x.png"},
           {"symmetry", tile, "--group", "kaleido-5", "-o", "x.png"},
           {"layout", "kimono", "--motif", tile, "--dpi", "30", "-o", "x.png"},
           {"layout", "sarung", "--motif", tile, "--dpi", "0", "-o", "x.png"},
       }) {
    INFO(args[1] + " " + args[2] + " " + args[3]);
    auto r = runCli(args);
    CHECK(r.code == 1);
    CHECK_FALSE(r.err.empty());
  }
}

TEST_CASE("symmetry and layout write their images", "[cli][pattern]") {
  test::TempDir dir;
  cv::Mat t(50, 50, CV_8UC3, cv::Scalar(200, 220, 240));
  cv::line(t, cv::Point(0, 0), cv::Point(49, 20), cv::Scalar(40, 80, 140), 4);
  REQUIRE(imaging::saveImage(t, dir / "t.png"));
  const std::string tile = (dir / "t.png").string();
  for (const char* g : {"p1", "pmg", "p4m", "p6m", "kaleido-8"}) {
    INFO(g);
    REQUIRE(runCli({"symmetry", tile, "--group", g, "--out-px", "300x200", "-o", (dir / (std::string(g) + ".png")).string()}).code == 0);
    CHECK(imaging::loadImage(dir / (std::string(g) + ".png"))->pixels.size() == cv::Size(300, 200));
  }
  REQUIRE(runCli({"layout", "sarung", "--motif", tile, "--size", "100x50cm", "--dpi", "20", "-o", (dir / "s.tif").string()}).code == 0);
  auto s = imaging::loadImage(dir / "s.tif");
  REQUIRE(s);
  CHECK(s->pixels.size() == cv::Size(787, 394));
  CHECK(s->source.dpi->x == Approx(20));
  REQUIRE(runCli({"layout", "iket", "--motif", tile, "--border", tile, "--dpi", "10", "-o", (dir / "i.jpg").string()}).code == 0);
  CHECK(imaging::loadImage(dir / "i.jpg")->pixels.size() == cv::Size(394, 394));
}

TEST_CASE("motif draws a tile and writes its three layers", "[cli][motif]") {
  test::TempDir dir;
  auto r = runCli({"motif", "kawung", "--size", "240", "--dpi", "100", "--layers", (dir / "layers").string(), "-o", (dir / "k.png").string()});
  REQUIRE(r.code == 0);
  auto k = imaging::loadImage(dir / "k.png");
  REQUIRE(k);
  CHECK(k->pixels.size() == cv::Size(240, 240));
  CHECK(k->source.dpi->x == Approx(100));
  for (const char* l : {"outline.png", "isen.png", "ground.png"}) CHECK(imaging::loadImage(dir / "layers" / l));
  CHECK(runCli({"motif", "batik-x", "-o", (dir / "x.png").string()}).code == 1);
  CHECK(runCli({"motif", "parang", "--size", "5", "-o", (dir / "x.png").string()}).code == 1);
  CHECK(runCli({"motif", "parang", "--line-mm", "abc", "-o", (dir / "x.png").string()}).code == 1);
}

TEST_CASE("motif list names every generator and library entry, how it is drawn, and its sources", "[cli][motif]") {
  auto r = runCli({"--lang", "en", "motif", "list", "--json"});
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> by;
  for (const auto& e : j) by[e["id"].get<std::string>()] = e;
  for (int k = 0; k < imaging::kMotifKinds; ++k) {
    const std::string gen = imaging::motifName(imaging::MotifKind(k));
    INFO(gen);
    REQUIRE(by.count(gen));
    CHECK(by[gen]["drawn_by"] == "generator");
    CHECK(by[gen]["generator"] == gen);
    CHECK_FALSE(by[gen]["sources"].empty());  // every bundled generator has its library entry
  }
  for (const char* id : {"patrawisa", "sawah-layur", "lawa", "naga-tapa"}) {
    INFO(id);
    REQUIRE(by.count(id));
    CHECK(by[id]["drawn_by"] == "awaiting_image");
    CHECK(by[id]["generator"].is_null());
    CHECK_FALSE(by[id]["sources"].empty());
    CHECK_FALSE(by[id]["origin"].get<std::string>().empty());
    CHECK_FALSE(by[id]["family"].get<std::string>().empty());
  }
  CHECK(by["lawa"]["colours"].get<std::string>().find("black-white-red") != std::string::npos);
  CHECK(by["udan-liris"]["origin"].get<std::string>().find("Limbasari") != std::string::npos);
  // The words, in Indonesian by default, grouped by how each is drawn.
  auto text = runCli({"motif", "list"});
  REQUIRE(text.code == 0);
  const auto gen = text.out.find("Digambar oleh program"), wait = text.out.find("Menunggu foto atau gambar dari sentra");
  REQUIRE(gen != std::string::npos);
  REQUIRE(wait != std::string::npos);
  CHECK(text.out.find("udan-liris") < wait);
  CHECK(text.out.find("  patrawisa  Patrawisa") > wait);
  CHECK(text.out.find("asal: Limbasari, Bobotsari, Purbalingga") != std::string::npos);
  // `motif list` is the list; `motif NAME` still draws, and `list` takes no other option.
  CHECK(runCli({"motif", "list", "--size", "40"}).code == 1);
}

TEST_CASE("pola writes a PDF of the planned pages and refuses bad parameters", "[cli][pola]") {
  test::TempDir dir;
  cv::Mat m(300, 450, CV_8UC3, cv::Scalar(230, 230, 230));
  cv::circle(m, cv::Point(150, 150), 90, cv::Scalar(40, 40, 40), 5, cv::LINE_AA);
  REQUIRE(imaging::saveImage(m, dir / "m.png"));
  auto r = runCli({"--lang", "en", "pola", (dir / "m.png").string(), "--width-cm", "40", "--paper", "F4", "-o", (dir / "p.pdf").string()});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("pages") != std::string::npos);
  CHECK(std::filesystem::file_size(dir / "p.pdf") > 1000);
  CHECK(runCli({"pola", (dir / "m.png").string(), "-o", (dir / "x.pdf").string()}).code == 1);
  CHECK(runCli({"pola", (dir / "m.png").string(), "--width-cm", "0", "-o", (dir / "x.pdf").string()}).code == 2);  // issue 14: bad input
  CHECK(runCli({"pola", (dir / "m.png").string(), "--width-cm", "40", "--paper", "A3", "-o", (dir / "x.pdf").string()}).code == 1);
  CHECK(runCli({"pola", (dir / "nope.png").string(), "--width-cm", "40", "-o", (dir / "x.pdf").string()}).code == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "x.pdf"));
}

namespace {
void writeText(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p) << text;
}
const char* kSoganPlan = R"({"name": "uji", "steps": [
  {"op": "wax", "layer": "outline"}, {"op": "dye", "dye": "tegeran", "concentration": 100, "dips": 5},
  {"op": "fix", "fixer": "tawas"}, {"op": "wax", "layer": "isen"}, {"op": "crackle", "density": 2, "seed": 3},
  {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 8}, {"op": "lorod"}]})";
}  // namespace

TEST_CASE("dye list names every dye and fixer, as text and as JSON", "[cli][dye]") {
  auto r = runCli({"dye", "list", "--json"});
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["dyes"].size() >= 12);
  CHECK(j["fixers"].size() == 3);
  for (const auto& d : j["dyes"]) {
    CHECK_FALSE(d["source"].get<std::string>().empty());
    CHECK(d["colour"].get<std::string>().size() == 7);
  }
  auto en = runCli({"--lang", "en", "dye", "list"});
  CHECK(en.out.find("indigo") != std::string::npos);
  CHECK(en.out.find("Fixers:") != std::string::npos);
  test::TempDir dir;
  writeText(dir / "bad.json", "{\"cloth\": ");
  auto bad = runCli({"--lang", "en", "dye", "list", "--dyes", (dir / "bad.json").string()});
  CHECK(bad.code == 2);
}

TEST_CASE("dye simulate writes the cloth and every step, and scores against a target", "[cli][dye]") {
  test::TempDir dir;
  REQUIRE(runCli({"motif", "kawung", "--size", "240", "--dpi", "100", "--layers", (dir / "L").string(), "-o", (dir / "k.png").string()}).code == 0);
  writeText(dir / "plan.json", kSoganPlan);
  auto r = runCli({"--lang", "en", "dye", "simulate", (dir / "plan.json").string(), "--layers", (dir / "L").string(), "--steps",
                   (dir / "S").string(), "-o", (dir / "out.png").string()});
  REQUIRE(r.code == 0);
  auto out = imaging::loadImage(dir / "out.png");
  REQUIRE(out);
  CHECK(out->pixels.size() == cv::Size(240, 240));
  for (int i = 0; i <= 7; ++i) CHECK(std::filesystem::exists(dir / "S" / ("step-0" + std::to_string(i) + ".png")));
  // Scored against itself: a perfect plan.
  auto self = runCli({"--lang", "en", "dye", "simulate", (dir / "plan.json").string(), "--layers", (dir / "L").string(), "--target",
                      (dir / "out.png").string(), "-o", (dir / "again.png").string()});
  REQUIRE(self.code == 0);
  CHECK(self.out.find("mean ΔE00 0.00; 100.0% of pixels within ΔE00 5; 2 baths") != std::string::npos);
  // Without the isen waxed, the isen goes dark and the score says so.
  std::string missed = kSoganPlan;
  missed.replace(missed.find(R"({"op": "wax", "layer": "isen"}, )"), std::string(R"({"op": "wax", "layer": "isen"}, )").size(), "");
  writeText(dir / "missed.json", missed);
  auto off = runCli({"--lang", "en", "dye", "simulate", (dir / "missed.json").string(), "--layers", (dir / "L").string(), "--target",
                     (dir / "out.png").string(), "-o", (dir / "m.png").string()});
  REQUIRE(off.code == 0);
  CHECK(off.out.find("the isen layer") != std::string::npos);
  // Layers from a picture work too.
  CHECK(runCli({"dye", "simulate", (dir / "plan.json").string(), "--motif", (dir / "k.png").string(), "-o", (dir / "p.png").string()}).code == 0);
}

TEST_CASE("dye simulate refuses malformed plans naming the step and field", "[cli][dye]") {
  test::TempDir dir;
  REQUIRE(runCli({"motif", "kawung", "--size", "120", "--layers", (dir / "L").string(), "-o", (dir / "k.png").string()}).code == 0);
  writeText(dir / "bad.json", R"({"steps": [{"op": "wax", "layer": "outline"}, {"op": "dye", "dye": "kopi", "concentration": 5, "dips": 2}]})");
  auto r = runCli({"--lang", "en", "dye", "simulate", (dir / "bad.json").string(), "--layers", (dir / "L").string(), "-o", (dir / "o.png").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("steps[1].dye") != std::string::npos);
  CHECK(r.err.find("not in the dye book") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "o.png"));
  // Neither or both of --motif and --layers is a usage error.
  CHECK(runCli({"dye", "simulate", (dir / "bad.json").string(), "-o", (dir / "o.png").string()}).code == 1);
  CHECK(runCli({"dye", "simulate", (dir / "bad.json").string(), "--motif", "a.png", "--layers", "L", "-o", (dir / "o.png").string()}).code == 1);
  CHECK(runCli({"dye", "simulate", (dir / "none.json").string(), "--layers", (dir / "L").string(), "-o", (dir / "o.png").string()}).code == 2);
}

TEST_CASE("dye recipe gives every bath its own volume and every amount its unit, and prints a card", "[cli][dye]") {
  test::TempDir dir;
  writeText(dir / "plan.json", kSoganPlan);
  // 300 g at 1:30 is 9 L. Tegeran is weighed against the cloth (2 kg per kg: 600 g) and its dip
  // bath is the extract (8-10 L per kg: 2.4-3 L); the alum bath has its own 9 L at 5-70 g/L;
  // natural indigo is a paste at 200 g/L (1.8 kg for 9 L) with lime and palm sugar named.
  auto r = runCli({"--lang", "en", "dye", "recipe", (dir / "plan.json").string(), "--cloth-g", "300", "--ratio", "30", "--pdf",
                   (dir / "card.pdf").string()});
  REQUIRE(r.code == 0);
  INFO(r.out);
  CHECK(r.out.find("9.0 litres") != std::string::npos);
  CHECK(r.out.find("tegeran wood: 600 g (2000 g/kg)") != std::string::npos);
  CHECK(r.out.find("Dip in the extract — 2.4–3.0 litres") != std::string::npos);
  CHECK(r.out.find("Fixing bath: Alum — 9.0 litres") != std::string::npos);
  CHECK(r.out.find("alum: 45–630 g (5-70 g/L)") != std::string::npos);
  CHECK(r.out.find("indigo paste: 1,800 g (200 g/L)") != std::string::npos);
  CHECK(r.out.find("lime and palm sugar (1 : 1): the sources give no amount") != std::string::npos);
  CHECK(r.out.find("°C") == std::string::npos);  // no source gives a temperature for these baths
  CHECK(std::filesystem::file_size(dir / "card.pdf") > 1000);
  auto id = runCli({"dye", "recipe", (dir / "plan.json").string(), "--cloth-g", "300"});
  CHECK(id.out.find("6,0 liter") != std::string::npos);  // default 1:20, Indonesian decimals
  CHECK(id.out.find("kayu tegeran: 600 g") != std::string::npos);
  // For scripts: each amount a number with its unit, null where the sources give none.
  auto js = runCli({"dye", "recipe", (dir / "plan.json").string(), "--cloth-g", "300", "--ratio", "30", "--json"});
  REQUIRE(js.code == 0);
  const auto j = nlohmann::json::parse(js.out);
  CHECK(j["cloth_g"] == 300);
  bool paste = false, sugar = false;
  for (const auto& b : j["baths"])
    for (const auto& a : b["amounts"]) {
      if (a["what"] == "pasta indigo") {
        paste = true;
        CHECK(a["amount"].get<double>() == Approx(1800));
        CHECK(a["unit"] == "g");
        CHECK(b["litres"].get<double>() == Approx(9));
      }
      if (a["what"].get<std::string>().rfind("kapur dan gula aren", 0) == 0) {
        sugar = true;
        CHECK(a["amount"].is_null());
      }
    }
  CHECK(paste);
  CHECK(sugar);
  CHECK(runCli({"dye", "recipe", (dir / "plan.json").string()}).code == 1);
  CHECK(runCli({"dye", "recipe", (dir / "plan.json").string(), "--cloth-g", "-3"}).code == 1);
  CHECK(runCli({"dye", "recipe", (dir / "plan.json").string(), "--cloth-g", "300", "--ratio", "2"}).code == 1);
  CHECK(runCli({"dye", "recipe", (dir / "plan.json").string(), "--cloth-g", "300", "--pdf", (dir / "no" / "c.pdf").string()}).code == 2);
  CHECK(runCli({"dye", "bake"}).code == 1);
  // By size and gsm: 250 x 105 cm at 110 g/m2 = 288.75 g; at 1:20 that is 5.8 L (5.775).
  auto bySize = runCli({"--lang", "en", "dye", "recipe", (dir / "plan.json").string(), "--cloth-cm", "250x105", "--gsm", "110"});
  REQUIRE(bySize.code == 0);
  CHECK(bySize.out.find("Cloth 289 g") != std::string::npos);
  CHECK(bySize.out.find("5.8 litres") != std::string::npos);
  CHECK(runCli({"dye", "recipe", (dir / "plan.json").string(), "--cloth-cm", "250x105"}).code == 1);
  CHECK(runCli({"dye", "recipe", (dir / "plan.json").string(), "--cloth-cm", "250by105", "--gsm", "110"}).code == 1);
}

TEST_CASE("dye check-colourway gives classic sogan its medel, kerok, mbironi and soga, and says a yellow on blue needs kerok or colet", "[cli][dye]") {
  auto r = runCli({"--lang", "en", "dye", "check-colourway", "#EFE4CC,#2B3556,#8B5A2B,#1E1B22", "--json"});
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["dyeable"] == true);
  CHECK(j["succession"] == false);
  CHECK(j["kerok"] == 1);
  std::vector<std::string> steps;
  for (const auto& s : j["steps"]) steps.push_back(s["step"]);
  CHECK(steps == std::vector<std::string>{"wax", "dye", "kerok", "mbironi", "dye", "mbironi", "dye", "lorod"});
  // The first bath dyes the blue and the near-black, the indigo's areas.
  CHECK(j["steps"][1]["colours"] == nlohmann::json{"#2B3556", "#1E1B22"});
  auto text = runCli({"--lang", "en", "dye", "check-colourway", "#F4F1EA,#F0D040,#3050C0"});
  REQUIRE(text.code == 0);
  CHECK(text.out.find("kerok") != std::string::npos);
  CHECK(text.out.find("colet") != std::string::npos);
  CHECK(text.out.find("#F0D040") != std::string::npos);
  auto id = runCli({"--lang", "id", "dye", "check-colourway", "#F4F1EA,#F0D040,#3050C0"});
  CHECK(id.out.find("Kerok: kerok malam di #F0D040") != std::string::npos);
  // A colour that is not one is refused, with its value named.
  auto bad = runCli({"--lang", "en", "dye", "check-colourway", "#EFE4CC,soga"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("soga") != std::string::npos);
  CHECK(runCli({"dye", "check-colourway", ","}).code == 1);
}
