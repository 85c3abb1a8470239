// Lab Pewarnaan panel (the step list and the step editor: lab_steps.cpp).
//
// Index:
//   [SECTION] Loading
//   [SECTION] Layout
//   [SECTION] Cloth, painting and score
//   [SECTION] Attempts
//   [SECTION] Dyes
//   [SECTION] History
//   [SECTION] Recipe card

#include "lab_panel.h"

#include <algorithm>
#include <utility>

#include "canting/core/paths.h"
#include "canting/core/photo_exercise.h"
#include "item_probe.h"

namespace canting::gui {

namespace im = imaging;
using Op = im::PlanStep::Op;

namespace {

ImVec4 toImVec(const im::Lab& lab) {
  const im::Rgb8 c = im::labToSrgb8(lab);
  return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1.f);
}

}  // namespace

// [SECTION] Loading

bool LabPanel::ensureLoaded(UiContext& ui) {
  if (!m_tried) {
    m_tried = true;
    if (auto st = m_lab.load(ui.wb.assetsFolder() / "dyes", 480, core::userExercisesDir(ui.wb.dataFolder())); !st) ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(st.error()));
  }
  return m_lab.loaded();
}

// [SECTION] Layout

void LabPanel::draw(UiContext& ui) {
  if (!ensureLoaded(ui)) {
    ImGui::TextWrapped("%s", ui.tr("lab.not_loaded").c_str());
    return;
  }
  // An image handed on (the library's "Pakai di Lab", the Studio's raport
  // tile) is read into its layers, and a finished reading shown, here, before
  // anything of this frame is drawn.
  if (auto handed = ui.wb.takeLabImage()) m_photo.begin(std::move(*handed), m_lab.book());
  m_photo.poll(ui);
  // The exercise picker and undo/redo across the top.
  const int li = ui.wb.tr().language() == core::Language::Indonesian ? 0 : 1;
  const auto& ex = m_lab.exercises();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("lab.exercise").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui.px(460));
  const std::string cur = m_lab.exercise() >= 0 ? ex[std::size_t(m_lab.exercise())].title[li] : ui.tr("lab.free");
  if (ImGui::BeginCombo("##exercise", cur.c_str())) {
    for (int i = 0; i < int(ex.size()); ++i)
      if (ImGui::Selectable(ex[std::size_t(i)].title[li].c_str(), i == m_lab.exercise()))
        // A new exercise replaces the plan and the masks this frame goes on drawing: after it.
        ui.wb.post([this, i] {
          m_lab.startExercise(i);
          m_selected = -1;
          m_savedCount = -1;
        });
    ImGui::EndCombo();
  }
  probe::note("@lab.exercise");
  // Where the process an exercise teaches comes from, for a trainer who asks.
  if (m_lab.exercise() >= 0 && ImGui::IsItemHovered() && !ex[std::size_t(m_lab.exercise())].sources.empty()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ui.px(560));
    ImGui::TextDisabled("%s", ui.tr("library.sources").c_str());
    for (const auto& src : ex[std::size_t(m_lab.exercise())].sources) ImGui::TextWrapped("%s", src.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  ImGui::SameLine(0, ui.px(24));
  ImGui::BeginDisabled(!m_lab.canUndo());
  if (ImGui::Button(label(ui, "lab.undo").c_str())) m_lab.undo();
  ImGui::EndDisabled();
  probe::note("@lab.undo");
  ImGui::SameLine();
  ImGui::BeginDisabled(!m_lab.canRedo());
  if (ImGui::Button(label(ui, "lab.redo").c_str())) m_lab.redo();
  ImGui::EndDisabled();
  probe::note("@lab.redo");
  ImGui::SameLine(0, ui.px(24));
  ImGui::BeginDisabled(m_lab.exercise() < 0);
  if (ImGui::Button(label(ui, "lab.hint").c_str())) {
    if (m_lab.hint()) m_selected = int(m_lab.plan().steps.size()) - 1;
    else ui.wb.notify(core::Notice::Kind::Info, ui.tr("lab.no_hint"));
  }
  ImGui::EndDisabled();
  probe::note("@lab.hint");
  drawKlowong(ui);
  ImGui::SameLine(0, ui.px(24));
  m_photo.drawButton(ui);

  const float left = ui.px(330), right = ui.px(330), gap = ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginChild("lab_steps", ImVec2(left, 0), true);
  drawSteps(ui);
  ImGui::EndChild();
  probe::note("@lab.steps");  // the column's box: its editor's buttons must lie inside
  ImGui::SameLine();
  ImGui::BeginChild("lab_cloth", ImVec2(-right - gap, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  drawCloth(ui);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("lab_dyes", ImVec2(right, 0), true);
  // Dyes and the recipe in two tabs, so neither hides below the other on a
  // 1366x768 laptop.
  if (ImGui::BeginTabBar("lab_tabs")) {
    if (ImGui::BeginTabItem((ui.tr("lab.dyes") + "###tab_dyes").c_str())) {
      drawDyes(ui);
      ImGui::EndTabItem();
    }
    const ImGuiTabItemFlags flags = std::exchange(m_selectRecipeTab, false) ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem((ui.tr("lab.recipe") + "###tab_recipe").c_str(), nullptr, flags)) {
      drawRecipe(ui);
      ImGui::EndTabItem();
    }
    probe::note("@lab.tab.recipe");
    const std::string history = ui.tr("lab.tab.history", {{"n", std::to_string(m_lab.position())}}) + "###tab_history";
    const ImGuiTabItemFlags hflags = std::exchange(m_selectHistoryTab, false) ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(history.c_str(), nullptr, hflags)) {
      drawHistory(ui);
      ImGui::EndTabItem();
    }
    probe::note("@lab.tab.history");
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  if (m_photo.drawWindow(ui, m_lab)) m_selected = -1, m_savedCount = -1;
}

// [SECTION] Cloth, painting and score

std::string LabPanel::paintTarget() const {
  if (m_selected < 0 || m_selected >= int(m_lab.plan().steps.size())) return {};
  const im::PlanStep& s = m_lab.plan().steps[std::size_t(m_selected)];
  if ((s.op == Op::Wax || s.op == Op::Kerok || s.op == Op::Colet) && s.layer.rfind("painted:", 0) == 0) return s.layer;
  return {};
}

int LabPanel::handCapStep() const {
  if (m_selected < 0 || m_selected >= int(m_lab.plan().steps.size())) return -1;
  const im::PlanStep& s = m_lab.plan().steps[std::size_t(m_selected)];
  return s.op == Op::Cap && s.placement == im::PlanStep::Placement::Hand ? m_selected : -1;
}

void LabPanel::drawKlowong(UiContext& ui) {
  // The klowong's colour is the region's style (white in Purbalingga, yellow
  // in Banyumas): the target follows it, and the source is a hover away.
  const auto& styles = m_lab.book().klowong;
  if (styles.empty()) return;
  const int li = ui.wb.tr().language() == core::Language::Indonesian ? 0 : 1;
  const im::KlowongStyle* cur = m_lab.book().klowongStyle(m_lab.plan().klowong);
  ImGui::SameLine(0, ui.px(24));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("lab.klowong").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui.px(230));
  if (ImGui::BeginCombo("##klowong", cur ? cur->name[li].c_str() : "")) {
    for (const auto& k : styles) {
      if (ImGui::Selectable(k.name[li].c_str(), &k == cur)) m_lab.setKlowong(k.id);
      probe::note("@lab.klowong." + k.id);
      hoverTooltip(ui, k.note[li] + "\n" + ui.tr("lab.confidence", {{"conf", k.confidence}}) + "\n" + k.source);
    }
    ImGui::EndCombo();
  }
  probe::note("@lab.klowong");
  if (cur) hoverTooltip(ui, cur->note[li] + "\n" + ui.tr("lab.confidence", {{"conf", cur->confidence}}) + "\n" + cur->source);
}

