#pragma once
// Lab Pewarnaan: the steps of a wax-and-dye plan on the left, the cloth in the
// middle with a timeline over the steps and the exercise's target beside it,
// the dyes and fixers on the right as swatches with their recipes. The model
// is core::DyeLab; this class only draws it and turns clicks into edits.

#include "canting/core/dye_lab.h"
#include "ui_context.h"

namespace canting::gui {

class LabPanel {
 public:
  void draw(UiContext& ui);
  core::DyeLab& lab() { return m_lab; }
  int selectedStep() const { return m_selected; }
  void selectStep(int i) { m_selected = i; }
  // Loads the dye book and exercises once; a failure becomes a notice.
  bool ensureLoaded(UiContext& ui);

 private:
  void drawSteps(UiContext& ui);
  void drawStepEditor(UiContext& ui, int index);
  void drawCloth(UiContext& ui);
  void drawDyes(UiContext& ui);
  std::string stepText(const UiContext& ui, const imaging::PlanStep& s) const;

  core::DyeLab m_lab;
  bool m_tried = false;
  int m_selected = -1;
  std::string m_dye = "indigo";   // what a new dye step uses: the last dye picked on the right
};

}  // namespace canting::gui
