// The dye lab's model: exercises, plan edits through the app's one History
// (masks kept as compressed changed rectangles), and the simulation.
//
// Index:
//   [SECTION] Recipe lines
//   [SECTION] Exercises
//   [SECTION] Painted wax
//   [SECTION] Plan edits, hints and attempts
//   [SECTION] Undo and redo
//   [SECTION] Simulation and timeline

#include "canting/core/dye_lab.h"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/core/photo_exercise.h"
#include "canting/imaging/file_io.h"

namespace canting::core {

namespace im = imaging;
namespace fs = std::filesystem;

// [SECTION] Recipe lines

std::string recipeAmountText(const Translator& tr, const im::RecipeAmount& a) {
  const Language L = tr.language();
  const int li = L == Language::Indonesian ? 0 : 1;
  if (a.unit.empty()) return tr.tr("cli.dye.recipe_line_note", {{"what", a.what[li]}, {"note", a.note[li]}});
  // Enough decimals to weigh: a gram on the scale, a tenth below ten.
  auto num = [&](double v) { return formatNumber(v, v < 10 ? 1 : 0, L); };
  std::string amount = num(a.lo) + (a.hi > a.lo ? "–" + num(a.hi) : "");
  if (a.atLeast) amount = tr.tr("cli.dye.at_least", {{"value", amount}});
  std::string text = tr.tr("cli.dye.recipe_line", {{"what", a.what[li]}, {"amount", amount}, {"unit", a.unit}, {"dose", a.dose}});
  if (!a.note[li].empty()) text += " · " + a.note[li];
  return text;
}

std::string placementText(const Translator& tr, const im::RecipeBath& b) {
  return tr.tr("lab.placement." + b.placement, {{"n", std::to_string(b.stamps)}});
}

std::vector<im::CardLine> recipeLines(const Translator& tr, const im::Plan& plan, const im::DyeBook& book, const im::Recipe& recipe) {
  const Language L = tr.language();
  const int li = L == Language::Indonesian ? 0 : 1;
  std::vector<im::CardLine> out;
  out.push_back({tr.tr("cli.dye.recipe_head", {{"cloth", formatNumber(recipe.clothGrams, 0, L)}, {"ratio", formatNumber(recipe.liquorRatio, 0, L)},
                                                {"litres", formatNumber(recipe.litres, 1, L)}}),
                 true, std::nullopt});
  int swatchedStep = 0;
  for (const im::RecipeBath& b : recipe.baths) {
    if (b.step < 1 || b.step > int(plan.steps.size())) continue;
    const im::PlanStep& st = plan.steps[std::size_t(b.step - 1)];
    if (b.role == "cap") {  // wax, not a bath: what the stamp is and how it goes down
      out.push_back({tr.tr("cli.dye.recipe_cap", {{"step", std::to_string(b.step)}, {"size", formatNumber(b.stampCm, 0, L)},
                                                  {"placement", placementText(tr, b)}}),
                     true, std::nullopt});
      continue;
    }
    std::string volume;
    if (b.perMl > 0) volume = tr.tr("cli.dye.volume_per_ml", {{"ml", formatNumber(b.perMl, 0, L)}});
    else if (b.litresHi > b.litresLo) volume = tr.tr("cli.dye.volume_litres", {{"litres", formatNumber(b.litresLo, 1, L) + "–" + formatNumber(b.litresHi, 1, L)}});
    else if (b.litresLo > 0) volume = tr.tr("cli.dye.volume_litres", {{"litres", formatNumber(b.litresLo, 1, L)}});
    else volume = tr.tr("cli.dye.volume_none");
    // The bath's colour on white mori beside the first bath of each dye step.
    std::optional<im::Rgb8> swatch;
    if ((st.op == im::PlanStep::Op::Dye || st.op == im::PlanStep::Op::Colet || st.op == im::PlanStep::Op::Ciprat) && swatchedStep != b.step) {
      swatchedStep = b.step;
      if (const im::Dye* d = book.dye(st.dye)) swatch = im::labToSrgb8(im::bathColour(book.cloth, *d, st.concentration, st.dips));
    }
    std::string bath = b.name[li];
    if (b.klowong)
      if (const im::KlowongStyle* k = book.klowongStyle(plan.klowong)) bath = tr.tr("cli.dye.recipe_klowong", {{"bath", bath}, {"style", k->name[li]}});
    out.push_back({tr.tr("cli.dye.recipe_bath", {{"step", std::to_string(b.step)}, {"bath", bath}, {"volume", volume}}), true, swatch});
    for (const im::RecipeAmount& a : b.amounts) out.push_back({recipeAmountText(tr, a), false, std::nullopt});
    if (st.op == im::PlanStep::Op::Dye && (b.role == "dye" || b.role == "vat"))
      out.push_back({tr.tr("cli.dye.recipe_dips", {{"dips", std::to_string(st.dips)}}), false, std::nullopt});
    if (!b.note[li].empty()) out.push_back({b.note[li], false, std::nullopt});
  }
  return out;
}

nlohmann::json recipeJson(const Translator& tr, const im::Recipe& recipe) {
  const int li = tr.language() == Language::Indonesian ? 0 : 1;
  nlohmann::json j = {{"cloth_g", recipe.clothGrams}, {"liquor_ratio", recipe.liquorRatio}, {"litres_per_bath", recipe.litres},
                      {"baths", nlohmann::json::array()}};
  for (const im::RecipeBath& b : recipe.baths) {
    nlohmann::json bj = {{"step", b.step}, {"dye", b.dye}, {"role", b.role}, {"name", b.name[li]}, {"note", b.note[li]}};
    if (b.role == "cap") {  // wax from a stamp: its size and placement, no volume or amounts
      bj["name"] = tr.tr("lab.op.cap_short");
      bj["size_cm"] = b.stampCm;
      bj["placement"] = b.placement;
      if (b.stamps > 0) bj["stamps"] = b.stamps;
    }
    if (b.klowong) bj["klowong"] = true;
    bj["litres"] = b.perMl > 0 || b.litresLo == 0 ? nlohmann::json() : nlohmann::json(b.litresLo);
    if (b.litresHi > b.litresLo) bj["litres_max"] = b.litresHi;
    if (b.perMl > 0) bj["per_ml"] = b.perMl;
    bj["amounts"] = nlohmann::json::array();
    for (const im::RecipeAmount& a : b.amounts) {
      nlohmann::json aj = {{"what", a.what[li]}, {"confidence", a.confidence}};
      if (a.unit.empty()) {
        aj["amount"] = nullptr;
        aj["unit"] = nullptr;
      } else {
        aj["amount"] = a.lo;
        if (a.hi > a.lo) aj["amount_max"] = a.hi;
        aj["unit"] = a.unit;
        aj["dose"] = a.dose;
      }
      if (a.atLeast) aj["at_least"] = true;
      if (!a.note[li].empty()) aj["note"] = a.note[li];
      bj["amounts"].push_back(std::move(aj));
    }
    j["baths"].push_back(std::move(bj));
  }
  return j;
}

// [SECTION] Exercises

imaging::Status DyeLab::load(const fs::path& dir, int clothPx, const fs::path& userPlans) {
  auto book = im::loadDyeBook(dir / "dyes.json");
  if (!book) return book.error();
  m_book = std::move(*book);
  m_clothPx = clothPx;
  m_dyesDir = dir;
  m_userPlans = userPlans;
  reloadExercises();
  return im::Ok{};
}

void DyeLab::reloadExercises(const std::string& id) {
  m_exercises.clear();
  // Exercises are plan files with an "exercise" block: the shipped ones, then
  // a trainer's own (made from photos). A broken file is skipped, not fatal.
  for (const fs::path& folder : {m_dyesDir / "plans", m_userPlans}) {
    if (folder.empty()) continue;
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(folder, ec))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files)
      if (auto e = readExercise(f, m_book)) m_exercises.push_back(std::move(*e));
  }
  int start = m_exercises.empty() ? -1 : 0;
  for (std::size_t i = 0; i < m_exercises.size(); ++i)
    if (!id.empty() && m_exercises[i].id == id) start = int(i);
  startExercise(start);
}

