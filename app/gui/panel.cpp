#include "panel.h"

#include <algorithm>

#include <imgui.h>

#include "item_probe.h"
#include "theme.h"

namespace canting::gui {

// An empty folder: the App opens the browser where the user was last.
FileRequest Panel::openRequest(UiContext&) const { return {FileBrowserPanel::Mode::Open, {}, {}, 0}; }

ToolbarRow::ToolbarRow() : m_right(ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {}

void ToolbarRow::next(float width) {
  if (!m_first) {
    const float x = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
    if (x + width <= m_right) ImGui::SameLine();
  }
  m_first = false;
}

float ToolbarRow::textWidth(const std::string& label) {
  const std::string shown = label.substr(0, label.find("##"));
  return ImGui::CalcTextSize(shown.c_str()).x;
}

float ToolbarRow::buttonWidth(const std::string& label, float minWidth) {
  return std::max(minWidth, textWidth(label) + 2 * ImGui::GetStyle().FramePadding.x);
}

float ToolbarRow::checkboxWidth(const std::string& label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + textWidth(label);
}

void dyeabilityLegend(UiContext& ui) {
  // One short line (the grid below needs the height); the reason is in each colourway's tooltip.
  ToolbarRow row;
  const float r = ImGui::GetFontSize() * 0.35f, gap = ImGui::GetStyle().ItemInnerSpacing.x;
  for (const auto& [mark, key] : {std::pair{color::kDyeable, "colorway.legend.dyeable"}, std::pair{color::kError, "colorway.legend.not_dyeable"}}) {
    const std::string text = ui.tr(key);
    row.next(2 * r + gap + ToolbarRow::textWidth(text));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(2 * r, ImGui::GetTextLineHeight()));
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() / 2), r, mark);
    ImGui::SameLine(0, gap);
    ImGui::TextDisabled("%s", text.c_str());
  }
}

std::optional<std::size_t> historyList(UiContext& ui, const std::vector<std::string>& labelKeys, std::size_t position,
                                       const char* startKey, const std::string& probePrefix) {
  std::optional<std::size_t> target;
  for (std::size_t i = labelKeys.size(); i-- > 0;) {
    ImGui::PushID(int(i));
    const bool applied = i < position;
    if (!applied) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (ImGui::Selectable(ui.tr(labelKeys[i]).c_str(), i + 1 == position)) target = i + 1;
    if (!applied) ImGui::PopStyleColor();
    probe::note(probePrefix + "." + std::to_string(i));
    ImGui::PopID();
  }
  if (ImGui::Selectable(label(ui, startKey).c_str(), position == 0)) target = 0;
  probe::note(probePrefix + "_start");
  return target;
}

}  // namespace canting::gui
