#include "pin_pad.h"

#include "canting/records/desk.h"
#include "item_probe.h"

namespace canting::gui {

void drawPinPad(UiContext& ui, std::string& pin, const std::string& probeId, float k) {
  auto press = [&](char key) { records::pressPinKey(pin, key); };
  ImGui::BeginGroup();
  ImGui::TextUnformatted(ui.tr("training.pin").c_str());
  const std::string dots(pin.size(), '*');
  ImGui::PushFont(ui.fonts.heading);
  ImGui::Text("%s", dots.empty() ? "-" : dots.c_str());
  ImGui::PopFont();
  const char keys[] = "123456789C0<";
  for (int i = 0; i < 12; ++i) {
    if (i % 3) ImGui::SameLine();
    const char key = keys[i];
    const std::string lab = key == '<' ? std::string("←") : key == 'C' ? ui.tr("training.clear") : std::string(1, key);
    if (ImGui::Button((lab + "##" + probeId + std::string(1, key)).c_str(), ImVec2(k, k))) press(key);
    probe::note("@" + probeId + "." + std::string(1, key));
  }
  // Typing works too, for those who prefer it.
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput) {
    for (ImWchar c : io.InputQueueCharacters)
      if (c >= '0' && c <= '9') press(char(c));
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) press('<');
  }
  ImGui::EndGroup();
}

}  // namespace canting::gui
