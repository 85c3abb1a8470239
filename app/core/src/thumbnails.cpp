#include "canting/core/thumbnails.h"

#include <opencv2/imgproc.hpp>

#include "canting/imaging/image_io.h"

namespace canting::core {

cv::Mat makeThumbnail(const cv::Mat& pixels, int maxEdge) {
  cv::Mat src = pixels;
  if (src.depth() == CV_16U) src.convertTo(src, CV_8U, 1.0 / 257.0);
  const double s = std::min(1.0, double(maxEdge) / std::max(src.cols, src.rows));
  if (s >= 1.0) return src.clone();
  cv::Mat out;
  cv::resize(src, out, cv::Size(std::max(1, int(src.cols * s)), std::max(1, int(src.rows * s))), 0, 0, cv::INTER_AREA);
  return out;
}

const cv::Mat* ThumbnailCache::get(const std::filesystem::path& path) {
  const std::string key = path.string();
  auto it = m_entries.find(key);
  if (it != m_entries.end()) return it->second.state == Entry::State::Ready ? &it->second.image : nullptr;
  if (m_entries.size() >= kMaxEntries) {
    for (auto e = m_entries.begin(); e != m_entries.end();) {  // drop finished ones; loading entries stay
      if (e->second.state != Entry::State::Loading) e = m_entries.erase(e);
      else ++e;
    }
  }
  m_entries[key] = Entry{};
  const int edge = m_maxEdge;
  m_pool.run([this, key, edge]() -> TaskPool::Completion {
    imaging::LoadOptions o;
    o.maxPixels = 120'000'000;  // previews of giant scans are not worth the memory
    // A phone photo decodes at 1/8 (libjpeg's DCT scaling) instead of whole:
    // a folder of them fills in seconds, not a minute.
    auto img = imaging::loadImageScaled(key, edge, o);
    cv::Mat thumb;
    if (img) thumb = makeThumbnail(img->image.pixels, edge);
    return [this, key, thumb] {
      Entry& e = m_entries[key];
      e.image = thumb;
      e.state = thumb.empty() ? Entry::State::Failed : Entry::State::Ready;
    };
  });
  return nullptr;
}

bool ThumbnailCache::failed(const std::filesystem::path& path) const {
  auto it = m_entries.find(path.string());
  return it != m_entries.end() && it->second.state == Entry::State::Failed;
}

}  // namespace canting::core
