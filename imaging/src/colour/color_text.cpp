#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "canting/base/text.h"
#include "canting/imaging/color.h"

namespace canting::imaging {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Error bad(std::string_view text, const char* why) {
  return makeError(ErrorCode::InvalidColor, {{"text", std::string(text)}}, why);
}

// Numbers separated by commas and/or spaces; exactly three of them.
bool parseThree(std::string_view body, double out[3]) {
  std::string s(body);
  for (char& c : s)
    if (c == ',') c = ' ';
  std::vector<double> v;
  const char* p = s.c_str();
  const char* end = p + s.size();
  while (p < end) {
    while (p < end && std::isspace(static_cast<unsigned char>(*p))) ++p;
    if (p >= end) break;
    double x = 0;
    auto [next, ec] = std::from_chars(p, end, x);
    if (ec != std::errc() || !std::isfinite(x)) return false;
    v.push_back(x);
    p = next;
    if (p < end && !std::isspace(static_cast<unsigned char>(*p))) return false;
  }
  if (v.size() != 3) return false;
  for (int i = 0; i < 3; ++i) out[i] = v[std::size_t(i)];
  return true;
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

Result<Lab> parseColor(std::string_view text) {
  const std::string s = base::asciiLower(trim(text));
  if (s.empty()) return bad(text, "empty");
  if (s[0] == '#') {
    if (s.size() != 7 && s.size() != 4) return bad(text, "hex needs 3 or 6 digits");
    const auto c = parseHex(s);
    if (!c) return bad(text, "not a hex digit");
    return srgbToLab(*c);
  }
  const auto open = s.find('(');
  if (open == std::string::npos || s.back() != ')') return bad(text, "expected #RRGGBB or name(...)");
  const std::string fn(trim(std::string_view(s).substr(0, open)));
  double n[3];
  if (!parseThree(std::string_view(s).substr(open + 1, s.size() - open - 2), n)) return bad(text, "needs three numbers");
  if (fn == "rgb") {
    for (double x : n)
      if (x < 0 || x > 255) return bad(text, "rgb values are 0..255");
    return srgbToLab(Rgb{n[0] / 255.0, n[1] / 255.0, n[2] / 255.0});
  }
  if (fn == "lab") {
    if (n[0] < 0 || n[0] > 100) return bad(text, "L is 0..100");
    return Lab{n[0], n[1], n[2]};
  }
  if (fn == "lch") {
    if (n[0] < 0 || n[0] > 100 || n[1] < 0) return bad(text, "L is 0..100 and C is not negative");
    return lchToLab(Lch{n[0], n[1], std::fmod(std::fmod(n[2], 360.0) + 360.0, 360.0)});
  }
  return bad(text, "unknown colour function");
}

Result<ColorNotation> parseNotation(std::string_view name) {
  const std::string s = base::asciiLower(trim(name));
  if (s == "hex") return ColorNotation::Hex;
  if (s == "rgb") return ColorNotation::Rgb;
  if (s == "lab") return ColorNotation::Lab;
  if (s == "lch") return ColorNotation::Lch;
  return makeError(ErrorCode::InvalidArgument, {{"what", std::string(name)}}, "notation is hex, rgb, lab or lch");
}

std::string formatColor(const Lab& lab, ColorNotation notation, bool* inGamut) {
  char buf[96];
  if (inGamut) *inGamut = true;
  switch (notation) {
    case ColorNotation::Hex: return formatHex(labToSrgb8(lab, inGamut));
    case ColorNotation::Rgb: {
      const Rgb8 c = labToSrgb8(lab, inGamut);
      std::snprintf(buf, sizeof buf, "rgb(%d, %d, %d)", c.r, c.g, c.b);
      break;
    }
    case ColorNotation::Lab: {
      auto z = [](double v) { return std::fabs(v) < 5e-5 ? 0.0 : v; };  // no "-0.0000"
      std::snprintf(buf, sizeof buf, "lab(%.4f, %.4f, %.4f)", z(lab.L), z(lab.a), z(lab.b));
      break;
    }
    case ColorNotation::Lch: {
      const Lch c = labToLch(lab);
      const double h = c.C < 5e-5 ? 0.0 : c.h;
      std::snprintf(buf, sizeof buf, "lch(%.4f, %.4f, %.4f)", std::fabs(c.L) < 5e-5 ? 0.0 : c.L, c.C, h);
      break;
    }
  }
  return buf;
}

std::string formatHex(const Rgb8& c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", c.r, c.g, c.b);
  return buf;
}

std::string formatHex(const Lab& lab) { return formatHex(labToSrgb8(lab)); }

std::optional<Rgb8> parseHex(std::string_view text) {
  if (text.empty() || text[0] != '#') return std::nullopt;
  const std::string h = base::asciiLower(text.substr(1));
  if (h.size() != 6 && h.size() != 3) return std::nullopt;
  int v[6];
  for (std::size_t i = 0; i < h.size(); ++i)
    if ((v[i] = hexDigit(h[i])) < 0) return std::nullopt;
  return h.size() == 6 ? Rgb8{std::uint8_t(v[0] * 16 + v[1]), std::uint8_t(v[2] * 16 + v[3]), std::uint8_t(v[4] * 16 + v[5])}
                       : Rgb8{std::uint8_t(v[0] * 17), std::uint8_t(v[1] * 17), std::uint8_t(v[2] * 17)};
}

}  // namespace canting::imaging
