// canting-cli dye infer: a photographed cloth read back into its masks, plan
// and target, which dye simulate and dye recipe then run as they are; an
// exercise made from a photo; the photos that cannot be read, in both languages.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/image_io.h"
#include "run_cli.h"
#include "support/image_fixtures.h"
#include "support/repeat_photo.h"

using namespace canting;
using test::runCli;

namespace {

cv::Mat photographedCloth() {
  test::RepeatPhotoSpec s = test::phonePhotoSpec({640, 480});
  s.motif = imaging::MotifKind::Ceplok;
  s.tileSize = {200, 200};
  return test::makeRepeatPhoto(s).photo;
}

nlohmann::json readJson(const std::filesystem::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in, nullptr, false);
}

// XDG_DATA_HOME for one scope, so an exercise lands in a temporary folder.
struct DataHome {
  std::optional<std::string> old;
  explicit DataHome(const std::filesystem::path& dir) {
    if (const char* v = std::getenv("XDG_DATA_HOME")) old = v;
    ::setenv("XDG_DATA_HOME", dir.c_str(), 1);
  }
  ~DataHome() { old ? void(::setenv("XDG_DATA_HOME", old->c_str(), 1)) : void(::unsetenv("XDG_DATA_HOME")); }
};

}  // namespace

TEST_CASE("dye infer writes the plan, the masks it names and the target, dye simulate and dye recipe run it unchanged", "[cli][dye][infer]") {
  test::TempDir dir;
  REQUIRE(imaging::saveImage(photographedCloth(), dir / "kain.jpg"));
  const auto plan = dir / "rencana.json", layers = dir / "lapisan";
  auto r = runCli({"--lang", "en", "dye", "infer", (dir / "kain.jpg").string(), "--layers", layers.string(), "-o", plan.string(),
                   "--cloth-width-cm", "20"});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("Plan saved") != std::string::npos);
  for (const char* f : {"outline.png", "isen.png", "ground.png", "target.png"}) CHECK(std::filesystem::exists(layers / f));
  const auto j = readJson(plan);
  REQUIRE(j.is_object());
  int baths = 0;
  for (const auto& s : j["steps"]) {
    baths += s["op"] == "dye";
    if (s.contains("layer")) {
      const std::string layer = s["layer"];
      REQUIRE(layer.rfind("mask:warna-", 0) == 0);
      CHECK(std::filesystem::exists(layers / layer.substr(5)));
    }
  }
  CHECK(baths >= 1);
  CHECK(j["steps"].back()["op"] == "lorod");

  // Run as the issue's contract says, with the plan in another folder than its masks.
  std::filesystem::create_directories(dir / "lain");
  std::filesystem::copy_file(plan, dir / "lain" / "rencana.json");
  auto sim = runCli({"--lang", "en", "dye", "simulate", (dir / "lain" / "rencana.json").string(), "--layers", layers.string(), "-o",
                     (dir / "kain-sim.png").string(), "--target", (layers / "target.png").string()});
  INFO(sim.out << sim.err);
  REQUIRE(sim.code == 0);
  CHECK(sim.out.find("mean ΔE00") != std::string::npos);
  auto recipe = runCli({"dye", "recipe", plan.string(), "--cloth-g", "300"});
  CHECK(recipe.code == 0);

  // -k fixes the count of colours; --target names the target.
  auto k3 = runCli({"dye", "infer", (dir / "kain.jpg").string(), "-k", "3", "--layers", (dir / "k3").string(), "--target",
                    (dir / "target3.png").string(), "-o", (dir / "k3.json").string()});
  INFO(k3.err);
  REQUIRE(k3.code == 0);
  CHECK(std::filesystem::exists(dir / "target3.png"));
  CHECK(std::filesystem::exists(dir / "k3" / "warna-3.png"));
  CHECK_FALSE(std::filesystem::exists(dir / "k3" / "warna-4.png"));
}

