// The dye lab's "Exercise from a photo…", driven like a trainer: the button
// opens the file browser, the photo chosen is read into its layers and plan,
// shown in a window, saved, and the lab lists and starts the new exercise.
#include "harness.h"

#include "canting/core/photo_exercise.h"
#include "canting/imaging/image_io.h"
#include "support/repeat_photo.h"

#include <future>
#include <thread>

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
  // The reading runs on the lab photo's worker (held here by a gate, so that
  // the test sees it): the window says so and the lab goes on drawing.
  gui::LabPhoto& lp = h.app->lab().photo();
  std::promise<void> gate;
  lp.setGate(gate.get_future().share());
  h.click(h.centreOf("@browser.open"));
  h.frames(2);
  CHECK_FALSE(h.app->fileBrowser().isOpen());
  CHECK(lp.busy());
  CHECK_FALSE(lp.open());
  CHECK(h.textFrame().find(h.wb.tr().tr("lab.photo.reading")) != std::string::npos);
  CHECK(gui::probe::find("@lab.photo.reading"));
  CHECK(gui::probe::find("@lab.steps"));
  lp.setGate({});
  gate.set_value();
  REQUIRE(h.framesUntil([&] { return lp.open(); }));
  CHECK_FALSE(lp.busy());
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

TEST_CASE("the lab reads a photo on its worker: another photo or Close mid-run drops the old reading, closing the app waits safely", "[gui][lab][infer]") {
  auto h = std::make_unique<Harness>();
  h->wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
  h->frames(2);
  gui::LabPanel& panel = h->app->lab();
  gui::LabPhoto& lp = panel.photo();
  test::RepeatPhotoSpec spec;
  spec.tileSize = {90, 90};
  spec.photoSize = {270, 210};
  const fs::path first = h->dir / "kain-satu.png", second = h->dir / "kain-dua.png";
  REQUIRE(imaging::saveImage(test::makeRepeatPhoto(spec).photo, first));
  spec.motif = imaging::MotifKind::Ceplok;
  REQUIRE(imaging::saveImage(test::makeRepeatPhoto(spec).photo, second));

  // Another photo chosen while the first is read: only the second is shown.
  std::promise<void> gate;
  lp.setGate(gate.get_future().share());
  panel.fileChosen(h->app->ui(), gui::LabPhoto::kFileTag, first);
  h->frames(1);
  CHECK(lp.busy());
  lp.setGate({});
  panel.fileChosen(h->app->ui(), gui::LabPhoto::kFileTag, second);
  gate.set_value();
  REQUIRE(h->framesUntil([&] { return lp.open(); }));
  h->frames(3);  // the first reading, done too, changes nothing
  CHECK(h->textFrame().find("kain-dua") != std::string::npos);
  CHECK(h->textFrame().find("kain-satu") == std::string::npos);

  // Cancel while it reads: no window, and the late result is dropped.
  std::promise<void> gate2;
  lp.setGate(gate2.get_future().share());
  panel.fileChosen(h->app->ui(), gui::LabPhoto::kFileTag, first);
  h->frames(2);
  CHECK_FALSE(lp.open());
  h->click(h->centreOf("@lab.photo.cancel"));
  CHECK_FALSE(lp.busy());
  gate2.set_value();
  h->frames(3);
  CHECK_FALSE(lp.open());
  CHECK_FALSE(lp.busy());

  // The app closed while a reading runs: it waits for the worker, which
  // holds only its own copies (ASan would see a use after free).
  std::promise<void> gate3;
  lp.setGate(gate3.get_future().share());
  panel.fileChosen(h->app->ui(), gui::LabPhoto::kFileTag, second);
  h->frame();
  std::thread late([&gate3] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    gate3.set_value();
  });
  h.reset();
  late.join();
}
