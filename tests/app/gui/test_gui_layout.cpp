// At 1366 x 768, the laptops the centres have, nothing a user clicks is cut
// off at the right edge: toolbars wrap instead.

#include <catch2/catch.hpp>

#include "harness.h"

using namespace canting;
using canting::test::Harness;
namespace fs = std::filesystem;

namespace {
// Every widget the probe saw last frame, and where it ends on the right.
std::vector<std::pair<std::string, float>> pastRightEdge(float right) {
  std::vector<std::pair<std::string, float>> out;
  for (const auto& id : gui::probe::ids())
    if (auto r = gui::probe::find(id); r && r->max.x > right + 0.5f) out.emplace_back(id, r->max.x);
  return out;
}
}  // namespace

TEST_CASE("at 1366x768 the Studio's toolbars wrap and keep Paskan and 1:1 inside the canvas, in both languages", "[gui][layout]") {
  for (core::Language lang : {core::Language::Indonesian, core::Language::English}) {
    Harness h;
    h.wb.setLanguage(lang);
    const fs::path img = h.dir / "ceplok.jpg";
    fs::copy_file(fs::path(CANTING_ASSETS_DIR) / "demo" / "foto-ceplok-ponsel.jpg", img);
    h.wb.setWorkspace(core::WorkspaceId::StudioDesain);
    h.wb.openDesignFile(img);
    h.frames(4);
    const auto canvas = gui::probe::find("@studio.canvas");
    REQUIRE(canvas);
    for (const char* id : {"@studio.fit", "@studio.one_to_one", "@studio.check_seams", "@studio.eyedropper"}) {
      const auto r = gui::probe::find(id);
      INFO(id);
      REQUIRE(r);
      CHECK(r->max.x <= canvas->max.x + 0.5f);
      CHECK(r->max.y <= canvas->min.y);  // above the canvas, not over it
    }
    for (const char* id : {"@studio.save_project", "@studio.close"}) {
      INFO(id);
      REQUIRE(gui::probe::find(id));
    }
    CHECK(pastRightEdge(1366).empty());
  }
}

TEST_CASE("at 1366x768 no widget of any workspace ends past the right edge of the window", "[gui][layout]") {
  Harness h;
  const fs::path img = h.dir / "kawung.png";
  fs::copy_file(fs::path(CANTING_ASSETS_DIR) / "demo" / "contoh-kawung.png", img);
  h.wb.openFiles({img});
  h.wb.openDesignFile(img);
  REQUIRE(h.app->records().desk().useDemo(true));
  for (const auto& w : core::workspaces()) {
    h.wb.setWorkspace(w.id);
    h.frames(4);
    const auto past = pastRightEdge(1366);
    std::string names;
    for (const auto& [id, x] : past) names += id + " (" + std::to_string(int(x)) + ") ";
    INFO(w.name << ": " << names);
    CHECK(past.empty());
  }
}
