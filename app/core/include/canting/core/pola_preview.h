#pragma once
// What the Studio's Pola view shows, computed off the UI thread: the design's
// photo traced into a line pola at preview size (a few hundred thousand
// pixels, so a slider's change lands in a fraction of a second), the lines
// drawn at the photo's preview size for the overlay, and the page plan; and
// the export, traced at full size on the task pool with progress and cancel.
// Results land when the pool is drained on the UI thread; a result made for
// an older setting is replaced by the next one. Tests use it without ImGui.

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>

#include <opencv2/core.hpp>

#include "canting/core/actions.h"
#include "canting/core/task_pool.h"

namespace canting::core {

class PolaPreview {
 public:
  static constexpr double kPreviewPixels = 1'000'000;  // the trace's working size
  static constexpr int kPhotoSide = 1400;             // the photo shown under the lines

  explicit PolaPreview(TaskPool& pool);
  ~PolaPreview();
  PolaPreview(const PolaPreview&) = delete;
  PolaPreview& operator=(const PolaPreview&) = delete;

  // The photo the pola is made of (any 8/16-bit image). `identity` names it:
  // the same identity keeps what was traced, a new one starts over.
  void setSource(const cv::Mat& photo, const void* identity);
  bool hasSource() const { return !m_source.empty(); }
  // The settings: width, style, line, detail, repeats, paper. Edit, then update().
  PolaAction& action() { return m_action; }
  const PolaAction& action() const { return m_action; }
  // Once a frame on the UI thread: starts a preview trace when the settings
  // or the source changed since the last one and none is running.
  void update();

  const cv::Mat& photo() const { return m_shown.photo; }  // the (tiled) photo at preview size, BGR
  const cv::Mat& lines() const { return m_shown.lines; }  // its lines at the same size: CV_8U, 255 = ink
  const imaging::PolaArt& art() const { return m_shown.art; }
  int version() const { return m_shown.version; }         // bumps when a new preview lands
  bool busy() const { return m_previewBusy; }
  bool current() const { return m_shown.key == settingsKey(); }  // shows the settings as they are
  // Why the latest preview failed (a blank photo), or nothing.
  const std::optional<imaging::Error>& error() const { return m_shown.error; }
  // How the current settings fall on pages, and their rectangles in mm.
  imaging::Result<imaging::PagePlan> plan() const;

  // The export at full size into `out` (.pdf or .svg).
  void startExport(const std::filesystem::path& out);
  std::optional<double> exportProgress() const;  // 0..1 while it runs
  void cancelExport() { m_cancel->store(true); }
  // The finished export's outcome, once.
  std::optional<imaging::Result<imaging::PagePlan>> takeExportResult();

 private:
  struct Shown {
    std::uint64_t key = 0;
    int version = 0;
    cv::Mat photo, lines;
    imaging::PolaArt art;
    std::optional<imaging::Error> error;
  };
  std::uint64_t settingsKey() const;

  TaskPool& m_pool;
  std::shared_ptr<int> m_alive = std::make_shared<int>(0);
  cv::Mat m_source;  // shared with jobs (cv::Mat's own refcount)
  const void* m_identity = nullptr;
  std::uint64_t m_sourceSerial = 0;
  PolaAction m_action;
  bool m_previewBusy = false;
  Shown m_shown;
  std::shared_ptr<std::atomic<double>> m_progress = std::make_shared<std::atomic<double>>(-1.0);
  std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
  std::optional<imaging::Result<imaging::PagePlan>> m_exportResult;
};

}  // namespace canting::core
