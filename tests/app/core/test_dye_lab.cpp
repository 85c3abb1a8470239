#include <catch2/catch.hpp>

#include <fstream>

#include "canting/core/dye_lab.h"
#include "canting/core/paths.h"
#include "support/image_fixtures.h"

using namespace canting;
using Op = imaging::PlanStep::Op;

namespace {
core::DyeLab loadedLab() {
  core::DyeLab lab;
  REQUIRE(lab.load(core::assetsDir() / "dyes", 160));
  return lab;
}
imaging::PlanStep step(Op op, const std::string& arg = "") {
  imaging::PlanStep s;
  s.op = op;
  if (op == Op::Wax || op == Op::Kerok) s.layer = arg;
  if (op == Op::Dye) {
    s.dye = arg;
    s.concentration = 50;
    s.dips = 6;
  }
  if (op == Op::Fix) s.fixer = arg;
  return s;
}
}  // namespace

TEST_CASE("the lab loads the bundled exercises, each with a target on its motif", "[core][lab]") {
  core::DyeLab lab = loadedLab();
  REQUIRE(lab.exercises().size() >= 3);
  for (int i = 0; i < int(lab.exercises().size()); ++i) {
    lab.startExercise(i);
    CHECK_FALSE(lab.exercises()[std::size_t(i)].title[0].empty());
    CHECK(lab.target().size() == cv::Size(160, 160));
    CHECK(lab.plan().steps.empty());
    CHECK(lab.stateCount() == 1);
    REQUIRE(lab.score());
    CHECK(lab.score()->meanDeltaE > 5);  // white cloth is far from any target
  }
}

TEST_CASE("every lab edit is one undo step and re-runs the cloth", "[core][lab]") {
  core::DyeLab lab = loadedLab();
  lab.addStep(step(Op::Wax, "outline"));
  lab.addStep(step(Op::Dye, "indigo"));
  CHECK(lab.stateCount() == 3);
  CHECK(lab.shownState() == 2);
  lab.moveStep(1, -1);  // dye before wax: now the outline goes blue too
  CHECK(lab.plan().steps[0].op == Op::Dye);
  lab.updateStep(0, step(Op::Dye, "tingi"));
  CHECK(lab.plan().steps[0].dye == "tingi");
  lab.removeStep(1);
  CHECK(lab.plan().steps.size() == 1);
  lab.undo();
  lab.undo();
  lab.undo();
  CHECK(lab.plan().steps[0].op == Op::Wax);
  CHECK(lab.plan().steps[1].dye == "indigo");
  lab.redo();
  CHECK(lab.plan().steps[0].op == Op::Dye);
  lab.addStep(step(Op::Lorod));
  CHECK_FALSE(lab.canRedo());  // a new edit ends the redo branch
  // Out-of-range edits change nothing and make no undo step.
  const std::size_t n = lab.plan().steps.size();
  lab.removeStep(99);
  lab.moveStep(0, -1);
  lab.updateStep(-1, step(Op::Lorod));
  CHECK(lab.plan().steps.size() == n);
  lab.undo();
  CHECK(lab.plan().steps.size() == n - 1);
}

TEST_CASE("hints follow the trainer's plan and stop once the trainee strays", "[core][lab]") {
  core::DyeLab lab = loadedLab();
  const auto& want = lab.exercises()[std::size_t(lab.exercise())].targetPlan.steps;
  CHECK(lab.hint());
  CHECK(lab.plan().steps.size() == 1);
  lab.addStep(step(Op::Lorod));
  if (want.size() > 1 && want[1].op != Op::Lorod) CHECK_FALSE(lab.hint());
  lab.undo();
  while (lab.hint()) {}
  CHECK(lab.plan().steps.size() == want.size());
  REQUIRE(lab.score());
  CHECK(lab.score()->meanDeltaE == 0.0);
  CHECK(lab.score()->shareWithin5 == 1.0);
  CHECK(lab.score()->bathsUsed <= lab.score()->fewestBaths + 0);
}

TEST_CASE("a missing dye book is a clear error, and a broken exercise file is skipped", "[core][lab]") {
  test::TempDir dir;
  core::DyeLab lab;
  auto st = lab.load(dir / "nowhere");
  REQUIRE_FALSE(st);
  CHECK_FALSE(lab.loaded());
  std::filesystem::create_directories(dir / "plans");
  std::filesystem::copy_file(core::assetsDir() / "dyes" / "dyes.json", dir / "dyes.json");
  std::ofstream(dir / "plans" / "broken.json") << R"({"steps": [{"op": "dye", "dye": "kopi"}]})";
  std::ofstream(dir / "plans" / "ok.json") << R"({"name": "ok", "steps": [{"op": "dye", "dye": "indigo", "concentration": 20, "dips": 3}]})";
  REQUIRE(lab.load(dir.path(), 96));
  REQUIRE(lab.exercises().size() == 1);
  CHECK(lab.exercises()[0].title[0] == "ok");
}