void DyeLab::startExercise(int index) {
  m_exercise = index >= 0 && index < int(m_exercises.size()) ? index : -1;
  const Exercise* ex = m_exercise >= 0 ? &m_exercises[std::size_t(m_exercise)] : nullptr;
  const Exercise kawung;
  // A 12 cm swatch of cloth at 480 px: big enough to see isen, small enough
  // to redraw at once; an exercise with stamps asks for more cloth.
  m_dpi = ex && ex->clothCm > 0 ? m_clothPx / ex->clothCm * 2.54 : 100;
  if (auto l = exerciseLayers(ex ? *ex : kawung, m_clothPx, m_dpi)) m_layers = std::move(*l);
  else m_error = l.error().detail;
  m_plan = {};
  if (ex) m_plan.klowong = ex->targetPlan.klowong;
  m_layers.painted.clear();
  m_history.clear();
  m_fresh.clear();
  makeTarget();
  rerun();
}

void DyeLab::makeTarget() {
  m_target.release();
  m_targetKlowong = m_plan.klowong;
  if (m_exercise < 0) return;
  im::Plan want = m_exercises[std::size_t(m_exercise)].targetPlan;
  want.klowong = m_plan.klowong;
  // A photo's exercise is scored against the photo (its colours); a
  // shipped one against the trainer's plan on the motif.
  auto photoTarget = exerciseTarget(m_exercises[std::size_t(m_exercise)], m_layers.ground.size());
  if (photoTarget && !photoTarget->empty()) m_target = *photoTarget;
  else if (auto st = im::simulate(want, m_layers, m_book, {.dpi = m_dpi})) m_target = im::renderCloth(st->back());
  if (!m_target.empty()) {
    // The palette count over-counts where edges blend; the trainer's own
    // plan proves the target can be dyed in that many baths.
    int trainer = 0;
    for (const auto& step : want.steps) trainer += step.op == im::PlanStep::Op::Dye;
    m_fewestBaths = std::min(im::estimateFewestBaths(m_target), trainer);
  }
}

