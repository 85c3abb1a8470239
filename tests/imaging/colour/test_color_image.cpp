// The whole-image colour paths (color_image.cpp) against the per-colour
// functions: the fast tables and vector loops must not change an answer.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <opencv2/core.hpp>

#include "canting/imaging/color.h"

using namespace canting::imaging;

namespace {
// Every 8-bit colour once: a 4096 x 4096 image, r and g from the position, b from the block.
cv::Mat allColours() {
  cv::Mat m(4096, 4096, CV_8UC3);
  for (int y = 0; y < 4096; ++y) {
    auto* p = m.ptr<cv::Vec3b>(y);
    for (int x = 0; x < 4096; ++x) {
      const int i = y * 4096 + x;
      p[x] = cv::Vec3b(std::uint8_t(i >> 16), std::uint8_t(i >> 8), std::uint8_t(i));
    }
  }
  return m;
}
}  // namespace

TEST_CASE("every one of the 16.7 million 8-bit colours round-trips through the image conversions bit-exactly",
          "[imaging][color][color_image]") {
  const cv::Mat bgr = allColours();
  const cv::Mat lab = bgrToLab(bgr);
  const cv::Mat back = labToBgr(lab, CV_8U);
  CHECK(cv::norm(back, bgr, cv::NORM_INF) == 0);
  // And the image path agrees with the per-colour function to 1e-4, on a spread of the same colours.
  double worst = 0;
  for (int i = 0; i < 4096 * 4096; i += 997) {
    const cv::Vec3b p = bgr.at<cv::Vec3b>(i / 4096, i % 4096);
    const Lab ref = srgbToLab(Rgb8{p[2], p[1], p[0]});
    const cv::Vec3f v = lab.at<cv::Vec3f>(i / 4096, i % 4096);
    worst = std::max({worst, std::fabs(v[0] - ref.L), std::fabs(v[1] - ref.a), std::fabs(v[2] - ref.b)});
  }
  INFO("worst difference " << worst);
  CHECK(worst < 1e-4);
}

TEST_CASE("BGRA and odd widths take the fast 8-bit path with the same answers", "[imaging][color][color_image]") {
  for (int w : {1, 255, 256, 257, 1001}) {
    cv::Mat bgr(3, w, CV_8UC3), bgra;
    cv::randu(bgr, 0, 256);
    cv::Mat alpha(3, w, CV_8UC1, cv::Scalar(7));
    cv::merge(std::vector<cv::Mat>{bgr, alpha}, bgra);
    const cv::Mat lab = bgrToLab(bgr);
    CHECK(cv::norm(bgrToLab(bgra), lab, cv::NORM_INF) == 0);
    for (int y = 0; y < bgr.rows; ++y)
      for (int x = 0; x < w; ++x) {
        const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
        const Lab ref = srgbToLab(Rgb8{p[2], p[1], p[0]});
        const cv::Vec3f v = lab.at<cv::Vec3f>(y, x);
        REQUIRE(std::fabs(v[0] - ref.L) < 1e-4);
        REQUIRE(std::fabs(v[1] - ref.a) < 1e-4);
        REQUIRE(std::fabs(v[2] - ref.b) < 1e-4);
      }
    CHECK(cv::norm(labToBgr(lab, CV_8U), bgr, cv::NORM_INF) == 0);
  }
}

