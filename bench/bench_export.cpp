// The print-size export: a kain panjang of 250 x 105 cm at 300 DPI (29528 x
// 12402 px, 366 MP) written as a deflate TIFF, streamed. Reports wall time
// and the process's peak memory (the target: under 512 MB).
//
//   bench_export TILE OUT.tif [--cm 250x105] [--dpi 300]

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "canting/imaging/cloth_layout.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/stream_export.h"

namespace im = canting::imaging;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_export TILE OUT.tif [W_CM H_CM DPI]\n");
    return 1;
  }
  const double wcm = argc > 5 ? std::atof(argv[3]) : 250, hcm = argc > 5 ? std::atof(argv[4]) : 105;
  const double dpi = argc > 5 ? std::atof(argv[5]) : 300;
  auto tile = im::loadImage(argv[1]);
  if (!tile) return 2;
  cv::Mat t = tile->pixels;
  if (t.channels() == 4) t = t.colRange(0, t.cols);  // (demo tiles are BGR)
  const cv::Size size(im::cmToPx(wcm, dpi), im::cmToPx(hcm, dpi));
  im::StreamedImage img;
  img.size = size;
  img.rows = [t, size](int y0, int y1, cv::Mat& band) { im::renderRepeatRows(t, {}, size, y0, y1, band); };
  const auto a = std::chrono::steady_clock::now();
  const auto st = im::writeStreamed(img, argv[2], {.compression = im::TiffCompression::Deflate, .dpi = im::Dpi{dpi, dpi}});
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  if (!st) {
    std::fprintf(stderr, "export failed: %s\n", st.error().detail.c_str());
    return 2;
  }
  std::printf("%d x %d px (%.0f MP): %.2f s, peak memory %.0f MB\n", size.width, size.height, size.area() / 1e6, s, ru.ru_maxrss / 1024.0);
  return 0;
}
