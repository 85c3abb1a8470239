// The CLI and the Studio share one code path: the same action with the same
// parameters gives bit-identical pixels. The CLI runs in process (as
// canting-cli would); the Studio side is a Workbench's DesignSession edited
// as the panel edits it, exported as its Export button exports.

#include <catch2/catch.hpp>

#include <functional>
#include <opencv2/imgproc.hpp>

#include "canting/core/workbench.h"
#include "canting/imaging/color.h"
#include "canting/imaging/image_io.h"
#include "run_cli.h"
#include "support/image_fixtures.h"

using namespace canting;
namespace fs = std::filesystem;
namespace im = imaging;

namespace {

fs::path motif(const test::TempDir& dir) {
  // Flat colours (no anti-aliasing): the design palette has one swatch per colour.
  cv::Mat m(90, 120, CV_8UC3, cv::Scalar(204, 228, 239));
  cv::circle(m, cv::Point(40, 45), 25, cv::Scalar(43, 90, 139), cv::FILLED);
  cv::rectangle(m, cv::Rect(75, 20, 30, 50), cv::Scalar(102, 58, 43), cv::FILLED);
  cv::GaussianBlur(m(cv::Rect(0, 70, 60, 20)), m(cv::Rect(0, 70, 60, 20)), cv::Size(9, 9), 3);  // some shading to keep
  REQUIRE(im::saveImage(m, dir / "motif.png", {.dpi = im::Dpi{200, 200}}));
  return dir / "motif.png";
}

// The Studio: open the image, make the edit, export the design.
cv::Mat studio(const test::TempDir& dir, const fs::path& image, const std::function<void(core::Design&)>& edit) {
  core::Workbench::Options o;
  o.settingsFile = dir / "s.json";
  o.assets = CANTING_ASSETS_DIR;
  o.dataDir = dir / "data";
  core::Workbench wb(o);
  REQUIRE(wb.openDesignFile(image));
  wb.design()->edit("studio.edit.add", edit);
  const fs::path out = dir / "studio.png";
  wb.exportDesign(out, {});
  wb.finishAll();
  auto img = im::loadImage(out);
  REQUIRE(img);
  return img->pixels;
}

cv::Mat viaCli(const test::TempDir& dir, std::vector<std::string> args) {
  const fs::path out = dir / "cli.png";
  args.insert(args.end(), {"-o", out.string()});
  const auto r = test::runCli(args);
  INFO(r.err);
  REQUIRE(r.code == 0);
  auto img = im::loadImage(out);
  REQUIRE(img);
  return img->pixels;
}

void same(const cv::Mat& a, const cv::Mat& b) {
  REQUIRE(a.size() == b.size());
  REQUIRE(a.type() == b.type());
  CHECK(cv::norm(a, b, cv::NORM_INF) == 0);
}

}  // namespace

