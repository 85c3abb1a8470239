#pragma once
// The Lab Pewarnaan's model, without any GUI: the dye book, the layered motif
// the trainee works on, the plan being built (every edit undoable), the
// simulated states for the timeline, and the exercise's target and score.
// The GUI draws it and the tests drive it the same way.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "canting/core/attempts.h"
#include "canting/core/history.h"
#include "canting/core/i18n.h"
#include "canting/imaging/dye.h"
#include "canting/imaging/motif.h"

namespace canting::core {

struct Exercise {
  std::string id, title[2];      // title in Indonesian, English
  imaging::MotifKind motif = imaging::MotifKind::Kawung;
  imaging::Plan targetPlan;      // the trainer's plan; its result is the target
  std::vector<std::string> sources;  // where the process it teaches comes from
  // From a photo (photo_exercise.h): its layers folder and target beside the
  // plan file; empty for a shipped exercise on a generated motif.
  std::filesystem::path layersDir, targetFile;
  bool fromPhoto() const { return !layersDir.empty(); }
  double clothCm = 0;            // the swatch's side; 0: the lab's 12 cm at 100 dpi (a cap exercise needs room for its stamps)
};

// A recipe as lines for people, in the translator's language: the heading
// (cloth, liquor, litres), then per bath a heading with its colour swatch and
// the grams of each dye, auxiliary and fixer. The CLI prints it, the lab shows
// it, and both print it as a card with imaging::writeRecipeCard.
std::vector<imaging::CardLine> recipeLines(const Translator& tr, const imaging::Plan& plan, const imaging::DyeBook& book,
                                           const imaging::Recipe& recipe);
// The same recipe for scripts: every bath with its volume, each amount a
// number with its unit (null where the sources give no figure).
nlohmann::json recipeJson(const Translator& tr, const imaging::Recipe& recipe);

// What one lab edit changes: the whole plan (a few steps, a few hundred
// bytes) and, for painted wax, only the rectangle of each mask the edit
// touched, compressed. Before and after cover the same rectangles.
struct LabState {
  imaging::Plan plan;
  std::vector<MaskPatch> masks;
  std::size_t bytes() const;
};

class DyeLab {
 public:
  // Loads the dye book and the exercises (assets/dyes/dyes.json, assets/dyes/plans/*.json),
  // then a trainer's own from `userPlans` (photo_exercise.h's userExercisesDir).
  imaging::Status load(const std::filesystem::path& dyesDir, int clothPx = 480, const std::filesystem::path& userPlans = {});
  // Reads the exercises again (one was just saved) and starts `id` when it is among them.
  void reloadExercises(const std::string& id = {});

  bool loaded() const { return !m_book.dyes.empty(); }
  const imaging::DyeBook& book() const { return m_book; }
  const std::vector<Exercise>& exercises() const { return m_exercises; }
  int exercise() const { return m_exercise; }
  void startExercise(int index);  // a fresh, empty plan on the exercise's motif
  double dpi() const { return m_dpi; }  // of the swatch: cm on the cloth to pixels (cap sizes, stamps by hand)

  const imaging::Plan& plan() const { return m_plan; }
  // Edits: each makes one labelled undo step ("lab.history.*") and re-runs the simulation.
  void addStep(const imaging::PlanStep& step);
  void removeStep(int index);
  void moveStep(int index, int delta);
  void updateStep(int index, const imaging::PlanStep& step);
  // The klowong style (a KlowongStyle id of the book): one undoable edit of
  // the plan; the target follows it, since it is a choice of style, not a mistake.
  void setKlowong(const std::string& style);
  // A cap by hand: one more stamp on step `index`, centred at `cm` from the cloth's top-left (one undoable edit).
  void placeStamp(int index, cv::Point2d cm);
  // A hint: while the plan so far follows the trainer's plan step for step,
  // adds its next step (one undoable edit). False when there is none to give.
  bool hint();
  // The current plan and its score as an attempt by `trainee` (needs an exercise).
  std::optional<Attempt> attempt(const std::string& trainee) const;
  // Painted wax: a new empty layer "painted:N" for a wax or kerok step (it
  // becomes part of the next edit, so undoing that edit removes it), then
  // brush strokes (begin, dabs, end: one undo step) and region fills, in
  // cloth pixels. The cloth re-runs as the brush moves.
  std::string newPaintedLayer();
  void beginStroke();
  void dab(const std::string& layer, cv::Point at, int radius, bool erase);  // cloth only; the score waits for endStroke
  void endStroke();
  void fill(const std::string& layer, cv::Point at, bool erase);
  // Undo and redo; an open stroke is ended first. goTo(n) undoes or redoes
  // until n entries are applied (the history list's click).
  bool canUndo() const { return m_history.canUndo(); }
  bool canRedo() const { return m_history.canRedo(); }
  void undo();
  void redo();
  void goTo(std::size_t position);
  using Entry = History<LabState>::Entry;
  const std::vector<Entry>& history() const { return m_history.entries(); }
  std::size_t position() const { return m_history.position(); }
  std::size_t historyBytes() const { return m_history.bytes(); }
  static constexpr std::size_t kMaxHistory = History<LabState>::kDefaultCap;  // the Studio's cap
  static constexpr std::size_t kHistoryBudget = 64u << 20;  // a safety net; strokes cost kilobytes

  // The timeline: state 0 is the bare cloth, state i is after step i.
  int stateCount() const { return int(m_states.size()); }
  int shownState() const { return m_shown; }
  void showState(int i);
  const cv::Mat& shownImage();         // 8-bit BGR, the wax tinted
  const cv::Mat& target() const { return m_target; }
  const imaging::Layers& layers() const { return m_layers; }
  std::optional<imaging::Score> score() const { return m_score; }
  int version() const { return m_version; }  // bumps whenever the shown picture may change
  const std::string& error() const { return m_error; }

 private:
  void edit(const char* label, imaging::Plan next);
  void restore(const LabState& s);
  void rerun(bool score = true);
  void makeTarget();

  imaging::DyeBook m_book;
  std::vector<Exercise> m_exercises;
  int m_exercise = -1;
  int m_clothPx = 480;
  std::filesystem::path m_dyesDir, m_userPlans;
  imaging::Layers m_layers;
  imaging::Plan m_plan;
  History<LabState> m_history{kMaxHistory, kHistoryBudget};
  std::vector<std::string> m_fresh;  // painted layers made since the last edit, not yet in the history
  const char* m_strokeLabel = "lab.history.paint";
  int m_nextPainted = 1;
  std::vector<imaging::ClothState> m_states;
  int m_shown = 0;
  cv::Mat m_shownImage;
  int m_shownImageFor = -1;
  cv::Mat m_target;
  std::string m_targetKlowong;  // the style the target was made in
  double m_dpi = 100;
  int m_fewestBaths = 0;  // of the target: the trainer's baths or fewer
  std::optional<imaging::Score> m_score;
  int m_version = 0;
  std::string m_error;  // the simulation's last refusal, already a message key's detail
};

}  // namespace canting::core
