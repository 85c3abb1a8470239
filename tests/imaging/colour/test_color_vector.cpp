// The AVX-512 and AVX2 forms of the 8-bit whole-image conversions
// (color_simd.cpp) against the portable loops and the per-colour functions: a
// vector path is a speed-up, never a different answer. A path the processor
// lacks falls back to a narrower one, so the tests hold on any machine (and say
// which paths they could not reach).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <opencv2/core.hpp>

#include "canting/imaging/color.h"
#include "canting/imaging/color_vector.h"

using namespace canting::imaging;

namespace {
using Path = ColourVectorPath;
constexpr Path kVectorPaths[] = {Path::Avx512, Path::Avx2};

// Caps the vector path for one scope.
class VectorPath {
 public:
  explicit VectorPath(Path widest) : m_before(setColourVectorPath(widest)) {}
  ~VectorPath() { setColourVectorPath(m_before); }
  VectorPath(const VectorPath&) = delete;
  VectorPath& operator=(const VectorPath&) = delete;

 private:
  Path m_before;
};

const char* name(Path p) { return p == Path::Avx512 ? "AVX-512" : p == Path::Avx2 ? "AVX2" : "portable"; }

// Whether `p` runs here; if not, says so (its test then checks the narrower path again).
bool reached(Path p) {
  VectorPath cap(p);
  if (colourVectorPath() == p) return true;
  WARN(name(p) << " is not available on this processor; checked " << name(colourVectorPath()) << " instead");
  return false;
}

cv::Mat bgrToLabBy(Path path, const cv::Mat& bgr) {
  VectorPath cap(path);
  return bgrToLab(bgr);
}

cv::Mat labToBgrBy(Path path, const cv::Mat& lab) {
  VectorPath cap(path);
  return labToBgr(lab, CV_8U);
}

// Every 8-bit colour once, 4096 x 4096, in an order that changes colour
// every pixel (b fastest), so each vector of eight mixes channels and codes.
cv::Mat allColours() {
  cv::Mat m(4096, 4096, CV_8UC3);
  for (int y = 0; y < 4096; ++y) {
    auto* p = m.ptr<cv::Vec3b>(y);
    for (int x = 0; x < 4096; ++x) {
      const int i = y * 4096 + x;
      p[x] = cv::Vec3b(std::uint8_t(i), std::uint8_t(i >> 8), std::uint8_t(i >> 16));
    }
  }
  return m;
}
// The sanitizer build checks every 7th row against the slow per-colour
// function (2.4 million colours, every code of each channel still reached);
// the whole cube still goes through both paths and back. The plain build checks all.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kRowStep = 7;
#else
constexpr int kRowStep = 1;
#endif
}  // namespace

TEST_CASE("the vector path gives every 8-bit colour the per-colour Lab to 1e-4 and round-trips it",
          "[imaging][color][color_image][color_vector]") {
  const cv::Mat bgr = allColours();
  const cv::Mat portable = bgrToLabBy(Path::Portable, bgr);
  for (Path path : kVectorPaths) {
    reached(path);
    INFO(name(path));
    const cv::Mat vec = bgrToLabBy(path, bgr);
    // All 16.7 million against the per-colour function: the vector root has its own error, so each colour counts.
    double worst = 0;
    for (int y = 0; y < bgr.rows; y += kRowStep) {
      const auto* p = bgr.ptr<cv::Vec3b>(y);
      const auto* v = vec.ptr<cv::Vec3f>(y);
      for (int x = 0; x < bgr.cols; ++x) {
        const Lab ref = srgbToLab(Rgb8{p[x][2], p[x][1], p[x][0]});
        worst = std::max({worst, std::fabs(v[x][0] - ref.L), std::fabs(v[x][1] - ref.a), std::fabs(v[x][2] - ref.b)});
      }
    }
    INFO("worst difference from the per-colour Lab " << worst);
    CHECK(worst < 1e-4);
    CHECK(cv::norm(vec, portable, cv::NORM_INF) < 1e-4);
    // Both Lab images back to 8-bit by this path and the portable one: bit-exact every time.
    for (Path back : {path, Path::Portable}) {
      CHECK(cv::norm(labToBgrBy(back, vec), bgr, cv::NORM_INF) == 0);
      CHECK(cv::norm(labToBgrBy(back, portable), bgr, cv::NORM_INF) == 0);
    }
  }
}

