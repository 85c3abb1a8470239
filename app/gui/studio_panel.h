#pragma once
// Studio Desain: the design's canvas with a before/after split, the
// operation stack, the palette with per-swatch remapping, a 3x3 grid of
// colourways and the history list. All changes go through DesignSession
// edits, so every one can be undone.

#include <cstdint>
#include <vector>

#include "canting/core/design.h"
#include "canting/core/view_transform.h"
#include "canting/imaging/colorway.h"
#include "canting/imaging/pattern.h"
#include "canting/imaging/recolor.h"
#include "panel.h"

namespace canting::gui {

class StudioPanel final : public Panel {
 public:
  enum class Request { None, OpenDesign, SaveProject, ExportDesign, ExportPalette };

  core::WorkspaceId workspace() const override { return core::WorkspaceId::StudioDesain; }
  void draw(UiContext& ui) override;
  // The design's history (DesignSession), and what Ctrl+O opens: an image or a .canting project.
  void undo(UiContext& ui) override;
  void redo(UiContext& ui) override;
  FileRequest openRequest(UiContext& ui) const override;
  std::optional<FileRequest> takeFileRequest(UiContext& ui) override;

  // For tests and the menu.
  const std::vector<imaging::Colorway>& colorways() const { return m_colorways; }
  int editingSwatch() const { return m_editSwatch; }
  void adoptColorway(UiContext& ui, int index);
  const cv::Mat& result() const { return m_result; }
  const cv::Mat& output() const { return m_output; }
  void showSeams(bool on) { m_seams = on; }

 private:
  void syncPreview(UiContext& ui, core::DesignSession& s);
  void drawEmpty(UiContext& ui);
  void drawToolbar(UiContext& ui, core::DesignSession& s);
  void drawOperations(UiContext& ui, core::DesignSession& s);
  void drawOperationEditor(UiContext& ui, core::DesignSession& s, int index);
  void drawCanvas(UiContext& ui, core::DesignSession& s);
  void drawPalette(UiContext& ui, core::DesignSession& s);
  void drawColorways(UiContext& ui, core::DesignSession& s);
  void drawHistory(UiContext& ui, core::DesignSession& s);

  Request m_request = Request::None;
  const void* m_session = nullptr;  // which session the cached images belong to
  cv::Mat m_preview;                // the source, at most ~1400 px, 8-bit
  cv::Mat m_small;                  // the source for colourway thumbnails
  imaging::ColorIndex m_index;      // of the preview: re-renders map only its distinct colours
  imaging::ColorIndex m_smallIndex;
  cv::Mat m_result;
  int m_resultVersion = -1;
  cv::Mat m_output;                 // the repeat or the cloth, when the design has one
  bool m_seams = false;             // show the seam check instead of the output
  imaging::SeamCheck m_seamCheck;
  core::ViewTransform m_view;
  bool m_needsFit = true;
  float m_split = 0.5f;             // share of the canvas showing "before"
  int m_selectedOp = -1;
  int m_editSwatch = -1;
  bool m_eyedropper = false;
  int m_scheme = 0;
  std::uint32_t m_seed = 1;
  std::vector<imaging::Colorway> m_colorways;
  std::vector<cv::Mat> m_cwThumbs;
  std::string m_cwKey;              // what the grid was made from
  int m_cwThumbVersion = 0;
};

}  // namespace canting::gui
