#pragma once
// The quantisation set: 30 generated photos of cloth from 0.25 to 24 MP
// (sizes spaced evenly in log), four kinds in turn, each with its own noise
// and shading, so the set holds few-colour and many-colour images, flat and
// photographed-looking ones:
//   0 the demo phone photo of a ceplok, tiled, under uneven light, extra noise;
//   1 a drawn batik of 3-6 flat colours (ground, dots, kawung ellipses), soft
//     edges, lit from one side, sensor noise;
//   2 a many-colour cloth: smooth hue and lightness waves, noise;
//   3 the demo photo scaled to the size (not tiled) with folds (light bands).
// Deterministic: the same files every time.

#include <cmath>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace canting::bench {

inline double setMegapixels(int i) { return 0.25 * std::pow(96.0, i / 29.0); }  // 0.25 .. 24

// Light that falls off across the cloth, plus `folds` bands of shade; multiplies in place.
inline void shade(cv::Mat& img, double from, double to, int folds, cv::RNG& rng) {
  const double angle = rng.uniform(0.0, CV_PI);
  const double ca = std::cos(angle), sa = std::sin(angle);
  const double diag = std::hypot(img.cols, img.rows);
  for (int y = 0; y < img.rows; ++y) {
    auto* p = img.ptr<cv::Vec3b>(y);
    for (int x = 0; x < img.cols; ++x) {
      const double t = ((x - img.cols / 2.0) * ca + (y - img.rows / 2.0) * sa) / diag + 0.5;
      double f = from + (to - from) * t;
      if (folds > 0) f *= 1.0 - 0.12 * std::pow(std::sin(t * folds * CV_PI), 8);
      for (int c = 0; c < 3; ++c) p[x][c] = cv::saturate_cast<std::uint8_t>(p[x][c] * f);
    }
  }
}

inline void addNoise(cv::Mat& img, double sigma, cv::RNG& rng) {
  cv::Mat n(img.size(), CV_16SC3);
  rng.fill(n, cv::RNG::NORMAL, 0, sigma);
  cv::Mat s;
  img.convertTo(s, CV_16SC3);
  s += n;
  s.convertTo(img, CV_8UC3);
}

inline cv::Mat drawnBatik(cv::Size sz, cv::RNG& rng) {
  const int colours = rng.uniform(3, 7);
  std::vector<cv::Scalar> pal;
  for (int i = 0; i < colours; ++i) pal.emplace_back(rng.uniform(20, 235), rng.uniform(20, 235), rng.uniform(20, 235));
  cv::Mat m(sz, CV_8UC3, pal[0]);
  const int cell = std::max(24, sz.width / rng.uniform(8, 20));
  for (int y = 0; y < sz.height + cell; y += cell)
    for (int x = 0; x < sz.width + cell; x += cell) {
      const cv::Point c(x, y);
      cv::ellipse(m, c, cv::Size(cell / 2, cell / 5), 45, 0, 360, pal[1], cv::FILLED, cv::LINE_AA);
      cv::ellipse(m, c, cv::Size(cell / 2, cell / 5), -45, 0, 360, pal[std::size_t(2 % colours)], cv::FILLED, cv::LINE_AA);
      cv::circle(m, c, cell / 8, pal[std::size_t(3 % colours)], cv::FILLED, cv::LINE_AA);
      if (colours > 4) cv::circle(m, cv::Point(x + cell / 2, y + cell / 2), cell / 10, pal[4], cv::FILLED, cv::LINE_AA);
      if (colours > 5) cv::line(m, c, cv::Point(x + cell, y), pal[5], std::max(1, cell / 30), cv::LINE_AA);
    }
  cv::GaussianBlur(m, m, cv::Size(0, 0), 1.2);
  return m;
}

inline cv::Mat manyColours(cv::Size sz, cv::RNG& rng) {
  cv::Mat hsv(sz, CV_8UC3);
  const double fx = rng.uniform(2.0, 6.0) / sz.width, fy = rng.uniform(2.0, 6.0) / sz.height;
  for (int y = 0; y < sz.height; ++y) {
    auto* p = hsv.ptr<cv::Vec3b>(y);
    for (int x = 0; x < sz.width; ++x) {
      const double h = 90 + 89 * std::sin(2 * CV_PI * (x * fx + 0.3 * std::sin(2 * CV_PI * y * fy)));
      const double v = 150 + 90 * std::sin(2 * CV_PI * (y * fy * 1.7 + x * fx * 0.4));
      p[x] = cv::Vec3b(std::uint8_t(h), std::uint8_t(120 + 100 * std::cos(2 * CV_PI * x * fx * 0.5)), std::uint8_t(v));
    }
  }
  cv::Mat bgr;
  cv::cvtColor(hsv, bgr, cv::COLOR_HSV2BGR);
  return bgr;
}

// Photo i of the set (0..29); `demo` is the demo phone photo.
inline cv::Mat setPhoto(int i, const cv::Mat& demo) {
  cv::RNG rng(1800 + std::uint64_t(i));
  const double mp = setMegapixels(i) * 1e6;
  const double aspect = i % 2 ? 4.0 / 3.0 : 3.0 / 2.0;
  const cv::Size sz(int(std::sqrt(mp * aspect)), int(std::sqrt(mp / aspect)));
  cv::Mat m;
  switch (i % 4) {
    case 0: {
      m.create(sz, CV_8UC3);
      for (int y = 0; y < sz.height; y += demo.rows)
        for (int x = 0; x < sz.width; x += demo.cols) {
          const cv::Rect r(x, y, std::min(demo.cols, sz.width - x), std::min(demo.rows, sz.height - y));
          demo(cv::Rect(0, 0, r.width, r.height)).copyTo(m(r));
        }
      shade(m, 0.75, 1.1, 0, rng);
      addNoise(m, rng.uniform(2.0, 6.0), rng);
      break;
    }
    case 1:
      m = drawnBatik(sz, rng);
      shade(m, 0.7, 1.05, 0, rng);
      addNoise(m, rng.uniform(3.0, 8.0), rng);
      break;
    case 2:
      m = manyColours(sz, rng);
      addNoise(m, rng.uniform(1.0, 4.0), rng);
      break;
    default:
      cv::resize(demo, m, sz, 0, 0, cv::INTER_LINEAR);
      shade(m, 0.8, 1.05, rng.uniform(2, 6), rng);
      addNoise(m, rng.uniform(1.0, 3.0), rng);
  }
  return m;
}

}  // namespace canting::bench