void LabPanel::drawCloth(UiContext& ui) {
  // Timeline: 0 = bare cloth, n = after the last step.
  const int n = m_lab.stateCount() - 1;
  int shown = m_lab.shownState();
  ImGui::SetNextItemWidth(-1);
  const std::string fmt = shown == 0 ? ui.tr("lab.timeline.start") : ui.tr("lab.timeline.after", {{"n", std::to_string(shown)}});
  if (ImGui::SliderInt("##timeline", &shown, 0, std::max(0, n), fmt.c_str())) m_lab.showState(shown);
  probe::note("@lab.timeline");
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool withTarget = !m_lab.target().empty();
  const float labelH = ImGui::GetTextLineHeightWithSpacing();
  const float scoreH = withTarget ? ImGui::GetTextLineHeightWithSpacing() * 3 + ui.px(8) : 0;
  const float cellW = withTarget ? (avail.x - ui.px(12)) / 2 : avail.x;
  const float side = std::max(ui.px(80), std::min(cellW, avail.y - labelH - scoreH));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const cv::Mat& cloth = m_lab.shownImage();
  dl->AddText(p, ImGui::GetColorU32(ImGuiCol_Text), ui.tr("lab.cloth").c_str());
  if (!cloth.empty())
    drawImage(dl, ui.textures.tiles("lab:cloth", m_lab.version(), cloth), cloth.cols, cloth.rows, ImVec2(p.x, p.y + labelH),
              ImVec2(p.x + side, p.y + labelH + side));
  if (withTarget) {
    const ImVec2 t(p.x + side + ui.px(12), p.y);
    dl->AddText(t, ImGui::GetColorU32(ImGuiCol_Text), ui.tr("lab.target").c_str());
    const cv::Mat& tg = m_lab.target();
    drawImage(dl, ui.textures.tiles("lab:target", m_lab.exercise() + 1, tg), tg.cols, tg.rows, ImVec2(t.x, t.y + labelH),
              ImVec2(t.x + side, t.y + labelH + side));
  }
  // A cap by hand: each stamp's square on the cloth, so the next one can be placed beside it.
  if (const int cap = handCapStep(); cap >= 0 && !cloth.empty()) {
    const im::PlanStep& st = m_lab.plan().steps[std::size_t(cap)];
    const float pxPerCm = float(m_lab.dpi() / 2.54 * side / cloth.cols), half = float(st.sizeCm) * pxPerCm / 2;
    const ImVec2 o(p.x, p.y + labelH);
    dl->PushClipRect(o, ImVec2(o.x + side, o.y + side), true);
    for (const cv::Point2d& c : st.at) {
      const ImVec2 mid(o.x + float(c.x) * pxPerCm, o.y + float(c.y) * pxPerCm);
      dl->AddRect(ImVec2(mid.x - half, mid.y - half), ImVec2(mid.x + half, mid.y + half), IM_COL32(43, 58, 110, 220), 0, 0, ui.px(2));
    }
    dl->PopClipRect();
  }
  // Painting on the cloth when the selected step has a painted layer.
  const std::string target = paintTarget();
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + labelH));
  ImGui::InvisibleButton("lab_cloth_input", ImVec2(side, side));
  probe::note("@lab.cloth");
  if (const int cap = handCapStep(); cap >= 0 && !cloth.empty()) {
    // A cap by hand: each click stamps there, centred on the click, in cm on the cloth.
    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
      const ImVec2 m = ImGui::GetIO().MousePos;
      const double cmPerPx = cloth.cols / double(side) * 2.54 / m_lab.dpi();
      m_lab.placeStamp(cap, {(m.x - p.x) * cmPerPx, (m.y - p.y - labelH) * cmPerPx});
    }
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  } else if (!target.empty() && !cloth.empty()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float k = cloth.cols / side;
    const cv::Point at(int((m.x - p.x) * k), int((m.y - p.y - labelH) * k));
    if (m_tool == Tool::Fill) {
      if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) m_lab.fill(target, at, false);
    } else {
      if (ImGui::IsItemActivated()) {
        m_lab.beginStroke();
        m_stroking = true;
      }
      if (m_stroking && ImGui::IsItemActive()) m_lab.dab(target, at, m_brushPx, m_tool == Tool::Eraser);
      if (ImGui::IsItemDeactivated() && m_stroking) {
        m_stroking = false;
        m_lab.endStroke();
      }
    }
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  }
  ImGui::SetCursorScreenPos(p);
  ImGui::Dummy(ImVec2(avail.x, labelH + side + ui.px(6)));
  if (auto sc = m_lab.score()) {
    const core::Language L = ui.wb.tr().language();
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextUnformatted(ui.tr("lab.score", {{"mean", core::formatNumber(sc->meanDeltaE, 1, L)},
                                               {"share", core::formatNumber(100 * sc->shareWithin5, 0, L)}})
                               .c_str());
    ImGui::PopFont();
    probe::note("@lab.score");
    ImGui::TextUnformatted(ui.tr("lab.baths", {{"baths", std::to_string(sc->bathsUsed)}, {"fewest", std::to_string(sc->fewestBaths)}}).c_str());
    if (!sc->worstLayer.empty() && sc->worstLayerDeltaE > 5)
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s",
                         ui.tr("lab.worst", {{"layer", ui.tr("dye.layer." + sc->worstLayer)}}).c_str());
    else if (sc->shareWithin5 > 0.98)
      ImGui::TextUnformatted(ui.tr("lab.well_done").c_str());
    else
      ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));  // the line kept, so the name field below never moves under the cursor
    drawAttempt(ui);
  }
}

