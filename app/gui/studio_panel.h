#pragma once
// Studio Desain: the design's canvas with a before/after split, the
// operation stack, the palette with per-swatch remapping, a 3x3 grid of
// colourways and the history list. All changes go through DesignSession
// edits (sliders through live edits), so every one can be undone. What is
// shown (renders, colourways, seam check, export size) comes from
// core::StudioPreview; this panel only draws it.

#include <memory>
#include <vector>

#include "canting/core/design.h"
#include "canting/core/studio_preview.h"
#include "canting/core/view_transform.h"
#include "canting/imaging/colorway.h"
#include "panel.h"
#include "pola_view.h"
#include "studio_photo.h"

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
  void fileChosen(UiContext& ui, int tag, const std::filesystem::path& path) override;  // the pola's print and save

  // For tests and the menu.
  const std::vector<imaging::Colorway>& colorways() const;
  int editingSwatch() const { return m_editSwatch; }
  void adoptColorway(UiContext& ui, int index);
  const cv::Mat& result() const;
  const cv::Mat& output() const;
  void showSeams(bool on) { m_seams = on; }
  // Berkas › Ekspor ukuran cetak in the Studio: the result at print size.
  void requestExport() { m_request = Request::ExportDesign; }
  PolaView& pola() { return m_pola; }
  PhotoView& photo() { return m_photo; }

 private:
  void syncPreview(UiContext& ui, core::DesignSession* s);
  void drawEmpty(UiContext& ui);
  void drawOpening(UiContext& ui);
  void drawToolbar(UiContext& ui, core::DesignSession& s);
  void drawOperations(UiContext& ui, core::DesignSession& s);
  void drawOperationEditor(UiContext& ui, core::DesignSession& s, int index);
  void drawCanvas(UiContext& ui, core::DesignSession& s);
  void drawPalette(UiContext& ui, core::DesignSession& s);
  void drawColorways(UiContext& ui, core::DesignSession& s);
  void drawHistory(UiContext& ui, core::DesignSession& s);

  Request m_request = Request::None;
  std::unique_ptr<core::StudioPreview> m_preview;  // made on the first draw, on the workbench's task pool
  core::ViewTransform m_view;
  bool m_needsFit = true;
  bool m_seams = false;             // show the seam check instead of the output
  float m_split = 0.5f;             // share of the canvas showing "before"
  int m_selectedOp = -1;
  int m_editSwatch = -1;
  bool m_eyedropper = false;
  PolaView m_pola;                  // the design's pola, shown instead of the canvas when open
  PhotoView m_photo;                // Rapikan foto and the raport, shown instead of the canvas when open
};

}  // namespace canting::gui
