#pragma once
// Lab Pewarnaan: the steps of a wax-and-dye plan on the left, the cloth in the
// middle with a timeline over the steps and the exercise's target beside it,
// the dyes and fixers on the right as swatches with their recipes, and the
// plan's history (labelled, like the Studio's) in a tab beside them. The model
// is core::DyeLab; this class only draws it and turns clicks into edits.

#include <memory>
#include <utility>

#include "canting/core/actions.h"
#include "canting/core/attempts.h"
#include "canting/core/dye_lab.h"
#include "lab_photo.h"
#include "panel.h"

namespace canting::gui {

class LabPanel final : public Panel {
 public:
  core::WorkspaceId workspace() const override { return core::WorkspaceId::LabPewarnaan; }
  void draw(UiContext& ui) override;
  void undo(UiContext& ui) override;
  void redo(UiContext& ui) override;
  // The recipe card: the panel asks for a PDF name, the chosen path comes back here.
  std::optional<FileRequest> takeFileRequest(UiContext& ui) override;
  void fileChosen(UiContext& ui, int tag, const std::filesystem::path& path) override;
  core::DyeLab& lab() { return m_lab; }
  int selectedStep() const { return m_selected; }
  // The painted layer of the selected wax or kerok step, or "" when there is none.
  std::string paintTarget() const;
  std::string suggestedRecipeName() const;
  void writeRecipeCard(UiContext& ui, const std::filesystem::path& path);
  void setCloth(int grams, int ratio) { m_recipe = {.clothGrams = double(grams), .liquorRatio = double(ratio)}; }
  void showRecipeTab() { m_selectRecipeTab = true; }
  void showHistoryTab() { m_selectHistoryTab = true; }
  void selectStep(int i) { m_selected = i; }
  // Where attempts go; by default the records session's store (the records
  // while a trainer is logged in, else a log in the user's data folder).
  void setStore(std::unique_ptr<core::AttemptStore> store) { m_store = std::move(store); }
  void setTrainee(const std::string& name) { m_trainee = name; }
  // Loads the dye book and exercises once; a failure becomes a notice.
  bool ensureLoaded(UiContext& ui);
  LabPhoto& photo() { return m_photo; }  // "Exercise from a photo…" (lab_photo.h)

 private:
  void drawSteps(UiContext& ui);
  void drawStepEditor(UiContext& ui, int index);
  void drawCloth(UiContext& ui);
  void drawDyes(UiContext& ui);
  void drawAttempt(UiContext& ui);
  void drawRecipe(UiContext& ui);
  core::AttemptStore* store(UiContext& ui);
  void drawHistory(UiContext& ui);
  std::string stepText(const UiContext& ui, const imaging::PlanStep& s) const;
  std::string tileText(const UiContext& ui, const std::string& tile) const;
  // The cap's and the ciprat's own fields; true when the step changed.
  bool drawCapEditor(UiContext& ui, imaging::PlanStep& s);
  bool drawCipratEditor(UiContext& ui, imaging::PlanStep& s);
  void drawKlowong(UiContext& ui);
  // The selected step when it is a cap placed by hand (a click on the cloth stamps there), else -1.
  int handCapStep() const;

  core::DyeLab m_lab;
  bool m_tried = false;
  int m_selected = -1;
  std::unique_ptr<core::AttemptStore> m_store;
  std::string m_trainee;
  int m_savedCount = -1;          // the trainee's saved attempts, -1 = not looked up yet
  double m_best = 0;
  std::string m_dye = "indigo";  // what a new dye step uses: the last dye picked on the right
  enum class Tool { Brush, Fill, Eraser } m_tool = Tool::Brush;
  int m_brushPx = 6;
  bool m_stroking = false;
  core::DyeRecipeAction m_recipe;  // the CLI's `dye recipe`, with its defaults
  bool m_wantRecipe = false;
  bool m_selectRecipeTab = false;
  bool m_selectHistoryTab = false;
  LabPhoto m_photo;
};

}  // namespace canting::gui
