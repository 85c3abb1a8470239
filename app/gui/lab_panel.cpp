// Lab Pewarnaan panel.
//
// Index:
//   [SECTION] Loading and step text
//   [SECTION] Layout
//   [SECTION] Steps and the step editor
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

const char* opKey(Op op) {
  switch (op) {
    case Op::Wax: return "lab.op.wax";
    case Op::Dye: return "lab.op.dye";
    case Op::Fix: return "lab.op.fix";
    case Op::Crackle: return "lab.op.crackle";
    case Op::Kerok: return "lab.op.kerok";
    case Op::Lorod: return "lab.op.lorod";
    case Op::Colet: return "lab.op.colet";
  }
  return "lab.op.wax";
}

constexpr const char* kLayers[] = {"outline", "isen", "ground", "all"};

}  // namespace

// [SECTION] Loading and step text

bool LabPanel::ensureLoaded(UiContext& ui) {
  if (!m_tried) {
    m_tried = true;
    if (auto st = m_lab.load(ui.wb.assetsFolder() / "dyes", 480, core::userExercisesDir(ui.wb.dataFolder())); !st) ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(st.error()));
  }
  return m_lab.loaded();
}

std::string LabPanel::stepText(const UiContext& ui, const im::PlanStep& s) const {
  const int li = ui.wb.tr().language() == core::Language::Indonesian ? 0 : 1;
  const std::string layerText = core::layerText(ui.wb.tr(), s.layer);
  switch (s.op) {
    case Op::Wax:
    case Op::Kerok:
      return ui.tr(opKey(s.op), {{"layer", layerText}});
    case Op::Dye: {
      const im::Dye* d = m_lab.book().dye(s.dye);
      return ui.tr("lab.op.dye", {{"dye", d ? d->name[li] : s.dye}, {"dips", std::to_string(s.dips)},
                                  {"conc", core::formatNumber(s.concentration, 0, ui.wb.tr().language())}});
    }
    case Op::Fix: {
      const im::Fixer* f = m_lab.book().fixer(s.fixer);
      return ui.tr("lab.op.fix", {{"fixer", f ? f->name[li] : s.fixer}});
    }
    case Op::Crackle: return ui.tr("lab.op.crackle");
    case Op::Lorod: return ui.tr("lab.op.lorod");
    case Op::Colet: {
      const im::Dye* d = m_lab.book().dye(s.dye);
      return ui.tr("lab.op.colet", {{"dye", d ? d->name[li] : s.dye}, {"layer", layerText},
                                    {"conc", core::formatNumber(s.concentration, 0, ui.wb.tr().language())}});
    }
  }
  return {};
}

// [SECTION] Layout