// [SECTION] Attempts

void LabPanel::drawAttempt(UiContext& ui) {
  ImGui::Spacing();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("lab.trainee").c_str());
  ImGui::SameLine();
  char buf[128] = {};
  m_trainee.copy(buf, sizeof buf - 1);
  ImGui::SetNextItemWidth(ui.px(220));
  if (ImGui::InputText("##trainee", buf, sizeof buf)) {
    m_trainee = buf;
    m_savedCount = -1;
  }
  probe::note("@lab.trainee");
  ImGui::SameLine();
  ImGui::BeginDisabled(m_trainee.empty() || !store(ui));
  if (ImGui::Button(label(ui, "lab.save_attempt").c_str())) {
    if (auto a = m_lab.attempt(m_trainee)) {
      if (auto st = store(ui)->save(*a); !st) {
        ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(st.error()));
      } else {
        ui.wb.notify(core::Notice::Kind::Info, ui.tr("lab.attempt_saved", {{"name", m_trainee}}));
        m_savedCount = -1;
      }
    }
  }
  ImGui::EndDisabled();
  probe::note("@lab.save_attempt");
  if (m_trainee.empty() || !store(ui)) return;
  if (m_savedCount < 0) {
    m_savedCount = 0;
    m_best = 1e9;
    if (auto list = store(ui)->attemptsOf(m_trainee))
      for (const auto& a : *list)
        if (m_lab.exercise() >= 0 && a.exercise == m_lab.exercises()[std::size_t(m_lab.exercise())].id) {
          ++m_savedCount;
          m_best = std::min(m_best, a.meanDeltaE);
        }
  }
  if (m_savedCount > 0)
    ImGui::TextDisabled("%s", ui.tr("lab.attempts", {{"n", std::to_string(m_savedCount)},
                                                     {"best", core::formatNumber(m_best, 1, ui.wb.tr().language())}})
                                  .c_str());
}

