#pragma once
// Writing images too large to hold in memory (a kain panjang of 250 x 105 cm
// at 300 DPI is 366 MP): rows are produced band by band, on both cores, and
// written through libtiff or libpng. The file appears only when complete; a
// cancelled or failed export leaves no partial file and the old one intact.

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>

#include <opencv2/core.hpp>

#include "canting/imaging/error.h"
#include "canting/imaging/image.h"
#include "canting/imaging/image_io.h"

namespace canting::imaging {

struct StreamedImage {
  cv::Size size;
  int type = CV_8UC3;  // CV_8UC3 (BGR) or CV_8UC4 (BGRA)
  // Fills `band` with rows [y0, y1); called from one thread at a time.
  std::function<void(int y0, int y1, cv::Mat& band)> rows;
};

struct StreamOptions {
  std::optional<ImageFormat> format;  // PNG or TIFF; default from the extension
  TiffCompression compression = TiffCompression::Deflate;
  std::optional<Dpi> dpi;
  std::function<void(double)> progress;       // 0..1, from the writing thread
  const std::atomic<bool>* cancel = nullptr;  // checked between bands
  int bandRows = 256;
};

Status writeStreamed(const StreamedImage& image, const std::filesystem::path& path, const StreamOptions& options);

// Bytes the uncompressed pixels take: the most the file can need.
std::uint64_t uncompressedBytes(const StreamedImage& image);

}  // namespace canting::imaging