// [SECTION] Painted wax

std::string DyeLab::newPaintedLayer() {
  const std::string name = std::to_string(m_nextPainted++);
  const cv::Size size = m_layers.outline.size();
  m_layers.painted[name] = cv::Mat(size, CV_8U, cv::Scalar(0));
  m_fresh.push_back(name);
  return "painted:" + name;
}

void DyeLab::beginStroke() {
  m_history.beginLive(LabState{m_plan, {}});
  m_strokeLabel = "lab.history.paint";
}

void DyeLab::dab(const std::string& layer, cv::Point at, int radius, bool erase) {
  if (layer.rfind("painted:", 0) != 0) return;
  const auto it = m_layers.painted.find(layer.substr(8));
  if (it == m_layers.painted.end()) return;
  if (!m_history.live()) beginStroke();  // paint outside a stroke is still undoable
  // The mask as it was before the stroke, kept whole (compressed) only while
  // the stroke lasts; endStroke keeps just the rectangle the stroke changed.
  LabState& before = *m_history.liveBefore();
  if (std::none_of(before.masks.begin(), before.masks.end(), [&](const MaskPatch& p) { return p.layer == it->first; }))
    before.masks.push_back(MaskPatch::capture(it->first, it->second, cv::Rect({}, it->second.size())));
  if (erase) m_strokeLabel = "lab.history.erase";
  cv::circle(it->second, at, std::max(1, radius), cv::Scalar(erase ? 0 : 255), cv::FILLED, cv::LINE_8);
  rerun(false);  // scoring costs more than the cloth; once per stroke is enough
}

void DyeLab::endStroke() {
  if (auto whole = m_history.endLive()) {
    LabState before{whole->plan, {}}, after{m_plan, {}};
    for (const MaskPatch& p : whole->masks) {
      const auto it = m_layers.painted.find(p.layer);
      if (it == m_layers.painted.end()) continue;
      std::map<std::string, cv::Mat> old;
      p.applyTo(old);
      const cv::Rect r = changedRect(old[p.layer], it->second);
      if (r.empty()) continue;
      before.masks.push_back(MaskPatch::capture(p.layer, old[p.layer], r));
      after.masks.push_back(MaskPatch::capture(p.layer, it->second, r));
    }
    if (!after.masks.empty()) m_history.record(m_strokeLabel, std::move(before), std::move(after));
  }
  rerun();
}