TEST_CASE("the attempt log keeps each trainee's attempts and skips a damaged line", "[core][lab]") {
  test::TempDir dir;
  core::AttemptLog log(dir / "a" / "attempts.jsonl");
  core::DyeLab lab = loadedLab();
  CHECK_FALSE(lab.attempt(""));
  lab.hint();
  auto a = lab.attempt("Siti");
  REQUIRE(a);
  REQUIRE(log.save(*a));
  auto b = lab.attempt("Budi");
  REQUIRE(log.save(*b));
  { std::ofstream(dir / "a" / "attempts.jsonl", std::ios::app) << "{\"trainee\": \"Siti\", \"mean_de00\": \"oops\"}\n{\"trai"; }
  while (lab.hint()) {}  // Siti finishes the exercise on her second try
  REQUIRE(log.save(*lab.attempt("Siti")));
  auto siti = log.attemptsOf("Siti");
  REQUIRE(siti);
  REQUIRE(siti->size() == 2);
  CHECK(siti->front().meanDeltaE == Approx(a->meanDeltaE));
  CHECK(siti->back().meanDeltaE < siti->front().meanDeltaE);
  CHECK(log.attemptsOf("Budi")->size() == 1);
  CHECK(log.attemptsOf("Nobody")->empty());
  core::Attempt nameless;
  CHECK_FALSE(log.save(nameless));
  core::AttemptLog blocked(dir / "a" / "attempts.jsonl" / "x.jsonl");  // a file where a folder should be
  CHECK_FALSE(blocked.save(*a));
}

TEST_CASE("painted wax blocks the dye where it is painted, fills a whole part, and undoes", "[core][lab]") {
  core::DyeLab lab = loadedLab();
  const std::string layer = lab.newPaintedLayer();
  imaging::PlanStep wax = step(Op::Wax, layer);
  lab.addStep(wax);
  lab.addStep(step(Op::Dye, "indigo"));
  auto blueAt = [&](cv::Point p) {
    lab.showState(lab.stateCount() - 1);
    const cv::Vec3b c = lab.shownImage().at<cv::Vec3b>(p);
    return c[0] > c[2] + 20;  // blue well above red
  };
  const cv::Point spot(40, 40);
  CHECK(blueAt(spot));
  lab.beginStroke();
  lab.dab(layer, spot, 6, false);
  lab.endStroke();
  CHECK_FALSE(blueAt(spot));        // under the wax: the cloth stays pale
  CHECK(blueAt(cv::Point(40, 60)));  // beyond the brush: dyed
  lab.undo();
  CHECK(blueAt(spot));
  // Fill: the whole enclosed part under the click is waxed, not just a dab.
  const cv::Mat& outline = lab.layers().outline;
  cv::Point inside(-1, -1);
  for (int y = 20; y < outline.rows - 20 && inside.x < 0; ++y)
    for (int x = 20; x < outline.cols - 20; ++x)
      if (!outline.at<std::uint8_t>(y, x)) { inside = {x, y}; break; }
  REQUIRE(inside.x >= 0);
  lab.fill(layer, inside, false);
  lab.showState(1);
  const int waxed = cv::countNonZero(lab.shownImage().size() == outline.size() ? cv::Mat(lab.layers().painted.at(layer.substr(8))) : cv::Mat());
  CHECK(waxed > 50);
  CHECK(waxed < outline.rows * outline.cols);
  CHECK_FALSE(blueAt(inside));
  lab.undo();
  CHECK(blueAt(inside));
  // A painted layer survives plan edits on other steps and is cleared by a new exercise.
  lab.startExercise(lab.exercise());
  CHECK(lab.layers().painted.empty());
}

namespace {
// The plan and every painted mask, to compare states bit for bit.
struct LabPicture {
  std::string plan;
  std::map<std::string, cv::Mat> masks;
  bool operator==(const LabPicture& o) const {
    if (plan != o.plan || masks.size() != o.masks.size()) return false;
    for (const auto& [k, m] : masks) {
      const auto it = o.masks.find(k);
      if (it == o.masks.end() || m.size() != it->second.size() || cv::countNonZero(m != it->second)) return false;
    }
    return true;
  }
};
LabPicture picture(const core::DyeLab& lab) {
  LabPicture p{imaging::planToJson(lab.plan()), {}};
  for (const auto& [k, m] : lab.layers().painted) p.masks[k] = m.clone();
  return p;
}
}  // namespace

