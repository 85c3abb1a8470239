#include <catch2/catch.hpp>

#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/color.h"

using namespace canting::imaging;

TEST_CASE("sRGB primaries and white map to their published CIELAB values", "[imaging][color]") {
  // Reference values: D65, 2 degree observer (Lindbloom's calculator).
  const Lab red = srgbToLab(Rgb8{255, 0, 0});
  CHECK(red.L == Approx(53.2408).margin(0.01));
  CHECK(red.a == Approx(80.0925).margin(0.02));
  CHECK(red.b == Approx(67.2032).margin(0.02));
  const Lab blue = srgbToLab(Rgb8{0, 0, 255});
  CHECK(blue.L == Approx(32.2970).margin(0.01));
  CHECK(blue.a == Approx(79.1875).margin(0.02));
  CHECK(blue.b == Approx(-107.8602).margin(0.02));
  const Lab white = srgbToLab(Rgb8{255, 255, 255});
  CHECK(white.L == Approx(100.0).margin(1e-9));
  CHECK(white.a == Approx(0.0).margin(1e-9));
  CHECK(white.b == Approx(0.0).margin(1e-9));
  const Lab black = srgbToLab(Rgb8{0, 0, 0});
  CHECK(black.L == Approx(0.0).margin(1e-12));
  const Lab grey = srgbToLab(Rgb8{128, 128, 128});
  CHECK(grey.L == Approx(53.5850).margin(0.01));
  CHECK(std::fabs(grey.a) < 1e-9);
}

TEST_CASE("every 8-bit sRGB colour survives sRGB to Lab and back exactly", "[imaging][color]") {
  for (int r = 0; r < 256; r += 5)
    for (int g = 0; g < 256; g += 3)
      for (int b = 0; b < 256; b += 7) {
        const Rgb8 c{std::uint8_t(r), std::uint8_t(g), std::uint8_t(b)};
        bool inGamut = false;
        const Rgb8 back = labToSrgb8(srgbToLab(c), &inGamut);
        REQUIRE(back == c);
        REQUIRE(inGamut);
      }
}

TEST_CASE("linear, XYZ, Lab and LCh conversions invert each other", "[imaging][color]") {
  for (double v : {0.0, 0.002, 0.04045, 0.2, 0.5, 1.0}) CHECK(linearToSrgb(srgbToLinear(v)) == Approx(v).margin(1e-12));
  const Lab lab{41.5, -23.25, 57.0};
  const Lab viaXyz = xyzToLab(labToXyz(lab));
  CHECK(viaXyz.L == Approx(lab.L).margin(1e-9));
  CHECK(viaXyz.a == Approx(lab.a).margin(1e-9));
  CHECK(viaXyz.b == Approx(lab.b).margin(1e-9));
  const Lch lch = labToLch(lab);
  CHECK(lch.h >= 0);
  CHECK(lch.h < 360);
  const Lab back = lchToLab(lch);
  CHECK(back.a == Approx(lab.a).margin(1e-9));
  CHECK(back.b == Approx(lab.b).margin(1e-9));
  const Lch negHue = labToLch(Lab{50, 10, -10});
  CHECK(negHue.h == Approx(315.0).margin(1e-9));
}

TEST_CASE("image conversions agree with the per-colour functions", "[imaging][color]") {
  cv::Mat bgr(7, 5, CV_8UC3);  // odd sizes on purpose
  cv::randu(bgr, 0, 256);
  const cv::Mat lab = bgrToLab(bgr);
  REQUIRE(lab.type() == CV_32FC3);
  const cv::Mat viaSteps = xyzToLab(linearToXyz(srgbToLinear(bgr)));
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x) {
      const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
      const Lab ref = srgbToLab(Rgb8{p[2], p[1], p[0]});
      const cv::Vec3f v = lab.at<cv::Vec3f>(y, x);
      CHECK(v[0] == Approx(ref.L).margin(1e-3));
      CHECK(v[1] == Approx(ref.a).margin(1e-3));
      CHECK(v[2] == Approx(ref.b).margin(1e-3));
      const cv::Vec3f s = viaSteps.at<cv::Vec3f>(y, x);
      CHECK(s[0] == Approx(v[0]).margin(1e-3));
    }
  // Back to 8 bits: bit-exact.
  const cv::Mat back = labToBgr(lab, CV_8U);
  CHECK(cv::norm(back, bgr, cv::NORM_INF) == 0);
  const cv::Mat back2 = linearToSrgb(xyzToLinear(labToXyz(lab)), CV_8U);
  CHECK(cv::norm(back2, bgr, cv::NORM_INF) == 0);
  const cv::Mat lchBack = lchToLab(labToLch(lab));
  CHECK(cv::norm(lchBack, lab, cv::NORM_INF) < 1e-3);
}

