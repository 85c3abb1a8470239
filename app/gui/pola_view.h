#pragma once
// The Studio's Pola view: the design's photo with its traced lines over it
// (or the lines alone), the page grid at print size, and the pola's settings
// (width, outline or filled, the canting's line, the detail left out,
// repeats, paper); print (a PDF of A4/F4 pages) and save SVG. What it shows
// comes from core::PolaPreview (a preview-size trace on the task pool); the
// export traces at full size there too, with progress and cancel.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "canting/core/design_session.h"
#include "canting/core/photo_raport.h"
#include "canting/core/pola_preview.h"
#include "panel.h"

namespace canting::gui {

class PolaView {
 public:
  static constexpr int kFileTag = 41;  // the Studio's file requests for the pola

  bool isOpen() const { return m_open; }
  void setOpen(bool open) { m_open = open; }
  // Every frame, open or not: follows the design's photo and reports a finished export.
  // `scale`: the design's real scale (the Studio's photo tools), which sets the first width.
  void poll(UiContext& ui, core::DesignSession* session, const core::PhotoScale& scale);
  // Below the Studio's toolbar, when open.
  void draw(UiContext& ui);
  // Print or save asked for: a save dialog in `folder`, named after `base`.
  std::optional<FileRequest> takeFileRequest(const std::filesystem::path& folder, const std::string& base);
  void fileChosen(const std::filesystem::path& path);

  core::PolaPreview* preview() { return m_preview.get(); }
  void setLinesOverPhoto(bool on) { m_linesOverPhoto = on; }

 private:
  void drawCanvas(UiContext& ui);
  void drawSettings(UiContext& ui);
  const cv::Mat& composite(cv::Size fit);

  std::unique_ptr<core::PolaPreview> m_preview;
  core::PhotoScale m_widthScale;  // the scale the width was last set from
  bool m_open = false;
  bool m_linesOverPhoto = true;
  bool m_grid = true;
  enum class Save { None, Pdf, Svg } m_save = Save::None;
  std::filesystem::path m_exportPath;
  cv::Mat m_composite;
  int m_compositeKey = -1;
  cv::Size m_compositeFit;
};

}  // namespace canting::gui
