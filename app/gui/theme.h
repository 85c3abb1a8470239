#pragma once
// The look: the craft's own colours (soga brown, indigo, gading cream), large
// readable text, generous hit targets for mouse users.

#include <string>

#include <imgui.h>

namespace canting::gui {

namespace color {
constexpr ImU32 kSoga = IM_COL32(0x7A, 0x4A, 0x24, 0xFF);
constexpr ImU32 kIndigo = IM_COL32(0x2C, 0x3A, 0x6E, 0xFF);
constexpr ImU32 kGading = IM_COL32(0xF4, 0xEB, 0xD6, 0xFF);
constexpr ImU32 kCanvas = IM_COL32(0x4E, 0x46, 0x40, 0xFF);
constexpr ImU32 kError = IM_COL32(0xA3, 0x2E, 0x22, 0xFF);
constexpr ImU32 kDyeable = IM_COL32(0x3E, 0x8E, 0x5A, 0xFF);  // the mark of a colourway dyeable bath after bath
}  // namespace color

struct Fonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
  std::string log;  // what was loaded, or which fallback was used and why
};

// Adds DejaVu Sans at `scale`, with the punctuation Indonesian text uses;
// falls back to ImGui's built-in font (and says so) when the file is missing.
Fonts loadFonts(float scale);
void applyTheme(float scale);

}  // namespace canting::gui