TEST_CASE("16-bit, float, grey and alpha images convert like their 8-bit equivalents", "[imaging][color]") {
  cv::Mat bgr8(3, 4, CV_8UC3);
  cv::randu(bgr8, 0, 256);
  cv::Mat bgr16, bgrF, bgra8;
  bgr8.convertTo(bgr16, CV_16U, 257.0);
  bgr8.convertTo(bgrF, CV_32F, 1.0 / 255.0);
  cv::cvtColor(bgr8, bgra8, cv::COLOR_BGR2BGRA);
  const cv::Mat ref = bgrToLab(bgr8);
  CHECK(cv::norm(bgrToLab(bgr16), ref, cv::NORM_INF) < 1e-3);
  CHECK(cv::norm(bgrToLab(bgrF), ref, cv::NORM_INF) < 1e-3);
  CHECK(cv::norm(bgrToLab(bgra8), ref, cv::NORM_INF) < 1e-3);
  cv::Mat grey(2, 2, CV_8UC1, cv::Scalar(128));
  const cv::Vec3f g = bgrToLab(grey).at<cv::Vec3f>(1, 1);
  CHECK(g[0] == Approx(53.585).margin(0.01));
  CHECK(std::fabs(g[1]) < 1e-3);
  const cv::Mat back16 = labToBgr(ref, CV_16U);
  CHECK(cv::norm(back16, bgr16, cv::NORM_INF) <= 1.0);
}

TEST_CASE("colour text parses every notation and rejects malformed text", "[imaging][color]") {
  auto red = parseColor("#FF0000");
  REQUIRE(red);
  CHECK(formatColor(*red, ColorNotation::Hex) == "#FF0000");
  CHECK(formatColor(*parseColor("rgb(255, 0, 0)"), ColorNotation::Hex) == "#FF0000");
  CHECK(formatColor(*parseColor("RGB( 255 0 0 )"), ColorNotation::Rgb) == "rgb(255, 0, 0)");
  CHECK(formatColor(*parseColor("#f00"), ColorNotation::Hex) == "#FF0000");
  CHECK(formatColor(*parseColor("lab(53.2408, 80.0925, 67.2032)"), ColorNotation::Hex) == "#FF0000");
  CHECK(formatColor(*parseColor("lch(53.2408, 104.5518, 39.999)"), ColorNotation::Hex) == "#FF0000");
  CHECK(formatColor(*parseColor("#ffffff"), ColorNotation::Lab) == "lab(100.0000, 0.0000, 0.0000)");
  CHECK(formatColor(*parseColor("#ffffff"), ColorNotation::Lch) == "lch(100.0000, 0.0000, 0.0000)");
  bool inGamut = true;
  formatColor(*parseColor("lab(50, 120, 0)"), ColorNotation::Hex, &inGamut);
  CHECK_FALSE(inGamut);
  for (const char* badText : {"", "#12345", "#GGGGGG", "rgb(1,2)", "rgb(256,0,0)", "lab(101,0,0)", "hsv(1,2,3)",
                              "rgb(1,2,3", "lab(1,,2,3,4)", "lab(nan,0,0)", "lch(50,-1,0)", "rgb(1x,2,3)"}) {
    INFO(badText);
    auto r = parseColor(badText);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::InvalidColor);
    CHECK(r.error().arg("text") == badText);
  }
  CHECK(parseNotation("LAB"));
  CHECK_FALSE(parseNotation("cmyk"));
}

TEST_CASE("hex colours are written #RRGGBB and read back, short form and any case too", "[imaging][color]") {
  CHECK(formatHex(Rgb8{255, 8, 170}) == "#FF08AA");
  CHECK(formatHex(srgbToLab(Rgb8{12, 34, 56})) == "#0C2238");
  const auto full = parseHex("#ff08Aa");
  REQUIRE(full);
  CHECK((full->r == 255 && full->g == 8 && full->b == 170));
  const auto shortForm = parseHex("#1aF");
  REQUIRE(shortForm);
  CHECK((shortForm->r == 0x11 && shortForm->g == 0xAA && shortForm->b == 0xFF));
  for (const char* bad : {"", "#", "ff08aa", "#12345", "#GGGGGG", " #ffffff", "#ffffff "}) {
    INFO(bad);
    CHECK_FALSE(parseHex(bad));
  }
  for (int v : {0, 1, 127, 254, 255}) CHECK(*parseHex(formatHex(Rgb8{std::uint8_t(v), 0, std::uint8_t(255 - v)})) == Rgb8{std::uint8_t(v), 0, std::uint8_t(255 - v)});
}
