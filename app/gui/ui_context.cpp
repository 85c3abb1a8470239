#include "ui_context.h"

#include <algorithm>

namespace canting::gui {

std::string label(const UiContext& ui, const std::string& key, const char* id) {
  return ui.tr(key) + "###" + (id ? id : key);
}

void drawImage(ImDrawList* dl, const std::vector<TextureTile>& tiles, int w, int h, ImVec2 p0, ImVec2 p1) {
  const float sx = (p1.x - p0.x) / float(w), sy = (p1.y - p0.y) / float(h);
  for (const TextureTile& t : tiles) {
    const ImVec2 a(p0.x + t.rect.x * sx, p0.y + t.rect.y * sy);
    const ImVec2 b(p0.x + (t.rect.x + t.rect.width) * sx, p0.y + (t.rect.y + t.rect.height) * sy);
    dl->AddImage(t.id, a, b);
  }
}

void tooltip(const UiContext& ui, const std::string& text) {
  const float screenW = ImGui::GetIO().DisplaySize.x;
  ImGui::BeginTooltip();
  // Wrap position is relative to the tooltip window: at most 460 px, and at most half the screen.
  ImGui::PushTextWrapPos(std::max(ui.px(160), std::min(ui.px(460), screenW * 0.5f)));
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void hoverTooltip(const UiContext& ui, const std::string& text) {
  if (ImGui::IsItemHovered()) tooltip(ui, text);
}

void heading(const UiContext& ui, const std::string& text) {
  ImGui::PushFont(ui.fonts.heading);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopFont();
}

}  // namespace canting::gui
