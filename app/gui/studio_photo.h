#pragma once
// The Studio's photo tools, for a design opened from a photo of real cloth.
// Rapikan foto: the stack's CleanOp (core/operations.h) edited on the photo,
// its four corners dragged for the perspective, flat field and white balance
// toggled, before and after side by side; every change is a DesignSession
// edit, so it can be undone. Raport: the lattice found in the (cleaned)
// photo drawn over it, its origin and two vectors draggable (the tile is cut
// again from the edited lattice), the confidence in words, the tile repeated
// 3 x 3 beside it, the real size from the cloth's width or a ruler's two
// points (core/photo_raport.h); the tile goes to the Studio, the gallery or
// the lab. Everything interactive works on a preview of at most kSide
// pixels, on the task pool; only handing the tile on cuts the whole photo.

#include <array>
#include <memory>
#include <optional>

#include <opencv2/core.hpp>

#include "canting/core/design_session.h"
#include "canting/core/photo_raport.h"
#include "canting/imaging/photo.h"
#include "panel.h"

namespace canting::gui {

class PhotoView {
 public:
  enum class Mode { Clean, Raport };
  enum class Target { Studio, Gallery, Lab };
  static constexpr int kSide = 900;  // the interactive preview's longer side

  bool isOpen() const { return m_open; }
  Mode mode() const { return m_mode; }
  // Opening Rapikan foto puts a CleanOp at the top of the stack if it has none.
  void open(UiContext& ui, Mode mode);
  void close() { m_open = false; }
  // The Studio's toolbar: `flip` opens the view (raport first) or closes it;
  // without it, only closes. Returns whether it is open now.
  bool toggle(UiContext& ui, bool flip);
  // Every frame, open or not: follows the design's photo and starts the preview jobs.
  void poll(UiContext& ui, core::DesignSession* session);
  // Below the Studio's toolbar, when open.
  void draw(UiContext& ui, core::DesignSession& session);
  // The CleanOp's settings in the Studio's operation editor.
  void drawCleanSettings(UiContext& ui, core::DesignSession& session, std::size_t index);

  // What is shown, for tests and screenshots: the preview photo (cleaned in
  // the raport mode), the raport in its pixels, the real scale in the whole photo's pixels.
  const cv::Mat& photo() const { return m_photo; }
  const cv::Mat& cleaned() const { return m_after; }
  const imaging::Raport& raport() const { return m_raport; }
  const core::PhotoScale& scale() const { return m_scale; }
  // The design's real scale: the one given here when the tools follow this
  // design, else its file's DPI.
  core::PhotoScale realScale(const core::DesignSession& s) const;
  double previewFactor() const { return m_factor; }  // preview pixels per photo pixel
  const std::vector<cv::Point2d>& ruler() const { return m_ruler; }  // the ruler's points, in the preview
  bool measuring() const { return m_measuring; }
  // The scale from the cloth's width, as its field and Terapkan give it (screenshots).
  void setClothWidthCm(float cm) { m_widthCm = cm, m_applyWidth = true; }
  bool busy() const { return m_jobs > 0; }
  // The tile's size on the cloth, when the scale is known.
  std::optional<core::SizeCm> tileCm() const;
  // Cuts the whole photo with the lattice shown and hands the tile on.
  void send(UiContext& ui, core::DesignSession& session, Target target);

 private:
  void drawClean(UiContext& ui, core::DesignSession& s);
  void drawRaport(UiContext& ui, core::DesignSession& s);
  void drawRaportSide(UiContext& ui, core::DesignSession& s);
  void drawScale(UiContext& ui);
  void startJobs(UiContext& ui, const core::DesignSession& s);
  void recut(UiContext& ui);
  std::optional<core::CleanOp> cleanOp(const core::DesignSession& s) const;

  bool m_open = false;
  Mode m_mode = Mode::Raport;
  std::shared_ptr<int> m_alive = std::make_shared<int>(0);  // jobs check it: the view may be gone when they land
  int m_jobs = 0;
  // The design's photo at preview size, and the source it was made from.
  const void* m_sourceKey = nullptr;
  cv::Mat m_raw;
  double m_factor = 1;
  int m_rawVersion = 0;
  // Rapikan foto: the cleaned preview, for the op it was made with.
  cv::Mat m_after;
  std::optional<core::CleanOp> m_afterOp, m_afterWanted;
  bool m_afterBusy = false;
  int m_afterVersion = 0;
  int m_dragCorner = -1;
  // The raport: found on the (cleaned) preview, then cut again from an edited lattice.
  cv::Mat m_photo;
  std::optional<std::optional<core::CleanOp>> m_photoOp;  // the clean-up the photo and raport were made with
  bool m_findBusy = false;
  imaging::Raport m_raport;
  cv::Mat m_repeated;  // the tile 3 x 3
  int m_raportVersion = 0;
  int m_dragLattice = -1;  // 0 origin, 1 a, 2 b
  bool m_recutWanted = false, m_recutBusy = false;
  // The real size.
  core::PhotoScale m_scale;
  float m_widthCm = 100.f, m_rulerCm = 10.f;
  bool m_measuring = false;
  bool m_applyWidth = false;  // apply m_widthCm once the photo is in
  std::vector<cv::Point2d> m_ruler;  // up to two points of the preview
  std::string m_scaleError;
  bool m_sending = false;
};

}  // namespace canting::gui