// [SECTION] Dyes

void LabPanel::drawDyes(UiContext& ui) {
  const int li = ui.wb.tr().language() == core::Language::Indonesian ? 0 : 1;
  const core::Language L = ui.wb.tr().language();
  ImGui::TextWrapped("%s", ui.tr("lab.dyes_hint").c_str());
  const float sw = ui.px(34);
  for (const auto& d : m_lab.book().dyes) {
    ImGui::PushID(d.id.c_str());
    if (ImGui::ColorButton("##sw", toImVec(d.colour), ImGuiColorEditFlags_NoTooltip, ImVec2(sw * 1.4f, sw))) {
      m_dye = d.id;
      // A click on a dye also sets the selected dye step, the quickest way to try another colour.
      const Op selected = m_selected >= 0 ? m_lab.plan().steps[std::size_t(m_selected)].op : Op::Wax;
      if (selected == Op::Dye || selected == Op::Colet || selected == Op::Ciprat) {
        im::PlanStep s = m_lab.plan().steps[std::size_t(m_selected)];
        s.dye = d.id;
        m_lab.updateStep(m_selected, s);
      }
    }
    probe::note("@lab.dye." + d.id);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted(d.name[li].c_str());
    ImGui::TextDisabled("%s", ui.tr("lab.dye_recipe", {{"g", core::formatNumber(d.gramsPerLitre, 0, L)},
                                                       {"baths", std::to_string(std::max<std::size_t>(1, d.baths.size()))}})
                                  .c_str());
    ImGui::EndGroup();
    // Where the figures come from, and how sure they are, on hover: the data
    // are approximations and a trainer should be able to see that.
    hoverTooltip(ui, ui.tr("lab.confidence", {{"conf", d.confidence}}) + "\n" + d.note + "\n" + d.source);
    ImGui::PopID();
  }
  ImGui::Separator();
  ImGui::PushFont(ui.fonts.heading);
  ImGui::TextUnformatted(ui.tr("lab.fixers").c_str());
  ImGui::PopFont();
  for (const auto& f : m_lab.book().fixers) {
    ImGui::TextUnformatted(f.name[li].c_str());
    ImGui::TextDisabled("  %s", f.effect[li].c_str());
  }
}