TEST_CASE("lab edits are labelled, and undo and redo give back bit-identical plans and masks", "[core][lab][history]") {
  core::DyeLab lab = loadedLab();
  std::vector<LabPicture> seen{picture(lab)};
  const std::string layer = lab.newPaintedLayer();
  lab.addStep(step(Op::Wax, layer));
  seen.push_back(picture(lab));
  lab.beginStroke();
  for (int x = 10; x < 150; x += 4) lab.dab(layer, {x, 30 + x / 5}, 5, false);
  lab.endStroke();
  seen.push_back(picture(lab));
  lab.beginStroke();
  lab.dab(layer, {50, 40}, 8, true);
  lab.endStroke();
  seen.push_back(picture(lab));
  lab.fill(layer, {1, 1}, false);
  seen.push_back(picture(lab));
  lab.addStep(step(Op::Dye, "indigo"));
  seen.push_back(picture(lab));
  lab.updateStep(1, step(Op::Dye, "tingi"));
  seen.push_back(picture(lab));
  lab.moveStep(1, -1);
  seen.push_back(picture(lab));
  lab.removeStep(0);
  seen.push_back(picture(lab));
  std::vector<std::string> labels;
  for (const auto& e : lab.history()) labels.push_back(e.label);
  CHECK(labels == std::vector<std::string>{"lab.history.add_step", "lab.history.paint", "lab.history.erase", "lab.history.fill",
                                           "lab.history.add_step", "lab.history.change_step", "lab.history.move_step",
                                           "lab.history.remove_step"});
  REQUIRE(lab.position() == seen.size() - 1);
  CHECK(picture(lab) == seen.back());
  for (std::size_t i = seen.size() - 1; i-- > 0;) {
    lab.undo();
    CHECK(lab.position() == i);
    CHECK(picture(lab) == seen[i]);
  }
  CHECK(lab.layers().painted.empty());  // the layer came with the first edit and went with it
  for (std::size_t i = 1; i < seen.size(); ++i) {
    lab.redo();
    CHECK(picture(lab) == seen[i]);
  }
  lab.goTo(2);
  CHECK(picture(lab) == seen[2]);
  lab.goTo(seen.size() - 1);
  CHECK(picture(lab) == seen.back());
  lab.startExercise(lab.exercise());  // hints start from an empty plan
  CHECK(lab.history().empty());
  lab.hint();
  CHECK(lab.history().back().label == "lab.history.hint");
}

TEST_CASE("a brush stroke is one lab history entry, and an open stroke ends before undo", "[core][lab][history]") {
  core::DyeLab lab = loadedLab();
  const std::string layer = lab.newPaintedLayer();
  lab.addStep(step(Op::Wax, layer));
  lab.beginStroke();
  for (int i = 0; i < 50; ++i) lab.dab(layer, {20 + 2 * i, 80}, 4, false);
  lab.endStroke();
  CHECK(lab.history().size() == 2);
  lab.beginStroke();
  lab.endStroke();  // a stroke that changed nothing leaves no entry
  CHECK(lab.history().size() == 2);
  lab.beginStroke();
  lab.dab(layer, {80, 20}, 4, false);
  lab.undo();  // Ctrl+Z mid-drag: the stroke so far is one entry, and that is what goes
  CHECK(lab.position() == 2);
  CHECK(lab.history().size() == 3);
  CHECK(lab.layers().painted.at("1").at<std::uint8_t>(20, 80) == 0);
  CHECK(lab.layers().painted.at("1").at<std::uint8_t>(80, 40) == 255);
}

TEST_CASE("the lab's history is capped like the Studio's, dropping the oldest", "[core][lab][history]") {
  core::DyeLab lab = loadedLab();
  lab.startExercise(-1);  // free practice: no score on every one of the 203 edits
  for (std::size_t i = 0; i < core::DyeLab::kMaxHistory / 2 + 1; ++i) {
    lab.addStep(step(Op::Lorod));
    lab.removeStep(0);
  }
  lab.addStep(step(Op::Lorod));  // 203 edits: the oldest three (add, remove, add) go
  REQUIRE(lab.history().size() == core::DyeLab::kMaxHistory);
  CHECK(lab.history().front().label == "lab.history.remove_step");
  std::size_t undone = 0;
  while (lab.canUndo()) {
    lab.undo();
    ++undone;
  }
  CHECK(undone == core::DyeLab::kMaxHistory);
  CHECK(lab.plan().steps.size() == 1);  // as far back as the cap keeps: after the oldest add that is left
}

