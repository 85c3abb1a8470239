#pragma once
// Colour science: sRGB <-> linear RGB <-> XYZ (D65) <-> CIELAB <-> LCh, per
// colour and over whole images, plus CIEDE2000 and colour text.
//
// Conventions. sRGB and linear RGB values are 0..1. XYZ has Y = 1 for white;
// the D65 white point is taken as the sRGB matrix applied to (1,1,1), so white
// maps to exactly L=100, a=b=0. Lab L is 0..100. LCh hue is degrees in [0,360).
// Image functions keep OpenCV's BGR channel order for RGB data and return
// CV_32FC3; Lab and LCh images hold (L,a,b) and (L,C,h) in that order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <opencv2/core.hpp>

#include "canting/imaging/error.h"

namespace canting::imaging {

struct Rgb8 {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb8&) const = default;
};
struct Rgb {  // sRGB-encoded or linear, 0..1, as the function name says
  double r = 0, g = 0, b = 0;
};
struct Xyz {
  double x = 0, y = 0, z = 0;
};
struct Lab {
  double L = 0, a = 0, b = 0;
};
struct Lch {
  double L = 0, C = 0, h = 0;
};

double srgbToLinear(double v);
double linearToSrgb(double v);
// Linear light to the nearest 8-bit sRGB code, clamped; exact and fast (a table).
std::uint8_t linearToSrgb8(double v);
Xyz linearRgbToXyz(const Rgb& linear);
Rgb xyzToLinearRgb(const Xyz& xyz);
Lab xyzToLab(const Xyz& xyz);
Xyz labToXyz(const Lab& lab);
Lch labToLch(const Lab& lab);
Lab lchToLab(const Lch& lch);

Lab srgbToLab(const Rgb& srgb);
Lab srgbToLab(const Rgb8& srgb);
Rgb labToSrgb(const Lab& lab);  // unclamped: may leave 0..1 when out of gamut
// Rounded and clamped; `inGamut` (optional) says whether clamping was needed.
Rgb8 labToSrgb8(const Lab& lab, bool* inGamut = nullptr);

// CIEDE2000 colour difference (kL = kC = kH = 1).
double deltaE2000(const Lab& a, const Lab& b);
// The same, step by step as Sharma, Wu and Dalal write it (hue angles, five
// cosines): slower, the reference deltaE2000's shorter route is checked against.
double deltaE2000Paper(const Lab& a, const Lab& b);

// --- whole images -----------------------------------------------------------
// sRGB (CV_8U, CV_16U or CV_32F; 3 or 4 channels, alpha ignored) -> linear CV_32FC3.
cv::Mat srgbToLinear(const cv::Mat& bgr);
// Linear CV_32FC3 -> sRGB of the given depth (CV_8U, CV_16U or CV_32F).
cv::Mat linearToSrgb(const cv::Mat& linearBgr, int depth = CV_8U);
cv::Mat linearToXyz(const cv::Mat& linearBgr);
cv::Mat xyzToLinear(const cv::Mat& xyz);
cv::Mat xyzToLab(const cv::Mat& xyz);
cv::Mat labToXyz(const cv::Mat& lab);
cv::Mat labToLch(const cv::Mat& lab);
cv::Mat lchToLab(const cv::Mat& lch);
// The common composites, done in one pass per pixel.
cv::Mat bgrToLab(const cv::Mat& bgr);
cv::Mat labToBgr(const cv::Mat& lab, int depth = CV_8U);
// Per-pixel CIEDE2000 of two Lab images of equal size -> CV_32F.
cv::Mat deltaE2000(const cv::Mat& labA, const cv::Mat& labB);

// --- colour text --------------------------------------------------------------
enum class ColorNotation { Hex, Rgb, Lab, Lch };

// Accepts #RRGGBB, #RGB, rgb(r,g,b) with 0..255, lab(L,a,b), lch(L,C,h);
// case-insensitive, commas or spaces between numbers.
Result<Lab> parseColor(std::string_view text);
Result<ColorNotation> parseNotation(std::string_view name);  // "hex", "rgb", "lab", "lch"
// hex and rgb are clamped to the sRGB gamut; `inGamut` reports whether that was needed.
std::string formatColor(const Lab& lab, ColorNotation notation, bool* inGamut = nullptr);

// The hex colour, the one way it is written and read everywhere: "#RRGGBB"
// in capitals; reading takes #RRGGBB or #RGB in any case, nothing around it.
std::string formatHex(const Rgb8& c);
std::string formatHex(const Lab& lab);  // clamped to the sRGB gamut
std::optional<Rgb8> parseHex(std::string_view text);

}  // namespace canting::imaging
