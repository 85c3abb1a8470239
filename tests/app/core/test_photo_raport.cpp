// A photographed cloth's real size, and its raport standing in for it in the repeat tools.

#include <catch2/catch.hpp>

#include <cmath>

#include <opencv2/imgproc.hpp>

#include "canting/core/actions.h"
#include "canting/core/design_session.h"
#include "canting/core/photo_raport.h"
#include "canting/core/showroom.h"
#include "canting/core/workbench.h"
#include "canting/imaging/image_io.h"
#include "support/image_fixtures.h"
#include "support/repeat_photo.h"

using namespace canting;

TEST_CASE("the scale of a photo follows the cloth's width or two points a known distance apart", "[photo][scale]") {
  // A 3720 px scan of a metre of cloth: 37.2 px per cm, 94.5 DPI, whatever the file says.
  auto w = core::scaleFromWidth(3720, 100);
  REQUIRE(w);
  CHECK(w->pxPerCm == Approx(37.2));
  CHECK(w->dpi() == Approx(94.488).epsilon(1e-4));
  // A ruler on the cloth: 10 cm between two clicks 300 px apart (a 3-4-5 triangle).
  auto p = core::scaleFromPoints({100, 100}, {280, 340}, 10);
  REQUIRE(p);
  CHECK(p->pxPerCm == Approx(30));
  // The raport's size in cm: its pixels at that scale, and at a preview's half size too.
  auto size = core::sizeCm({150, 120}, *p);
  REQUIRE(size);
  CHECK(size->width == Approx(5));
  CHECK(size->height == Approx(4));
  CHECK(core::scaled(*p, 0.5).pxPerCm == Approx(15));
  CHECK(core::scaleFromDpi(imaging::Dpi{254, 254}).pxPerCm == Approx(100));
  // Nonsense is refused with a message, never a scale of zero or infinity.
  CHECK_FALSE(core::scaleFromWidth(3720, 0));
  CHECK_FALSE(core::scaleFromWidth(3720, -5));
  CHECK_FALSE(core::scaleFromWidth(3720, std::nan("")));
  CHECK_FALSE(core::scaleFromWidth(0, 100));
  CHECK_FALSE(core::scaleFromPoints({10, 10}, {10.5, 10}, 5));
  CHECK_FALSE(core::scaleFromPoints({10, 10}, {200, 10}, 1e9));
  CHECK(core::scaleFromPoints({10, 10}, {200, 10}, 0).error().code == imaging::ErrorCode::InvalidArgument);
  CHECK_FALSE(core::sizeCm({150, 120}, {}));
  CHECK_FALSE(core::scaleFromDpi(std::nullopt).known());
}

TEST_CASE("a photo of cloth repeats by its raport tile, anything else by itself", "[photo][raport]") {
  test::RepeatPhotoSpec s;
  s.tileSize = {150, 150};
  s.rotationDeg = 5;
  s.noise = 2;
  s.jpegQuality = 85;
  const test::RepeatPhoto photo = test::makeRepeatPhoto(s);
  const core::RepeatSource src = core::repeatSource(photo.photo);
  REQUIRE(src.fromRaport());
  const double cell = std::abs(photo.a.x * photo.b.y - photo.a.y * photo.b.x);
  CHECK(std::abs(src.tile.cols * src.tile.rows / cell - 1) < 0.05);
  CHECK(src.tile.cols < photo.photo.cols / 2);
  // One motif, a plain cloth, a tiny image: the whole image, untouched.
  cv::Mat single(300, 300, CV_8UC3, cv::Scalar(235, 240, 245));  // one flower on a plain ground
  cv::ellipse(single, {150, 150}, {90, 60}, 20, 0, 360, cv::Scalar(40, 60, 110), 6);
  cv::circle(single, {150, 150}, 25, cv::Scalar(30, 40, 70), cv::FILLED);
  cv::line(single, {30, 260}, {270, 200}, cv::Scalar(60, 80, 120), 4);
  const cv::Mat plain(400, 500, CV_8UC3, cv::Scalar(200, 220, 235));
  const cv::Mat tiny(3, 2, CV_8UC3, cv::Scalar(10, 20, 30));
  for (const cv::Mat& m : {single, plain, tiny}) {
    const core::RepeatSource r = core::repeatSource(m);
    INFO(m.cols << "x" << m.rows << " found " << r.raport.found << " confidence " << r.raport.confidence << " a " << r.raport.a << " b " << r.raport.b);
    CHECK_FALSE(r.fromRaport());
    CHECK(r.tile.data == m.data);
  }
  CHECK(core::repeatSource(cv::Mat()).tile.empty());
}

