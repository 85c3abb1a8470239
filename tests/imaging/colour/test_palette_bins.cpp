// The quantiser's shortcuts: labels by 5-bit bins (whole bins where their
// corners agree) and k-means on binned samples must give the answers of the
// colour-by-colour rules.
#include <catch2/catch.hpp>

#include <cmath>
#include <opencv2/core.hpp>

#include "canting/imaging/palette.h"

using namespace canting::imaging;

TEST_CASE("labels by bins are the nearer swatch by CIEDE2000 for every pixel, ties aside", "[imaging][palette]") {
  // Two swatches: assignIndices' answer is then the nearer of the two by CIEDE2000 (no blend rule below 3).
  Palette p;
  p.swatches = {Swatch{srgbToLab(Rgb8{150, 90, 60}), 0.5, {}}, Swatch{srgbToLab(Rgb8{90, 110, 160}), 0.5, {}}};
  cv::Mat img(600, 600, CV_8UC3);
  cv::RNG rng(18);
  // Half random colours, half along the line between the swatches (where the boundary lies).
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      if (y % 2) {
        img.at<cv::Vec3b>(y, x) = cv::Vec3b(std::uint8_t(rng.uniform(0, 256)), std::uint8_t(rng.uniform(0, 256)), std::uint8_t(rng.uniform(0, 256)));
      } else {
        const double t = rng.uniform(0.3, 0.7);
        auto mix = [&](int a, int b) { return cv::saturate_cast<std::uint8_t>(a + (b - a) * t + rng.uniform(-6, 7)); };
        img.at<cv::Vec3b>(y, x) = cv::Vec3b(mix(60, 160), mix(90, 110), mix(150, 90));
      }
    }
  const cv::Mat idx = assignIndices(img, p);
  int wrong = 0;
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      const cv::Vec3b c = img.at<cv::Vec3b>(y, x);
      const Lab lab = srgbToLab(Rgb8{c[2], c[1], c[0]});
      const double d0 = deltaE2000(lab, p.swatches[0].lab), d1 = deltaE2000(lab, p.swatches[1].lab);
      if (std::fabs(d0 - d1) < 0.05) continue;  // a near tie: either answer is right
      wrong += idx.at<std::uint8_t>(y, x) != (d1 < d0 ? 1 : 0);
    }
  CHECK(wrong == 0);
}

TEST_CASE("a palette from binned samples finds a many-colour photo's clusters as well as k-means on every sample could",
          "[imaging][palette]") {
  // Eight tight clusters of noisy colour: the binned k-means must find each within dE00 1.5.
  const Rgb8 truth[8] = {{230, 220, 200}, {40, 50, 110}, {150, 80, 40}, {180, 60, 70},
                         {60, 120, 70}, {220, 180, 60}, {100, 100, 100}, {20, 20, 20}};
  cv::Mat img(400, 800, CV_8UC3);
  cv::RNG rng(8);
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      const Rgb8& t = truth[(x / 100 + 2 * (y / 200)) % 8];
      auto n = [&](int v) { return cv::saturate_cast<std::uint8_t>(v + rng.gaussian(3.0)); };
      img.at<cv::Vec3b>(y, x) = cv::Vec3b(n(t.b), n(t.g), n(t.r));
    }
  const auto pal = extractPalette(img, {.k = 8});
  REQUIRE(pal);
  REQUIRE(pal->swatches.size() == 8);
  for (const Rgb8& t : truth) {
    double best = 1e9;
    for (const Swatch& s : pal->swatches) best = std::min(best, deltaE2000(s.lab, srgbToLab(t)));
    INFO("#" << int(t.r) << "," << int(t.g) << "," << int(t.b));
    CHECK(best < 1.5);
  }
}