void DyeLab::fill(const std::string& layer, cv::Point at, bool erase) {
  if (layer.rfind("painted:", 0) != 0) return;
  const auto it = m_layers.painted.find(layer.substr(8));
  if (it == m_layers.painted.end() || !cv::Rect({}, it->second.size()).contains(at)) return;
  if (m_history.live()) endStroke();
  // The region of the motif under the click: everything the outline encloses
  // around that point (or the outline itself, when the click is on a line).
  cv::Mat regions = m_layers.outline.clone();
  const bool onLine = regions.at<std::uint8_t>(at) > 0;
  if (!onLine) regions = ~regions;
  cv::Mat mask(regions.rows + 2, regions.cols + 2, CV_8U, cv::Scalar(0));
  cv::floodFill(regions, mask, at, cv::Scalar(128), nullptr, cv::Scalar(0), cv::Scalar(0), 8 | cv::FLOODFILL_MASK_ONLY | (255 << 8));
  const cv::Mat old = it->second.clone();
  it->second.setTo(erase ? 0 : 255, mask(cv::Rect(1, 1, regions.cols, regions.rows)));
  if (const cv::Rect r = changedRect(old, it->second); !r.empty())
    m_history.record(erase ? "lab.history.erase" : "lab.history.fill", LabState{m_plan, {MaskPatch::capture(it->first, old, r)}},
                     LabState{m_plan, {MaskPatch::capture(it->first, it->second, r)}});
  rerun();
}

// [SECTION] Plan edits, hints and attempts

void DyeLab::edit(const char* label, im::Plan next) {
  if (m_history.live()) endStroke();
  LabState before{m_plan, {}}, after{next, {}};
  // Layers made for this edit come into being with it, so undoing it removes them.
  for (const std::string& name : std::exchange(m_fresh, {}))
    if (const auto it = m_layers.painted.find(name); it != m_layers.painted.end()) {
      before.masks.push_back(MaskPatch::absent(name));
      after.masks.push_back(MaskPatch::capture(name, it->second, cv::Rect({}, it->second.size())));
    }
  m_history.record(label, std::move(before), std::move(after));
  m_plan = std::move(next);
  rerun();
  m_shown = stateCount() - 1;  // after an edit, show its result
}

void DyeLab::addStep(const im::PlanStep& step) {
  im::Plan p = m_plan;
  p.steps.push_back(step);
  edit("lab.history.add_step", std::move(p));
}

void DyeLab::removeStep(int i) {
  if (i < 0 || i >= int(m_plan.steps.size())) return;
  im::Plan p = m_plan;
  p.steps.erase(p.steps.begin() + i);
  edit("lab.history.remove_step", std::move(p));
}

void DyeLab::moveStep(int i, int delta) {
  const int j = i + delta;
  if (i < 0 || j < 0 || i >= int(m_plan.steps.size()) || j >= int(m_plan.steps.size())) return;
  im::Plan p = m_plan;
  std::swap(p.steps[std::size_t(i)], p.steps[std::size_t(j)]);
  edit("lab.history.move_step", std::move(p));
}

void DyeLab::updateStep(int i, const im::PlanStep& step) {
  if (i < 0 || i >= int(m_plan.steps.size())) return;
  im::Plan p = m_plan;
  p.steps[std::size_t(i)] = step;
  edit("lab.history.change_step", std::move(p));
}

void DyeLab::setKlowong(const std::string& style) {
  if (style == m_plan.klowong || !m_book.klowongStyle(style)) return;
  im::Plan p = m_plan;
  p.klowong = style;
  edit("lab.history.klowong", std::move(p));
}

void DyeLab::placeStamp(int i, cv::Point2d cm) {
  if (i < 0 || i >= int(m_plan.steps.size()) || m_plan.steps[std::size_t(i)].op != im::PlanStep::Op::Cap) return;
  im::Plan p = m_plan;
  im::PlanStep& s = p.steps[std::size_t(i)];
  if (s.at.size() >= 500) return;  // what a plan file holds
  s.placement = im::PlanStep::Placement::Hand;
  s.at.push_back({std::round(cm.x * 10) / 10, std::round(cm.y * 10) / 10});  // a millimetre is as close as a hand stamps
  edit("lab.history.stamp", std::move(p));
}

