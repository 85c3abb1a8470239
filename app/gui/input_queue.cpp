#include "input_queue.h"

#include <algorithm>

#include <imgui.h>

namespace canting::gui {

void InputQueue::key(int code, bool down, Modifier modifier) {
  if (code < 0 || code >= int(IM_ARRAYSIZE(ImGuiIO::KeysDown))) return;
  if (modifier != Modifier::None &&
      std::none_of(m_modifierKeys.begin(), m_modifierKeys.end(), [&](const auto& k) { return k.first == code; }))
    m_modifierKeys.emplace_back(code, modifier);
  m_events.push_back({Event::Kind::Key, code, down, modifier});
}

void InputQueue::mouseButton(int button, bool down) {
  if (button < 0 || button >= int(std::size(m_mouseDown))) return;
  m_events.push_back({Event::Kind::Mouse, button, down});
}

void InputQueue::character(unsigned int c) { m_events.push_back({Event::Kind::Char, int(c)}); }

void InputQueue::apply(ImGuiIO& io) {
  std::vector<int> keysChanged;
  bool mouseChanged[5] = {};
  bool anyKey = false, modifierChanged = false;
  while (!m_events.empty()) {
    const Event& e = m_events.front();
    if (e.kind == Event::Kind::Key) {
      // A second transition of the same key waits for the next frame, and so
      // does everything after it, so the order between keys holds.
      if (std::find(keysChanged.begin(), keysChanged.end(), e.code) != keysChanged.end()) break;
      io.KeysDown[e.code] = e.down;
      keysChanged.push_back(e.code);
      anyKey = true;
      modifierChanged |= e.modifier != Modifier::None;
    } else if (e.kind == Event::Kind::Mouse) {
      if (mouseChanged[e.code]) break;
      m_mouseOwned[e.code] = true;
      m_mouseDown[e.code] = e.down;
      mouseChanged[e.code] = true;
    } else {
      // ImGui's text field reads this frame's characters before its keys:
      // a character typed after a key (Home, then "x") waits a frame.
      if (anyKey) break;
      io.AddInputCharacter(unsigned(e.code));
    }
    m_events.pop_front();
  }
  for (int b = 0; b < int(std::size(m_mouseDown)); ++b)
    if (m_mouseOwned[b]) io.MouseDown[b] = m_mouseDown[b];
  if (modifierChanged) {
    auto held = [&](Modifier m) {
      return std::any_of(m_modifierKeys.begin(), m_modifierKeys.end(),
                         [&](const auto& k) { return k.second == m && io.KeysDown[k.first]; });
    };
    io.KeyCtrl = held(Modifier::Ctrl);
    io.KeyShift = held(Modifier::Shift);
    io.KeyAlt = held(Modifier::Alt);
    io.KeySuper = held(Modifier::Super);
  }
}

}  // namespace canting::gui
