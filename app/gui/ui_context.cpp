#include "ui_context.h"

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

void heading(const UiContext& ui, const std::string& text) {
  ImGui::PushFont(ui.fonts.heading);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopFont();
}

}  // namespace canting::gui
