#include "on_screen_keyboard.h"

#include <iterator>

#include "item_probe.h"
#include "theme.h"

namespace canting::gui {

namespace {

// A letter's capital: ASCII, and the Latin-1 letters on the keyboard (é è ë
// are two bytes, C3 then A8/A9/AB; their capitals are C3 88/89/8B).
std::string capital(std::string_view key) {
  std::string s(key);
  if (s.size() == 1 && s[0] >= 'a' && s[0] <= 'z') s[0] = char(s[0] - 'a' + 'A');
  else if (s.size() == 2 && (unsigned char)s[0] == 0xC3 && (unsigned char)s[1] >= 0xA0 && (unsigned char)s[1] <= 0xBE && (unsigned char)s[1] != 0xB7)
    s[1] = char((unsigned char)s[1] - 0x20);
  return s;
}

bool isLetter(std::string_view key) { return capital(key) != key; }

// The rows, each key with its width in keys; "" ends a row.
struct KeyDef {
  const char* key;
  float width;
};
constexpr KeyDef kRows[][12] = {
    {{"1", 1}, {"2", 1}, {"3", 1}, {"4", 1}, {"5", 1}, {"6", 1}, {"7", 1}, {"8", 1}, {"9", 1}, {"0", 1}, {"back", 1.5f}, {"", 0}},
    {{"q", 1}, {"w", 1}, {"e", 1}, {"r", 1}, {"t", 1}, {"y", 1}, {"u", 1}, {"i", 1}, {"o", 1}, {"p", 1}, {"é", 1}, {"", 0}},
    {{"a", 1}, {"s", 1}, {"d", 1}, {"f", 1}, {"g", 1}, {"h", 1}, {"j", 1}, {"k", 1}, {"l", 1}, {"è", 1}, {"ë", 1}, {"", 0}},
    {{"shift", 1.5f}, {"z", 1}, {"x", 1}, {"c", 1}, {"v", 1}, {"b", 1}, {"n", 1}, {"m", 1}, {"'", 1}, {"-", 1}, {".", 1}, {"", 0}},
    {{"+", 1}, {"@", 1}, {"space", 5.5f}, {",", 1}, {"done", 3}, {"", 0}},
};
// Rows two and three start half a key in, as on a typewriter, so every row ends at the same edge.
constexpr float kIndent[] = {0, 0.5f, 0.5f, 0, 0};

}  // namespace

void OnScreenKeyboard::open(std::string text, std::size_t maxBytes, bool words) {
  m_text = std::move(text);
  m_max = maxBytes;
  m_words = words;
  m_shift = false;
  if (m_text.size() > m_max) m_text.resize(m_max);
}

bool OnScreenKeyboard::upper() const {
  const bool wordStart = m_words && (m_text.empty() || m_text.back() == ' ');
  return m_shift != wordStart;
}

void OnScreenKeyboard::press(std::string_view key) {
  const std::string s = isLetter(key) && upper() ? capital(key) : std::string(key);
  if (isLetter(key)) m_shift = false;
  if (m_text.size() + s.size() <= m_max) m_text += s;
}

void OnScreenKeyboard::press(Special key) {
  switch (key) {
    case Special::Shift: m_shift = !m_shift; break;
    case Special::Space:
      if (m_text.size() < m_max) m_text += ' ';
      break;
    case Special::Backspace:
      // A whole character: the UTF-8 continuation bytes go with their lead byte.
      while (!m_text.empty() && ((unsigned char)m_text.back() & 0xC0) == 0x80) m_text.pop_back();
      if (!m_text.empty()) m_text.pop_back();
      break;
  }
}

bool OnScreenKeyboard::draw(UiContext& ui, const std::string& probeId, float k) {
  bool done = false;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  // What is typed so far, in large letters, with a caret at its end.
  ImGui::PushFont(ui.fonts.heading);
  ImGui::TextUnformatted((m_text + "|").c_str());
  ImGui::PopFont();
  ImGui::Spacing();
  for (std::size_t r = 0; r < std::size(kRows); ++r) {
    const KeyDef* row = kRows[r];
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + kIndent[r] * (k + gap));
    bool first = true;
    for (const KeyDef* d = row; d->key[0]; ++d) {
      if (!first) ImGui::SameLine();
      first = false;
      const std::string key = d->key;
      const ImVec2 size(k * d->width + gap * (d->width - 1), k);
      std::string text;
      if (key == "back") text = "←";
      else if (key == "shift") text = "↑ " + ui.tr("keyboard.shift");
      else if (key == "space") text = ui.tr("keyboard.space");
      else if (key == "done") text = ui.tr("keyboard.done");
      else text = isLetter(key) && upper() ? capital(key) : key;
      // Done in the gallery's indigo, like a chosen tab; shift lit while the next letter is a capital.
      const bool lit = (key == "shift" && upper()) || key == "done";
      if (lit) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(color::kIndigo));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kGading));
      }
      if (ImGui::Button((text + "##" + probeId + key).c_str(), size)) {
        if (key == "back") press(Special::Backspace);
        else if (key == "shift") press(Special::Shift);
        else if (key == "space") press(Special::Space);
        else if (key == "done") done = true;
        else press(key);
      }
      if (lit) ImGui::PopStyleColor(2);
      probe::note("@" + probeId + "." + key);
    }
  }
  return done;
}

}  // namespace canting::gui