TEST_CASE("Lab to 8-bit over an image gives the per-colour codes, out of gamut and NaN included",
          "[imaging][color][color_image]") {
  cv::Mat lab(64, 300, CV_32FC3);
  cv::RNG rng(18);
  for (int y = 0; y < lab.rows; ++y)
    for (int x = 0; x < lab.cols; ++x)
      lab.at<cv::Vec3f>(y, x) = cv::Vec3f(rng.uniform(-5.f, 105.f), rng.uniform(-140.f, 140.f), rng.uniform(-140.f, 140.f));
  lab.at<cv::Vec3f>(0, 0) = cv::Vec3f(std::numeric_limits<float>::quiet_NaN(), 0, 0);
  lab.at<cv::Vec3f>(0, 1) = cv::Vec3f(std::numeric_limits<float>::infinity(), 0, 0);
  lab.at<cv::Vec3f>(0, 2) = cv::Vec3f(100, 0, 0);
  lab.at<cv::Vec3f>(0, 3) = cv::Vec3f(0, 0, 0);
  const cv::Mat bgr = labToBgr(lab, CV_8U);
  for (int y = 0; y < lab.rows; ++y)
    for (int x = 0; x < lab.cols; ++x) {
      const cv::Vec3f v = lab.at<cv::Vec3f>(y, x);
      const Rgb8 ref = labToSrgb8(Lab{v[0], v[1], v[2]});
      const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
      INFO(y << "," << x);
      REQUIRE(p == cv::Vec3b(ref.b, ref.g, ref.r));
    }
  CHECK(bgr.at<cv::Vec3b>(0, 2) == cv::Vec3b(255, 255, 255));
  CHECK(bgr.at<cv::Vec3b>(0, 3) == cv::Vec3b(0, 0, 0));
}

TEST_CASE("the CIEDE2000 map agrees with the per-pair function to 1e-4 everywhere on the hue circle",
          "[imaging][color][ciede2000][color_image]") {
  // Random pairs, near pairs, greys, one grey, opposite and almost opposite hues, the blue region.
  std::vector<std::pair<Lab, Lab>> pairs;
  cv::RNG rng(2000);
  for (int i = 0; i < 20000; ++i) {
    const Lab a{rng.uniform(0.0, 100.0), rng.uniform(-128.0, 128.0), rng.uniform(-128.0, 128.0)};
    pairs.push_back({a, Lab{rng.uniform(0.0, 100.0), rng.uniform(-128.0, 128.0), rng.uniform(-128.0, 128.0)}});
    pairs.push_back({a, Lab{a.L + rng.uniform(-2.0, 2.0), a.a + rng.uniform(-2.0, 2.0), a.b + rng.uniform(-2.0, 2.0)}});
  }
  for (double h = 0; h < 360; h += 0.5) {
    const double r = h * CV_PI / 180;
    const Lab a{50, 40 * std::cos(r), 40 * std::sin(r)};
    pairs.push_back({a, Lab{50, -a.a, -a.b}});                                  // opposite
    pairs.push_back({a, Lab{52, -a.a * 0.5 + 1e-3, -a.b * 0.5}});               // almost opposite
    pairs.push_back({a, Lab{48, 38 * std::cos(r + 0.05), 38 * std::sin(r + 0.05)}});  // near, any hue
    pairs.push_back({a, Lab{60, 0, 0}});                                         // one grey
  }
  pairs.push_back({Lab{30, 0, 0}, Lab{70, 0, 0}});
  pairs.push_back({Lab{30, 0, 0}, Lab{30, 0, 0}});
  cv::Mat A(1, int(pairs.size()), CV_32FC3), B(1, int(pairs.size()), CV_32FC3);
  for (int i = 0; i < A.cols; ++i) {
    A.at<cv::Vec3f>(0, i) = cv::Vec3f(float(pairs[std::size_t(i)].first.L), float(pairs[std::size_t(i)].first.a),
                                      float(pairs[std::size_t(i)].first.b));
    B.at<cv::Vec3f>(0, i) = cv::Vec3f(float(pairs[std::size_t(i)].second.L), float(pairs[std::size_t(i)].second.a),
                                      float(pairs[std::size_t(i)].second.b));
  }
  const cv::Mat d = deltaE2000(A, B);
  double worst = 0;
  for (int i = 0; i < A.cols; ++i) {
    // The reference sees the same float-rounded inputs as the image form.
    const cv::Vec3f a = A.at<cv::Vec3f>(0, i), b = B.at<cv::Vec3f>(0, i);
    const double ref = deltaE2000(Lab{a[0], a[1], a[2]}, Lab{b[0], b[1], b[2]});
    worst = std::max(worst, std::fabs(double(d.at<float>(0, i)) - ref) / std::max(1.0, ref));
  }
  INFO("worst relative difference " << worst);
  CHECK(worst < 1e-4);
  CHECK(d.at<float>(0, A.cols - 1) == 0.0f);
}