void LabPanel::draw(UiContext& ui) {
  if (!ensureLoaded(ui)) {
    ImGui::TextWrapped("%s", ui.tr("lab.not_loaded").c_str());
    return;
  }
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
  ImGui::SameLine(0, ui.px(24));
  m_photo.drawButton(ui);

  const float left = ui.px(330), right = ui.px(330), gap = ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginChild("lab_steps", ImVec2(left, 0), true);
  drawSteps(ui);
  ImGui::EndChild();
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

// [SECTION] Steps and the step editor

void LabPanel::drawSteps(UiContext& ui) {
  ImGui::PushFont(ui.fonts.heading);
  ImGui::TextUnformatted(ui.tr("lab.steps").c_str());
  ImGui::PopFont();
  // One button per kind of step, in the order a batik maker works; two to a
  // row, a little lower than the others so the step editor's buttons below
  // still fit a 768-pixel screen.
  const float bw = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  const std::pair<Op, const char*> adds[] = {{Op::Wax, "wax"}, {Op::Dye, "dye"}, {Op::Fix, "fix"},
                                             {Op::Crackle, "crackle"}, {Op::Kerok, "kerok"}, {Op::Lorod, "lorod"},
                                             {Op::Colet, "colet"}};
  for (int i = 0; i < 7; ++i) {
    if (i % 2) ImGui::SameLine();
    const auto [op, name] = adds[i];
    if (ImGui::Button(label(ui, std::string("lab.add.") + name).c_str(), ImVec2(bw, ui.px(32)))) {
      im::PlanStep s;
      s.op = op;
      s.layer = "outline";
      s.dye = m_dye;
      s.concentration = 50;
      s.dips = 5;
      s.fixer = m_lab.book().fixers.empty() ? "" : m_lab.book().fixers.front().id;
      s.density = 2;
      s.seed = std::uint32_t(m_lab.plan().steps.size() + 1);
      m_lab.addStep(s);
      m_selected = int(m_lab.plan().steps.size()) - 1;
    }
    probe::note(std::string("@lab.add.") + name);
  }
  ImGui::Separator();
  const auto& steps = m_lab.plan().steps;
  if (steps.empty()) ImGui::TextWrapped("%s", ui.tr("lab.no_steps").c_str());
  for (int i = 0; i < int(steps.size()); ++i) {
    ImGui::PushID(i);
    const std::string text = std::to_string(i + 1) + ". " + stepText(ui, steps[std::size_t(i)]);
    if (ImGui::Selectable(text.c_str(), m_selected == i)) {
      m_selected = i;
      m_lab.showState(i + 1);
    }
    probe::note("@lab.step." + std::to_string(i));
    ImGui::PopID();
  }
  if (m_selected >= int(steps.size())) m_selected = int(steps.size()) - 1;
  if (m_selected >= 0) {
    ImGui::Separator();
    drawStepEditor(ui, m_selected);
  }
}

void LabPanel::drawStepEditor(UiContext& ui, int index) {
  im::PlanStep s = m_lab.plan().steps[std::size_t(index)];
  const int li = ui.wb.tr().language() == core::Language::Indonesian ? 0 : 1;
  bool changed = false;
  if (s.op == Op::Wax || s.op == Op::Kerok || s.op == Op::Colet) {
    ImGui::TextUnformatted(ui.tr("lab.layer").c_str());
    for (const char* l : kLayers) {
      if (ImGui::RadioButton(ui.tr(std::string("dye.layer.") + l).c_str(), s.layer == l)) {
        s.layer = l;
        changed = true;
      }
      probe::note(std::string("@lab.layer.") + l);
    }
    for (const auto& [file, mask] : m_lab.layers().masks)  // a photo exercise's colour areas
      if (ImGui::RadioButton(core::layerText(ui.wb.tr(), "mask:" + file).c_str(), s.layer == "mask:" + file)) {
        s.layer = "mask:" + file;
        changed = true;
      }
    const bool painted = s.layer.rfind("painted:", 0) == 0;
    if (ImGui::RadioButton(ui.tr("dye.layer.painted").c_str(), painted) && !painted) {
      s.layer = m_lab.newPaintedLayer();
      changed = true;
    }
    probe::note("@lab.layer.painted");
    if (painted) {
      // The tools: a brush, a fill for whole parts of the motif, an eraser.
      ImGui::Indent();
      const std::pair<Tool, const char*> tools[] = {{Tool::Brush, "lab.tool.brush"}, {Tool::Fill, "lab.tool.fill"}, {Tool::Eraser, "lab.tool.eraser"}};
      // Three equal buttons in a row, the chosen one in indigo: they fit the
      // narrow column in both languages, where radio labels did not.
      const float w = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
      for (int i = 0; i < 3; ++i) {
        const auto& [t, key] = tools[i];
        if (i) ImGui::SameLine();
        const bool on = m_tool == t;
        if (on) {
          ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.17f, 0.23f, 0.43f, 1.f));
          ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.96f, 0.92f, 0.84f, 1.f));
        }
        if (ImGui::Button(label(ui, key).c_str(), ImVec2(w, ui.px(34)))) m_tool = t;
        if (on) ImGui::PopStyleColor(2);
        probe::note(std::string("@") + key);
      }
      ImGui::SetNextItemWidth(-1);
      ImGui::SliderInt("##brush", &m_brushPx, 1, 40, ui.tr("lab.brush_fmt").c_str());
      ImGui::TextWrapped("%s", ui.tr("lab.paint_hint").c_str());
      ImGui::Unindent();
    }
  }
  if (s.op == Op::Dye || s.op == Op::Colet) {
    const im::Dye* d = m_lab.book().dye(s.dye);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##dye", d ? d->name[li].c_str() : s.dye.c_str())) {
      for (const auto& dd : m_lab.book().dyes)
        if (ImGui::Selectable(dd.name[li].c_str(), dd.id == s.dye)) {
          s.dye = dd.id;
          changed = true;
        }
      ImGui::EndCombo();
    }
    float conc = float(s.concentration);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderFloat("##conc", &conc, 1, 200, ui.tr("lab.conc_fmt").c_str())) s.concentration = conc;
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    if (s.op == Op::Dye) {  // colet is painted once, not dipped
      int dips = s.dips;
      ImGui::SetNextItemWidth(-1);
      if (ImGui::SliderInt("##dips", &dips, 1, 30, ui.tr("lab.dips_fmt").c_str())) s.dips = dips;
      changed |= ImGui::IsItemDeactivatedAfterEdit();
    }
  } else if (s.op == Op::Fix) {
    for (const auto& f : m_lab.book().fixers) {
      if (ImGui::RadioButton(f.name[li].c_str(), s.fixer == f.id)) {
        s.fixer = f.id;
        changed = true;
      }
      ImGui::TextDisabled("  %s", f.effect[li].c_str());
    }
  } else if (s.op == Op::Crackle) {
    float density = float(s.density);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderFloat("##density", &density, 0.5f, 8, ui.tr("lab.density_fmt").c_str())) s.density = density;
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    if (ImGui::Button(label(ui, "lab.reseed").c_str())) {
      s.seed = s.seed * 1664525u + 1013904223u;
      changed = true;
    }
  }
  ImGui::Spacing();
  ImGui::BeginDisabled(index == 0);
  const bool up = ImGui::Button(label(ui, "lab.up").c_str());
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(index + 1 >= int(m_lab.plan().steps.size()));
  const bool down = ImGui::Button(label(ui, "lab.down").c_str());
  ImGui::EndDisabled();
  ImGui::SameLine();
  const bool del = ImGui::Button(label(ui, "lab.delete").c_str());
  probe::note("@lab.delete");
  if (up || down) {
    m_lab.moveStep(index, up ? -1 : 1);
    m_selected = index + (up ? -1 : 1);
    return;
  }
  if (del) {
    m_lab.removeStep(index);
    m_selected = std::min(index, int(m_lab.plan().steps.size()) - 1);
    return;
  }
  if (changed) m_lab.updateStep(index, s);
}

// [SECTION] Cloth, painting and score

std::string LabPanel::paintTarget() const {
  if (m_selected < 0 || m_selected >= int(m_lab.plan().steps.size())) return {};
  const im::PlanStep& s = m_lab.plan().steps[std::size_t(m_selected)];
  if ((s.op == Op::Wax || s.op == Op::Kerok || s.op == Op::Colet) && s.layer.rfind("painted:", 0) == 0) return s.layer;
  return {};
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
  // Painting on the cloth when the selected step has a painted layer.
  const std::string target = paintTarget();
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + labelH));
  ImGui::InvisibleButton("lab_cloth_input", ImVec2(side, side));
  probe::note("@lab.cloth");
  if (!target.empty() && !cloth.empty()) {
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
      if (m_selected >= 0 && (m_lab.plan().steps[std::size_t(m_selected)].op == Op::Dye || m_lab.plan().steps[std::size_t(m_selected)].op == Op::Colet)) {
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
