#pragma once
// Pustaka Motif, basic form: open motif images (drag-and-drop or the file
// browser), look at them on a canvas (wheel zooms at the cursor, drag pans,
// fit and 1:1), and read their facts in the info panel.

#include <optional>

#include "canting/core/view_transform.h"
#include "ui_context.h"

namespace canting::gui {

class PustakaPanel {
 public:
  // Draws into the current window's remaining region.
  void draw(UiContext& ui);

  // Requests from the panel to the app (buttons in the empty state).
  bool wantsOpenDialog() { return std::exchange(m_wantOpen, false); }
  bool wantsExportDialog() { return std::exchange(m_wantExport, false); }

  // The canvas size of the last frame, for fit/1:1 from the menu.
  core::Vec2 canvasSize() const { return m_canvasSize; }
  // Pixel under the mouse in the last frame, if any.
  std::optional<cv::Point> hoveredPixel() const { return m_hovered; }

 private:
  void drawTabs(UiContext& ui);
  void drawCanvas(UiContext& ui, core::Document& doc);
  void drawEmptyState(UiContext& ui);
  void drawInfo(UiContext& ui, core::Document& doc);

  bool m_wantOpen = false;
  bool m_wantExport = false;
  core::Vec2 m_canvasSize{800, 600};
  std::optional<cv::Point> m_hovered;
  int m_dpiDocId = -1;
  int m_lastActive = -1;  // the active document the tab bar last showed
  float m_dpiEdit = 300.f;
};

}  // namespace canting::gui
