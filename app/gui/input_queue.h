#pragma once
// Every key press and every tap reaches ImGui, however quick.
//
// Dear ImGui 1.86 reads keys and mouse buttons as state once a frame
// (io.KeysDown, io.MouseDown): a press and its release that arrive between two
// frames leave no trace. Its GLFW backend latches mouse presses but not the
// release, and not keys at all, so a quick Ctrl+A or End did nothing and eight
// quick taps on a grid counted four (the loop slept through the release).
// The window's callbacks feed this queue instead; before each frame apply()
// hands ImGui the events in order, at most one transition per key or button:
// a press and release within one frame become a press in this frame and the
// release in the next. No GLFW here, so the headless tests drive it too.

#include <deque>
#include <vector>

struct ImGuiIO;

namespace canting::gui {

class InputQueue {
 public:
  enum class Modifier { None, Ctrl, Shift, Alt, Super };

  // `code` indexes io.KeysDown (the GLFW key code in the app); a modifier key
  // says which modifier it is, so io.KeyCtrl & co. follow it.
  void key(int code, bool down, Modifier modifier = Modifier::None);
  void mouseButton(int button, bool down);
  void character(unsigned int c);

  // Before ImGui::NewFrame (after the platform backend's NewFrame, which polls
  // the buttons' current state): the events that fit this frame. A key or
  // button is the queue's once an event for it came through; its state is then
  // set every frame, so the backend's polling cannot undo a latched press.
  void apply(ImGuiIO& io);
  // Events left for the next frames: the loop should not sleep.
  bool pending() const { return !m_events.empty(); }

 private:
  struct Event {
    enum class Kind { Key, Mouse, Char } kind;
    int code = 0;  // key code, mouse button or character
    bool down = false;
    Modifier modifier = Modifier::None;
  };
  std::deque<Event> m_events;
  std::vector<std::pair<int, Modifier>> m_modifierKeys;  // modifier keys seen, with what they are
  bool m_mouseOwned[5] = {};
  bool m_mouseDown[5] = {};
};

}  // namespace canting::gui