TEST_CASE("dye infer --exercise saves an exercise the lab lists, dye simulate runs an exercise's own cloth", "[cli][dye][infer]") {
  test::TempDir dir;
  DataHome home(dir / "data");
  REQUIRE(imaging::saveImage(photographedCloth(), dir / "kain.png"));
  auto r = runCli({"dye", "infer", (dir / "kain.png").string(), "--layers", (dir / "L").string(), "-o", (dir / "p.json").string(),
                   "--exercise", "Ceplok dari foto"});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  const auto saved = dir / "data" / "canting" / "dyes" / "plans" / "ceplok-dari-foto.json";
  REQUIRE(std::filesystem::exists(saved));
  const auto j = readJson(saved);
  CHECK(j["exercise"]["title_id"] == "Ceplok dari foto");
  CHECK(j["exercise"]["layers"] == "ceplok-dari-foto");
  CHECK(std::filesystem::exists(dir / "data" / "canting" / "dyes" / "plans" / "ceplok-dari-foto" / "target.png"));
  CHECK(readJson(dir / "p.json")["exercise"]["layers"] == "L");
  // Neither --motif nor --layers: the exercise's layers, for a photo's exercise and a shipped one.
  for (const std::filesystem::path& p : {saved, dir / "p.json", std::filesystem::path(CANTING_ASSETS_DIR) / "dyes" / "plans" / "sogan-kawung.json"}) {
    auto sim = runCli({"dye", "simulate", p.string(), "-o", (dir / "sim.png").string()});
    INFO(p << ": " << sim.err);
    CHECK(sim.code == 0);
  }
  // A second exercise of the same title does not replace the first.
  REQUIRE(runCli({"dye", "infer", (dir / "kain.png").string(), "--layers", (dir / "L2").string(), "-o", (dir / "p2.json").string(),
                  "--exercise", "Ceplok dari foto"}).code == 0);
  CHECK(std::filesystem::exists(dir / "data" / "canting" / "dyes" / "plans" / "ceplok-dari-foto-2.json"));
  // A plan with no exercise still wants a cloth.
  std::ofstream(dir / "bare.json") << R"({"steps":[{"op":"lorod"}]})";
  CHECK(runCli({"dye", "simulate", (dir / "bare.json").string(), "-o", (dir / "x.png").string()}).code == 1);
}

TEST_CASE("dye infer on photos it cannot read says why in both languages, grey, 16-bit and alpha photos are read", "[cli][dye][infer]") {
  test::TempDir dir;
  cv::Mat motif(240, 320, CV_8UC3, cv::Scalar(235, 240, 244));
  cv::circle(motif, {160, 120}, 60, cv::Scalar(40, 60, 120), 8);
  cv::Mat grey, wide, alpha;
  cv::cvtColor(motif, grey, cv::COLOR_BGR2GRAY);
  motif.convertTo(wide, CV_16UC3, 257);
  cv::cvtColor(motif, alpha, cv::COLOR_BGR2BGRA);
  REQUIRE(imaging::saveImage(grey, dir / "abu.png"));
  REQUIRE(imaging::saveImage(wide, dir / "16bit.png"));
  REQUIRE(imaging::saveImage(alpha, dir / "alfa.png"));
  REQUIRE(imaging::saveImage(cv::Mat(30, 30, CV_8UC3, cv::Scalar(40, 60, 120)), dir / "kecil.png"));
  REQUIRE(imaging::saveImage(cv::Mat(200, 300, CV_8UC3, cv::Scalar(200, 205, 210)), dir / "polos.png"));
  for (const char* f : {"abu.png", "16bit.png", "alfa.png"}) {
    auto r = runCli({"dye", "infer", (dir / f).string(), "--layers", (dir / (std::string(f) + ".d")).string(), "-o", (dir / (std::string(f) + ".json")).string()});
    INFO(f << ": " << r.err);
    CHECK(r.code == 0);
  }
  struct Bad {
    const char* file;
    const char* id;
    const char* en;
  };
  for (const Bad& b : {Bad{"kecil.png", "terlalu kecil", "too small"}, Bad{"polos.png", "kain polos", "plain cloth"}}) {
    for (const char* lang : {"id", "en"}) {
      auto r = runCli({"--lang", lang, "dye", "infer", (dir / b.file).string(), "--layers", (dir / "x").string(), "-o", (dir / "x.json").string()});
      INFO(b.file << " " << lang << ": " << r.err);
      CHECK(r.code == 2);
      CHECK(r.err.find(std::string(lang) == "id" ? b.id : b.en) != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(dir / "x.json"));
  }
  // Usage: --layers is required, -k is a whole number 2-8.
  CHECK(runCli({"dye", "infer", (dir / "abu.png").string(), "-o", (dir / "y.json").string()}).code == 1);
  CHECK(runCli({"dye", "infer", (dir / "abu.png").string(), "-k", "1", "--layers", (dir / "y").string(), "-o", (dir / "y.json").string()}).code == 1);
  CHECK(runCli({"dye", "infer", (dir / "abu.png").string(), "-k", "2.5", "--layers", (dir / "y").string(), "-o", (dir / "y.json").string()}).code == 1);
}