bool DyeLab::hint() {
  if (m_exercise < 0) return false;
  const auto& want = m_exercises[std::size_t(m_exercise)].targetPlan.steps;
  const auto& have = m_plan.steps;
  if (have.size() >= want.size()) return false;
  for (std::size_t i = 0; i < have.size(); ++i)
    if (im::planToJson({"", {have[i]}}) != im::planToJson({"", {want[i]}})) return false;
  im::Plan p = m_plan;
  p.steps.push_back(want[have.size()]);
  edit("lab.history.hint", std::move(p));
  return true;
}

std::optional<Attempt> DyeLab::attempt(const std::string& trainee) const {
  if (m_exercise < 0 || !m_score || trainee.empty()) return std::nullopt;
  Attempt a;
  a.trainee = trainee;
  a.exercise = m_exercises[std::size_t(m_exercise)].id;
  a.planJson = im::planToJson(m_plan);
  a.meanDeltaE = m_score->meanDeltaE;
  a.shareWithin5 = m_score->shareWithin5;
  a.baths = m_score->bathsUsed;
  a.fewestBaths = m_score->fewestBaths;
  a.worstLayer = m_score->worstLayer;
  a.when = nowIso8601();
  return a;
}

// [SECTION] Undo and redo

std::size_t LabState::bytes() const {
  std::size_t n = sizeof(LabState) + plan.name.capacity() + plan.steps.capacity() * sizeof(im::PlanStep);
  for (const auto& st : plan.steps) n += st.layer.capacity() + st.dye.capacity() + st.fixer.capacity() + st.tile.capacity() + st.at.capacity() * sizeof(cv::Point2d);
  for (const auto& m : masks) n += m.bytes();
  return n;
}

void DyeLab::restore(const LabState& s) {
  m_plan = s.plan;
  for (const MaskPatch& p : s.masks) p.applyTo(m_layers.painted);
}

// An open stroke is ended before the position is read, so undo takes back
// that stroke and no more.
void DyeLab::undo() {
  if (m_history.live()) endStroke();
  if (canUndo()) goTo(m_history.position() - 1);
}

void DyeLab::redo() {
  if (m_history.live()) endStroke();
  goTo(m_history.position() + 1);
}

void DyeLab::goTo(std::size_t position) {
  if (m_history.live()) endStroke();
  bool moved = false;
  for (; m_history.position() > position && m_history.canUndo(); moved = true) restore(*m_history.undo());
  for (; m_history.position() < position && m_history.canRedo(); moved = true) restore(*m_history.redo());
  if (!moved) return;
  rerun();  // once, however far the jump
  m_shown = stateCount() - 1;
}

// [SECTION] Simulation and timeline

void DyeLab::rerun(bool score) {
  ++m_version;
  m_shownImageFor = -1;
  m_error.clear();
  if (score) m_score.reset();
  if (m_targetKlowong != m_plan.klowong) makeTarget();  // the style changed, by an edit or its undo
  auto st = im::simulate(m_plan, m_layers, m_book, {.dpi = m_dpi});
  if (!st) {
    // Plans built in the lab are checked as they are made, so this is a
    // broken mask file or the like; keep the last good states on screen.
    m_error = st.error().detail;
    return;
  }
  m_states = std::move(*st);
  m_shown = std::clamp(m_shown, 0, stateCount() - 1);
  if (score && !m_target.empty()) m_score = im::scoreAgainst(im::renderCloth(m_states.back()), m_target, m_layers, m_plan, m_fewestBaths);
}

void DyeLab::showState(int i) {
  const int c = std::clamp(i, 0, std::max(0, stateCount() - 1));
  if (c != m_shown) ++m_version;
  m_shown = c;
}

const cv::Mat& DyeLab::shownImage() {
  if (m_shownImageFor != m_shown && m_shown < stateCount()) {
    m_shownImage = im::renderCloth(m_states[std::size_t(m_shown)], true);
    m_shownImageFor = m_shown;
  }
  return m_shownImage;
}

}  // namespace canting::core
