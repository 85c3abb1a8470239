#pragma once
// A photographed cloth in the rest of the app. Its real size: a photo's DPI
// says nothing about the cloth, so the user gives the cloth's width, or two
// points a known distance apart (a ruler laid on it), and the scale follows.
// And the rule that a photo repeats by its raport: where a photo of cloth is
// given to the repeats, the mock-ups or the pola, the one repeat found inside
// it is what is tiled, never the whole photo with its edges as seams.

#include <optional>

#include <opencv2/core.hpp>

#include "canting/imaging/error.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/photo.h"

namespace canting::core {

// Pixels of the photo per centimetre of cloth; 0 when not known.
struct PhotoScale {
  double pxPerCm = 0;
  static constexpr double kMinCm = 0.1, kMaxCm = 100000;  // what a user may type
  bool known() const { return pxPerCm > 0; }
  double dpi() const { return pxPerCm * 2.54; }
  double cm(double px) const { return known() ? px / pxPerCm : 0; }
  bool operator==(const PhotoScale&) const = default;
};

// The photo's whole width is `widthCm` of cloth.
imaging::Result<PhotoScale> scaleFromWidth(int widthPx, double widthCm);
// Points p and q of the photo (its pixels) lie `distanceCm` apart on the cloth.
// Points closer than 2 pixels cannot carry a scale.
imaging::Result<PhotoScale> scaleFromPoints(cv::Point2d p, cv::Point2d q, double distanceCm);
// From the file's DPI, when it has one (a scanner's is real; a phone's is not,
// which is why the two above exist).
PhotoScale scaleFromDpi(const std::optional<imaging::Dpi>& dpi);
// The same scale for a copy of the photo resized by `factor` (a preview).
PhotoScale scaled(const PhotoScale& s, double factor);

struct SizeCm {
  double width = 0, height = 0;
};
// A tile's size on the cloth (its pixels are the photo's); none without a scale.
std::optional<SizeCm> sizeCm(cv::Size pixels, const PhotoScale& s);

// What repeats when an image is given to the repeat tools: a photo's raport
// tile when one was found with confidence (Raport::cut), else the image itself.
struct RepeatSource {
  cv::Mat tile;
  imaging::Raport raport;
  bool fromRaport() const { return raport.cut; }
};
RepeatSource repeatSource(const cv::Mat& image, const imaging::RaportOptions& options = {});

// The pola's first width: the image's real width on the cloth when its scale
// is known (printed 1:1), else 60 cm, a common kain width; whole cm within
// the pola's limits.
double polaWidthCm(int imageCols, const PhotoScale& scale);

}  // namespace canting::core
