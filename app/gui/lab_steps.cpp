// Lab Pewarnaan: the step buttons, the plan's step list and the selected
// step's editor (LabPanel's own members, kept apart from the cloth and dyes).
//
// Index:
//   [SECTION] Step text
//   [SECTION] Steps and the step editor
//   [SECTION] Cap and ciprat

#include "lab_panel.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "canting/core/photo_exercise.h"
#include "canting/imaging/motif.h"
#include "item_probe.h"

namespace canting::gui {

namespace im = imaging;
using Op = im::PlanStep::Op;

namespace {

const char* opKey(Op op) {
  switch (op) {
    case Op::Wax: return "lab.op.wax";
    case Op::Dye: return "lab.op.dye";
    case Op::Fix: return "lab.op.fix";
    case Op::Crackle: return "lab.op.crackle";
    case Op::Kerok: return "lab.op.kerok";
    case Op::Lorod: return "lab.op.lorod";
    case Op::Colet: return "lab.op.colet";
    case Op::Cap: return "lab.op.cap";
    case Op::Ciprat: return "lab.op.ciprat";
  }
  return "lab.op.wax";
}

// Two to a row in the editor, the longer names on the left.
constexpr const char* kLayers[] = {"outline", "isen", "all", "ground"};
constexpr im::PlanStep::Placement kPlacements[] = {im::PlanStep::Placement::Grid, im::PlanStep::Placement::Brick,
                                                   im::PlanStep::Placement::HalfDrop, im::PlanStep::Placement::Hand};

}  // namespace

// [SECTION] Step text

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
    case Op::Colet:
    case Op::Ciprat: {
      const im::Dye* d = m_lab.book().dye(s.dye);
      return ui.tr(opKey(s.op), {{"dye", d ? d->name[li] : s.dye}, {"layer", layerText},
                                 {"conc", core::formatNumber(s.concentration, 0, ui.wb.tr().language())}});
    }
    case Op::Cap:
      return ui.tr("lab.op.cap", {{"tile", tileText(ui, s.tile)}, {"size", core::formatNumber(s.sizeCm, 0, ui.wb.tr().language())},
                                  {"placement", ui.tr(std::string("lab.placement.") + im::placementName(s.placement), {{"n", std::to_string(s.at.size())}})}});
  }
  return {};
}