TEST_CASE("the CLI and the Studio give bit-identical pixels for the same action", "[cli][identity]") {
  test::TempDir dir;
  const fs::path img = motif(dir);
  const std::string path = img.string();

  SECTION("quantize") {
    same(viaCli(dir, {"quantize", path, "-k", "3"}), studio(dir, img, [](core::Design& d) { d.ops.emplace_back(core::QuantizeOp{.colours = 3}); }));
  }
  SECTION("quantize with the defaults") {
    same(viaCli(dir, {"quantize", path}), studio(dir, img, [](core::Design& d) { d.ops.emplace_back(core::QuantizeOp{}); }));
  }
  SECTION("recolor, shading kept and flat") {
    // The Studio's palette swatch, as a user would name it on the command line.
    auto design = core::designFromFile(img);
    REQUIRE(design);
    const im::Lab from = design->palette.swatches[1].lab;
    const std::string fromHex = im::formatColor(from, im::ColorNotation::Hex);
    const im::Lab to = *im::parseColor("#2B3A66");
    for (bool flat : {false, true}) {
      INFO("flat " << flat);
      std::vector<std::string> args = {"recolor", path, "--map", fromHex + "=#2B3A66"};
      if (flat) args.push_back("--flat");
      same(viaCli(dir, args), studio(dir, img, [&](core::Design& d) {
             core::recolorOp(d).targets[1] = to;
             core::recolorOp(d).mode = flat ? im::RecolorMode::Flat : im::RecolorMode::ShadingPreserving;
           }));
    }
  }
  SECTION("adjust") {
    same(viaCli(dir, {"adjust", path, "--hue", "40", "--chroma", "1.3", "--contrast", "0.8"}),
         studio(dir, img, [](core::Design& d) { d.ops.emplace_back(core::AdjustOp{{.hueShift = 40, .chromaScale = 1.3, .contrast = 0.8}}); }));
  }
  SECTION("tone") {
    same(viaCli(dir, {"tone", path, "--palette", "sogan", "--strength", "0.4"}),
         studio(dir, img, [](core::Design& d) { d.ops.emplace_back(core::ToneOp{"sogan", 0.4}); }));
  }
  SECTION("transform") {
    same(viaCli(dir, {"transform", path, "--turns", "1", "--flip-h", "--scale", "0.5"}),
         studio(dir, img, [](core::Design& d) { d.ops.emplace_back(core::TransformOp{.quarterTurns = 1, .flipH = true, .scale = 0.5}); }));
    same(viaCli(dir, {"transform", path, "--seamless"}),
         studio(dir, img, [](core::Design& d) { d.ops.emplace_back(core::TransformOp{.seamless = true}); }));
  }
  SECTION("symmetry") {
    for (const char* g : {"p4m", "pgg", "kaleido-6"}) {
      INFO(g);
      same(viaCli(dir, {"symmetry", path, "--group", g}),
           studio(dir, img, [&](core::Design& d) { d.ops.emplace_back(*core::SymmetryOp::parse(g)); }));
    }
  }
  SECTION("repeat") {
    // The Studio repeats 3 x 2 tiles; the CLI is asked for that many pixels.
    same(viaCli(dir, {"repeat", path, "--layout", "half-drop", "--drop", "1/3", "--out-px", "360x180"}),
         studio(dir, img, [](core::Design& d) {
           d.ops.emplace_back(core::RepeatOp{.repeat = {im::RepeatLayout::HalfDrop, 1.0 / 3}, .across = 3, .down = 2});
         }));
    same(viaCli(dir, {"repeat", path, "--layout", "mirror", "--seamless", "--out-px", "240x270"}),
         studio(dir, img, [](core::Design& d) {
           d.ops.emplace_back(core::TransformOp{.seamless = true});
           d.ops.emplace_back(core::RepeatOp{.repeat = {im::RepeatLayout::Mirror}, .across = 2, .down = 3});
         }));
  }
}

TEST_CASE("adjust, tone and transform refuse values the Studio's operations refuse", "[cli][identity]") {
  test::TempDir dir;
  const std::string path = motif(dir).string(), out = (dir / "x.png").string();
  for (auto args : std::vector<std::vector<std::string>>{
           {"adjust", path, "--hue", "400", "-o", out},
           {"adjust", path, "--contrast", "-1", "-o", out},
           {"tone", path, "--palette", "plaid", "-o", out},
           {"tone", path, "--palette", "sogan", "--strength", "2", "-o", out},
           {"transform", path, "--turns", "4", "-o", out},
           {"transform", path, "--turns", "1.5", "-o", out},
           {"transform", path, "--scale", "9", "-o", out},
           {"transform", path, "--turns", "1"},  // no -o
       }) {
    INFO(args[0] + " " + args[2]);
    const auto r = test::runCli(args);
    CHECK(r.code == 1);
    CHECK_FALSE(r.err.empty());
  }
  CHECK(test::runCli({"transform", (dir / "missing.png").string(), "-o", out}).code == 2);
}
