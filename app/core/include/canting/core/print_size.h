#pragma once
// Export by cloth size: the artisan knows the cloth (2 m of kain), not the
// DPI. An export keeps its pixels; the size on cloth only sets the DPI
// written into the file, so the DPI is computed from the pixels and the
// centimetres asked for, and a DPI too low to print well is flagged.

#include <optional>

#include <opencv2/core/types.hpp>

namespace canting::core {

// Under this a print shows its pixels (the usual rule for printing on cloth).
inline constexpr double kMinPrintDpi = 150;
inline constexpr double kMaxPrintDpi = 65535;  // what PNG, JPEG and TIFF headers hold

// Which of the three the user set; the other two follow from the pixels.
enum class PrintBy { Dpi, WidthCm, HeightCm };

struct PrintSize {
  double dpi = 0;
  double widthCm = 0, heightCm = 0;
  bool tooLow() const { return dpi < kMinPrintDpi; }
};

// The print size of an image of `pixels` when `by` is set to `value`. The DPI
// is kept between 1 and kMaxPrintDpi (the sizes follow it); none for an empty
// image or a value that is not positive.
std::optional<PrintSize> printSize(cv::Size pixels, PrintBy by, double value);

}  // namespace canting::core