std::string LabPanel::tileText(const UiContext& ui, const std::string& tile) const {
  if (tile.rfind("motif:", 0) == 0) return ui.tr("lab.cap.motif", {{"name", tile.substr(6)}});
  return core::layerText(ui.wb.tr(), tile);
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
  const std::pair<Op, const char*> adds[] = {{Op::Wax, "wax"},       {Op::Cap, "cap"},     {Op::Dye, "dye"},
                                             {Op::Colet, "colet"},   {Op::Ciprat, "ciprat"}, {Op::Fix, "fix"},
                                             {Op::Crackle, "crackle"}, {Op::Kerok, "kerok"}, {Op::Lorod, "lorod"}};
  for (int i = 0; i < int(std::size(adds)); ++i) {
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
      s.density = op == Op::Ciprat ? 1 : 2;
      s.seed = std::uint32_t(m_lab.plan().steps.size() + 1);
      if (op == Op::Ciprat) s.layer = "ground";
      s.tile = "motif:kawung";  // a cap carries a motif; the editor offers the layers too
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
  if (s.op == Op::Wax || s.op == Op::Kerok || s.op == Op::Colet || s.op == Op::Ciprat) {
    ImGui::TextUnformatted(ui.tr("lab.layer").c_str());
    // Two to a row: the cap and ciprat rows above took the height a list
    // needs. The second column starts just past the longer left label.
    const ImGuiStyle& style = ImGui::GetStyle();
    float left = 0;
    for (const char* l : {kLayers[0], kLayers[2]}) left = std::max(left, ImGui::CalcTextSize(ui.tr(std::string("dye.layer.") + l).c_str()).x);
    const float column = ImGui::GetCursorPosX() + ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + left + 2 * style.ItemSpacing.x;
    int n = 0;
    for (const char* l : kLayers) {
      if (n++ % 2) ImGui::SameLine(column);
      if (ImGui::RadioButton(ui.tr(std::string("dye.layer.") + l).c_str(), s.layer == l)) {
        s.layer = l;
        changed = true;
      }
      probe::note(std::string("@lab.layer.") + l);
    }
    for (const auto& [file, mask] : m_lab.layers().masks) {  // a photo exercise's colour areas
      if (n++ % 2) ImGui::SameLine(column);
      if (ImGui::RadioButton(core::layerText(ui.wb.tr(), "mask:" + file).c_str(), s.layer == "mask:" + file)) {
        s.layer = "mask:" + file;
        changed = true;
      }
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
  if (s.op == Op::Cap) changed |= drawCapEditor(ui, s);
  if (s.op == Op::Dye || s.op == Op::Colet || s.op == Op::Ciprat) {
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
    // Ciprat: "other splashes" beside the strength, a row saved for 768 pixels.
    const std::string resplash = label(ui, "lab.ciprat.resplash");
    const float resplashW = ImGui::CalcTextSize(resplash.c_str(), nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
    ImGui::SetNextItemWidth(s.op == Op::Ciprat ? -(resplashW + ImGui::GetStyle().ItemSpacing.x) : -1);
    if (ImGui::SliderFloat("##conc", &conc, 1, 200, ui.tr("lab.conc_fmt").c_str())) s.concentration = conc;
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    if (s.op == Op::Ciprat) {
      ImGui::SameLine();
      if (ImGui::Button(resplash.c_str())) {
        s.seed = s.seed * 1664525u + 1013904223u;
        changed = true;
      }
      probe::note("@lab.ciprat.resplash");
    }
    if (s.op == Op::Dye) {  // colet is painted once, not dipped
      int dips = s.dips;
      ImGui::SetNextItemWidth(-1);
      if (ImGui::SliderInt("##dips", &dips, 1, 30, ui.tr("lab.dips_fmt").c_str())) s.dips = dips;
      changed |= ImGui::IsItemDeactivatedAfterEdit();
    }
    if (s.op == Op::Ciprat) changed |= drawCipratEditor(ui, s);
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

// [SECTION] Cap and ciprat

bool LabPanel::drawCapEditor(UiContext& ui, im::PlanStep& s) {
  bool changed = false;
  // What the stamp carries: a part of this motif, or another motif's lines.
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("lab.cap.tile").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##cap_tile", tileText(ui, s.tile).c_str())) {
    std::vector<std::string> tiles{"outline", "isen", "ground"};  // not "all": a stamp of solid wax is a tembok
    for (int k = 0; k < im::kMotifKinds; ++k) tiles.push_back(std::string("motif:") + im::motifName(im::MotifKind(k)));
    for (const std::string& t : tiles)
      if (ImGui::Selectable(tileText(ui, t).c_str(), t == s.tile)) {
        s.tile = t;
        changed = true;
      }
    ImGui::EndCombo();
  }
  probe::note("@lab.cap.tile");
  float cm = float(s.sizeCm);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderFloat("##cap_cm", &cm, 5, 40, ui.tr("lab.cap.size_fmt").c_str())) s.sizeCm = std::round(cm * 2) / 2;
  changed |= ImGui::IsItemDeactivatedAfterEdit();
  probe::note("@lab.cap.size");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("lab.cap.placement").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  auto placementText = [&](im::PlanStep::Placement p) {
    return ui.tr(std::string("lab.placement.") + im::placementName(p), {{"n", std::to_string(s.at.size())}});
  };
  if (ImGui::BeginCombo("##cap_placement", placementText(s.placement).c_str())) {
    for (const auto p : kPlacements) {
      if (ImGui::Selectable(placementText(p).c_str(), p == s.placement) && p != s.placement) {
        s.placement = p;
        changed = true;
      }
      probe::note(std::string("@lab.cap.placement.") + im::placementName(p));
    }
    ImGui::EndCombo();
  }
  probe::note("@lab.cap.placement");
  if (s.placement == im::PlanStep::Placement::Hand) {
    ImGui::TextWrapped("%s", ui.tr("lab.cap.hand_hint", {{"n", std::to_string(s.at.size())}}).c_str());
    ImGui::BeginDisabled(s.at.empty());
    if (ImGui::Button(label(ui, "lab.cap.clear").c_str())) {
      s.at.clear();
      changed = true;
    }
    ImGui::EndDisabled();
  }
  return changed;
}

// Its density and drop size; "other splashes" sits beside the strength above.
bool LabPanel::drawCipratEditor(UiContext& ui, im::PlanStep& s) {
  bool changed = false;
  float density = float(s.density), drop = float(s.dropMm);
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  ImGui::SetNextItemWidth(half);
  if (ImGui::SliderFloat("##ciprat_density", &density, 0.1f, 10, ui.tr("lab.ciprat.density_fmt").c_str())) s.density = density;
  changed |= ImGui::IsItemDeactivatedAfterEdit();
  probe::note("@lab.ciprat.density");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderFloat("##ciprat_drop", &drop, 0.5f, 15, ui.tr("lab.ciprat.drop_fmt").c_str())) s.dropMm = drop;
  changed |= ImGui::IsItemDeactivatedAfterEdit();
  probe::note("@lab.ciprat.drop");
  return changed;
}

}  // namespace canting::gui