TEST_CASE("the pola's repeats tile a photo's raport, not the photo", "[photo][raport][pola]") {
  test::RepeatPhotoSpec s;
  s.tileSize = {160, 160};
  s.photoSize = {640, 640};
  const test::RepeatPhoto photo = test::makeRepeatPhoto(s);
  core::PolaAction action;
  action.widthCm = 40;
  action.repeats = {2, 1};
  auto art = action.trace(photo.photo);
  REQUIRE(art);
  // Two square raports across 40 cm: 20 cm down.
  CHECK(art->heightMm == Approx(200).epsilon(0.05));
  // The whole photo (4 x 4 repeats) twice across would hold many times the shapes.
  auto photoTwice = imaging::makePola(photo.photo, 400, action.pola, {2, 1});
  REQUIRE(photoTwice);
  CHECK(art->shapes.size() * 3 < photoTwice->shapes.size());
}

TEST_CASE("the gallery's mock-ups repeat a photo's raport, and a motif without one whole", "[photo][raport][showroom]") {
  test::RepeatPhotoSpec s;
  s.tileSize = {150, 150};
  s.rotationDeg = -6;
  s.noise = 2;
  const test::RepeatPhoto photo = test::makeRepeatPhoto(s);
  auto m = core::Showroom::prepareMotif("foto", "Foto", photo.photo, {});
  REQUIRE(m);
  CHECK(m->motif.size() == photo.photo.size());  // the colourways still read the whole photo
  const double cell = std::abs(photo.a.x * photo.b.y - photo.a.y * photo.b.x);
  CHECK(std::abs(m->tile.cols * m->tile.rows / cell - 1) < 0.05);
  cv::Mat single(300, 300, CV_8UC3, cv::Scalar(235, 240, 245));
  cv::circle(single, {150, 150}, 60, cv::Scalar(30, 40, 70), cv::FILLED);
  auto one = core::Showroom::prepareMotif("satu", "Satu", single, {});
  REQUIRE(one);
  CHECK(one->tile.size() == single.size());
}

TEST_CASE("Rapikan foto is an operation of the stack: it renders, validates and goes through a project file", "[photo][operations]") {
  test::TempDir dir;
  // A cloth under a warm lamp: the clean-up brings its undyed ground back to neutral.
  test::RepeatPhotoSpec s;
  s.cast = {0.8, 0.95, 1.1};
  s.lightFalloff = 0.3;
  const test::RepeatPhoto photo = test::makeRepeatPhoto(s);
  REQUIRE(imaging::saveImage(photo.photo, dir / "kain.png"));
  auto design = core::designFromFile(dir / "kain.png");
  REQUIRE(design);
  core::CleanOp clean;
  clean.corners = std::array<cv::Point2d, 4>{cv::Point2d(0.05, 0.04), {0.95, 0.06}, {0.93, 0.95}, {0.04, 0.96}};
  design->ops.push_back(core::Operation(clean));
  const cv::Mat out = core::renderDesign(design->source.pixels, *design, {});
  REQUIRE(out.type() == CV_8UC3);
  const auto warmth = [](const cv::Mat& m) {
    const cv::Scalar mean = cv::mean(m);
    return mean[2] - mean[0];  // red over blue
  };
  CHECK(std::abs(warmth(out)) < 0.5 * std::abs(warmth(photo.photo)));
  // Corners outside 0..1 are refused; inside-out ones leave the geometry alone, never crash.
  core::CleanOp bad;
  bad.corners = std::array<cv::Point2d, 4>{cv::Point2d(-0.1, 0), {1, 0}, {1, 1}, {0, 1}};
  CHECK_FALSE(bad.validate());
  core::CleanOp crossed;
  crossed.corners = std::array<cv::Point2d, 4>{cv::Point2d(1, 1), {0, 0}, {1, 0}, {0, 1}};
  CHECK(crossed.run(photo.photo).size() == photo.photo.size());
  // Saved and loaded as it was.
  core::DesignSession session(std::move(*design));
  REQUIRE(core::saveProject(session, dir / "kain.canting"));
  auto loaded = core::loadProject(dir / "kain.canting");
  REQUIRE(loaded);
  REQUIRE(loaded->ops.size() == 1);
  REQUIRE(loaded->ops[0].as<core::CleanOp>());
  CHECK(*loaded->ops[0].as<core::CleanOp>() == clean);
}

