#include "theme.h"

#include <filesystem>

namespace canting::gui {

namespace {
constexpr const char* kFontDirs[] = {"/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/dejavu/"};

std::string findFont(const char* file) {
  std::error_code ec;
  for (const char* d : kFontDirs)
    if (std::filesystem::is_regular_file(std::string(d) + file, ec)) return std::string(d) + file;
  return {};
}

ImVec4 rgb(int r, int g, int b, float a = 1.f) { return ImVec4(r / 255.f, g / 255.f, b / 255.f, a); }
}  // namespace

Fonts loadFonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  Fonts f;
  // Latin-1 covers every Indonesian letter; add general punctuation for
  // quotes, dashes and the ellipsis. Static: the atlas reads it at build time.
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());
    for (ImWchar c = 0x2190; c <= 0x2193; ++c) b.AddChar(c);  // arrows on buttons
    for (ImWchar c = 0x2010; c <= 0x205E; ++c) b.AddChar(c);
    b.AddChar(0x0394);  // the Delta of "ΔE00", the colour difference trainees are scored in
    for (ImWchar c : {0x2194, 0x2264, 0x2605, 0x2606, 0x2661, 0x2665}) b.AddChar(c);  // ↔ ≤ ★ ☆ ♡ ♥ in the outlet
    b.BuildRanges(&ranges);
  }
  // ImGui asserts (aborts) on a missing file, so existence is checked first.
  const std::string regular = findFont("DejaVuSans.ttf");
  const std::string bold = findFont("DejaVuSans-Bold.ttf");
  if (!regular.empty()) {
    f.body = io.Fonts->AddFontFromFileTTF(regular.c_str(), 18.f * scale, nullptr, ranges.Data);
    f.log = "font: " + regular;
  }
  if (!f.body) {
    ImFontConfig cfg;
    cfg.SizePixels = 13.f * scale;
    f.body = io.Fonts->AddFontDefault(&cfg);
    f.log = "font: DejaVu Sans not found (install fonts-dejavu-core); using ImGui's built-in font";
  }
  if (!bold.empty()) f.heading = io.Fonts->AddFontFromFileTTF(bold.c_str(), 22.f * scale, nullptr, ranges.Data);
  if (!f.heading) f.heading = f.body;
  return f;
}

void applyTheme(float scale) {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  s.WindowPadding = ImVec2(12, 10);
  s.FramePadding = ImVec2(10, 6);
  s.ItemSpacing = ImVec2(10, 8);
  s.ItemInnerSpacing = ImVec2(8, 6);
  s.ScrollbarSize = 18;
  s.GrabMinSize = 14;
  s.WindowRounding = 6;
  s.ChildRounding = 6;
  s.FrameRounding = 5;
  s.PopupRounding = 6;
  s.TabRounding = 6;
  s.GrabRounding = 5;
  s.WindowBorderSize = 1;
  s.FrameBorderSize = 1;
  s.ScaleAllSizes(scale);

  ImVec4* c = s.Colors;
  const ImVec4 ink = rgb(0x3A, 0x27, 0x18), gading = rgb(0xF4, 0xEB, 0xD6), gadingDark = rgb(0xE6, 0xD6, 0xB3),
               tan = rgb(0xDD, 0xC4, 0x96), tanHover = rgb(0xCF, 0xB0, 0x7A), soga = rgb(0xB5, 0x82, 0x4E),
               indigo = rgb(0x2C, 0x3A, 0x6E), indigoSoft = rgb(0xC8, 0xCF, 0xE6), border = rgb(0xB8, 0x9C, 0x72);
  c[ImGuiCol_Text] = ink;
  c[ImGuiCol_TextDisabled] = rgb(0x8A, 0x76, 0x60);
  c[ImGuiCol_WindowBg] = gading;
  c[ImGuiCol_ChildBg] = rgb(0xFA, 0xF4, 0xE6);
  c[ImGuiCol_PopupBg] = rgb(0xFB, 0xF6, 0xEA);
  c[ImGuiCol_Border] = border;
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = rgb(0xFF, 0xFB, 0xF2);
  c[ImGuiCol_FrameBgHovered] = rgb(0xF1, 0xE4, 0xC8);
  c[ImGuiCol_FrameBgActive] = tan;
  c[ImGuiCol_TitleBg] = gadingDark;
  c[ImGuiCol_TitleBgActive] = tan;
  c[ImGuiCol_TitleBgCollapsed] = gadingDark;
  c[ImGuiCol_MenuBarBg] = gadingDark;
  c[ImGuiCol_ScrollbarBg] = gadingDark;
  c[ImGuiCol_ScrollbarGrab] = tan;
  c[ImGuiCol_ScrollbarGrabHovered] = tanHover;
  c[ImGuiCol_ScrollbarGrabActive] = soga;
  c[ImGuiCol_CheckMark] = indigo;
  c[ImGuiCol_SliderGrab] = soga;
  c[ImGuiCol_SliderGrabActive] = indigo;
  c[ImGuiCol_Button] = tan;
  c[ImGuiCol_ButtonHovered] = tanHover;
  c[ImGuiCol_ButtonActive] = soga;
  c[ImGuiCol_Header] = indigoSoft;
  c[ImGuiCol_HeaderHovered] = rgb(0xB4, 0xBE, 0xDE);
  c[ImGuiCol_HeaderActive] = rgb(0x9E, 0xAB, 0xD4);
  c[ImGuiCol_Separator] = border;
  c[ImGuiCol_Tab] = gadingDark;
  c[ImGuiCol_TabHovered] = tanHover;
  c[ImGuiCol_TabActive] = rgb(0xFF, 0xFB, 0xF2);
  c[ImGuiCol_TabUnfocused] = gadingDark;
  c[ImGuiCol_TabUnfocusedActive] = rgb(0xFF, 0xFB, 0xF2);
  c[ImGuiCol_TableHeaderBg] = gadingDark;
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = rgb(0xF1, 0xE6, 0xCC, 0.5f);
  c[ImGuiCol_ModalWindowDimBg] = rgb(0x3A, 0x27, 0x18, 0.45f);
  c[ImGuiCol_NavHighlight] = indigo;
}

}  // namespace canting::gui
