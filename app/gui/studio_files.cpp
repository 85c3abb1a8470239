// How the Studio talks to the App: its undo keys, the files it asks for, the
// photo shown while it opens, and a colourway adopted (menu, tests, --show).

#include "studio_panel.h"

#include "item_probe.h"
#include "theme.h"

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

void StudioPanel::drawOpening(UiContext& ui) {
  // The reduced decode lands first (Workbench::startOpenDesign); the design,
  // with the whole image and its palette, takes its place between frames.
  const core::Workbench::DesignOpening& o = *ui.wb.designOpening();
  const std::string text = ui.tr("studio.opening", {{"name", o.path.filename().string()}});
  ImGui::TextUnformatted(text.c_str());
  probe::note("@studio.opening");
  const ImVec2 p = ImGui::GetCursorScreenPos(), size = ImGui::GetContentRegionAvail();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), color::kCanvas);
  if (o.preview.empty() || size.x < 2 || size.y < 2) return;
  const float sc = std::min(size.x / float(o.preview.cols), size.y / float(o.preview.rows));
  const ImVec2 a(p.x + (size.x - o.preview.cols * sc) / 2, p.y + (size.y - o.preview.rows * sc) / 2);
  drawImage(dl, ui.textures.tiles("studio:opening:" + std::to_string(o.serial), 1, o.preview), o.preview.cols, o.preview.rows, a,
            ImVec2(a.x + o.preview.cols * sc, a.y + o.preview.rows * sc));
  probe::note("@studio.opening.preview");
}

void StudioPanel::fileChosen(UiContext&, int tag, const std::filesystem::path& path) {
  if (tag == PolaView::kFileTag) m_pola.fileChosen(path);
}

void StudioPanel::adoptColorway(UiContext& ui, int index) {
  core::DesignSession* session = ui.wb.design();
  if (index < 0 || index >= int(colorways().size()) || !session) return;
  const imaging::Colorway cw = colorways()[std::size_t(index)];
  session->edit("studio.edit.adopt", [&](core::Design& d) {
    auto& op = core::recolorOp(d);
    for (std::size_t i = 0; i < op.targets.size() && i < cw.colours.size(); ++i)
      if (i >= d.locked.size() || !d.locked[i]) op.targets[i] = cw.colours[i];
  });
}

}  // namespace canting::gui
