#include "panel.h"

#include <algorithm>

#include <imgui.h>

#include "canting/core/file_browser.h"

namespace canting::gui {

FileRequest Panel::openRequest(UiContext& ui) const {
  return {FileBrowserPanel::Mode::Open, core::startFolder(ui.wb.settings().lastFolder), {}, 0};
}

ToolbarRow::ToolbarRow() : m_right(ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {}

void ToolbarRow::next(float width) {
  if (!m_first) {
    const float x = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
    if (x + width <= m_right) ImGui::SameLine();
  }
  m_first = false;
}

float ToolbarRow::buttonWidth(const std::string& label, float minWidth) {
  const std::string shown = label.substr(0, label.find("##"));
  return std::max(minWidth, ImGui::CalcTextSize(shown.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x);
}

}  // namespace canting::gui
