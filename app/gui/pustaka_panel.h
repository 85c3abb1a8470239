#pragma once
// Pustaka Motif, basic form: open motif images (drag-and-drop or the file
// browser), look at them on a canvas (wheel zooms at the cursor, drag pans,
// fit and 1:1), and read their facts in the info panel.

#include <optional>

#include <filesystem>

#include "canting/core/motif_library.h"
#include "canting/core/view_transform.h"
#include "panel.h"

namespace canting::gui {

class PustakaPanel final : public Panel {
 public:
  enum class View { Collection, OpenImages };
  // Draws into the current window's remaining region.
  core::WorkspaceId workspace() const override { return core::WorkspaceId::PustakaMotif; }
  void draw(UiContext& ui) override;
  std::optional<FileRequest> takeFileRequest(UiContext& ui) override;
  // The motif import form opens on the image chosen.
  void fileChosen(UiContext& ui, int tag, const std::filesystem::path& path) override;
  // 0 fits the image to the canvas, 1 shows it at 1:1.
  void shortcuts(UiContext& ui) override;
  // The export dialog for a document: beside it, named "<name>-cetak.png".
  static FileRequest exportRequest(const core::Document& doc);
  View view() const { return m_view; }
  void setView(View v) { m_view = v; }
  // The collection: what is shown, and the import/edit form.
  void setSearch(const std::string& text);
  const std::string& selectedMotif() const { return m_selected; }
  void select(const std::string& id) { m_selected = id; }
  void beginImport(const std::filesystem::path& image);  // opens the metadata form


  // The canvas size of the last frame, for fit/1:1 from the menu.
  core::Vec2 canvasSize() const { return m_canvasSize; }
  // Pixel under the mouse in the last frame, if any.
  // Only for the document it was measured on: the status bar may draw
  // another one (a tab closed, another workspace shown since).
  std::optional<cv::Point> hoveredPixel(const core::Document& doc) const {
    return m_hovered && m_hoveredDoc == doc.id && m_hovered->x < doc.image.pixels.cols && m_hovered->y < doc.image.pixels.rows
               ? m_hovered
               : std::nullopt;
  }

 private:
  void drawTabs(UiContext& ui);
  void drawCanvas(UiContext& ui, core::Document& doc);
  void drawEmptyState(UiContext& ui);
  void drawInfo(UiContext& ui, core::Document& doc);
  void drawCollection(UiContext& ui);
  void drawMotifInfo(UiContext& ui, const core::LibraryMotif& m);
  void drawMetaForm(UiContext& ui);

  View m_view = View::Collection;
  int m_lastDocs = 0;
  char m_search[128] = {};
  std::string m_family;
  std::string m_selected;
  std::string m_fillId;  // the awaiting motif a chosen image will fill
  static constexpr int kFillTag = 1;
  // The metadata form, for an import (path set) or an edit (id set).
  bool m_formOpen = false;
  std::filesystem::path m_formImage;
  std::string m_formId;
  char m_formName[128] = {}, m_formFamily[128] = {}, m_formOrigin[256] = {}, m_formMeaning[512] = {};
  std::optional<FileRequest> m_request;
  core::Vec2 m_canvasSize{800, 600};
  std::optional<cv::Point> m_hovered;
  int m_hoveredDoc = 0;
  int m_dpiDocId = -1;
  int m_lastActive = -1;  // the active document the tab bar last showed
  float m_dpiEdit = 300.f;
};

}  // namespace canting::gui