TEST_CASE("the vector path's row ends, blocks and BGRA match the portable path",
          "[imaging][color][color_image][color_vector]") {
  cv::RNG rng(1808);
  for (int w : {1, 7, 8, 9, 15, 16, 63, 64, 65, 72, 127, 129, 1000}) {
    cv::Mat bgr(5, w, CV_8UC3);
    rng.fill(bgr, cv::RNG::UNIFORM, 0, 256);
    cv::Mat bgra;
    cv::merge(std::vector<cv::Mat>{bgr, cv::Mat(5, w, CV_8UC1, cv::Scalar(200))}, bgra);
    const cv::Mat portable = bgrToLabBy(Path::Portable, bgr);
    // A sub-image: rows that do not start at the buffer's start, a stride wider than the row.
    cv::Mat wide(5, w + 3, CV_8UC3);
    rng.fill(wide, cv::RNG::UNIFORM, 0, 256);
    const cv::Mat roi = wide.colRange(3, w + 3);
    for (Path path : kVectorPaths) {
      INFO("width " << w << ", " << name(path));
      const cv::Mat lab = bgrToLabBy(path, bgr);
      CHECK(cv::norm(lab, portable, cv::NORM_INF) < 1e-4);
      CHECK(cv::norm(bgrToLabBy(path, bgra), lab, cv::NORM_INF) == 0);
      CHECK(cv::norm(labToBgrBy(path, lab), bgr, cv::NORM_INF) == 0);
      CHECK(cv::norm(bgrToLabBy(path, roi), bgrToLabBy(Path::Portable, roi), cv::NORM_INF) < 1e-4);
    }
  }
}

TEST_CASE("Lab to 8-bit by the vector path equals the per-colour codes: out of gamut, midpoints, NaN and infinities",
          "[imaging][color][color_image][color_vector]") {
  cv::Mat lab(256, 1001, CV_32FC3);
  cv::RNG rng(300);
  for (int y = 0; y < lab.rows; ++y)
    for (int x = 0; x < lab.cols; ++x)
      lab.at<cv::Vec3f>(y, x) = cv::Vec3f(rng.uniform(-10.f, 110.f), rng.uniform(-160.f, 160.f), rng.uniform(-160.f, 160.f));
  // Greys whose linear value sits on or next to a code's rounding midpoint.
  for (int c = 0; c < 255; ++c) {
    const double mid = srgbToLinear((c + 0.5) / 255.0);
    const Lab g = srgbToLab(Rgb{linearToSrgb(mid), linearToSrgb(mid), linearToSrgb(mid)});
    lab.at<cv::Vec3f>(0, c) = cv::Vec3f(float(g.L), 0, 0);
    lab.at<cv::Vec3f>(1, c) = cv::Vec3f(std::nextafter(float(g.L), 200.f), 0, 0);
    lab.at<cv::Vec3f>(2, c) = cv::Vec3f(std::nextafter(float(g.L), -200.f), 0, 0);
  }
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  const cv::Vec3f specials[] = {{nan, 0, 0}, {50, nan, 0}, {50, 0, nan}, {inf, 0, 0}, {-inf, 0, 0}, {50, inf, 0},
                                {50, -inf, 0}, {50, 0, inf}, {50, 0, -inf}, {inf, inf, -inf}, {100, 0, 0}, {0, 0, 0},
                                {-0.f, -0.f, -0.f}, {1e30f, 0, 0}, {-1e30f, 1e30f, 0}, {8.f, 0, 0}, {7.9999f, 0, 0}};
  int at = 0;
  for (const cv::Vec3f& v : specials) lab.at<cv::Vec3f>(3, at++) = v;
  const cv::Mat portable = labToBgrBy(Path::Portable, lab);
  for (int y = 0; y < lab.rows; ++y)
    for (int x = 0; x < lab.cols; ++x) {
      const cv::Vec3f v = lab.at<cv::Vec3f>(y, x);
      const Rgb8 ref = labToSrgb8(Lab{v[0], v[1], v[2]});
      INFO(y << "," << x << ": " << v[0] << " " << v[1] << " " << v[2]);
      REQUIRE(portable.at<cv::Vec3b>(y, x) == cv::Vec3b(ref.b, ref.g, ref.r));
    }
  for (Path path : kVectorPaths) {
    reached(path);
    INFO(name(path));
    CHECK(cv::norm(labToBgrBy(path, lab), portable, cv::NORM_INF) == 0);
  }
}
