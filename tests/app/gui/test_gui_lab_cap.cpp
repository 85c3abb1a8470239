// The lab's cap and ciprat buttons, the cap placed by hand on the cloth and
// the klowong choice, driven like a user on a 1366 x 768 screen.
#include <opencv2/imgproc.hpp>

#include "harness.h"

using namespace canting;
using namespace canting::test;
using Op = imaging::PlanStep::Op;

namespace {

void openLab(Harness& h) {
  h.wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
  h.frames(2);
}

// The step editor's last buttons are inside the steps column, unscrolled,
// on a 768-pixel screen.
void editorFits() {
  const auto del = gui::probe::find("@lab.delete"), column = gui::probe::find("@lab.steps");
  REQUIRE(del);
  REQUIRE(column);
  CHECK(column->max.y <= 768);
  CHECK(del->max.y <= column->max.y);
}

// Opens a combo and picks one of its items, as a user does.
void choose(Harness& h, const std::string& combo, const std::string& item) {
  h.click(h.centreOf(combo));
  h.frames(1);
  h.click(h.centreOf(item));
  h.frames(1);
}

}  // namespace

TEST_CASE("+ Cap adds a 20 cm cap in a grid, edited in the step editor, and the editor fits 768 pixels", "[gui][lab][cap]") {
  for (auto lang : {core::Language::Indonesian, core::Language::English}) {
    Harness h;
    h.wb.setLanguage(lang);
    openLab(h);
    core::DyeLab& lab = h.app->lab().lab();
    h.click(h.centreOf("@lab.add.cap"));
    h.frames(1);
    REQUIRE(lab.plan().steps.size() == 1);
    const imaging::PlanStep& cap = lab.plan().steps[0];
    CHECK(cap.op == Op::Cap);
    CHECK(cap.sizeCm == 20);
    CHECK(cap.placement == imaging::PlanStep::Placement::Grid);
    CHECK(cap.tile == "motif:kawung");
    CHECK(h.app->lab().selectedStep() == 0);
    CHECK(gui::probe::find("@lab.cap.tile"));
    CHECK(gui::probe::find("@lab.cap.size"));
    editorFits();
    // A cap lays wax where a bath will not reach.
    CHECK(lab.error().empty());
    // Another placement from its list: one undoable edit.
    choose(h, "@lab.cap.placement", "@lab.cap.placement.half-drop");
    CHECK(lab.plan().steps[0].placement == imaging::PlanStep::Placement::HalfDrop);
    h.ctrlKey('Z');
    CHECK(lab.plan().steps[0].placement == imaging::PlanStep::Placement::Grid);
  }
}

TEST_CASE("a cap by hand stamps where the cloth is clicked, in cm, and undo takes the stamp back", "[gui][lab][cap]") {
  Harness h;
  openLab(h);
  core::DyeLab& lab = h.app->lab().lab();
  h.click(h.centreOf("@lab.add.cap"));
  h.frames(1);
  choose(h, "@lab.cap.placement", "@lab.cap.placement.hand");
  REQUIRE(lab.plan().steps[0].placement == imaging::PlanStep::Placement::Hand);
  CHECK(lab.plan().steps[0].at.empty());
  editorFits();
  // A click in the middle of the cloth: a stamp centred on the middle, in cm.
  const auto cloth = gui::probe::find("@lab.cloth");
  REQUIRE(cloth);
  h.click(cloth->centre());
  h.frames(1);
  REQUIRE(lab.plan().steps[0].at.size() == 1);
  const double clothCm = lab.layers().outline.cols / lab.dpi() * 2.54;
  CHECK(lab.plan().steps[0].at[0].x == Approx(clothCm / 2).margin(0.3));
  CHECK(lab.plan().steps[0].at[0].y == Approx(clothCm / 2).margin(0.3));
  CHECK(lab.stateCount() == 2);
  // A second stamp near the top-left corner, then undo: one stamp again.
  h.click(ImVec2(cloth->min.x + 10, cloth->min.y + 10));
  h.frames(1);
  CHECK(lab.plan().steps[0].at.size() == 2);
  h.ctrlKey('Z');
  CHECK(lab.plan().steps[0].at.size() == 1);
  // The plan as an attempt would save it reads back.
  auto back = imaging::parsePlan(imaging::planToJson(lab.plan()), lab.book());
  REQUIRE(back);
  CHECK(back->steps[0].at.size() == 1);
}

TEST_CASE("+ Ciprat splashes the chosen dye on the ground and other splashes come from another seed", "[gui][lab][ciprat]") {
  Harness h;
  openLab(h);
  core::DyeLab& lab = h.app->lab().lab();
  h.click(h.centreOf("@lab.add.ciprat"));
  h.frames(1);
  REQUIRE(lab.plan().steps.size() == 1);
  CHECK(lab.plan().steps[0].op == Op::Ciprat);
  CHECK(lab.plan().steps[0].layer == "ground");
  CHECK(gui::probe::find("@lab.ciprat.density"));
  CHECK(gui::probe::find("@lab.ciprat.drop"));
  editorFits();
  const cv::Mat first = lab.shownImage().clone();
  const cv::Mat bare = [&] {
    lab.showState(0);
    return lab.shownImage().clone();
  }();
  CHECK(cv::norm(first, bare, cv::NORM_INF) > 0);  // drops landed
  const std::uint32_t seed = lab.plan().steps[0].seed;
  h.click(h.centreOf("@lab.ciprat.resplash"));
  h.frames(1);
  CHECK(lab.plan().steps[0].seed != seed);
  CHECK(cv::norm(lab.shownImage(), first, cv::NORM_INF) > 0);
  // A dye clicked on the right goes to the selected ciprat, as to a dye step.
  h.click(h.centreOf("@lab.dye.secang"));
  h.frames(1);
  CHECK(lab.plan().steps[0].dye == "secang");
}

TEST_CASE("the klowong colour is a style choice in the lab: the target follows it and undo brings it back", "[gui][lab][klowong]") {
  Harness h;
  openLab(h);
  core::DyeLab& lab = h.app->lab().lab();
  REQUIRE(lab.exercise() >= 0);
  const cv::Mat white = lab.target().clone();
  CHECK(h.textFrame().find("Putih (Purbalingga)") != std::string::npos);
  choose(h, "@lab.klowong", "@lab.klowong.kuning");
  CHECK(lab.plan().klowong == "kuning");
  CHECK(h.textFrame().find("Kuning (Banyumas)") != std::string::npos);
  // The target's lines turn yellow; its ground stays as it was.
  const cv::Mat yellow = lab.target();
  cv::Mat diff;
  cv::absdiff(white, yellow, diff);
  cv::Mat changed;
  cv::cvtColor(diff, changed, cv::COLOR_BGR2GRAY);
  CHECK(cv::countNonZero(changed > 8 & lab.layers().outline) > 0);
  CHECK(cv::countNonZero(changed > 8 & lab.layers().ground & ~lab.layers().outline) < cv::countNonZero(lab.layers().ground) / 50);
  // The hints and the score follow the style: the trainer's plan still reaches the target exactly.
  for (std::size_t i = 0; i < lab.exercises()[std::size_t(lab.exercise())].targetPlan.steps.size(); ++i) lab.hint();
  REQUIRE(lab.score());
  CHECK(lab.score()->meanDeltaE == 0.0);
  while (lab.canUndo()) lab.undo();
  CHECK(lab.plan().klowong.empty());
  CHECK(cv::norm(lab.target(), white, cv::NORM_INF) == 0);
}
