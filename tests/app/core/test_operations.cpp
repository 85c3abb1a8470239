#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/core/actions.h"
#include "canting/core/design.h"
#include "support/image_fixtures.h"

using namespace canting;
namespace fs = std::filesystem;
namespace im = imaging;

namespace {
// Two flat colours, soga on cream: enough for a palette and every operation.
fs::path motif(const test::TempDir& dir) {
  cv::Mat m(80, 100, CV_8UC3, cv::Scalar(204, 228, 239));
  m(cv::Rect(20, 10, 50, 60)).setTo(cv::Scalar(43, 90, 139));
  REQUIRE(im::saveImage(m, dir / "motif.png", {.dpi = im::Dpi{200, 200}}));
  return dir / "motif.png";
}
void writeText(const fs::path& p, const std::string& text) { test::writeAll(p, test::Bytes(text.begin(), text.end())); }
}  // namespace

TEST_CASE("each operation kind has its defaults in its struct and validates its ranges", "[core][operations]") {
  for (core::Operation::Kind k : core::operationKinds()) {
    const core::Operation op = core::Operation::make(k);
    INFO(core::operationName(k));
    CHECK(op.kind() == k);
    CHECK(op.enabled);
    CHECK(op.validate(0));
    CHECK(core::parseOperationKind(core::operationName(k)) == k);
  }
  CHECK(core::QuantizeOp{}.colours == 8);
  CHECK(core::OpenOptions{}.colours == core::kDesignColours);
  CHECK_FALSE(core::QuantizeOp{.colours = 0}.validate());
  CHECK_FALSE(core::QuantizeOp{.colours = 65}.validate());
  CHECK_FALSE(core::TransformOp{.quarterTurns = 4}.validate());
  CHECK_FALSE(core::TransformOp{.scale = 9}.validate());
  CHECK_FALSE(core::AdjustOp{{.hueShift = 400}}.validate());
  CHECK_FALSE(core::ToneOp{"sogan", 1.5}.validate());
  CHECK_FALSE(core::RepeatOp{.across = 0}.validate());
  CHECK_FALSE(core::RepeatOp{.repeat = {im::RepeatLayout::HalfDrop, 1.0}}.validate());
  CHECK_FALSE(core::RepeatOp{.widthPx = 10}.validate());  // a width needs a height
  CHECK_FALSE(core::LayoutOp{.dpi = 5}.validate());
  CHECK_FALSE(core::SymmetryOp{.kind = core::SymmetryOp::Kind::Kaleidoscope, .folds = 5}.validate());
  CHECK_FALSE(core::RecolorOp{.targets = {im::Lab{50, 0, 0}}}.validate(2));  // one target for two swatches
  CHECK_FALSE(core::Operation(core::QuantizeOp{.colours = 0}).validate(0));
}

TEST_CASE("the lists of valid values are what the panel and the CLI offer", "[core][operations]") {
  CHECK(core::SymmetryOp::all().size() == 17 + 4);
  for (const core::SymmetryOp& s : core::SymmetryOp::all()) {
    INFO(s.name());
    CHECK(s.validate());
    CHECK(core::SymmetryOp::parse(s.name()) == s);
  }
  CHECK(core::SymmetryOp::parse("kaleido-6")->folds == 6);
  CHECK(core::SymmetryOp::parse("p4m")->group == im::WallpaperGroup::P4M);
  CHECK_FALSE(core::SymmetryOp::parse("kaleido-5"));
  CHECK_FALSE(core::SymmetryOp::parse("p5"));
  CHECK(core::repeatLayouts().size() == 5);
  for (im::ClothKind c : core::clothKinds()) CHECK(im::parseClothKind(core::clothName(c)) == c);
  for (auto s : core::schemes()) CHECK(core::parseScheme(core::schemeName(s)) == s);
  CHECK_FALSE(core::parseScheme("plaid"));
}

