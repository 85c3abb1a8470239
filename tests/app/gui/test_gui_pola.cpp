// The Studio's Pola view in the real App, headless: it opens on the design's
// photo, traces a preview, follows its controls, and prints a PDF and saves
// an SVG through the file dialog, in both languages.

#include <catch2/catch.hpp>

#include "canting/imaging/image_io.h"
#include "harness.h"
#include "support/cloth_photo.h"

using namespace canting;
using test::Harness;

namespace {
// A photographed kawung cloth, 2 x 2 tiles at 300 DPI (about 15 cm), as the design.
void openCloth(Harness& h) {
  const auto cloth = test::photographCloth(imaging::MotifKind::Kawung, {.repeats = {2, 2}});
  REQUIRE(imaging::saveImage(cloth.photo, h.dir / "kain.jpg", {.dpi = imaging::Dpi{300, 300}}));
  h.wb.setWorkspace(core::WorkspaceId::StudioDesain);
  REQUIRE(h.wb.openDesignFile(h.dir / "kain.jpg"));
  h.frames(2);
}
}  // namespace

TEST_CASE("the Pola view traces the design's photo and follows its controls", "[gui][pola]") {
  Harness h;
  openCloth(h);
  h.click(h.centreOf("@studio.pola"));
  REQUIRE(h.app->studio().pola().isOpen());
  h.frames(3);
  core::PolaPreview* pv = h.app->studio().pola().preview();
  REQUIRE(pv);
  REQUIRE(pv->version() >= 1);
  CHECK_FALSE(pv->error());
  CHECK(pv->action().widthCm == Approx(15));  // the photo's own size on cloth, from its DPI
  CHECK(cv::countNonZero(pv->lines()) > 0);
  CHECK(h.textures.uploads > 0);
  // The print and save buttons are on screen at 1366 x 768.
  for (const char* id : {"@pola.print", "@pola.save_svg", "@pola.lines_over_photo"}) {
    auto r = gui::probe::find(id);
    REQUIRE(r);
    CHECK(r->max.y < 768);
    CHECK(r->max.x < 1366);
  }
  // Filled: a new trace that inks more.
  const int outline = cv::countNonZero(pv->lines());
  h.click(h.centreOf("@pola.style.filled"));
  h.frames(3);
  CHECK(pv->action().pola.style == imaging::PolaStyle::Filled);
  CHECK(pv->current());
  CHECK(cv::countNonZero(pv->lines()) > outline);
  // Back to the design, and in again: the settings stay.
  h.click(h.centreOf("@studio.pola_close"));
  CHECK_FALSE(h.app->studio().pola().isOpen());
  h.click(h.centreOf("@studio.pola"));
  CHECK(pv->action().pola.style == imaging::PolaStyle::Filled);
}

TEST_CASE("Print and Save SVG write the pola beside the photo, in either language", "[gui][pola]") {
  for (auto lang : {core::Language::Indonesian, core::Language::English}) {
    Harness h;
    h.wb.setLanguage(lang);
    openCloth(h);
    h.click(h.centreOf("@studio.pola"));
    h.frames(3);
    const std::string text = h.textFrame();
    CHECK(text.find(lang == core::Language::Indonesian ? "Cetak (PDF)" : "Print (PDF)") != std::string::npos);
    h.click(h.centreOf("@pola.print"));
    REQUIRE(h.app->fileBrowser().isOpen());
    CHECK(h.app->fileBrowser().folder() == h.dir.path());
    h.frames(1);
    h.click(h.centreOf("@browser.save"));
    h.frames(3);
    CHECK(std::filesystem::exists(h.dir / "kain-pola.pdf"));
    h.click(h.centreOf("@pola.save_svg"));
    REQUIRE(h.app->fileBrowser().isOpen());
    h.frames(1);
    h.click(h.centreOf("@browser.save"));
    h.frames(3);
    CHECK(std::filesystem::exists(h.dir / "kain-pola.svg"));
    bool noticed = false;
    for (const auto& n : h.wb.notices()) noticed |= n.text.find("kain-pola.svg") != std::string::npos;
    CHECK(noticed);
  }
}
