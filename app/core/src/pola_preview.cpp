#include "canting/core/pola_preview.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include <opencv2/imgproc.hpp>

#include "canting/core/operations.h"

namespace canting::core {

namespace im = imaging;

PolaPreview::PolaPreview(TaskPool& pool) : m_pool(pool) {}
PolaPreview::~PolaPreview() { m_cancel->store(true); }

void PolaPreview::setSource(const cv::Mat& photo, const void* identity) {
  if (identity == m_identity && !m_source.empty() == !photo.empty()) return;
  m_identity = identity;
  m_source = photo;
  ++m_sourceSerial;
  m_shown = Shown{};
}

std::uint64_t PolaPreview::settingsKey() const {
  // Everything a trace depends on; the paper only moves the page grid.
  std::uint64_t h = m_sourceSerial * 0x9E3779B97F4A7C15ull;
  auto mix = [&](double v) { h = (h ^ std::hash<double>{}(v)) * 0x100000001B3ull; };
  mix(m_action.widthCm);
  mix(m_action.pola.lineMm);
  mix(m_action.pola.detailMm);
  mix(double(m_action.pola.style));
  mix(m_action.repeats.width);
  mix(m_action.repeats.height);
  return h | 1;  // never 0, the key of nothing shown
}

void PolaPreview::update() {
  if (m_source.empty() || m_previewBusy) return;
  const std::uint64_t key = settingsKey();
  if (key == m_shown.key) return;
  m_previewBusy = true;
  std::weak_ptr<int> alive = m_alive;
  m_pool.run([this, alive, key, src = m_source, action = m_action]() -> TaskPool::Completion {
    Shown out;
    out.key = key;
    // The tiled photo at preview size: shrink first, so twenty repeats
    // never build a full-size mosaic.
    const cv::Size reps = action.repeats;
    const double fit = std::min(1.0, double(kPhotoSide) / std::max(src.cols * reps.width, src.rows * reps.height));
    cv::Mat small;
    cv::resize(toBgr8(src), small, cv::Size(), fit, fit, fit < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::repeat(small, reps.height, reps.width, out.photo);
    const double wMm = action.widthCm * 10, hMm = wMm * out.photo.rows / out.photo.cols;
    im::PolaOptions o = action.pola;
    o.maxPxPerMm = o.minPxPerMm = std::min(o.maxPxPerMm, std::sqrt(kPreviewPixels / (wMm * hMm)));
    auto art = action.validate() ? im::makePola(out.photo, wMm, o) : im::Result<im::PolaArt>(action.validate().error());
    if (art) {
      out.art = std::move(*art);
      cv::Mat drawn = im::renderPola(out.art, out.photo.cols / wMm);
      if (drawn.size() != out.photo.size()) cv::resize(drawn, drawn, out.photo.size(), 0, 0, cv::INTER_NEAREST);
      out.lines = drawn < 128;
    } else {
      out.error = art.error();
    }
    return [this, alive, out = std::move(out)]() mutable {
      if (alive.expired()) return;
      m_previewBusy = false;
      const int version = m_shown.version + 1;
      m_shown = std::move(out);
      m_shown.version = version;
    };
  });
}

im::Result<im::PagePlan> PolaPreview::plan() const {
  if (m_source.empty()) return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "@pola.error.empty"}});
  if (auto st = m_action.validate(); !st) return st.error();
  const double w = m_action.widthCm * 10;
  const double h = w * (m_source.rows * m_action.repeats.height) / double(m_source.cols * m_action.repeats.width);
  return im::planPages(cv::Size2d(w, h), m_action.print);
}

void PolaPreview::startExport(const std::filesystem::path& out) {
  if (m_source.empty() || exportProgress()) return;
  m_progress->store(0.0);
  m_cancel->store(false);
  std::weak_ptr<int> alive = m_alive;
  m_pool.run([this, alive, out, src = m_source, action = m_action, progress = m_progress, cancel = m_cancel]() -> TaskPool::Completion {
    // Tracing is most of the time; writing the pages the last tenth.
    auto result = [&]() -> im::Result<im::PagePlan> {
      auto art = action.trace(src, [&](double p) {
        progress->store(0.9 * p);
        return !cancel->load();
      });
      if (!art) return art.error();
      if (cancel->load()) return im::makeError(im::ErrorCode::Cancelled);
      return action.write(*art, out);
    }();
    return [this, alive, progress, result = std::move(result)]() mutable {
      progress->store(-1.0);
      if (!alive.expired()) m_exportResult = std::move(result);
    };
  });
}

std::optional<double> PolaPreview::exportProgress() const {
  const double p = m_progress->load();
  if (p < 0) return std::nullopt;
  return p;
}

std::optional<im::Result<im::PagePlan>> PolaPreview::takeExportResult() { return std::exchange(m_exportResult, std::nullopt); }

}  // namespace canting::core
