#include "canting/core/studio_preview.h"

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "canting/core/thumbnails.h"
#include "canting/imaging/color.h"

namespace canting::core {

namespace im = imaging;

struct StudioPreview::Indexed {
  cv::Mat preview, small;                  // the source at preview and thumbnail size
  im::ColorIndex index, smallIndex;        // re-renders map only their distinct colours
};

namespace {
// The parameters of a design without its file bytes: what a job needs.
std::shared_ptr<const Design> paramsOf(const Design& d) {
  auto p = std::make_shared<Design>();
  p->palette = d.palette;
  p->locked = d.locked;
  p->ops = d.ops;
  p->source.dpi = d.source.dpi;
  p->source.pixels = d.source.pixels;  // shared, never written
  p->sourcePath = d.sourcePath;
  return p;
}
}  // namespace

StudioPreview::StudioPreview(TaskPool& pool) : m_pool(pool) {}
StudioPreview::~StudioPreview() = default;

void StudioPreview::reset() {
  ++m_generation;
  m_indexed.reset();
  m_before.release();
  ++m_beforeVersion;
  m_beforeQuick = false;
  m_result = {};
  m_cw = Colorways{{}, m_cw.version + 1, {}, {}};
  m_setupBusy = m_renderBusy = m_cwBusy = false;
}

void StudioPreview::update(const DesignSession* s, const std::vector<im::Palette>& named, const cv::Mat& quick) {
  const void* data = s ? static_cast<const void*>(s->design().source.pixels.data) : nullptr;
  if (s != m_session || data != m_sourceData) {
    // The quick preview is of the source the session opened with, not of one put in its place since.
    const bool newSession = s != m_session;
    m_session = s;
    m_sourceData = data;
    m_sessionChanged = true;
    reset();
    if (!s) return;
    if (newSession && !quick.empty()) {
      m_before = quick;
      m_beforeQuick = true;
    }
    m_setupBusy = true;
    const cv::Mat source = s->design().source.pixels;
    std::weak_ptr<int> alive = m_alive;
    const int gen = m_generation;
    m_pool.run([this, alive, gen, source]() -> TaskPool::Completion {
      auto ix = std::make_shared<Indexed>();
      ix->preview = makeThumbnail(source, kPreviewSide);
      ix->small = makeThumbnail(source, kThumbSide);
      ix->index = im::buildColorIndex(ix->preview);
      ix->smallIndex = im::buildColorIndex(ix->small);
      return [this, alive, gen, ix] {
        if (alive.expired() || gen != m_generation) return;
        m_indexed = ix;
        m_before = ix->preview;
        ++m_beforeVersion;
        m_beforeQuick = false;
        m_setupBusy = false;
      };
    });
    return;
  }
  if (!s || !m_indexed) return;
  if (!m_renderBusy && m_result.version != s->version()) startRender(*s, named);
  if (!m_cwBusy) startColorways(*s, named);
}

void StudioPreview::startRender(const DesignSession& s, const std::vector<im::Palette>& named) {
  m_renderBusy = true;
  auto d = paramsOf(s.design());
  std::weak_ptr<int> alive = m_alive;
  const int gen = m_generation, version = s.version();
  m_pool.run([this, alive, gen, version, d, named, ix = m_indexed]() -> TaskPool::Completion {
    Result r;
    r.version = version;
    r.tile = renderDesign(ix->index, ix->preview, *d, named);
    const DesignOutput out = designOutput(*d);
    if (out.kind != DesignOutput::Kind::Tile) r.output = previewOutput(*d, r.tile, kOutputSide);
    const im::RepeatSpec spec = out.repeat ? out.repeat->repeat : out.layout ? out.layout->repeat : im::RepeatSpec{};
    cv::Mat small = makeThumbnail(r.tile, kSeamSide);
    if (small.channels() == 4) cv::cvtColor(small, small, cv::COLOR_BGRA2BGR);
    r.seams = im::checkSeams(small, spec);
    // The preview tile is smaller than the source: scale to the export's pixels.
    const double k = double(d->source.pixels.cols) / std::max(1, ix->preview.cols);
    r.exportSize = core::exportSize(*d, cv::Size(int(std::lround(r.tile.cols * k)), int(std::lround(r.tile.rows * k))));
    return [this, alive, gen, r = std::move(r)]() mutable {
      if (alive.expired() || gen != m_generation) return;
      m_result = std::move(r);
      m_renderBusy = false;
    };
  });
}

void StudioPreview::startColorways(const DesignSession& s, const std::vector<im::Palette>& named) {
  // Variations of the design's own colours, so adopting one leaves the other
  // eight on offer; a locked swatch keeps the colour it has now.
  const Design& d = s.design();
  std::string key = std::string(schemeName(m_cwAction.scheme)) + ":" + std::to_string(m_cwAction.seed) + ":" +
                    std::to_string(m_cwAction.count) + ":";
  for (bool b : d.locked) key += b ? '1' : '0';
  for (const auto& sw : ColorwaysAction::base(d).swatches) key += im::formatHex(sw.lab);
  if (key == m_cw.key) return;
  m_cwBusy = true;
  auto params = paramsOf(d);
  std::weak_ptr<int> alive = m_alive;
  const int gen = m_generation;
  m_pool.run([this, alive, gen, key, params, named, action = m_cwAction, ix = m_indexed]() -> TaskPool::Completion {
    Colorways cw;
    cw.key = key;
    if (auto list = action.run(*params, named)) cw.list = std::move(*list);
    for (const auto& c : cw.list) {
      Design one;
      one.palette = params->palette;
      one.ops = {Operation(RecolorOp{im::RecolorMode::ShadingPreserving, ColorwaysAction::targets(c)})};
      cw.thumbs.push_back(renderDesign(ix->smallIndex, ix->small, one, named));
    }
    return [this, alive, gen, cw = std::move(cw)]() mutable {
      if (alive.expired() || gen != m_generation) return;
      cw.version = m_cw.version + 1;
      m_cw = std::move(cw);
      m_cwBusy = false;
    };
  });
}

}  // namespace canting::core
