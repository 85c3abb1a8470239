// Issue 22: every label the GUI draws in Indonesian is Indonesian (the scan of
// every workspace and its main states), tooltips stay inside the screen, the
// colourway marks have a legend and a reason, and the status bar says what the
// current screen needs.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include <imgui.h>
#include <imgui_internal.h>

#include "canting/core/colorway_text.h"
#include "canting/records/demo.h"
#include "canting/imaging/image_io.h"
#include "harness.h"
#include "support/english_words.h"
#include "support/tiff_builder.h"

using namespace canting;
using canting::test::Harness;
namespace fs = std::filesystem;

namespace {

const fs::path kDemo = fs::path(CANTING_ASSETS_DIR) / "demo";

// The text of a few frames (the last two: layouts settle in one) and what the scan finds in it.
std::string scan(Harness& h, const std::string& where, std::set<std::string>& found, std::string& at) {
  h.frames(1);
  std::string text = h.textFrame();
  text += h.textFrame();
  // CANTING_SCAN_DUMP=file keeps what was read, for a person to look over.
  if (const char* dump = std::getenv("CANTING_SCAN_DUMP")) std::ofstream(dump, std::ios::app) << "== " << where << "\n" << text;
  for (const std::string& w : test::englishWords(text)) {
    found.insert(w);
    at += where + ": " + w + "\n";
  }
  return text;
}

// Text with every run of spaces and line breaks as one space: tooltips wrap.
std::string flat(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

void login(Harness& h, int who) {
  records::Desk& d = h.app->records().desk();
  REQUIRE(d.useDemo(true));
  d.loginName = records::demoLogins()[std::size_t(who)].name;
  d.pin = records::demoLogins()[std::size_t(who)].pin;
  REQUIRE(d.login());
}

}  // namespace

TEST_CASE("the GUI in Indonesian shows no English words, in every workspace and its main states", "[gui][language]") {
  std::set<std::string> found;
  std::string at;
  {
  Harness h;
  h.wb.setLanguage(core::Language::Indonesian);
  // Empty, every workspace.
  for (const core::WorkspaceInfo& w : core::workspaces()) {
    h.wb.setWorkspace(w.id);
    scan(h, "empty " + w.name, found, at);
  }
  // An image open in the library, and in the Studio as a design, with a colourway's tooltip.
  h.wb.setWorkspace(core::WorkspaceId::PustakaMotif);
  h.wb.openFiles({kDemo / "contoh-parang.png"});
  h.frames(3);
  REQUIRE(h.wb.active());
  scan(h, "pustaka with an image", found, at);
  REQUIRE(h.wb.openDesignFromActive());
  h.wb.setWorkspace(core::WorkspaceId::StudioDesain);
  h.frames(4);
  scan(h, "studio", found, at);
  for (int i = 0; i < 9; ++i)
    if (gui::probe::find("@studio.colorway." + std::to_string(i))) {
      h.moveTo(h.centreOf("@studio.colorway." + std::to_string(i)));
      scan(h, "studio colourway tooltip " + std::to_string(i), found, at);
    }
  // The lab, the gallery's tabs, the training pages logged in.
  h.moveTo(ImVec2(5, 5));
  h.wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
  scan(h, "lab", found, at);
  h.wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
  for (auto t : {gui::GaleriPanel::Tab::Colours, gui::GaleriPanel::Tab::Product, gui::GaleriPanel::Tab::Order, gui::GaleriPanel::Tab::Orders}) {
    h.app->galeri().setTab(t);
    scan(h, "galeri tab " + std::to_string(int(t)), found, at);
  }
  h.wb.setWorkspace(core::WorkspaceId::PelatihanSertifikasi);
  scan(h, "training login", found, at);
  login(h, 0);
  records::Desk& d = h.app->records().desk();
  scan(h, "training dashboard", found, at);
  d.openCentre(1);
  scan(h, "training centre", found, at);
  d.openTrainee(1);
  scan(h, "training trainee", found, at);
  d.openSession(1);
  scan(h, "training session", found, at);
  d.openMatrix(1);
  scan(h, "training matrix", found, at);
  }
  // Dialogs, each on a fresh window.
  {
    Harness d1;
    d1.app->openFileDialog();
    scan(d1, "open dialog", found, at);
  }
  {
    Harness d2;
    d2.app->showAbout();
    scan(d2, "about", found, at);
  }
  INFO(at);
  CHECK(found.empty());
}

TEST_CASE("canting --help is translated, and the Indonesian one holds no English", "[gui][language]") {
  Harness h;
  const std::string& id = h.wb.tr().tr("gui.help");
  CHECK(id.rfind("Pemakaian: canting", 0) == 0);
  CHECK(test::englishWords(id).empty());
  h.wb.setLanguage(core::Language::English);
  CHECK(h.wb.tr().tr("gui.help").rfind("Usage: canting", 0) == 0);
}

TEST_CASE("the status bar says what each screen needs, in the user's language", "[gui][status]") {
  for (auto lang : {core::Language::Indonesian, core::Language::English}) {
    Harness h;
    h.wb.setLanguage(lang);
    const auto hint = [&] {
      const std::string text = h.textFrame();
      return text;
    };
    std::set<std::string> seen;
    auto check = [&](const char* key) {
      const std::string text = hint();
      const std::string& expected = h.wb.tr().tr(key);
      INFO(key << "\n" << text);
      CHECK(text.find(expected) != std::string::npos);
      seen.insert(expected);
    };
    check("status.pustaka.empty");
    h.wb.setWorkspace(core::WorkspaceId::StudioDesain);
    check("status.studio.empty");
    h.wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
    h.frames(2);
    check("status.lab.plan");
    h.wb.setWorkspace(core::WorkspaceId::PelatihanSertifikasi);
    check("status.training.setup");  // no records on this computer yet
    REQUIRE(h.app->records().desk().useDemo(true));
    check("status.training.login");
    login(h, 0);
    check("status.training.desk");
    h.wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
    check("status.galeri");
    h.wb.setWorkspace(core::WorkspaceId::PustakaMotif);
    h.wb.openFiles({kDemo / "contoh-kawung.png"});
    h.frames(2);
    check("status.pustaka.image");
    const std::string withImage = hint();
    CHECK(withImage.find(h.wb.tr().tr("status.pustaka.empty")) == std::string::npos);  // not "drag an image" once one is open
    REQUIRE(h.wb.openDesignFromActive());
    h.wb.setWorkspace(core::WorkspaceId::StudioDesain);
    h.frames(2);
    check("status.studio.design");
    CHECK(seen.size() == 9);  // one hint per screen and state, all different
  }
}

TEST_CASE("a colourway's tooltip names it in the user's language, stays on screen, and says why it cannot be dyed", "[gui][language]") {
  Harness h;
  h.wb.openFiles({kDemo / "contoh-parang.png"});
  h.frames(2);
  REQUIRE(h.wb.openDesignFromActive());
  h.wb.setWorkspace(core::WorkspaceId::StudioDesain);
  h.frames(4);
  const auto& cws = h.app->studio().colorways();
  REQUIRE(cws.size() >= 4);
  // The legend of the marks is drawn under the grid.
  const std::string grid = flat(h.textFrame());
  CHECK(grid.find(h.wb.tr().tr("colorway.legend.dyeable")) != std::string::npos);
  CHECK(grid.find(h.wb.tr().tr("colorway.legend.not_dyeable")) != std::string::npos);
  bool sawReason = false;
  for (int i = 0; i < int(cws.size()); ++i) {
    const auto cell = gui::probe::find("@studio.colorway." + std::to_string(i));
    if (!cell) continue;
    h.moveTo(cell->centre());
    const std::string text = flat(h.textFrame());
    INFO(i << ": " << text);
    CHECK(text.find(core::colorwayName(h.wb.tr(), cws[std::size_t(i)])) != std::string::npos);
    // How it would be dyed (or why it cannot be), in the user's language.
    const imaging::Colorway& cw = cws[std::size_t(i)];
    CHECK(text.find(core::dyeProcessSummary(h.wb.tr(), cw.colours, cw.process)) != std::string::npos);
    sawReason = sawReason || !cw.process.succession || !cw.process.dyeable;
    // The tooltip window lies inside the 1366 x 768 screen.
    for (ImGuiWindow* w : GImGui->Windows)
      if (w->Active && (w->Flags & ImGuiWindowFlags_Tooltip)) {
        INFO(w->Name << " " << w->Pos.x << "," << w->Pos.y << " " << w->Size.x << "x" << w->Size.y);
        CHECK(w->Pos.x >= 0);
        CHECK(w->Pos.x + w->Size.x <= 1366);
      }
  }
  CHECK(sawReason);
}

// [heavy]: runs in the plain pass only (366 MP of strips under ASan take minutes;
// imaging's smaller kain covers the decoder there).
TEST_CASE("a kain export over the decode limit opens in the library as a preview, said so", "[gui][limits][heavy]") {
  Harness h;
  test::writeAll(h.dir / "kain.tif", test::makeUniformTiff(20000, 18300, 150, 90, 40));
  h.wb.openFiles({h.dir / "kain.tif"});
  h.frames(2);
  const core::Document* d = h.wb.active();
  REQUIRE(d);
  CHECK(d->previewFactor == 3);
  CHECK(d->image.pixels.cols == 6667);
  CHECK(d->image.source.width == 20000);
  REQUIRE_FALSE(h.wb.notices().empty());
  CHECK(h.wb.notices().back().text.find("max_megapixels") != std::string::npos);
  CHECK(h.textFrame().find(h.wb.tr().tr("pustaka.preview_badge", {{"factor", "3"}})) != std::string::npos);
}
