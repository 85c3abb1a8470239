// Timings of the foundation's image paths at phone-photo sizes. Inputs are
// built before timing; every result is checked, so a fast wrong answer
// fails the run. Run by hand (Release build) and copy the table into
// docs/PERFORMANCE.md:
//
//   build/bench/bench_imaging [--quick]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "bench_util.h"
#include "canting/imaging/color.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/memory.h"

namespace im = canting::imaging;

using canting::bench::medianMs;

namespace {

int g_failures = 0;
void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "CHECK FAILED: %s\n", what);
    ++g_failures;
  }
}

// A photo-like test image: smooth gradients plus noise, so codecs and the
// colour counter see realistic data rather than flat fills.
cv::Mat photo(int w, int h) {
  cv::Mat m(h, w, CV_8UC3);
  cv::Mat noise(h, w, CV_8UC3);
  cv::randu(noise, 0, 24);
  for (int y = 0; y < h; ++y) {
    auto* p = m.ptr<cv::Vec3b>(y);
    for (int x = 0; x < w; ++x)
      p[x] = cv::Vec3b(std::uint8_t(x * 200 / w), std::uint8_t(y * 200 / h), std::uint8_t((x + y) * 100 / (w + h) + 60));
  }
  return m + noise;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  const bool colourOnly = argc > 1 && std::string(argv[1]) == "--colour";  // the three colour rows only
  const int runs = quick ? 1 : 5;
  im::keepLargeBuffers();  // as the app and the CLI do: a fresh 288 MB Lab image each run is mostly page faults
  std::printf("| operation | size | median ms |\n|---|---|---|\n");
  for (cv::Size sz : {cv::Size(1920, 1080), cv::Size(6000, 4000)}) {
    const cv::Mat img = photo(sz.width, sz.height);
    const std::string size = std::to_string(sz.width) + "x" + std::to_string(sz.height);
    cv::Mat lab, back, de;
    double ms = medianMs(runs, [&] { lab = im::bgrToLab(img); });
    std::printf("| bgrToLab (8-bit sRGB -> CIELAB float) | %s | %.1f |\n", size.c_str(), ms);
    ms = medianMs(runs, [&] { back = im::labToBgr(lab, CV_8U); });
    std::printf("| labToBgr (CIELAB -> 8-bit sRGB) | %s | %.1f |\n", size.c_str(), ms);
    check(cv::norm(back, img, cv::NORM_INF) == 0, "Lab round trip is bit-exact");
    cv::Mat lab2 = lab.clone();
    lab2 += cv::Scalar(1.0, 0.5, -0.5);
    ms = medianMs(runs, [&] { de = im::deltaE2000(lab, lab2); });
    std::printf("| deltaE2000 map | %s | %.1f |\n", size.c_str(), ms);
    const double meanDe = cv::mean(de)[0];
    check(meanDe > 0.3 && meanDe < 2.0, "mean dE00 of a small shift is small and non-zero");
    if (colourOnly) continue;
    std::uint64_t colours = 0;
    ms = medianMs(runs, [&] { colours = im::countDistinctColors(img); });
    std::printf("| countDistinctColors | %s | %.1f |\n", size.c_str(), ms);
    check(colours > 1000, "a noisy photo has many colours");
    std::vector<std::uint8_t> jpg, png;
    ms = medianMs(runs, [&] { jpg = *im::encodeImage(img, im::ImageFormat::Jpeg, {.jpegQuality = 92}); });
    std::printf("| encode JPEG q92 | %s | %.1f |\n", size.c_str(), ms);
    ms = medianMs(runs, [&] { png = *im::encodeImage(img, im::ImageFormat::Png, {.dpi = im::Dpi{300, 300}}); });
    std::printf("| encode PNG (+pHYs) | %s | %.1f |\n", size.c_str(), ms);
    cv::Mat decoded;
    ms = medianMs(runs, [&] { decoded = im::decodeImage(jpg)->pixels; });
    std::printf("| decodeImage JPEG (probe + decode) | %s | %.1f |\n", size.c_str(), ms);
    check(decoded.size() == img.size(), "JPEG decodes at full size");
    ms = medianMs(runs, [&] { decoded = im::decodeImage(png)->pixels; });
    std::printf("| decodeImage PNG (probe + decode) | %s | %.1f |\n", size.c_str(), ms);
    check(cv::norm(decoded, img, cv::NORM_INF) == 0, "PNG decodes bit-exact");
    ms = medianMs(runs * 20, [&] { check(bool(im::probeImage(jpg)), "probe"); });
    std::printf("| probeImage JPEG (header only) | %s | %.4f |\n", size.c_str(), ms);
  }
  if (g_failures) std::fprintf(stderr, "%d check(s) failed\n", g_failures);
  return g_failures ? 1 : 0;
}
