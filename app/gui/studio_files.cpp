// How the Studio talks to the App: its undo keys and the files it asks for.

#include "studio_panel.h"

namespace canting::gui {

void StudioPanel::undo(UiContext& ui) {
  if (core::DesignSession* s = ui.wb.design()) s->undo();
}

void StudioPanel::redo(UiContext& ui) {
  if (core::DesignSession* s = ui.wb.design()) s->redo();
}

FileRequest StudioPanel::openRequest(UiContext&) const { return {FileBrowserPanel::Mode::OpenDesign, {}, {}, 0}; }

std::optional<FileRequest> StudioPanel::takeFileRequest(UiContext& ui) {
  // The pola goes beside the photo it was traced from.
  if (const core::DesignSession* s = ui.wb.design())
    if (auto pola = m_pola.takeFileRequest(s->design().sourcePath.parent_path(), s->design().sourcePath.stem().string())) return pola;
  const Request r = std::exchange(m_request, Request::None);
  if (r == Request::None) return std::nullopt;
  if (r == Request::OpenDesign) return FileRequest{FileBrowserPanel::Mode::OpenDesign, {}, {}, 0};
  core::Workbench& wb = ui.wb;
  const core::DesignSession* s = wb.design();
  if (!s) return std::nullopt;
  // Saves go beside the project when there is one (else where the user was
  // last: an empty folder), with the source's name.
  const std::string base = s->design().sourcePath.stem().string();
  const std::filesystem::path folder = wb.designFile().empty() ? std::filesystem::path() : wb.designFile().parent_path();
  switch (r) {
    case Request::SaveProject: return FileRequest{FileBrowserPanel::Mode::SaveProject, folder, base + ".canting", 0};
    case Request::ExportDesign: return FileRequest{FileBrowserPanel::Mode::ExportDesign, folder, base + "-desain.png", 0};
    case Request::ExportPalette: return FileRequest{FileBrowserPanel::Mode::ExportPalette, folder, base + "-palet.json", 0};
    default: return std::nullopt;
  }
}

void StudioPanel::fileChosen(UiContext&, int tag, const std::filesystem::path& path) {
  if (tag == PolaView::kFileTag) m_pola.fileChosen(path);
}

}  // namespace canting::gui
