#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/recolor.h"

using namespace canting::imaging;

namespace {
// A soga-brown cloth with texture (lightness varies like weave and crackle)
// on a cream ground.
cv::Mat texturedCloth() {
  cv::Mat m(120, 160, CV_8UC3, cv::Scalar(204, 228, 239));
  cv::RNG rng(3);
  for (int y = 20; y < 100; ++y)
    for (int x = 20; x < 140; ++x) {
      const double t = 18 * std::sin(x * 0.9) * std::cos(y * 0.7) + rng.gaussian(4);
      m.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<std::uint8_t>(43 + t * 0.5), cv::saturate_cast<std::uint8_t>(90 + t),
                                        cv::saturate_cast<std::uint8_t>(139 + t));
    }
  return m;
}

Palette clothPalette() {
  Palette p;
  p.swatches = {Swatch{srgbToLab(Rgb8{239, 228, 204}), 0.5, "ground"}, Swatch{srgbToLab(Rgb8{139, 90, 43}), 0.5, "soga"}};
  return p;
}

// Correlation of CIELAB L inside the textured region, before and after.
double lightnessCorrelation(const cv::Mat& a, const cv::Mat& b) {
  const cv::Rect r(24, 24, 112, 72);
  cv::Mat la, lb;
  cv::extractChannel(bgrToLab(a(r)), la, 0);
  cv::extractChannel(bgrToLab(b(r)), lb, 0);
  cv::Scalar ma, sa, mb, sb;
  cv::meanStdDev(la, ma, sa);
  cv::meanStdDev(lb, mb, sb);
  if (sa[0] < 1e-6 || sb[0] < 1e-6) return 0;
  return cv::mean((la - ma[0]).mul(lb - mb[0]))[0] / (sa[0] * sb[0]);
}
}  // namespace

TEST_CASE("shading-preserving recolour keeps the lightness structure, flat recolour does not", "[imaging][recolor]") {
  const cv::Mat cloth = texturedCloth();
  const Lab indigo = srgbToLab(Rgb8{43, 58, 102});
  const std::vector<std::optional<Lab>> map = {std::nullopt, indigo};
  const cv::Mat soft = recolor(cloth, clothPalette(), map, RecolorMode::ShadingPreserving);
  const cv::Mat flat = recolor(cloth, clothPalette(), map, RecolorMode::Flat);
  CHECK(lightnessCorrelation(cloth, soft) > 0.95);
  CHECK(lightnessCorrelation(cloth, flat) < 0.2);
  // The region's average colour becomes the target; the ground is untouched.
  cv::Mat lab = bgrToLab(soft(cv::Rect(24, 24, 112, 72)));
  const cv::Scalar mean = cv::mean(lab);
  CHECK(deltaE2000(Lab{mean[0], mean[1], mean[2]}, indigo) < 3.0);
  CHECK(soft.at<cv::Vec3b>(5, 5) == cloth.at<cv::Vec3b>(5, 5));
  CHECK(flat.at<cv::Vec3b>(5, 5) == cloth.at<cv::Vec3b>(5, 5));
  const Rgb8 f = labToSrgb8(indigo);
  CHECK(flat.at<cv::Vec3b>(60, 80) == cv::Vec3b(f.b, f.g, f.r));
}

TEST_CASE("recolour with no change returns the same pixels and keeps alpha", "[imaging][recolor]") {
  const cv::Mat cloth = texturedCloth();
  const cv::Mat same = recolor(cloth, clothPalette(), {std::nullopt, std::nullopt}, RecolorMode::ShadingPreserving);
  CHECK(cv::norm(same, cloth, cv::NORM_INF) == 0);
  cv::Mat rgba;
  cv::cvtColor(cloth, rgba, cv::COLOR_BGR2BGRA);
  rgba.at<cv::Vec4b>(3, 3)[3] = 9;
  const cv::Mat out = recolor(rgba, clothPalette(), {srgbToLab(Rgb8{0, 0, 0}), std::nullopt}, RecolorMode::Flat);
  REQUIRE(out.channels() == 4);
  CHECK(out.at<cv::Vec4b>(3, 3)[3] == 9);
}

TEST_CASE("hue rotation in LCh keeps lightness, chroma 0 gives greys, toning keeps lightness", "[imaging][recolor]") {
  // Moderate chroma, so the rotated colours stay inside sRGB (clipping would move L).
  const cv::Mat cloth = adjustLch(texturedCloth(), LchAdjust{.chromaScale = 0.5});
  const cv::Mat rotated = adjustLch(cloth, LchAdjust{.hueShift = 180});
  cv::Mat l0, l1;
  cv::extractChannel(bgrToLab(cloth), l0, 0);
  cv::extractChannel(bgrToLab(rotated), l1, 0);
  CHECK(cv::norm(l0, l1, cv::NORM_INF) < 1.5);  // 8-bit rounding and a little gamut clipping
  const cv::Mat grey = adjustLch(cloth, LchAdjust{.chromaScale = 0});
  cv::Mat lab = bgrToLab(grey);
  std::vector<cv::Mat> ch;
  cv::split(lab, ch);
  CHECK(cv::norm(ch[1], cv::NORM_INF) < 1.0);
  CHECK(cv::norm(ch[2], cv::NORM_INF) < 1.0);
  CHECK(cv::norm(adjustLch(cloth, LchAdjust{}), cloth, cv::NORM_INF) == 0);
  Palette duo;
  duo.swatches = {Swatch{srgbToLab(Rgb8{24, 32, 64}), 0, {}}, Swatch{srgbToLab(Rgb8{240, 230, 210}), 0, {}}};
  const cv::Mat toned = tone(cloth, duo, 1.0);
  cv::Mat lt;
  cv::extractChannel(bgrToLab(toned), lt, 0);
  CHECK(cv::norm(l0, lt, cv::NORM_INF) < 1.5);
}
