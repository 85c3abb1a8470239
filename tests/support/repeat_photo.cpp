#include "support/repeat_photo.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/photo.h"

namespace canting::test {

namespace {

cv::Point2d apply(const cv::Matx33d& h, cv::Point2d p) {
  const cv::Vec3d v = h * cv::Vec3d(p.x, p.y, 1);
  return {v[0] / v[2], v[1] / v[2]};
}

}  // namespace

cv::Mat repeatTile(imaging::MotifKind motif, cv::Size size, std::uint32_t seed) {
  imaging::MotifParams p;
  p.size = std::max(size.width, size.height);
  p.dpi = p.size / (10 / 2.54);  // a 10 cm repeat: lines of 1.5 % of the tile
  p.seed = seed;
  auto layers = imaging::generateMotif(motif, p);
  cv::Mat outline = layers->outline, isen = layers->isen;
  if (size.width != p.size || size.height != p.size) {
    cv::resize(outline, outline, size, 0, 0, cv::INTER_AREA);
    cv::resize(isen, isen, size, 0, 0, cv::INTER_AREA);
  }
  // White cloth, soga isen, dark klowong, with the layers' antialiased edges.
  cv::Mat tile(size, CV_8UC3);
  const cv::Vec3d white(255, 255, 255), soga(50, 110, 170), dark(40, 50, 70);
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x) {
      const double o = outline.at<uchar>(y, x) / 255.0, i = isen.at<uchar>(y, x) / 255.0 * (1 - o);
      const cv::Vec3d c = white * (1 - o - i) + soga * i + dark * o;
      tile.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(c[0]), cv::saturate_cast<uchar>(c[1]), cv::saturate_cast<uchar>(c[2]));
    }
  // The generators draw several units of a motif in one tile; a flower and a
  // leaf once per tile make the tile the repeat, as on a real cloth.
  const double r = 0.16 * std::min(size.width, size.height);
  const cv::Point flower(int(0.3 * size.width), int(0.35 * size.height));
  cv::circle(tile, flower, int(r), cv::Scalar(50, 110, 170), cv::FILLED, cv::LINE_AA);
  cv::circle(tile, flower, int(r), cv::Scalar(40, 50, 70), std::max(2, int(r / 8)), cv::LINE_AA);
  cv::circle(tile, flower, int(r / 3), cv::Scalar(255, 255, 255), cv::FILLED, cv::LINE_AA);
  cv::ellipse(tile, cv::Point(int(0.72 * size.width), int(0.7 * size.height)), cv::Size(int(r * 0.9), int(r * 0.4)), 35, 0, 360,
              cv::Scalar(40, 50, 70), cv::FILLED, cv::LINE_AA);
  return tile;
}

