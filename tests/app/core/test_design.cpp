#include <catch2/catch.hpp>

#include <fstream>
#include <opencv2/imgproc.hpp>

#include "canting/core/design.h"
#include "canting/imaging/dye.h"
#include "canting/core/workbench.h"
#include "support/image_fixtures.h"
#include <functional>
#include <nlohmann/json.hpp>

using namespace canting;
namespace fs = std::filesystem;
namespace im = imaging;

namespace {
// A workbench whose settings, data and autosave all live in `dir`.
core::Workbench::Options workbenchIn(const test::TempDir& dir) {
  core::Workbench::Options o;
  o.settingsFile = dir / "s.json";
  o.assets = CANTING_ASSETS_DIR;
  o.dataDir = dir / "data";
  return o;
}
fs::path motif(const test::TempDir& dir, const char* name = "motif.png") {
  cv::Mat m(90, 120, CV_8UC3, cv::Scalar(204, 228, 239));
  cv::circle(m, cv::Point(40, 45), 25, cv::Scalar(43, 90, 139), cv::FILLED, cv::LINE_AA);
  cv::rectangle(m, cv::Rect(75, 20, 30, 50), cv::Scalar(102, 58, 43), cv::FILLED);
  REQUIRE(im::saveImage(m, dir / name, {.dpi = im::Dpi{200, 200}}));
  return dir / name;
}

std::vector<im::Palette> shipped() { return *im::loadPaletteDir(fs::path(CANTING_ASSETS_DIR) / "palettes"); }

// A session with one of each operation, edited the way the Studio does.
core::DesignSession busySession(const fs::path& image) {
  core::DesignSession s(*core::designFromFile(image));
  s.edit("studio.edit.recolor", [](core::Design& d) { core::recolorOp(d).targets[1] = im::Lab{30, 20, -40}; });
  s.edit("studio.edit.add", [](core::Design& d) {
    core::AdjustOp a;
    a.adjust.hueShift = 25;
    a.adjust.contrast = 1.2;
    d.ops.emplace_back(a);
    core::ToneOp t;
    t.paletteId = "sogan";
    t.strength = 0.3;
    d.ops.emplace_back(t, false);
  });
  s.edit("studio.edit.lock", [](core::Design& d) { d.locked[0] = true; });
  return s;
}
}  // namespace

TEST_CASE("undo and redo of every edit return bit-identical renders", "[core][design]") {
  test::TempDir dir;
  core::DesignSession s = busySession(motif(dir));
  const auto pals = shipped();
  const cv::Mat src = s.design().source.pixels;
  std::vector<cv::Mat> renders;  // after 0, 1, 2, 3 edits
  while (s.canUndo()) s.undo();
  renders.push_back(core::renderDesign(src, s.design(), pals));
  while (s.canRedo()) {
    s.redo();
    renders.push_back(core::renderDesign(src, s.design(), pals));
  }
  REQUIRE(renders.size() == 4);
  CHECK(cv::norm(renders[0], src, cv::NORM_INF) == 0);  // no operation: the source itself
  CHECK(cv::norm(renders[1], renders[0], cv::NORM_INF) > 0);
  for (int i = 3; i >= 0; --i) {
    CHECK(cv::norm(core::renderDesign(src, s.design(), pals), renders[std::size_t(i)], cv::NORM_INF) == 0);
    if (i) s.undo();
  }
  // A new edit after undo drops the redo tail.
  s.edit("studio.edit.recolor", [](core::Design& d) { core::recolorOp(d).targets[0] = im::Lab{50, 0, 0}; });
  CHECK_FALSE(s.canRedo());
  CHECK(s.history().size() == 1);  // everything had been undone: the new edit replaces it all
  // An edit that changes nothing is not recorded.
  const auto before = s.history().size();
  s.edit("studio.edit.recolor", [](core::Design&) {});
  CHECK(s.history().size() == before);
}