TEST_CASE("100 brush strokes on a 1024-pixel cloth keep the lab history far below 100 masks", "[core][lab][history]") {
  core::DyeLab lab;
  REQUIRE(lab.load(core::assetsDir() / "dyes", 1024));
  lab.startExercise(-1);  // free practice: no target to score against on every stroke
  const std::string layer = lab.newPaintedLayer();
  lab.addStep(step(Op::Wax, layer));
  const LabPicture start = picture(lab);
  const std::size_t afterAdd = lab.historyBytes();
  cv::RNG rng(12);
  cv::Point from;
  for (int i = 0; i < 100; ++i) {
    // Every seventh stroke erases over the one before it, the rest paint somewhere new.
    const bool erase = i % 7 == 6;
    if (!erase) from = cv::Point(rng.uniform(0, 1024), rng.uniform(0, 1024));
    lab.beginStroke();
    for (int k = 0; k < 3; ++k) lab.dab(layer, from + cv::Point(40 * k, 10 * k), erase ? 8 : 12, erase);
    lab.endStroke();
  }
  const LabPicture end = picture(lab);
  const std::size_t bytes = lab.historyBytes();
  const std::size_t wholeMasks = 100u * 1024 * 1024;
  INFO("history bytes: " << bytes << " (after the add: " << afterAdd << "), 100 whole masks: " << wholeMasks);
  CHECK(lab.history().size() == 101);
  CHECK(bytes < wholeMasks / 100);
  while (lab.position() > 1) lab.undo();
  CHECK(picture(lab) == start);
  lab.goTo(101);
  CHECK(picture(lab) == end);
}

TEST_CASE("the tulis + cap exercise asks for 40 cm of cloth, names its sources, and its hints stamp 20 cm caps to the target", "[core][lab][cap]") {
  core::DyeLab lab = loadedLab();
  int index = -1;
  for (int i = 0; i < int(lab.exercises().size()); ++i)
    if (lab.exercises()[std::size_t(i)].id == "tulis-cap-ceplok") index = i;
  REQUIRE(index >= 0);
  const core::Exercise& ex = lab.exercises()[std::size_t(index)];
  CHECK(ex.clothCm == 40);
  CHECK(ex.sources.size() >= 3);
  // pola → nyanting → cap → pelorodan: wax by hand, then a cap, a bath, lorod.
  REQUIRE(ex.targetPlan.steps.size() == 4);
  CHECK(ex.targetPlan.steps[0].op == Op::Wax);
  CHECK(ex.targetPlan.steps[1].op == Op::Cap);
  CHECK(ex.targetPlan.steps[1].sizeCm == 20);
  CHECK(ex.targetPlan.steps[3].op == Op::Lorod);
  lab.startExercise(index);
  CHECK(lab.dpi() == Approx(160 / 40.0 * 2.54));  // 4 px per cm on a 160 px swatch
  while (lab.hint()) {
  }
  REQUIRE(lab.score());
  CHECK(lab.score()->meanDeltaE == 0.0);
  // Another exercise goes back to the 12 cm swatch at 100 DPI.
  lab.startExercise(index == 0 ? 1 : 0);
  CHECK(lab.dpi() == 100);
}

TEST_CASE("a cap placed by hand in the lab is one undo step per stamp and saves as a plan file reads", "[core][lab][cap]") {
  core::DyeLab lab = loadedLab();
  imaging::PlanStep cap{.op = Op::Cap, .tile = "isen", .sizeCm = 2, .placement = imaging::PlanStep::Placement::Hand};
  lab.addStep(cap);
  // An empty cap by hand (not placed yet) is a plan file too.
  auto empty = imaging::parsePlan(imaging::planToJson(lab.plan()), lab.book());
  REQUIRE(empty);
  CHECK(empty->steps[0].at.empty());
  lab.placeStamp(0, {3.04, 4.96});
  lab.placeStamp(0, {8, 8});
  REQUIRE(lab.plan().steps[0].at.size() == 2);
  CHECK(lab.plan().steps[0].at[0].x == Approx(3.0));  // to the millimetre
  CHECK(lab.history().back().label == std::string("lab.history.stamp"));
  lab.undo();
  CHECK(lab.plan().steps[0].at.size() == 1);
  lab.placeStamp(5, {1, 1});  // no such step: nothing happens
  CHECK(lab.history().size() == 3);
}
