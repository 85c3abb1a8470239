// Lab Pewarnaan: the step buttons, the plan's step list and the selected
// step's editor (LabPanel's own members, kept apart from the cloth and dyes).
//
// Index:
//   [SECTION] Step text
//   [SECTION] Steps and the step editor

#include "lab_panel.h"

#include <algorithm>
#include <utility>

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
  }
  return "lab.op.wax";
}

constexpr const char* kLayers[] = {"outline", "isen", "ground", "all"};

}  // namespace

// [SECTION] Step text

std::string LabPanel::stepText(const UiContext& ui, const im::PlanStep& s) const {
  const int li = ui.wb.tr().language() == core::Language::Indonesian ? 0 : 1;
  const std::string layerText = ui.tr(s.layer.rfind("painted:", 0) == 0 ? std::string("dye.layer.painted") : "dye.layer." + s.layer);
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

}  // namespace canting::gui