TEST_CASE("a slider drag is one history entry holding the state from before it", "[core][design]") {
  test::TempDir dir;
  core::DesignSession s(*core::designFromFile(motif(dir)));
  s.edit("studio.edit.add", [](core::Design& d) { d.ops.emplace_back(core::AdjustOp{}); });
  const int v0 = s.version();
  s.beginLive();
  for (int i = 1; i <= 10; ++i) {
    s.design().ops[0].as<core::AdjustOp>()->adjust.hueShift = i * 5;
    s.touch();
  }
  s.endLive("studio.edit.adjust");
  CHECK(s.version() > v0);
  CHECK(s.history().size() == 2);
  s.undo();
  CHECK(s.design().ops[0].as<core::AdjustOp>()->adjust.hueShift == 0);
  s.redo();
  CHECK(s.design().ops[0].as<core::AdjustOp>()->adjust.hueShift == 50);
}

TEST_CASE("a project saves and opens exactly, embedded or beside its image", "[core][design][project]") {
  test::TempDir dir;
  core::DesignSession s = busySession(motif(dir));
  for (std::size_t limit : {std::size_t(1) << 30, std::size_t(0)}) {
    INFO("embed limit " << limit);
    const fs::path project = dir / (limit ? "embedded.canting" : "beside.canting");
    REQUIRE(core::saveProject(s, project, limit));
    auto back = core::loadProject(project);
    REQUIRE(back);
    CHECK(back->ops == s.design().ops);
    CHECK(back->locked == s.design().locked);
    REQUIRE(back->palette.swatches.size() == s.design().palette.swatches.size());
    for (std::size_t i = 0; i < back->palette.swatches.size(); ++i) {
      CHECK(back->palette.swatches[i].lab.L == s.design().palette.swatches[i].lab.L);
      CHECK(back->palette.swatches[i].lab.b == s.design().palette.swatches[i].lab.b);
    }
    CHECK(cv::norm(back->source.pixels, s.design().source.pixels, cv::NORM_INF) == 0);
    CHECK(back->source.dpi->x == Approx(200));
    const auto pals = shipped();
    CHECK(cv::norm(core::renderDesign(back->source.pixels, *back, pals),
                   core::renderDesign(s.design().source.pixels, s.design(), pals), cv::NORM_INF) == 0);
  }
  // Beside: the image is found relative to the project, wherever the pair moves.
  fs::create_directories(dir / "moved");
  fs::copy_file(dir / "beside.canting", dir / "moved" / "beside.canting");
  fs::copy_file(dir / "motif.png", dir / "moved" / "motif.png");
  CHECK(core::loadProject(dir / "moved" / "beside.canting"));
}