TEST_CASE("a project written in the old string format still opens and renders", "[core][design][project]") {
  test::TempDir dir;
  motif(dir);
  // Version 1 as the Studio wrote it before the typed operations: the
  // symmetry group and the cloth as strings, quantize without seed or refine.
  writeText(dir / "old.canting", R"({
 "format": "canting-project",
 "version": 1,
 "source": {"name": "motif.png", "file": "motif.png", "dpi": 200},
 "palette": [{"lab": [90.0, 2.0, 12.0], "share": 0.7, "name": ""}, {"lab": [40.0, 20.0, 35.0], "share": 0.3, "name": ""}],
 "locked": [false, true],
 "operations": [
  {"enabled": true, "kind": "recolor", "mode": "shading", "targets": [null, [30.0, 20.0, -40.0]]},
  {"enabled": true, "kind": "adjust", "hue": 25.0, "chroma": 1.0, "lightness": 1.0, "contrast": 1.2},
  {"enabled": false, "kind": "quantize", "colours": 6},
  {"enabled": true, "kind": "tone", "palette": "sogan", "strength": 0.3},
  {"enabled": true, "kind": "transform", "quarter_turns": 1, "flip_h": true, "flip_v": false, "scale": 1.0, "seamless": false},
  {"enabled": true, "kind": "symmetry", "group": "kaleido-8"},
  {"enabled": false, "kind": "symmetry", "group": "p31m"},
  {"enabled": true, "kind": "repeat", "layout": "half-drop", "drop": 0.25, "across": 4, "down": 2},
  {"enabled": false, "kind": "layout", "cloth": "selendang", "layout": "mirror", "drop": 0.5, "length_cm": 180, "height_cm": 50, "dpi": 150}
 ]
})");
  auto d = core::loadProject(dir / "old.canting");
  REQUIRE(d);
  REQUIRE(d->ops.size() == 9);
  CHECK(d->locked == std::vector<bool>{false, true});
  const auto* recolor = d->ops[0].as<core::RecolorOp>();
  REQUIRE(recolor);
  CHECK_FALSE(recolor->targets[0]);
  CHECK(recolor->targets[1]->b == -40);
  CHECK(d->ops[1].as<core::AdjustOp>()->adjust.hueShift == 25);
  const auto* q = d->ops[2].as<core::QuantizeOp>();
  REQUIRE(q);
  CHECK_FALSE(d->ops[2].enabled);
  CHECK(q->colours == 6);
  CHECK(q->refine == 0);  // as those files rendered
  CHECK(d->ops[3].as<core::ToneOp>()->paletteId == "sogan");
  CHECK(d->ops[4].as<core::TransformOp>()->quarterTurns == 1);
  const auto* k = d->ops[5].as<core::SymmetryOp>();
  REQUIRE(k);
  CHECK(k->kind == core::SymmetryOp::Kind::Kaleidoscope);
  CHECK(k->folds == 8);
  CHECK(d->ops[6].as<core::SymmetryOp>()->group == im::WallpaperGroup::P31M);
  const auto* r = d->ops[7].as<core::RepeatOp>();
  REQUIRE(r);
  CHECK(r->repeat.layout == im::RepeatLayout::HalfDrop);
  CHECK(r->across == 4);
  const auto* l = d->ops[8].as<core::LayoutOp>();
  REQUIRE(l);
  CHECK(l->cloth == im::ClothKind::Selendang);
  CHECK(l->lengthCm == 180);
  CHECK(core::designOutput(*d).kind == core::DesignOutput::Kind::Repeat);
  // It renders, and saving writes the same strings back: the round trip is exact.
  const auto pals = *im::loadPaletteDir(fs::path(CANTING_ASSETS_DIR) / "palettes");
  const cv::Mat tile = core::renderDesign(d->source.pixels, *d, pals);
  CHECK(tile.cols == tile.rows);  // the kaleidoscope's square
  core::DesignSession s(*d);
  REQUIRE(core::saveProject(s, dir / "again.canting"));
  auto again = core::loadProject(dir / "again.canting");
  REQUIRE(again);
  CHECK(again->ops == d->ops);
  CHECK(cv::norm(core::renderDesign(again->source.pixels, *again, pals), tile, cv::NORM_INF) == 0);
}

TEST_CASE("recolouring by a map targets the design swatches it is near and adds the others", "[core][actions]") {
  test::TempDir dir;
  auto d = core::designFromFile(motif(dir));
  REQUIRE(d);
  const std::size_t k = d->palette.swatches.size();
  const im::Lab first = d->palette.swatches[0].lab;
  core::RecolorMapAction a{{{first, im::Lab{30, 20, -40}}, {im::Lab{50, -60, 40}, im::Lab{50, 0, 0}}}};
  REQUIRE(a.validate());
  CHECK_FALSE(core::RecolorMapAction{}.validate());
  const core::RecolorOp op = a.run(*d);
  REQUIRE(d->palette.swatches.size() == k + 1);  // the green FROM was near nothing
  REQUIRE(op.targets.size() == k + 1);
  CHECK(op.targets[0]->L == 30);
  CHECK(op.targets[k]->L == 50);
  CHECK(d->locked.size() == k + 1);
  CHECK(op.validate(d->palette.swatches.size()));
}
