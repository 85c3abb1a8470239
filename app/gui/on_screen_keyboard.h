#pragma once
// The kiosk's on-screen keyboard, for a customer's name and contact on a
// touch screen with no keys: letters, digits, space, backspace, shift, the
// punctuation names and contacts use (' - . , + @), and the accented letters
// of Indonesian names (é, è, ë: Javanese and Sundanese names are written with
// them, as in "Séno" or "Suhèndar"; every other Indonesian letter is plain).
// Keys are big enough for a finger; the caller draws it in a popup.

#include <string>
#include <string_view>

#include "ui_context.h"

namespace canting::gui {

class OnScreenKeyboard {
 public:
  enum class Special { Backspace, Shift, Space };

  // Starts editing `text`, which is kept under `maxBytes` of UTF-8. In words
  // mode (names) each word starts with a capital unless shift says otherwise.
  void open(std::string text, std::size_t maxBytes, bool words);
  const std::string& text() const { return m_text; }
  // Whether the next letter comes out as a capital.
  bool upper() const;
  // A key as printed on it in lower case ("a", "é", "7", "@"); shift applies to letters.
  void press(std::string_view key);
  void press(Special key);

  // Draws the text and the keys; true when Done was pressed. Each key is
  // probed as "@<probe>.<key>": the lower-case character, or space, back, shift, done.
  bool draw(UiContext& ui, const std::string& probe, float keySize);

 private:
  std::string m_text;
  std::size_t m_max = 0;
  bool m_words = false;
  bool m_shift = false;  // one-shot: released by the next letter
};

}  // namespace canting::gui