TEST_CASE("malformed projects are refused with the field that is wrong", "[core][design][project]") {
  test::TempDir dir;
  core::DesignSession s = busySession(motif(dir));
  REQUIRE(core::saveProject(s, dir / "good.canting"));
  std::ifstream f(dir / "good.canting");
  const auto good = nlohmann::json::parse(f);
  struct Case {
    std::function<void(nlohmann::json&)> breakIt;
    std::string where, reason;
  };
  const std::vector<Case> cases = {
      {[](nlohmann::json& j) { j["format"] = "photoshop"; }, "format", "@reason.not_project"},
      {[](nlohmann::json& j) { j["version"] = 99; }, "version", "@reason.bad_version"},
      {[](nlohmann::json& j) { j.erase("source"); }, "source", "@reason.missing_source"},
      {[](nlohmann::json& j) { j["source"]["embedded"] = "@@@not base64"; }, "source.embedded", "@reason.bad_base64"},
      {[](nlohmann::json& j) { j["palette"][0]["lab"] = {500, 0, 0}; }, "palette[0].lab", "@reason.bad_lab"},
      {[](nlohmann::json& j) { j["locked"] = {true}; }, "locked", "@reason.bad_locked"},
      {[](nlohmann::json& j) { j["operations"][0]["targets"] = nlohmann::json::array(); }, "operations[0].targets", "@reason.bad_targets"},
      {[](nlohmann::json& j) { j["operations"][1]["kind"] = "blur"; }, "operations[1].kind", "@reason.bad_operation"},
      {[](nlohmann::json& j) { j["operations"][1]["contrast"] = 99; }, "operations[1]", "@reason.bad_operation"},
  };
  for (const Case& c : cases) {
    INFO(c.where);
    nlohmann::json j = good;
    c.breakIt(j);
    test::writeAll(dir / "bad.canting", [&] {
      const std::string t = j.dump();
      return test::Bytes(t.begin(), t.end());
    }());
    auto r = core::loadProject(dir / "bad.canting");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == im::ErrorCode::MalformedFile);
    CHECK(r.error().arg("where") == c.where);
    CHECK(r.error().arg("reason") == c.reason);
  }
  test::writeAll(dir / "junk.canting", {'{', '{'});
  CHECK_FALSE(core::loadProject(dir / "junk.canting"));
  // The workbench keeps the design it had when a project fails to open.
  const core::Workbench::Options o = workbenchIn(dir);
  core::Workbench wb(o);
  REQUIRE(wb.openDesignFile(dir / "good.canting"));
  const auto ops = wb.design()->design().ops;
  CHECK_FALSE(wb.openDesignFile(dir / "junk.canting"));
  REQUIRE(wb.design());
  CHECK(wb.design()->design().ops == ops);
  CHECK(wb.notices().back().kind == core::Notice::Kind::Error);
}

TEST_CASE("autosave writes a dirty design and a later start recovers it", "[core][design][autosave]") {
  test::TempDir dir;
  const fs::path image = motif(dir);
  const core::Workbench::Options o = workbenchIn(dir);
  {
    core::Workbench wb(o);
    REQUIRE(wb.openDesignFile(image));
    wb.autosaveTick(0);  // not dirty yet: nothing written
    CHECK_FALSE(fs::exists(wb.autosavePath()));
    wb.design()->edit("studio.edit.recolor", [](core::Design& d) { core::recolorOp(d).targets[0] = im::Lab{20, 10, 10}; });
    wb.autosaveTick(1);
    CHECK(fs::exists(wb.autosavePath()));
    // The app "crashes" here: no closeDesign(), the autosave stays.
  }
  core::Workbench again(o);
  CHECK(again.hasRecovery());
  REQUIRE(again.recover());
  REQUIRE(again.design());
  CHECK(again.design()->design().ops.front().as<core::RecolorOp>()->targets[0]->L == 20);
  again.closeDesign();
  CHECK_FALSE(again.hasRecovery());
}

TEST_CASE("export writes the full-size result and the palette in every format", "[core][design]") {
  test::TempDir dir;
  const core::Workbench::Options o = workbenchIn(dir);
  core::Workbench wb(o);
  REQUIRE(wb.openDesignFile(motif(dir)));
  wb.design()->edit("studio.edit.recolor", [](core::Design& d) { core::recolorOp(d).targets[1] = im::Lab{30, 20, -40}; });
  wb.exportDesign(dir / "out.tif", {});
  wb.finishAll();
  auto out = im::loadImage(dir / "out.tif");
  REQUIRE(out);
  CHECK(out->pixels.cols == 120);
  CHECK(out->source.dpi->x == Approx(200));
  for (const char* name : {"p.json", "p.gpl", "p.png"}) {
    wb.exportDesignPalette(dir / name);
    CHECK(fs::exists(dir / name));
  }
  auto pal = im::loadPalette(dir / "p.json");
  REQUIRE(pal);
  CHECK(im::deltaE2000(pal->swatches[1].lab, im::Lab{30, 20, -40}) < 1e-9);
  auto sheet = im::loadImage(dir / "p.png");
  REQUIRE(sheet);
  CHECK(sheet->pixels.cols == 1240);  // A4 width at 150 DPI
}

