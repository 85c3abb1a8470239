#include "support/cloth_photo.h"

#include <cmath>
#include <random>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace canting::test {

ClothPhoto photographCloth(imaging::MotifKind kind, const ClothPhotoOptions& o) {
  ClothPhoto out;
  imaging::MotifParams p;
  p.size = o.size;
  p.dpi = o.dpi;
  p.seed = o.seed;
  out.layers = *imaging::generateMotif(kind, p);
  auto tile = [&](cv::Mat& m) {
    cv::Mat t;
    cv::repeat(m, o.repeats.height, o.repeats.width, t);
    m = t;
  };
  if (o.plain) {
    out.layers.outline.setTo(0);
    out.layers.isen.setTo(0);
  }
  tile(out.layers.outline);
  tile(out.layers.isen);
  tile(out.layers.ground);
  out.lines = out.layers.outline | out.layers.isen;
  // Dyed cloth: soga ground, the waxed lines kept light (gading), isen a
  // little darker where the dye crept under thinner wax.
  cv::Mat f(out.lines.size(), CV_32FC3, cv::Scalar(38, 62, 96));
  f.setTo(cv::Scalar(170, 205, 222), out.layers.outline);
  f.setTo(cv::Scalar(140, 176, 200), out.layers.isen);
  const double pxPerMm = o.dpi / 25.4;
  cv::GaussianBlur(f, f, cv::Size(), 0.08 * pxPerMm);  // the lens
  std::mt19937 rng(o.seed);
  std::normal_distribution<float> thread(1.0f, 0.05f), sensor(0.0f, float(o.noise));
  std::vector<float> warp(std::size_t(f.cols)), weft(std::size_t(f.rows));
  for (auto& v : warp) v = thread(rng);
  for (auto& v : weft) v = thread(rng);
  const double pitch = o.weaveMm * pxPerMm;
  for (int y = 0; y < f.rows; ++y) {
    auto* row = f.ptr<cv::Vec3f>(y);
    for (int x = 0; x < f.cols; ++x) {
      // Plain weave: threads alternate over and under; light falls off from
      // the top left to about 55 % at the far corner.
      const double weave = 1 + 0.14 * std::sin(2 * M_PI * x / pitch) * std::sin(2 * M_PI * y / pitch);
      const double light = 1.1 - 0.45 * (0.6 * x / f.cols + 0.4 * y / f.rows);
      const double g = weave * light * warp[std::size_t(x)] * weft[std::size_t(y)];
      for (int c = 0; c < 3; ++c) row[x][c] = float(row[x][c] * g + sensor(rng));
    }
  }
  cv::Mat bgr;
  f.convertTo(bgr, CV_8UC3);
  std::vector<std::uint8_t> jpeg;
  cv::imencode(".jpg", bgr, jpeg, {cv::IMWRITE_JPEG_QUALITY, o.jpegQuality});
  out.photo = cv::imdecode(jpeg, cv::IMREAD_COLOR);
  return out;
}

cv::Mat maskEdges(const cv::Mat& mask) {
  cv::Mat inner;
  cv::erode(mask, inner, cv::getStructuringElement(cv::MORPH_CROSS, cv::Size(3, 3)), cv::Point(-1, -1), 1, cv::BORDER_REPLICATE);
  return mask & ~inner;
}

double shareWithin(const cv::Mat& a, const cv::Mat& b, double px) {
  const int total = cv::countNonZero(a);
  if (!total) return 0;
  cv::Mat d;
  cv::distanceTransform(~b, d, cv::DIST_L2, 5);
  return double(cv::countNonZero((d <= px) & a)) / total;
}

}  // namespace canting::test
