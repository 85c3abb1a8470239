// An exercise made from a photo: saved beside the trainer's own exercises,
// listed by the lab after the shipped ones, scored against the photo's
// target, with the inferred plan as the answer key for hints.
#include <catch2/catch.hpp>

#include "canting/core/dye_lab.h"
#include "canting/core/paths.h"
#include "canting/core/photo_exercise.h"
#include "support/image_fixtures.h"
#include "support/repeat_photo.h"

using namespace canting;

namespace {

imaging::InferredPlan inferredFromPhoto(const imaging::DyeBook& book) {
  test::RepeatPhotoSpec s;
  s.motif = imaging::MotifKind::Kawung;
  s.tileSize = {200, 200};
  s.photoSize = {600, 400};
  s.lightFalloff = 0.25;
  s.cast = {0.9, 1.0, 1.08};
  s.noise = 3;
  s.jpegQuality = 85;
  auto in = imaging::inferDyePlan(test::makeRepeatPhoto(s).photo, book, {.clothWidthCm = 24});
  REQUIRE(in);
  return std::move(*in);
}

}  // namespace

TEST_CASE("an exercise made from a photo loads, hints and scores as a shipped one does", "[core][lab][infer]") {
  test::TempDir dir;
  core::DyeLab lab;
  const auto user = core::userExercisesDir(dir.path());
  REQUIRE(lab.load(core::assetsDir() / "dyes", 480, user));
  const std::size_t shipped = lab.exercises().size();
  REQUIRE(shipped >= 3);
  const imaging::InferredPlan in = inferredFromPhoto(lab.book());
  auto saved = core::saveExerciseFromPhoto(in, "Kawung dari foto", user);
  REQUIRE(saved);
  CHECK(saved->parent_path() == user);

  lab.reloadExercises(saved->stem().string());
  REQUIRE(lab.exercises().size() == shipped + 1);
  const core::Exercise& ex = lab.exercises()[std::size_t(lab.exercise())];
  CHECK(ex.id == "kawung-dari-foto");
  CHECK(ex.title[0] == "Kawung dari foto");
  REQUIRE(ex.fromPhoto());
  // The cloth is the photo's middle square at the lab's size; the target is the photo's colours.
  CHECK(lab.layers().ground.size() == cv::Size(480, 480));
  REQUIRE(lab.target().size() == cv::Size(480, 480));
  CHECK(lab.plan().steps.empty());
  REQUIRE(lab.score());
  CHECK(lab.score()->meanDeltaE > 5);  // the bare cloth is far from the photo

  // Petunjuk walks the inferred plan, step by step, to the end.
  while (lab.hint()) {}
  CHECK(lab.plan().steps.size() == ex.targetPlan.steps.size());
  CHECK(lab.error().empty());
  REQUIRE(lab.score());
  INFO("answer key scores mean dE00 " << lab.score()->meanDeltaE);
  CHECK(lab.score()->meanDeltaE < 6);  // the edges' seepage is all that is left
  CHECK(lab.score()->bathsUsed <= lab.score()->fewestBaths);
  const auto attempt = lab.attempt("Sri");
  REQUIRE(attempt);
  CHECK(attempt->exercise == "kawung-dari-foto");

  // The shipped exercises are as they were.
  lab.startExercise(0);
  CHECK_FALSE(lab.exercises()[0].fromPhoto());
  CHECK(lab.target().size() == cv::Size(480, 480));
}

TEST_CASE("a photo exercise whose layers folder is gone is left out of the list", "[core][lab][infer]") {
  test::TempDir dir;
  core::DyeLab lab;
  const auto user = core::userExercisesDir(dir.path());
  REQUIRE(lab.load(core::assetsDir() / "dyes", 120, user));
  const std::size_t shipped = lab.exercises().size();
  auto saved = core::saveExerciseFromPhoto(inferredFromPhoto(lab.book()), "Hilang", user);
  REQUIRE(saved);
  lab.reloadExercises("hilang");
  CHECK(lab.exercises().size() == shipped + 1);
  std::filesystem::remove_all(user / "hilang");
  lab.reloadExercises("hilang");
  CHECK(lab.exercises().size() == shipped);
  CHECK(lab.exercise() == 0);
}
