// Workbench::sendDesignToGallery: a Studio colourway becomes one of the
// centre's motifs, which the outlet's gallery lists first.

#include "canting/core/thumbnails.h"
#include "canting/core/workbench.h"

#include "canting/core/studio_preview.h"

namespace canting::core {

void Workbench::sendDesignToGallery() {
  if (!m_design) return;
  // A copy of the parameters: the user may keep editing while this renders.
  auto design = std::make_shared<Design>(m_design->design());
  const std::string file = design->sourcePath.filename().string();
  MotifMeta meta;
  meta.name = m_tr.tr("showroom.studio_motif_name", {{"name", design->sourcePath.stem().string()}});
  meta.origin = m_tr.tr("showroom.studio_motif_origin", {{"file", file}});
  m_tasks.run([this, design, meta, palettes = m_palettes]() -> TaskPool::Completion {
    // The size the Studio shows, which is also plenty for a customer's screen.
    const cv::Mat preview = makeThumbnail(design->source.pixels, StudioPreview::kPreviewSide);
    const cv::Mat tile = renderDesign(preview, *design, palettes);
    auto png = imaging::encodeImage(tile, imaging::ImageFormat::Png);
    return [this, png = std::move(png), meta] {
      if (!png) {
        notify(Notice::Kind::Error, m_tr.message(png.error()));
        return;
      }
      auto id = m_library.importEncoded(*png, ".png", meta);
      if (!id) notify(Notice::Kind::Error, m_tr.message(id.error()));
      else notify(Notice::Kind::Info, m_tr.tr("notice.sent_to_gallery", {{"name", meta.name}}));
    };
  });
}

}  // namespace canting::core
