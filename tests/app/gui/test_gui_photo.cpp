// The Studio's photo tools in the real App, headless: Rapikan foto's corners
// dragged on the photo, the raport's lattice drawn and its vector dragged,
// the two-point scale, the tile handed on, bad photos; and the library's
// "use in the lab" and "show in the gallery".

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/core/photo_raport.h"
#include "canting/imaging/dye_infer.h"
#include "canting/imaging/image_io.h"
#include "harness.h"
#include "support/repeat_photo.h"

using namespace canting;
using test::Harness;

namespace {

// A photographed cloth of known lattice, larger than the preview, as the Studio's design.
test::RepeatPhoto openRepeatPhoto(Harness& h) {
  test::RepeatPhotoSpec s;
  s.tileSize = {150, 150};
  s.photoSize = {1200, 900};
  s.scale = 1.5;
  s.rotationDeg = 4;
  s.noise = 2;
  s.jpegQuality = 85;
  test::RepeatPhoto photo = test::makeRepeatPhoto(s);
  REQUIRE(imaging::saveImage(photo.photo, h.dir / "kain.jpg"));
  h.wb.setWorkspace(core::WorkspaceId::StudioDesain);
  REQUIRE(h.wb.openDesignFile(h.dir / "kain.jpg"));
  h.frames(2);
  return photo;
}

void openPhotoView(Harness& h) {
  h.click(h.centreOf("@studio.photo"));
  REQUIRE(h.app->studio().photo().isOpen());
  h.frames(3);
}

ImVec2 lerp(ImVec2 a, ImVec2 b, float t) { return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t); }

// Press on `from`, move to `to` over a few frames, release: a user's drag.
void drag(Harness& h, ImVec2 from, ImVec2 to) {
  ImGuiIO& io = ImGui::GetIO();
  h.moveTo(from);
  io.MouseDown[0] = true;
  h.frame();
  for (int i = 1; i <= 4; ++i) h.moveTo(lerp(from, to, i / 4.f));
  io.MouseDown[0] = false;
  h.frames(2);
}

const core::CleanOp* cleanOp(Harness& h) {
  for (const core::Operation& op : std::as_const(*h.wb.design()).design().ops)
    if (const auto* c = op.as<core::CleanOp>()) return c;
  return nullptr;
}

double length(cv::Point2d v) { return std::hypot(v.x, v.y); }

}  // namespace

TEST_CASE("Rapikan foto: a corner dragged on the photo is one undoable edit of the stack's clean-up", "[gui][photo]") {
  Harness h;
  openRepeatPhoto(h);
  openPhotoView(h);
  h.click(h.centreOf("@photo.mode.clean"));
  h.frames(2);
  REQUIRE(cleanOp(h));  // opening the clean-up put it at the top of the stack
  CHECK(std::as_const(*h.wb.design()).design().ops.front().as<core::CleanOp>());
  CHECK_FALSE(cleanOp(h)->corners);
  REQUIRE_FALSE(h.app->studio().photo().cleaned().empty());
  const std::size_t before = h.wb.design()->position();
  const cv::Mat plainClean = h.app->studio().photo().cleaned().clone();
  const ImVec2 corner = h.centreOf("@photo.corner.0");
  drag(h, corner, ImVec2(corner.x + 60, corner.y + 10));
  REQUIRE(cleanOp(h)->corners);
  const cv::Point2d moved = (*cleanOp(h)->corners)[0];
  CHECK(moved.x > 0.05);
  CHECK(moved.y > 0.01);
  CHECK((*cleanOp(h)->corners)[2] == cv::Point2d(1, 1));  // the others where they were
  CHECK(h.wb.design()->position() == before + 1);         // the whole drag, one history entry
  // The after side is the rectified quad, a photo stretched from the moved corner.
  const cv::Mat& after = h.app->studio().photo().cleaned();
  REQUIRE_FALSE(after.empty());
  cv::Mat same;
  cv::resize(after, same, plainClean.size(), 0, 0, cv::INTER_AREA);
  CHECK(cv::norm(same, plainClean, cv::NORM_L1) / double(same.total() * 3) > 5);
  // The handle followed the corner; undo puts it back.
  const ImVec2 now = h.centreOf("@photo.corner.0");
  CHECK(now.x == Approx(corner.x + 60).margin(3));
  h.wb.design()->undo();
  h.frames(2);
  CHECK_FALSE(cleanOp(h)->corners);
  // The toggles edit the same operation.
  h.click(h.centreOf("@photo.flat_field"));
  CHECK_FALSE(cleanOp(h)->flatField);
  h.click(h.centreOf("@photo.white_balance"));
  CHECK_FALSE(cleanOp(h)->whiteBalance);
  // Undone back past its addition, the clean-up stays off the stack: offered again, not forced back.
  for (int i = 0; i < 8 && cleanOp(h); ++i) h.wb.design()->undo();
  h.frames(2);
  CHECK_FALSE(cleanOp(h));
  CHECK(gui::probe::find("@photo.clean_add"));
}

