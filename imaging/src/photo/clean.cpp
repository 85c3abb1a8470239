// Photo clean-up: the perspective of a cloth photographed at an angle, the
// light falling off across it and the colour cast of the lamp. Order matters:
// the quad is rectified first so the light is estimated on the cloth alone.

#include <algorithm>
#include <optional>
#include <cmath>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/photo.h"
#include "photo/light.h"

namespace canting::imaging {

namespace {

// [SECTION] helpers

cv::Mat luminance(const cv::Mat& bgr8) {
  cv::Mat grey;
  cv::cvtColor(bgr8, grey, cv::COLOR_BGR2GRAY);
  cv::Mat f;
  grey.convertTo(f, CV_32F);
  return f;
}

double cross(cv::Point2f o, cv::Point2f a, cv::Point2f b) { return double(a.x - o.x) * (b.y - o.y) - double(a.y - o.y) * (b.x - o.x); }

Status checkCorners(const std::array<cv::Point2f, 4>& c, cv::Size size) {
  const auto bad = [] { return makeError(ErrorCode::InvalidArgument, {{"what", "@photo.corners"}}); };
  // A little outside the frame is allowed: a corner clicked on the border.
  const double slack = 0.05 * std::max(size.width, size.height);
  for (const cv::Point2f& p : c)
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || p.x < -slack || p.y < -slack || p.x > size.width + slack || p.y > size.height + slack)
      return bad();
  // Convex and in one turning direction: otherwise the quad crosses itself.
  int sign = 0;
  for (int i = 0; i < 4; ++i) {
    const double z = cross(c[i], c[(i + 1) % 4], c[(i + 2) % 4]);
    if (std::abs(z) < 1e-6) return bad();
    const int s = z > 0 ? 1 : -1;
    if (sign != 0 && s != sign) return bad();
    sign = s;
  }
  return Ok{};
}

cv::Mat rectify(const cv::Mat& bgr, const std::array<cv::Point2f, 4>& c) {
  const auto len = [](cv::Point2f p, cv::Point2f q) { return std::hypot(double(p.x - q.x), double(p.y - q.y)); };
  const int w = std::max(2, int(std::lround(std::max(len(c[0], c[1]), len(c[3], c[2])))));
  const int h = std::max(2, int(std::lround(std::max(len(c[0], c[3]), len(c[1], c[2])))));
  const std::array<cv::Point2f, 4> dst = {cv::Point2f(0, 0), cv::Point2f(float(w), 0), cv::Point2f(float(w), float(h)), cv::Point2f(0, float(h))};
  const cv::Mat m = cv::getPerspectiveTransform(c.data(), dst.data());
  cv::Mat out;
  cv::warpPerspective(bgr, out, m, cv::Size(w, h), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return out;
}

}  // namespace

// [SECTION] flat field

// The 90th percentile of blocks follows the undyed and lightly dyed cloth
// rather than the motif; the fit, redone without the blocks well under it
// (blocks all motif), keeps a dark area of design from being taken for a
// shadow.
std::optional<photo::Light> photo::fitLight(const cv::Mat& lum) {
  const int grid = 12;
  std::vector<double> xs, ys, vs;
  for (int gy = 0; gy < grid; ++gy)
    for (int gx = 0; gx < grid; ++gx) {
      const cv::Rect r(gx * lum.cols / grid, gy * lum.rows / grid, (gx + 1) * lum.cols / grid - gx * lum.cols / grid,
                       (gy + 1) * lum.rows / grid - gy * lum.rows / grid);
      if (r.width < 1 || r.height < 1) continue;
      const cv::Mat block = lum(r);
      std::vector<float> v(block.begin<float>(), block.end<float>());
      auto nth = v.begin() + std::ptrdiff_t(v.size() * 9 / 10);
      std::nth_element(v.begin(), nth, v.end());
      xs.push_back((r.x + r.width / 2.0) / lum.cols - 0.5);
      ys.push_back((r.y + r.height / 2.0) / lum.rows - 0.5);
      vs.push_back(*nth);
    }
  std::vector<char> use(vs.size(), 1);
  Light light;
  for (int round = 0; round < 3; ++round) {
    cv::Mat A(0, 6, CV_64F), B(0, 1, CV_64F);
    for (std::size_t i = 0; i < vs.size(); ++i) {
      if (!use[i]) continue;
      const double row[6] = {1, xs[i], ys[i], xs[i] * xs[i], xs[i] * ys[i], ys[i] * ys[i]};
      A.push_back(cv::Mat(1, 6, CV_64F, const_cast<double*>(row)).clone());
      B.push_back(vs[i]);
    }
    cv::Mat coef;
    if (A.rows < 6 || !cv::solve(A, B, coef, cv::DECOMP_SVD)) return std::nullopt;
    for (int i = 0; i < 6; ++i) light.k[i] = coef.at<double>(i);
    for (std::size_t i = 0; i < vs.size(); ++i) use[i] = vs[i] > 0.85 * light.at(xs[i], ys[i]);
  }
  for (int y = 0; y <= 16; ++y)
    for (int x = 0; x <= 16; ++x) light.peak = std::max(light.peak, light.at(x / 16.0 - 0.5, y / 16.0 - 0.5));
  return light;
}

namespace {

using photo::Light;

// out = in * (peak / light(u, v)) * gains[c], in one pass over the photo.
void applyGains(const cv::Mat& in, cv::Mat& out, const std::optional<Light>& light, const cv::Vec3d& gains) {
  out.create(in.size(), CV_8UC3);
  cv::parallel_for_(cv::Range(0, in.rows), [&](const cv::Range& rows) {
    for (int y = rows.start; y < rows.end; ++y) {
      const double v = (y + 0.5) / in.rows - 0.5;
      const cv::Vec3b* src = in.ptr<cv::Vec3b>(y);
      cv::Vec3b* dst = out.ptr<cv::Vec3b>(y);
      for (int x = 0; x < in.cols; ++x) {
        const double g = light ? light->peak / light->at((x + 0.5) / in.cols - 0.5, v) : 1.0;
        for (int c = 0; c < 3; ++c) dst[x][c] = cv::saturate_cast<uchar>(src[x][c] * g * gains[c]);
      }
    }
  });
}

// [SECTION] white balance

// The undyed cloth is the lightest large area: the top 3 % of a blurred
// luminance (of the flat-fielded small copy). Its median colour is mapped to
// near white (252, a little headroom for the cloth's own texture).
cv::Vec3d whiteGains(const cv::Mat& flat, PhotoCleanReport& rep) {
  cv::Mat blurred;
  cv::GaussianBlur(flat, blurred, cv::Size(), std::max(1.0, std::max(flat.cols, flat.rows) / 200.0));
  const cv::Mat lum = luminance(blurred);
  std::vector<float> v(lum.begin<float>(), lum.end<float>());
  auto nth = v.begin() + std::ptrdiff_t(v.size() * 97 / 100);
  std::nth_element(v.begin(), nth, v.end());
  const float cut = *nth;
  std::array<std::vector<float>, 3> ch;
  for (int y = 0; y < blurred.rows; ++y)
    for (int x = 0; x < blurred.cols; ++x)
      if (lum.at<float>(y, x) >= cut) {
        const cv::Vec3b p = blurred.at<cv::Vec3b>(y, x);
        for (int c = 0; c < 3; ++c) ch[c].push_back(p[c]);
      }
  if (ch[0].empty()) return {1, 1, 1};
  for (int c = 0; c < 3; ++c) {
    auto mid = ch[c].begin() + std::ptrdiff_t(ch[c].size() / 2);
    std::nth_element(ch[c].begin(), mid, ch[c].end());
    rep.whiteBefore[c] = *mid;
  }
  // A photo whose lightest area is dark has no undyed cloth in view; the
  // gains are bounded so a strongly coloured cloth is not repainted.
  if (std::min({rep.whiteBefore[0], rep.whiteBefore[1], rep.whiteBefore[2]}) < 24) return {1, 1, 1};
  rep.whiteFound = true;
  for (int c = 0; c < 3; ++c) rep.gains[c] = std::clamp(252.0 / rep.whiteBefore[c], 0.5, 2.5);
  return rep.gains;
}

}  // namespace

// [SECTION] public

cv::Mat photoToBgr8(const cv::Mat& pixels) {
  if (pixels.empty()) return cv::Mat();
  cv::Mat m = pixels;
  if (m.depth() == CV_16U) m.convertTo(m, CV_8U, 1.0 / 257);
  else if (m.depth() != CV_8U) m.convertTo(m, CV_8U);
  if (m.channels() == 1) cv::cvtColor(m, m, cv::COLOR_GRAY2BGR);
  else if (m.channels() == 2) {
    std::vector<cv::Mat> ga;
    cv::split(m, ga);
    cv::Mat bgra;
    cv::merge(std::vector<cv::Mat>{ga[0], ga[0], ga[0], ga[1]}, bgra);
    m = bgra;
  }
  if (m.channels() == 4) {
    cv::Mat out(m.size(), CV_8UC3);
    for (int y = 0; y < m.rows; ++y)
      for (int x = 0; x < m.cols; ++x) {
        const cv::Vec4b p = m.at<cv::Vec4b>(y, x);
        const int a = p[3];
        cv::Vec3b& o = out.at<cv::Vec3b>(y, x);
        for (int c = 0; c < 3; ++c) o[c] = cv::saturate_cast<uchar>((p[c] * a + 255 * (255 - a) + 127) / 255);
      }
    return out;
  }
  return m;  // callers never write into it: every step makes a new image
}

Result<cv::Mat> cleanPhoto(const cv::Mat& pixels, const PhotoCleanOptions& options, PhotoCleanReport* report) {
  if (pixels.empty()) return makeError(ErrorCode::ZeroSize);
  cv::Mat bgr = photoToBgr8(pixels);
  if (options.corners) {
    if (auto st = checkCorners(*options.corners, bgr.size()); !st) return st.error();
    bgr = rectify(bgr, *options.corners);
  }
  PhotoCleanReport rep;
  rep.gains = {1, 1, 1};
  // Both corrections are measured on a small copy (the light is smooth, the
  // white is a large area) and applied to the photo in one pass.
  const double scale = std::min(1.0, 512.0 / std::max(bgr.cols, bgr.rows));
  cv::Mat small;
  cv::resize(bgr, small, cv::Size(std::max(1, int(bgr.cols * scale)), std::max(1, int(bgr.rows * scale))), 0, 0, cv::INTER_AREA);
  std::optional<Light> light;
  if (options.flatField && small.cols >= 8 && small.rows >= 8) light = photo::fitLight(luminance(small));
  cv::Vec3d gains(1, 1, 1);
  if (options.whiteBalance) {
    cv::Mat flat;
    applyGains(small, flat, light, gains);
    gains = whiteGains(flat, rep);
  }
  cv::Mat out;
  applyGains(bgr, out, light, gains);
  bgr = out;
  if (report) *report = rep;
  return bgr;
}

std::optional<std::array<cv::Point2f, 4>> parseCorners(const std::string& text) {
  std::array<cv::Point2f, 4> c;
  const char* p = text.c_str();
  for (int i = 0; i < 8; ++i) {
    char* end = nullptr;
    const double v = std::strtod(p, &end);
    if (end == p || !std::isfinite(v) || std::abs(v) > 1e6) return std::nullopt;
    (i % 2 ? c[i / 2].y : c[i / 2].x) = float(v);
    p = end;
    if (i < 7) {
      if (*p != ',') return std::nullopt;
      ++p;
    }
  }
  if (*p != '\0') return std::nullopt;
  return c;
}

}  // namespace canting::imaging
