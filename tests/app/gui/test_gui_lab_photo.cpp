// The dye lab's "Exercise from a photo…", driven like a trainer: the button
// opens the file browser, the photo chosen is read into its layers and plan,
// shown in a window, saved, and the lab lists and starts the new exercise.
#include "harness.h"

#include "canting/core/photo_exercise.h"
#include "canting/imaging/image_io.h"
#include "support/repeat_photo.h"

using namespace canting;
using test::Harness;
namespace fs = std::filesystem;

TEST_CASE("a trainer makes an exercise from a photo in the lab: layers and target shown, saved, listed and started", "[gui][lab][infer]") {
  Harness h;
  h.wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
  h.frames(3);
  core::DyeLab& lab = h.app->lab().lab();
  REQUIRE(lab.loaded());
  const std::size_t before = lab.exercises().size();

  test::RepeatPhotoSpec spec;
  spec.motif = imaging::MotifKind::Kawung;
  spec.tileSize = {180, 180};
  spec.photoSize = {540, 420};
  spec.lightFalloff = 0.2;
  spec.noise = 3;
  spec.jpegQuality = 85;
  const fs::path photo = h.dir / "kain-kawung.jpg";
  REQUIRE(imaging::saveImage(test::makeRepeatPhoto(spec).photo, photo));

  // The button asks the App's file browser for an image.
  h.click(h.centreOf("@lab.photo"));
  h.frames(1);
  REQUIRE(h.app->fileBrowser().isOpen());
  CHECK(h.app->fileBrowser().mode() == gui::FileBrowserPanel::Mode::ImportMotif);
  h.app->fileBrowser().typeName(photo.string());
  h.click(h.centreOf("@browser.open"));
  h.frames(2);
  CHECK_FALSE(h.app->fileBrowser().isOpen());
  gui::LabPhoto& lp = h.app->lab().photo();
  REQUIRE(lp.open());
  REQUIRE(lp.inferred());
  CHECK(lp.inferred()->colours.size() >= 2);
  // The window shows the target, the masks and the plan.
  const std::string text = h.textFrame();
  CHECK(gui::probe::find("@lab.photo.target"));
  CHECK(gui::probe::find("@lab.photo.layers"));
  CHECK(text.find(h.wb.tr().tr("lab.photo.plan")) != std::string::npos);
  CHECK(text.find(h.wb.tr().tr("lab.op.lorod")) != std::string::npos);
  CHECK(lab.exercises().size() == before);  // nothing saved yet

  lp.setTitle("Kawung dari foto");
  h.frames(1);
  h.click(h.centreOf("@lab.photo.save"));
  h.frames(2);
  CHECK_FALSE(lp.open());
  CHECK(fs::exists(core::userExercisesDir(h.wb.dataFolder()) / "kawung-dari-foto.json"));
  REQUIRE(lab.exercises().size() == before + 1);
  REQUIRE(lab.exercise() >= 0);
  const core::Exercise& ex = lab.exercises()[std::size_t(lab.exercise())];
  CHECK(ex.id == "kawung-dari-foto");
  CHECK(ex.fromPhoto());
  CHECK_FALSE(lab.target().empty());
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Info);

  // Petunjuk walks the answer key; the steps name the photo's colour areas.
  h.click(h.centreOf("@lab.hint"));
  h.frames(1);
  REQUIRE(lab.plan().steps.size() == 1);
  CHECK(h.textFrame().find(core::layerText(h.wb.tr(), lab.plan().steps[0].layer)) != std::string::npos);

  // A photo that cannot be read gives a notice and no window.
  const fs::path plain = h.dir / "polos.png";
  REQUIRE(imaging::saveImage(cv::Mat(200, 300, CV_8UC3, cv::Scalar(200, 205, 210)), plain));
  CHECK_FALSE(lp.read(h.app->ui(), plain, lab.book()));
  CHECK_FALSE(lp.open());
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Error);
}
