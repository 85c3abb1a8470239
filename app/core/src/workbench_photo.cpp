// Where the Studio's photo tools hand a raport tile on: the Studio's design,
// the gallery (as one of the centre's motifs) and the dye lab.

#include "canting/core/workbench.h"

#include <algorithm>

#include "canting/core/photo_raport.h"

namespace canting::core {

bool Workbench::openDesignFromImage(const imaging::Image& image, const std::string& name) {
  // The tile is encoded once so that a project saved from it embeds it, as one opened from a file does.
  auto png = imaging::encodeImage(image.pixels, imaging::ImageFormat::Png, {.dpi = image.dpi});
  auto design = designFromImage(image, std::filesystem::path(name + ".png"), png ? std::move(*png) : std::vector<std::uint8_t>{});
  if (!design) {
    notify(Notice::Kind::Error, errorText(design.error()));
    return false;
  }
  installDesign(std::move(*design), {});
  return true;
}

void Workbench::sendImageToGallery(const cv::Mat& image, const std::string& name, std::optional<double> widthCm) {
  MotifMeta meta;
  meta.name = m_tr.tr("showroom.studio_motif_name", {{"name", name}});
  meta.origin = m_tr.tr("showroom.photo_motif_origin", {{"file", name}});
  std::optional<imaging::Dpi> dpi;
  if (widthCm && *widthCm > 0 && image.cols > 0) {
    meta.widthCm = *widthCm;
    dpi = imaging::Dpi{image.cols / *widthCm * 2.54, image.cols / *widthCm * 2.54};  // the file says its size too
  }
  m_tasks.run([this, image, meta, dpi]() -> TaskPool::Completion {
    auto png = imaging::encodeImage(image, imaging::ImageFormat::Png, {.dpi = dpi});
    return [this, png = std::move(png), meta] {
      if (!png) return notify(Notice::Kind::Error, m_tr.message(png.error()));
      auto id = m_library.importEncoded(*png, ".png", meta);
      if (!id) return notify(Notice::Kind::Error, m_tr.message(id.error()));
      notify(Notice::Kind::Info, m_tr.tr("notice.sent_to_gallery", {{"name", meta.name}}));
      m_galleryMotif = *id;
    };
  });
}

void Workbench::sendImageToLab(LabImage image) {
  const std::string name = image.name;
  m_labImage = std::move(image);
  m_workspace = WorkspaceId::LabPewarnaan;
  notify(Notice::Kind::Info, m_tr.tr("notice.sent_to_lab", {{"name", name}}));
}

void Workbench::sendFileToLab(const std::filesystem::path& image, const std::string& name) {
  imaging::LoadOptions load = m_options.load;
  load.maxPixels = std::max<std::uint64_t>(load.maxPixels, std::uint64_t(m_settings.maxMegapixels * 1e6));
  m_tasks.run([this, image, name, load]() -> TaskPool::Completion {
    auto img = imaging::loadImage(image, load);
    if (!img) return [this, e = img.error()] { notify(Notice::Kind::Error, errorText(e)); };
    LabImage out{repeatSource(imaging::photoToBgr8(img->pixels)).tile, name, img->dpi};
    return [this, out = std::move(out)]() mutable { sendImageToLab(std::move(out)); };
  });
}

void Workbench::showInGallery(const std::string& motifId) {
  m_galleryMotif = motifId;
  m_workspace = WorkspaceId::GaleriOutlet;
}

}  // namespace canting::core