TEST_CASE("the raport: its lattice is drawn over the photo and a dragged vector cuts the tile again", "[gui][photo]") {
  Harness h;
  const test::RepeatPhoto truth = openRepeatPhoto(h);
  openPhotoView(h);
  gui::PhotoView& pv = h.app->studio().photo();
  REQUIRE(pv.raport().cut);
  // The found lattice in the photo's pixels is the true one.
  const double f = pv.previewFactor();
  const test::LatticeError e = test::compareLattices(truth.a, truth.b, pv.raport().a / f, pv.raport().b / f);
  CHECK(e.length < 0.03);
  const std::string text = h.textFrame();
  CHECK(text.find("Raport ditemukan") != std::string::npos);
  for (const char* id : {"@raport.origin", "@raport.a", "@raport.b", "@raport.repeated", "@photo.send.studio", "@photo.send.gallery", "@photo.send.lab"}) {
    auto r = gui::probe::find(id);
    INFO(id);
    REQUIRE(r);
    CHECK(r->max.y < 768);
    CHECK(r->max.x < 1366);
  }
  // The red vector pulled to two thirds of the repeat: the tile follows the edited lattice, and the photo disagrees.
  const cv::Point2d a0 = pv.raport().a;
  const double area0 = pv.raport().tile.cols * double(pv.raport().tile.rows), confidence0 = pv.raport().confidence;
  const ImVec2 o = h.centreOf("@raport.origin"), tip = h.centreOf("@raport.a");
  drag(h, tip, lerp(o, tip, 2.f / 3));
  h.frames(2);
  REQUIRE(pv.raport().cut);
  CHECK(length(pv.raport().a) == Approx(length(a0) * 2 / 3).epsilon(0.05));
  CHECK(pv.raport().tile.cols * double(pv.raport().tile.rows) == Approx(area0 * 2 / 3).epsilon(0.08));
  CHECK(pv.raport().confidence < confidence0 - 0.1);
}

TEST_CASE("the two-point scale: a ruler's two clicks and its length give the scale and the raport in cm", "[gui][photo]") {
  Harness h;
  openRepeatPhoto(h);
  openPhotoView(h);
  gui::PhotoView& pv = h.app->studio().photo();
  CHECK_FALSE(pv.scale().known());  // a phone photo's DPI says nothing about the cloth
  CHECK(h.textFrame().find("Skala belum diketahui") != std::string::npos);
  // The cloth's width first: the whole photo is 100 cm.
  h.click(h.centreOf("@photo.scale.apply_width"));
  CHECK(pv.scale().pxPerCm == Approx(1200 / 100.0).epsilon(0.01));
  h.frame();  // the raport's size now reads in cm, one line shorter: the rows below move up
  // The pola follows: its first width is the cloth's real width.
  REQUIRE(h.app->studio().pola().preview());
  CHECK(h.app->studio().pola().preview()->action().widthCm == 100);
  // Then a ruler: two clicks 200 screen pixels apart, 10 cm (the distance offered).
  h.click(h.centreOf("@photo.ruler.start"));
  const auto canvas = gui::probe::find("@raport.canvas");
  REQUIRE(canvas);
  const ImVec2 c = canvas->centre();
  REQUIRE(pv.measuring());
  h.click(ImVec2(c.x - 100, c.y + 40));
  CHECK(pv.ruler().size() == 1);
  h.click(ImVec2(c.x + 100, c.y + 40));
  REQUIRE(pv.ruler().size() == 2);
  CHECK_FALSE(pv.measuring());
  h.click(h.centreOf("@photo.scale.apply_ruler"));
  // 200 screen pixels are 200 / (fit scale) preview pixels, / factor photo pixels.
  const auto photoRect = canvas->max.x - canvas->min.x;
  const double fit = std::min(photoRect / pv.photo().cols, (canvas->max.y - canvas->min.y) / pv.photo().rows);
  const double expected = 200 / fit / pv.previewFactor() / 10;
  CHECK(pv.scale().pxPerCm == Approx(expected).epsilon(0.02));
  REQUIRE(pv.tileCm());
  CHECK(pv.tileCm()->width == Approx(pv.raport().tile.cols / pv.previewFactor() / pv.scale().pxPerCm).epsilon(0.01));
  CHECK(h.textFrame().find("cm") != std::string::npos);
  CHECK(h.app->studio().pola().preview()->action().widthCm == core::polaWidthCm(1200, pv.scale()));
  // The tile goes to the Studio at that scale: its DPI is the cloth's.
  h.click(h.centreOf("@photo.send.studio"));
  h.frames(3);
  CHECK_FALSE(pv.isOpen());
  const core::Design& d = std::as_const(*h.wb.design()).design();
  REQUIRE(d.source.dpi);
  CHECK(d.source.dpi->x == Approx(pv.scale().dpi()).epsilon(0.001));
  CHECK(d.source.pixels.cols < 400);
  CHECK(d.sourcePath.stem().string() == "kain-raport");
}

