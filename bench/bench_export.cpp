// The print-size export: a kain panjang of 250 x 105 cm at 300 DPI (29528 x
// 12402 px, 366 MP) written as a deflate TIFF, streamed. Reports wall time
// and the process's peak memory, then reads rows of the file back (first,
// middle, last) and checks them against the repeat: a fast wrong file fails.
//
//   bench_export TILE OUT.tif [W_CM H_CM DPI]

#include <sys/resource.h>
#include <tiffio.h>

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
  // The check, after the timing and the peak: rows read back equal the repeat's rows.
  TIFF* tif = TIFFOpen(argv[2], "r");
  if (!tif) return 3;
  std::uint32_t w = 0, h = 0;
  TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &w);
  TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &h);
  bool ok = int(w) == size.width && int(h) == size.height;
  std::uint32_t rowsPerStrip = 0;
  TIFFGetField(tif, TIFFTAG_ROWSPERSTRIP, &rowsPerStrip);
  const std::size_t rowBytes = std::size_t(TIFFScanlineSize(tif));
  std::vector<std::uint8_t> strip(std::size_t(TIFFStripSize(tif)));
  for (int y : {0, size.height / 2 + 7, size.height - 1}) {
    if (!ok) break;
    cv::Mat want;
    im::renderRepeatRows(t, {}, size, y, y + 1, want);
    ok = TIFFReadEncodedStrip(tif, TIFFComputeStrip(tif, std::uint32_t(y), 0), strip.data(), -1) > 0;
    const std::uint8_t* row = strip.data() + rowBytes * (std::uint32_t(y) % rowsPerStrip);
    for (int x = 0; ok && x < size.width; ++x)
      ok = row[3 * x] == want.at<cv::Vec3b>(0, x)[2] && row[3 * x + 1] == want.at<cv::Vec3b>(0, x)[1] &&
           row[3 * x + 2] == want.at<cv::Vec3b>(0, x)[0];
  }
  TIFFClose(tif);
  if (!ok) {
    std::fprintf(stderr, "CHECK FAILED: the TIFF's rows differ from the repeat\n");
    return 4;
  }
  return 0;
}
