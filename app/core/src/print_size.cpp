#include "canting/core/print_size.h"

#include <algorithm>
#include <cmath>

namespace canting::core {

std::optional<PrintSize> printSize(cv::Size px, PrintBy by, double value) {
  if (px.width <= 0 || px.height <= 0 || !(value > 0) || !std::isfinite(value)) return std::nullopt;
  constexpr double kCmPerInch = 2.54;
  double dpi = value;
  if (by == PrintBy::WidthCm) dpi = px.width * kCmPerInch / value;
  else if (by == PrintBy::HeightCm) dpi = px.height * kCmPerInch / value;
  PrintSize s;
  s.dpi = std::clamp(dpi, 1.0, kMaxPrintDpi);
  s.widthCm = px.width * kCmPerInch / s.dpi;
  s.heightCm = px.height * kCmPerInch / s.dpi;
  return s;
}

}  // namespace canting::core