// [SECTION] History

void LabPanel::drawHistory(UiContext& ui) {
  // As in the Studio: newest at the top, the step in effect highlighted, the
  // steps undone greyed; a click goes back (or forward) to that step.
  ImGui::TextDisabled("%s", ui.tr("lab.history").c_str());
  if (auto target = historyList(ui, m_lab.history(), m_lab.position(), "lab.history_start", "@lab.history")) m_lab.goTo(*target);
}

// [SECTION] Recipe card

void LabPanel::drawRecipe(UiContext& ui) {
  // Whole grams and whole ratios are all a dyer weighs out; the action keeps doubles for the CLI.
  int grams = int(m_recipe.clothGrams), ratio = int(m_recipe.liquorRatio);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderInt("##cloth_g", &grams, 50, 5000, ui.tr("lab.cloth_g_fmt").c_str())) m_recipe.clothGrams = grams;
  probe::note("@lab.cloth_g");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderInt("##ratio", &ratio, 5, 60, ui.tr("lab.ratio_fmt").c_str())) m_recipe.liquorRatio = ratio;
  auto recipe = m_recipe.run(m_lab.plan(), m_lab.book());
  if (!recipe) return;
  if (recipe->baths.empty()) {
    ImGui::TextWrapped("%s", ui.tr("lab.recipe_empty").c_str());
    return;
  }
  const float sw = ImGui::GetFontSize();
  for (const auto& line : core::recipeLines(ui.wb.tr(), m_lab.plan(), m_lab.book(), *recipe)) {
    if (line.swatch) {
      ImGui::ColorButton("##bath", ImVec4(line.swatch->r / 255.f, line.swatch->g / 255.f, line.swatch->b / 255.f, 1.f),
                         ImGuiColorEditFlags_NoTooltip, ImVec2(sw * 1.4f, sw));
      ImGui::SameLine();
    }
    if (line.heading) {
      ImGui::TextWrapped("%s", line.text.c_str());
    } else {  // the notes are sentences: they wrap in the narrow side panel
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("  %s", line.text.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  if (ImGui::Button(label(ui, "lab.print_recipe").c_str(), ImVec2(-1, ui.px(38)))) m_wantRecipe = true;
  probe::note("@lab.print_recipe");
}

std::string LabPanel::suggestedRecipeName() const {
  const std::string id = m_lab.exercise() >= 0 ? m_lab.exercises()[std::size_t(m_lab.exercise())].id : "latihan";
  return "resep-" + id + ".pdf";
}

void LabPanel::writeRecipeCard(UiContext& ui, const std::filesystem::path& path) {
  auto recipe = m_recipe.run(m_lab.plan(), m_lab.book());
  if (!recipe) {
    ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(recipe.error()));
    return;
  }
  const int li = ui.wb.tr().language() == core::Language::Indonesian ? 0 : 1;
  const std::string name = m_lab.exercise() >= 0 ? m_lab.exercises()[std::size_t(m_lab.exercise())].title[li] : ui.tr("lab.free");
  const auto lines = core::recipeLines(ui.wb.tr(), m_lab.plan(), m_lab.book(), *recipe);
  if (auto st = im::writeRecipeCard(ui.tr("cli.dye.recipe_title", {{"plan", name}}), lines, path); !st)
    ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(st.error()));
  else
    ui.wb.notify(core::Notice::Kind::Info, ui.tr("cli.dye.card_written", {{"path", path.string()}}));
}

core::AttemptStore* LabPanel::store(UiContext& ui) {
  if (m_store) return m_store.get();
  return ui.records ? &ui.records->attempts() : nullptr;
}

void LabPanel::undo(UiContext&) { m_lab.undo(); }
void LabPanel::redo(UiContext&) { m_lab.redo(); }

std::optional<FileRequest> LabPanel::takeFileRequest(UiContext&) {
  if (auto r = m_photo.takeFileRequest()) return r;
  if (!std::exchange(m_wantRecipe, false)) return std::nullopt;
  return FileRequest{FileBrowserPanel::Mode::SaveRecipe, {}, suggestedRecipeName(), 0};
}

void LabPanel::fileChosen(UiContext& ui, int tag, const std::filesystem::path& path) {
  if (!m_photo.fileChosen(ui, tag, path, m_lab)) writeRecipeCard(ui, path);
}

}  // namespace canting::gui