TEST_CASE("a photo without a repeat says so, and bad photos never crash the photo tools", "[gui][photo]") {
  Harness h;
  cv::Mat single(320, 320, CV_8UC3, cv::Scalar(235, 240, 245));  // one flower on a plain ground
  cv::ellipse(single, {160, 160}, {90, 60}, 20, 0, 360, cv::Scalar(40, 60, 110), 6);
  cv::circle(single, {160, 160}, 25, cv::Scalar(30, 40, 70), cv::FILLED);
  cv::Mat grey16;
  cv::cvtColor(single, grey16, cv::COLOR_BGR2GRAY);
  grey16.convertTo(grey16, CV_16U, 257);
  cv::Mat alpha;
  cv::cvtColor(single, alpha, cv::COLOR_BGR2BGRA);
  alpha(cv::Rect(0, 0, 100, 100)).setTo(cv::Scalar(0, 0, 0, 0));
  const struct {
    const char* name;
    cv::Mat px;
    bool noRepeat;
  } photos[] = {
      {"polos.png", cv::Mat(400, 500, CV_8UC3, cv::Scalar(200, 220, 235)), true},
      {"satu-motif.png", single, true},
      {"kecil.png", cv::Mat(3, 2, CV_8UC3, cv::Scalar(10, 20, 30)), true},
      {"abu-16bit.png", grey16, false},
      {"alfa.png", alpha, false},
  };
  for (const auto& p : photos) {
    INFO(p.name);
    REQUIRE(imaging::saveImage(p.px, h.dir / p.name));
    h.wb.setWorkspace(core::WorkspaceId::StudioDesain);
    REQUIRE(h.wb.openDesignFile(h.dir / p.name));
    h.frames(2);
    if (!h.app->studio().photo().isOpen()) openPhotoView(h);
    h.frames(2);
    const std::string text = h.textFrame();
    if (p.noRepeat) {
      CHECK(text.find("Tidak ada pola berulang") != std::string::npos);
      CHECK(h.app->studio().photo().raport().tile.size() == p.px.size());  // the whole photo is its own tile
      gui::probe::clear();
      h.frame();
      CHECK_FALSE(gui::probe::find("@raport.a"));  // and no lattice is drawn
      if (p.px.cols > 100) {
        // Unless the user marks one by hand: a lattice to drag, and its tile.
        h.click(h.centreOf("@photo.raport.manual"));
        h.frames(2);
        CHECK(gui::probe::find("@raport.a"));
        CHECK(h.app->studio().photo().raport().cut);
        CHECK(h.app->studio().photo().raport().tile.cols < p.px.cols);
      }
    }
    h.click(h.centreOf("@photo.mode.clean"));
    h.frames(2);
    CHECK_FALSE(h.app->studio().photo().cleaned().empty());
    h.click(h.centreOf("@photo.mode.raport"));
    h.frames(2);
  }
}

TEST_CASE("the library's motif offers Pakai di Lab and Tampilkan di Galeri beside Buka di Studio", "[gui][photo][library]") {
  Harness h;
  h.frames(3);
  h.click(h.centreOf("@library.card.parang"));
  h.frames(1);
  for (const char* id : {"@library.to_studio", "@library.to_lab", "@library.to_gallery"}) {
    auto r = gui::probe::find(id);
    INFO(id);
    REQUIRE(r);
    CHECK(r->max.y < 768);
  }
  h.click(h.centreOf("@library.to_gallery"));
  h.frames(3);
  CHECK(h.wb.workspace() == core::WorkspaceId::GaleriOutlet);
  CHECK(h.app->galeri().showroom().motifId() == "parang");
  h.wb.setWorkspace(core::WorkspaceId::PustakaMotif);
  h.frames(2);
  h.click(h.centreOf("@library.to_lab"));
  h.frames(3);
  CHECK(h.wb.workspace() == core::WorkspaceId::LabPewarnaan);
  // The lab took the motif's image and reads it into its layers on its worker.
  CHECK_FALSE(h.wb.labImage());
  gui::LabPhoto& lp = h.app->lab().photo();
  REQUIRE(h.framesUntil([&] { return lp.open(); }));
  CHECK_FALSE(lp.busy());
  // "Latihan dari foto" with the motif's own layers: the same as reading its file.
  const std::string text = h.textFrame();
  CHECK(text.find(h.wb.tr().tr("lab.photo.window")) != std::string::npos);
  CHECK(gui::probe::find("@lab.photo.layers"));
  CHECK(lp.inferred()->plan.name.find(h.wb.library().find("parang")->name) != std::string::npos);
  REQUIRE(lp.inferred()->colours.size() >= 2);
  auto img = imaging::loadImage(h.wb.library().find("parang")->image);
  REQUIRE(img);
  auto direct = imaging::inferDyePlan(core::repeatSource(imaging::photoToBgr8(img->pixels)).tile, h.app->lab().lab().book(),
                                      {.photoDpi = img->dpi ? std::optional<double>(img->dpi->x) : std::nullopt});
  REQUIRE(direct);
  CHECK(direct->colours.size() == lp.inferred()->colours.size());
  CHECK(cv::norm(direct->target, lp.inferred()->target, cv::NORM_L1) == 0);
}
