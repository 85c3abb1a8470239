// canting-cli dye simulate and dye recipe with the cap and ciprat steps.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "canting/imaging/image_io.h"
#include "run_cli.h"
#include "support/image_fixtures.h"

using namespace canting;
using test::runCli;

namespace {

const char* kCapPlan = R"({"name": "cap", "steps": [
  {"op": "cap", "tile": "all", "size_cm": 4, "at": [[5, 5]]},
  {"op": "cap", "tile": "motif:kawung", "size_cm": 20, "placement": "half-drop"},
  {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 6},
  {"op": "ciprat", "layer": "ground", "dye": "remazol-merah", "concentration": 40, "density": 1, "drop_mm": 3, "seed": 4},
  {"op": "lorod"}]})";

}  // namespace

TEST_CASE("dye simulate runs cap and ciprat steps: a 4 cm stamp by hand keeps 4 cm of cloth white at the plan's DPI", "[cli][dye][cap]") {
  test::TempDir dir;
  // 10 px per cm: 48 cm of cloth.
  REQUIRE(runCli({"motif", "ceplok", "--size", "480", "--dpi", "25.4", "--layers", (dir / "L").string(), "-o", (dir / "m.png").string()}).code == 0);
  std::ofstream(dir / "plan.json") << kCapPlan;
  auto r = runCli({"--lang", "en", "dye", "simulate", (dir / "plan.json").string(), "--layers", (dir / "L").string(), "--dpi", "25.4",
                   "--steps", (dir / "S").string(), "-o", (dir / "out.png").string()});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  for (int i = 0; i <= 5; ++i) CHECK(std::filesystem::exists(dir / "S" / ("step-0" + std::to_string(i) + ".png")));
  auto out = imaging::loadImage(dir / "out.png");
  REQUIRE(out);
  const cv::Mat& px = out->pixels;
  // The stamp centred at (5, 5) cm spans 3..7 cm: pixels 30..70 stayed the cloth's white.
  for (const cv::Point p : {cv::Point(32, 32), cv::Point(50, 50), cv::Point(68, 68)}) {
    const cv::Vec3b v = px.at<cv::Vec3b>(p);
    CHECK(std::min({v[0], v[1], v[2]}) > 200);
  }
  // Just outside it the indigo reached (unless a cap line or a drop is there: the darkest of a few).
  int darkest = 255;
  for (int x = 74; x < 90; ++x) darkest = std::min<int>(darkest, px.at<cv::Vec3b>(50, x)[2]);
  CHECK(darkest < 120);
  // A broken cap is refused, naming the step and field.
  std::ofstream(dir / "bad.json") << R"({"steps": [{"op": "cap", "tile": "isen", "placement": "diagonal"}]})";
  auto bad = runCli({"--lang", "en", "dye", "simulate", (dir / "bad.json").string(), "--layers", (dir / "L").string(), "-o", (dir / "b.png").string()});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("steps[0].placement") != std::string::npos);
}

TEST_CASE("dye recipe names the cap as wax with its size and placement, and doses the ciprat as its dye", "[cli][dye][cap]") {
  test::TempDir dir;
  std::ofstream(dir / "plan.json") << kCapPlan;
  auto r = runCli({"--lang", "en", "dye", "recipe", (dir / "plan.json").string(), "--cloth-g", "500"});
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("Step 1 · Cap: wax stamped with a 4 cm copper cap, by hand (1) — not a dye bath") != std::string::npos);
  CHECK(r.out.find("Step 2 · Cap: wax stamped with a 20 cm copper cap, in a grid, every other column dropped half a stamp") != std::string::npos);
  CHECK(r.out.find("Step 4 · Colet solution") != std::string::npos);
  auto js = runCli({"dye", "recipe", (dir / "plan.json").string(), "--cloth-g", "500", "--json"});
  REQUIRE(js.code == 0);
  const auto j = nlohmann::json::parse(js.out);
  int caps = 0;
  for (const auto& b : j["baths"])
    if (b["role"] == "cap") {
      ++caps;
      CHECK(b["litres"].is_null());
      CHECK(b["amounts"].empty());
      CHECK(b["size_cm"].is_number());
    }
  CHECK(caps == 2);
}
