#pragma once
// What the Studio shows of a design session, computed off the UI thread:
// the source preview (at most 1400 px) and its colour index, the render of
// the current version, the repeat or cloth it makes, the seam check, the
// export size, and the colourways grid with its thumbnails. Jobs run on the
// core TaskPool; their results land when the pool is drained on the UI
// thread (Workbench::update()), each keyed on the session version it was
// made for. The Studio panel only draws what is here; tests use it without
// ImGui.

#include <memory>
#include <utility>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/core/actions.h"
#include "canting/core/design.h"
#include "canting/core/task_pool.h"
#include "canting/imaging/colorway.h"
#include "canting/imaging/pattern.h"
#include "canting/imaging/recolor.h"

namespace canting::core {

class StudioPreview {
 public:
  static constexpr int kPreviewSide = 1400, kThumbSide = 220, kOutputSide = 1600, kSeamSide = 360;

  explicit StudioPreview(TaskPool& pool);
  ~StudioPreview();
  StudioPreview(const StudioPreview&) = delete;
  StudioPreview& operator=(const StudioPreview&) = delete;

  // Once per frame on the UI thread: follows `session` (nullptr: none) and
  // its version, starting the jobs whose inputs changed. `quick`, a reduced
  // decode of a new session's source (Workbench::designQuickPreview()), is
  // shown as before() until the preview of the whole source lands.
  void update(const DesignSession* session, const std::vector<imaging::Palette>& named, const cv::Mat& quick = {});
  // The colourways asked for (scheme and seed); the grid follows on update().
  void setColorways(const ColorwaysAction& action) { m_cwAction = action; }
  const ColorwaysAction& colorwaysAction() const { return m_cwAction; }

  // True when a new session was seen since the last call (the panel resets its view).
  bool takeSessionChanged() { return std::exchange(m_sessionChanged, false); }
  const cv::Mat& before() const { return m_before; }            // the source at preview size, 8-bit
  int beforeVersion() const { return m_beforeVersion; }          // bumps whenever before() is replaced
  bool beforeIsQuick() const { return m_beforeQuick; }           // before() is still the reduced decode
  const cv::Mat& result() const { return m_result.tile; }        // empty until the first render lands
  int resultVersion() const { return m_result.version; }         // the session version it shows
  const cv::Mat& output() const { return m_result.output; }      // the repeat or cloth; empty for a tile
  const imaging::SeamCheck& seams() const { return m_result.seams; }
  const ExportSize& exportSize() const { return m_result.exportSize; }
  const std::vector<imaging::Colorway>& colorways() const { return m_cw.list; }
  const std::vector<cv::Mat>& colorwayThumbs() const { return m_cw.thumbs; }
  int colorwaysVersion() const { return m_cw.version; }
  bool busy() const { return m_setupBusy || m_renderBusy || m_cwBusy; }

 private:
  struct Result {
    int version = -1;
    cv::Mat tile, output;
    imaging::SeamCheck seams;
    ExportSize exportSize;
  };
  struct Colorways {
    std::string key;
    int version = 0;
    std::vector<imaging::Colorway> list;
    std::vector<cv::Mat> thumbs;
  };
  struct Indexed;  // the preview-sized sources and their colour indices
  void reset();
  void startRender(const DesignSession& s, const std::vector<imaging::Palette>& named);
  void startColorways(const DesignSession& s, const std::vector<imaging::Palette>& named);

  TaskPool& m_pool;
  std::shared_ptr<int> m_alive = std::make_shared<int>(0);  // completions check it: the preview may be gone
  const void* m_session = nullptr;
  const void* m_sourceData = nullptr;
  int m_generation = 0;  // bumps on every session change: late results of the old one are dropped
  bool m_sessionChanged = false;
  std::shared_ptr<const Indexed> m_indexed;
  cv::Mat m_before;
  int m_beforeVersion = 0;
  bool m_beforeQuick = false;
  Result m_result;
  Colorways m_cw;
  ColorwaysAction m_cwAction;
  bool m_setupBusy = false, m_renderBusy = false, m_cwBusy = false;
};

}  // namespace canting::core