RepeatPhoto makeRepeatPhoto(const RepeatPhotoSpec& s) {
  RepeatPhoto out;
  out.tile = s.tile.empty() ? repeatTile(s.motif, s.tileSize, s.seed) : s.tile;
  std::mt19937 rng(s.seed);
  std::uniform_real_distribution<double> uni(-1, 1);
  const double W = s.photoSize.width, H = s.photoSize.height;
  // The cloth under the whole photo, whatever the turn and the perspective.
  const int side = int(std::ceil(std::hypot(W, H) / s.scale * (1 + 2 * s.perspective) + 4 * std::max(s.tileSize.width, s.tileSize.height)));
  const cv::Mat cloth = imaging::renderRepeat(out.tile, s.repeat, cv::Size(side, side));
  // Cloth to photo: turn and scale about the centres, then a mild keystone.
  const double th = s.rotationDeg * std::numbers::pi / 180;
  const double c = std::cos(th) * s.scale, sn = std::sin(th) * s.scale;
  const cv::Point2d cq(side / 2.0 + 0.37 * s.tileSize.width, side / 2.0 + 0.21 * s.tileSize.height), cp(W / 2, H / 2);
  const cv::Matx33d sim(c, -sn, cp.x - (c * cq.x - sn * cq.y), sn, c, cp.y - (sn * cq.x + c * cq.y), 0, 0, 1);
  std::array<cv::Point2f, 4> from = {cv::Point2f(0, 0), cv::Point2f(float(W), 0), cv::Point2f(float(W), float(H)), cv::Point2f(0, float(H))};
  std::array<cv::Point2f, 4> to = from;
  for (cv::Point2f& p : to) p += cv::Point2f(float(uni(rng) * s.perspective * W), float(uni(rng) * s.perspective * H));
  const cv::Matx33d persp(cv::getPerspectiveTransform(from.data(), to.data()));
  const cv::Matx33d h = persp * sim;
  cv::Mat photo;
  cv::warpPerspective(cloth, photo, cv::Mat(h), s.photoSize, cv::INTER_AREA, cv::BORDER_REFLECT_101);
  // The truth: the lattice carried by the map's derivative at the photo's centre.
  const cv::Point2d q = apply(h.inv(), cp);
  const double tw = s.tileSize.width, tht = s.tileSize.height;
  cv::Point2d la(tw, 0), lb(0, tht);
  if (s.repeat.layout == imaging::RepeatLayout::HalfDrop) la = {tw, s.repeat.drop * tht};
  if (s.repeat.layout == imaging::RepeatLayout::HalfBrick) lb = {s.repeat.drop * tw, tht};
  const auto carry = [&](cv::Point2d v) { return (apply(h, q + v * 0.01) - apply(h, q - v * 0.01)) * 50.0; };
  out.a = carry(la);
  out.b = carry(lb);

  cv::Mat f;
  photo.convertTo(f, CV_32FC3);
  cv::GaussianBlur(f, f, cv::Size(), 0.6);  // the lens
  // The light: falling off towards one corner, a vignette, folds with their shadows.
  cv::Mat shade(photo.size(), CV_32F);
  struct Fold {
    cv::Point2d p, n;
    double width, depth;
  };
  std::vector<Fold> folds;
  for (int i = 0; i < s.folds; ++i) {
    const double ang = uni(rng) * std::numbers::pi;
    folds.push_back({{W / 2 + uni(rng) * W * 0.35, H / 2 + uni(rng) * H * 0.35}, {std::cos(ang), std::sin(ang)}, 10 + 8 * (uni(rng) + 1), 0.25 + 0.1 * uni(rng)});
  }
  const double gx = uni(rng), gy = uni(rng);
  for (int y = 0; y < photo.rows; ++y)
    for (int x = 0; x < photo.cols; ++x) {
      const double u = x / W - 0.5, v = y / H - 0.5;
      double k = 1 - s.lightFalloff * (0.5 + 0.5 * (gx * u + gy * v)) - 0.3 * s.lightFalloff * (u * u + v * v);
      for (const Fold& fo : folds) {
        const double d = (x - fo.p.x) * fo.n.x + (y - fo.p.y) * fo.n.y;
        k *= 1 - fo.depth * std::exp(-d * d / (2 * fo.width * fo.width)) + 0.08 * std::exp(-(d - 2 * fo.width) * (d - 2 * fo.width) / (2 * fo.width * fo.width));
      }
      // The weave: threads a few pixels apart.
      k *= 1 + s.weave * 0.08 * std::sin(2 * std::numbers::pi * x / 3.1) * std::sin(2 * std::numbers::pi * y / 3.3);
      shade.at<float>(y, x) = float(std::max(0.05, k));
    }
  cv::Mat shade3;
  cv::merge(std::vector<cv::Mat>{shade, shade, shade}, shade3);
  f = f.mul(shade3);
  f = f.mul(cv::Scalar(s.cast[0], s.cast[1], s.cast[2]));
  if (s.noise > 0) {
    cv::Mat n(f.size(), CV_32FC3);
    cv::theRNG().state = s.seed * 7919ull + 1;
    cv::randn(n, cv::Scalar::all(0), cv::Scalar::all(s.noise));
    f += n;
  }
  f.convertTo(out.photo, CV_8UC3);
  if (s.jpegQuality > 0) {
    std::vector<uchar> bytes;
    cv::imencode(".jpg", out.photo, bytes, {cv::IMWRITE_JPEG_QUALITY, s.jpegQuality});
    out.photo = cv::imdecode(bytes, cv::IMREAD_COLOR);
  }
  return out;
}

LatticeError compareLattices(cv::Point2d ta, cv::Point2d tb, cv::Point2d fa, cv::Point2d fb) {
  imaging::reduceBasis(ta, tb);
  imaging::reduceBasis(fa, fb);
  LatticeError e;
  const std::vector<cv::Point2d> found = {fa, -fa, fb, -fb, fa + fb, -fa - fb, fa - fb, fb - fa};
  for (cv::Point2d t : {ta, tb}) {
    const cv::Point2d* best = &found[0];
    for (const cv::Point2d& f : found)
      if (cv::norm(f - t) < cv::norm(*best - t)) best = &f;
    const double lt = cv::norm(t), lf = cv::norm(*best);
    e.length = std::max(e.length, std::abs(lf - lt) / lt);
    const double cosang = std::clamp(t.dot(*best) / (lt * std::max(lf, 1e-9)), -1.0, 1.0);
    e.angleDeg = std::max(e.angleDeg, std::acos(cosang) * 180 / std::numbers::pi);
  }
  e.areaRatio = std::abs(fa.x * fb.y - fa.y * fb.x) / std::abs(ta.x * tb.y - ta.y * tb.x);
  return e;
}

RepeatPhotoSpec phonePhotoSpec(cv::Size photoSize, double scale) {
  RepeatPhotoSpec s;
  s.photoSize = photoSize;
  s.scale = scale;
  s.rotationDeg = 5;
  s.lightFalloff = 0.3;
  s.cast = {0.9, 1.0, 1.1};
  s.weave = 0.3;
  s.noise = 3;
  s.jpegQuality = 85;
  return s;
}

cv::Mat dyedTile(const imaging::DyeBook& book, imaging::MotifKind motif, const std::string& planJson, int sizePx, double dpi, double seepageMm) {
  imaging::MotifParams mp;
  mp.size = sizePx;
  mp.dpi = dpi;
  mp.lineMm = 2.0;
  mp.isenMm = 1.6;
  auto m = imaging::generateMotif(motif, mp);
  auto plan = imaging::parsePlan(planJson, book);
  if (!m || !plan) return {};
  auto st = imaging::simulate(*plan, {m->outline, m->isen, m->ground}, book, {.dpi = dpi, .seepageMm = seepageMm});
  return st ? imaging::renderCloth(st->back()) : cv::Mat();
}

}  // namespace canting::test
