#pragma once
// What the App needs of every workspace, so that it routes the frame, the
// undo keys, the file dialog and the shortcuts the same way for all of them.
// A panel draws its model and posts changes; it owns only UI state (what is
// selected, what is typed), never a model another panel uses: the design
// lives in the Workbench, the records in the Session.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "canting/core/workspace.h"
#include "file_browser_panel.h"
#include "ui_context.h"

namespace canting::gui {

// A file the panel wants chosen. For the browser's hand-back modes (ImportMotif,
// SaveRecipe, SaveFile, PickFile) the path comes back through fileChosen() with
// the same tag; the other modes act on the Workbench themselves.
struct FileRequest {
  FileBrowserPanel::Mode mode = FileBrowserPanel::Mode::Open;
  std::filesystem::path folder;  // empty: the folder used last
  std::string name;              // the suggested name when saving
  int tag = 0;                   // which of the panel's requests this is
};

class Panel {
 public:
  virtual ~Panel() = default;
  virtual core::WorkspaceId workspace() const = 0;
  // Into the current window's remaining region.
  virtual void draw(UiContext& ui) = 0;

  // Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y while this workspace is shown.
  virtual void undo(UiContext&) {}
  virtual void redo(UiContext&) {}
  // What Ctrl+O opens here; the default is images into the motif library.
  virtual FileRequest openRequest(UiContext& ui) const;
  // Asked once a frame after draw(): a file dialog this panel wants opened.
  virtual std::optional<FileRequest> takeFileRequest(UiContext&) { return std::nullopt; }
  virtual void fileChosen(UiContext&, int /*tag*/, const std::filesystem::path&) {}
  // This workspace's own keys, when no text field has the keyboard.
  virtual void shortcuts(UiContext&) {}
};

// Lays buttons out left to right and starts a new row when the next one would
// not fit, so no toolbar is cut off on a 1366-pixel screen.
class ToolbarRow {
 public:
  ToolbarRow();
  // Call before each item with its width.
  void next(float width);
  // The width a button, a checkbox or a text with this label takes ("Label###id" counts as "Label").
  static float buttonWidth(const std::string& label, float minWidth = 0);
  static float checkboxWidth(const std::string& label);
  static float textWidth(const std::string& label);

 private:
  bool m_first = true;
  float m_right = 0;
};

// The history list both the Studio and the lab show: newest at the top, the
// step in effect highlighted, the steps undone greyed, and a first row for
// "before any edit". Returns the position clicked (entries before it applied).
std::optional<std::size_t> historyList(UiContext& ui, const std::vector<std::string>& labelKeys, std::size_t position,
                                       const char* startKey, const std::string& probePrefix);

// What the green and red marks on colourways mean, as a line of two marks.
void dyeabilityLegend(UiContext& ui);

template <class Entries>
std::optional<std::size_t> historyList(UiContext& ui, const Entries& entries, std::size_t position, const char* startKey,
                                       const std::string& probePrefix) {
  std::vector<std::string> keys;
  keys.reserve(entries.size());
  for (const auto& e : entries) keys.push_back(e.label);
  return historyList(ui, keys, position, startKey, probePrefix);
}

}  // namespace canting::gui
