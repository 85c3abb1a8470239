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
#include "canting/imaging/color_vector.h"
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

const char* pathName(im::ColourVectorPath p) {
  return p == im::ColourVectorPath::Avx512 ? "AVX-512" : p == im::ColourVectorPath::Avx2 ? "AVX2" : "portable";
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  const bool colourOnly = argc > 1 && std::string(argv[1]) == "--colour";  // the colour rows only, every vector path
  const int runs = quick ? 1 : 5;
  im::keepLargeBuffers();  // as the app and the CLI do: a fresh 288 MB Lab image each run is mostly page faults
  const im::ColourVectorPath widest = im::colourVectorPath();
  std::printf("Colour conversions on the %s path.\n\n", pathName(widest));
  std::printf("| operation | size | median ms | |\n|---|---|---|---|\n");
  for (cv::Size sz : {cv::Size(1920, 1080), cv::Size(6000, 4000)}) {
    const cv::Mat img = photo(sz.width, sz.height);
    const std::string size = std::to_string(sz.width) + "x" + std::to_string(sz.height);
    cv::Mat lab, back, de;
    const double mp = sz.area() / 1e6;
    // The colour rows also give the process CPU time: on a shared machine the
    // wall clock measures the other jobs as much as this one.
    auto colourRow = [&](const char* what, const std::function<void()>& fn) {
      double cpu = 0;
      const double ms = canting::bench::medianMs(runs, fn, &cpu);
      std::printf("| %s | %s | %.1f | %.0f MP/s; CPU %.1f ms, %.0f MP/s per core |\n", what, size.c_str(), ms, mp / ms * 1e3,
                  cpu, mp / cpu * 1e3);
    };
    colourRow("bgrToLab (8-bit sRGB -> CIELAB float)", [&] { lab = im::bgrToLab(img); });
    colourRow("labToBgr (CIELAB -> 8-bit sRGB)", [&] { back = im::labToBgr(lab, CV_8U); });
    check(cv::norm(back, img, cv::NORM_INF) == 0, "Lab round trip is bit-exact");
    // The narrower paths other processors take (AVX2 without AVX-512, or
    // neither), each checked against the widest: same Lab to 1e-4, same round trip.
    for (im::ColourVectorPath path : {im::ColourVectorPath::Avx2, im::ColourVectorPath::Portable}) {
      if (!colourOnly || path >= widest) continue;
      const im::ColourVectorPath before = im::setColourVectorPath(path);
      const std::string name = pathName(path);
      cv::Mat labP, backP;
      colourRow(("  bgrToLab, " + name + " path").c_str(), [&] { labP = im::bgrToLab(img); });
      colourRow(("  labToBgr, " + name + " path").c_str(), [&] { backP = im::labToBgr(labP, CV_8U); });
      check(cv::norm(labP, lab, cv::NORM_INF) < 1e-4, "every path gives the same Lab");
      check(cv::norm(backP, img, cv::NORM_INF) == 0, "every path round-trips bit-exactly");
      im::setColourVectorPath(before);
    }
    cv::Mat lab2 = lab.clone();
    lab2 += cv::Scalar(1.0, 0.5, -0.5);
    colourRow("deltaE2000 map", [&] { de = im::deltaE2000(lab, lab2); });
    const double meanDe = cv::mean(de)[0];
    check(meanDe > 0.3 && meanDe < 2.0, "mean dE00 of a small shift is small and non-zero");
    // The peer: OpenCV's own conversions, float (what ours returns) and 8-bit (L, a, b squeezed into bytes).
    cv::Mat imgF, cvLab, cvLab8, cvBack;
    img.convertTo(imgF, CV_32F, 1.0 / 255);
    colourRow("peer: cv::cvtColor BGR2Lab, float", [&] { cv::cvtColor(imgF, cvLab, cv::COLOR_BGR2Lab); });
    colourRow("peer: cv::cvtColor Lab2BGR, float", [&] { cv::cvtColor(cvLab, cvBack, cv::COLOR_Lab2BGR); });
    colourRow("peer: cv::cvtColor BGR2Lab, 8-bit", [&] { cv::cvtColor(img, cvLab8, cv::COLOR_BGR2Lab); });
    check(cv::norm(cvLab, lab, cv::NORM_INF) < 0.5, "OpenCV's Lab is ours (its D65 white differs slightly)");
    if (colourOnly) continue;
    std::uint64_t colours = 0;
    double ms = medianMs(runs, [&] { colours = im::countDistinctColors(img); });
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