TEST_CASE("pattern operations round-trip through projects and shape the output", "[core][design][pattern]") {
  test::TempDir dir;
  core::DesignSession s(*core::designFromFile(motif(dir)));
  s.edit("studio.edit.add", [](core::Design& d) {
    core::TransformOp t;
    t.quarterTurns = 1;
    t.flipH = true;
    d.ops.emplace_back(t);
    core::RepeatOp r;
    r.repeat = {im::RepeatLayout::HalfDrop, 1.0 / 3};
    r.across = 4;
    r.down = 2;
    d.ops.emplace_back(r);
  });
  REQUIRE(core::saveProject(s, dir / "p.canting"));
  auto back = core::loadProject(dir / "p.canting");
  REQUIRE(back);
  CHECK(back->ops == s.design().ops);
  // The tile is turned (120x90 becomes 90x120); the output repeats it 4 x 2.
  const auto pals = shipped();
  const cv::Mat tile = core::renderDesign(s.design().source.pixels, s.design(), pals);
  CHECK(tile.size() == cv::Size(90, 120));
  const im::StreamedImage out = core::outputImage(s.design(), tile);
  CHECK(out.size == cv::Size(360, 240));
  cv::Mat all;
  out.rows(0, out.size.height, all);
  CHECK(cv::norm(all, im::renderRepeat(tile, {im::RepeatLayout::HalfDrop, 1.0 / 3}, {360, 240}), cv::NORM_INF) == 0);
  // A cloth layout decides the size in cm at its DPI.
  s.edit("studio.edit.add", [](core::Design& d) {
    core::LayoutOp l;
    l.cloth = im::ClothKind::Sarung;
    l.lengthCm = 100;
    l.heightCm = 50;
    l.dpi = 30;
    d.ops.emplace_back(l);
  });
  CHECK(core::designOutput(s.design()).kind == core::DesignOutput::Kind::Cloth);
  CHECK(core::outputImage(s.design(), tile).size == cv::Size(im::cmToPx(100, 30), im::cmToPx(50, 30)));
  CHECK_FALSE(core::previewOutput(s.design(), tile, 400).empty());
}

TEST_CASE("the design export streams the repeat at print size and reports progress", "[core][design][pattern]") {
  test::TempDir dir;
  const core::Workbench::Options o = workbenchIn(dir);
  core::Workbench wb(o);
  REQUIRE(wb.openDesignFile(motif(dir)));
  wb.design()->edit("studio.edit.add", [](core::Design& d) {
    core::RepeatOp r;
    r.across = 5;
    r.down = 3;
    d.ops.emplace_back(r);
  });
  CHECK_FALSE(wb.exportProgress());
  wb.exportDesign(dir / "cloth.tif", {});
  wb.finishAll();
  CHECK_FALSE(wb.exportProgress());  // done
  auto out = im::loadImage(dir / "cloth.tif");
  REQUIRE(out);
  CHECK(out->pixels.size() == cv::Size(600, 270));
  CHECK(out->source.dpi->x == Approx(200));
}

TEST_CASE("projects and plans the fuzzers found are refused cleanly (tests/fuzz/regressions)", "[core][fuzz]") {
  const std::filesystem::path dir = std::filesystem::path(CANTING_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
  int n = 0;
  // A value of the wrong type ("format": [false], "name": 8) used to throw out of nlohmann::json.
  for (const auto& e : std::filesystem::directory_iterator(dir / "project")) {
    auto r = core::loadProject(e.path());
    REQUIRE_FALSE(r);
    CHECK(r.error().code == imaging::ErrorCode::MalformedFile);
    ++n;
  }
  auto book = imaging::loadDyeBook(std::filesystem::path(CANTING_ASSETS_DIR) / "dyes" / "dyes.json");
  REQUIRE(book);
  for (const auto& e : std::filesystem::directory_iterator(dir / "plan")) {
    const auto bytes = canting::test::readAll(e.path());
    auto r = imaging::parsePlan(std::string(bytes.begin(), bytes.end()), *book);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == imaging::ErrorCode::MalformedFile);
    ++n;
  }
  CHECK(n >= 2);
}
