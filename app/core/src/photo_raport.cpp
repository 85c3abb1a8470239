// The real size of a photographed cloth and the raport standing in for the photo.

#include "canting/core/photo_raport.h"

#include <algorithm>
#include <cmath>

#include "canting/core/actions.h"

namespace canting::core {

namespace im = imaging;

namespace {

im::Error badCm(double cm) {
  return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "@photo.scale_cm"}}, "centimetres: " + std::to_string(cm));
}

bool goodCm(double cm) { return std::isfinite(cm) && cm >= PhotoScale::kMinCm && cm <= PhotoScale::kMaxCm; }

}  // namespace

im::Result<PhotoScale> scaleFromWidth(int widthPx, double widthCm) {
  if (!goodCm(widthCm)) return badCm(widthCm);
  if (widthPx < 1) return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "@photo.scale_points"}}, "no pixels");
  return PhotoScale{widthPx / widthCm};
}

im::Result<PhotoScale> scaleFromPoints(cv::Point2d p, cv::Point2d q, double distanceCm) {
  if (!goodCm(distanceCm)) return badCm(distanceCm);
  const double px = std::hypot(q.x - p.x, q.y - p.y);
  if (!std::isfinite(px) || px < 2) return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "@photo.scale_points"}}, "points too close");
  return PhotoScale{px / distanceCm};
}

PhotoScale scaleFromDpi(const std::optional<im::Dpi>& dpi) {
  if (!dpi || !(dpi->x > 0) || !std::isfinite(dpi->x)) return {};
  return PhotoScale{dpi->x / 2.54};
}

PhotoScale scaled(const PhotoScale& s, double factor) {
  return factor > 0 && std::isfinite(factor) ? PhotoScale{s.pxPerCm * factor} : PhotoScale{};
}

std::optional<SizeCm> sizeCm(cv::Size pixels, const PhotoScale& s) {
  if (!s.known() || pixels.width < 1 || pixels.height < 1) return std::nullopt;
  return SizeCm{s.cm(pixels.width), s.cm(pixels.height)};
}

double polaWidthCm(int imageCols, const PhotoScale& scale) {
  const double cm = scale.known() && imageCols > 0 ? scale.cm(imageCols) : 60.0;
  return std::clamp(std::round(cm), 5.0, PolaAction::kMaxWidthCm);
}

RepeatSource repeatSource(const cv::Mat& image, const im::RaportOptions& options) {
  RepeatSource out;
  if (image.empty()) return out;
  out.raport = im::findRaport(image, options);
  out.tile = out.raport.cut ? out.raport.tile : image;
  return out;
}

}  // namespace canting::core