TEST_CASE("a photo's real scale reaches the gallery's mock-ups and the pola's first width", "[photo][scale][showroom][pola]") {
  // The pola starts at the image's width on the cloth; unknown, at 60 cm.
  CHECK(core::polaWidthCm(3720, *core::scaleFromWidth(3720, 100)) == 100);
  CHECK(core::polaWidthCm(6000, core::scaleFromDpi(imaging::Dpi{300, 300})) == 51);  // 50.8 cm at 300 DPI
  CHECK(core::polaWidthCm(600, {}) == 60);
  CHECK(core::polaWidthCm(10, *core::scaleFromWidth(10, 0.5)) == 5);  // within the pola's limits
  CHECK(core::polaWidthCm(100, *core::scaleFromWidth(100, 9000)) == core::PolaAction::kMaxWidthCm);

  // A photo 36 cm wide: its raport tile goes on the shirt at its own size.
  test::RepeatPhotoSpec s;
  s.tileSize = {150, 150};
  s.photoSize = {600, 600};
  const test::RepeatPhoto photo = test::makeRepeatPhoto(s);
  auto m = core::Showroom::prepareMotif("foto", "Foto", photo.photo, {}, 360, 36.0);
  REQUIRE(m);
  REQUIRE(m->tileCm);
  CHECK(*m->tileCm == Approx(36.0 * m->tile.cols / 600));
  CHECK(*m->tileCm == Approx(9).epsilon(0.05));  // 150 of 600 px
  core::Showroom room;
  room.setMotif(std::move(*m));
  CHECK(room.motifCm == Approx(9).epsilon(0.05));
  // Without a scale the gallery keeps the width the staff chose.
  room.motifCm = 14;
  auto plain = core::Showroom::prepareMotif("foto", "Foto", photo.photo, {});
  REQUIRE(plain);
  CHECK_FALSE(plain->tileCm);
  room.setMotif(std::move(*plain));
  CHECK(room.motifCm == 14);

  // The Studio's tile handed to the gallery carries its width into the
  // library (and the file's DPI), kept across a restart.
  test::TempDir dir;
  core::Workbench::Options o;
  o.settingsFile = dir / "settings.json";
  o.assets = CANTING_ASSETS_DIR;
  o.dataDir = dir / "data";
  std::string id;
  {
    core::Workbench wb(o);
    const cv::Mat tile = photo.tile.clone();
    wb.sendImageToGallery(tile, "kain", 12.5);
    wb.finishAll();
    auto taken = wb.takeGalleryMotif();
    REQUIRE(taken);
    id = *taken;
    const core::LibraryMotif* lm = wb.library().find(id);
    REQUIRE(lm);
    CHECK(lm->widthCm == Approx(12.5));
    auto img = imaging::loadImage(lm->image);
    REQUIRE(img);
    REQUIRE(img->dpi);
    CHECK(tile.cols / img->dpi->x * 2.54 == Approx(12.5).epsilon(0.01));
  }
  core::Workbench again(o);
  REQUIRE(again.library().find(id));
  CHECK(again.library().find(id)->widthCm == Approx(12.5));
}
