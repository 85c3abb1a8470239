// The repeat of a photographed cloth: from its lattice (photo/lattice.cpp)
// to one seamless, rectified tile and how it repeats.
// Index:
//   [SECTION] layout: a rectangle the lattice repeats on
//   [SECTION] origin: the calmest place for the tile's corner
//   [SECTION] cutting the tile
//   [SECTION] findRaport, cutRaport

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/photo.h"
#include "photo/lattice.h"
#include "photo/light.h"

namespace canting::imaging {

namespace {

double cross(cv::Point2d a, cv::Point2d b) { return a.x * b.y - a.y * b.x; }
double len(cv::Point2d v) { return std::hypot(v.x, v.y); }

// [SECTION] layout: a rectangle the lattice repeats on

// The tile's frame in the photo: tile pixel (x, y) is at origin + x ex + y ey.
struct Frame {
  cv::Point2d ex, ey;
  int w = 0, h = 0;
  RepeatSpec repeat;
};

// Cloth is printed and woven along its edges, so its lattice has a pair of
// (nearly) perpendicular vectors, one along the rows, one down the columns.
// The rectangle on them holds k lattice points: k = 1 is a straight repeat,
// k = 2 a half-drop or half-brick (the same lattice; the squarer tile wins),
// k = 3, 4 a drop of 1/3 or 1/4. A lattice with no such pair is cut as its
// own parallelogram, sheared to a rectangle (still a straight repeat).
Frame chooseFrame(cv::Point2d a, cv::Point2d b) {
  const double cell = std::abs(cross(a, b));
  std::vector<cv::Point2d> vs;
  for (int n = -4; n <= 4; ++n)
    for (int m = -4; m <= 4; ++m)
      if (n || m) vs.push_back(double(n) * a + double(m) * b);
  cv::Point2d bestH, bestV;
  int bestK = 0;
  double bestLen = 0;
  for (cv::Point2d h : vs) {
    if (h.x <= 0 || std::abs(h.y) > h.x) continue;  // within 45 degrees of the rows
    for (cv::Point2d v : vs) {
      if (v.y <= 0 || std::abs(v.x) > v.y) continue;
      if (std::abs(h.dot(v)) > 0.1 * len(h) * len(v)) continue;
      const double ratio = std::abs(cross(h, v)) / cell;
      const int k = int(std::lround(ratio));
      if (k < 1 || k > 4 || std::abs(ratio - k) > 0.1) continue;
      if (!bestK || k < bestK || (k == bestK && len(h) + len(v) < bestLen)) {
        bestK = k;
        bestLen = len(h) + len(v);
        bestH = h;
        bestV = v;
      }
    }
  }
  Frame f;
  if (!bestK) {
    // The more horizontal of a and b along the rows.
    cv::Point2d h = std::abs(a.x) * len(b) >= std::abs(b.x) * len(a) ? a : b;
    cv::Point2d v = h == a ? b : a;
    if (h.x < 0) h = -h;
    if (v.y < 0) v = -v;
    bestH = h, bestV = v, bestK = 1;
  }
  const cv::Point2d h = bestH, v = bestV;
  const int k = bestK;
  auto frame = [&](cv::Point2d colStep, cv::Point2d rowStep, RepeatSpec spec) {
    f.w = std::max(1, int(std::lround(len(colStep))));
    f.h = std::max(1, int(std::lround(len(rowStep))));
    f.ex = colStep / double(f.w);
    f.ey = rowStep / double(f.h);
    f.repeat = spec;
  };
  if (k == 1) {
    frame(h, v, {});
    return f;
  }
  // The lattice's coordinates in (h, v): a drop is a point at h/k (+ t v),
  // a brick a point at v/k (+ s h).
  const double det = cross(h, v);
  std::optional<double> drop, shift;
  for (cv::Point2d p : vs) {
    const double al = cross(p, v) / det, be = cross(h, p) / det;
    const double fa = al - std::floor(al), fb = be - std::floor(be);
    if (std::abs(fa - 1.0 / k) < 0.02 && fb > 0.02 && fb < 0.98) drop = fb;
    if (std::abs(fb - 1.0 / k) < 0.02 && fa > 0.02 && fa < 0.98) shift = fa;
  }
  const auto squareness = [](double w, double hh) { return std::max(w, hh) / std::max(1e-9, std::min(w, hh)); };
  const bool dropFits = drop.has_value(), brickFits = shift.has_value();
  const bool useDrop = dropFits && (!brickFits || squareness(len(h) / k, len(v)) <= squareness(len(h), len(v) / k));
  if (useDrop) frame(h / double(k), v, {RepeatLayout::HalfDrop, *drop});
  else if (brickFits) frame(h, v / double(k), {RepeatLayout::HalfBrick, *shift});
  else frame(a, b, {});  // no rectangle: the parallelogram itself
  return f;
}

// [SECTION] origin: the calmest place for the tile's corner

// Where the tile's edges cut the motif least: the image's detail folded into
// one lattice cell, and the corner put where the folded detail is lowest.
cv::Point2d calmestPoint(const cv::Mat& signal, cv::Point2d a, cv::Point2d b) {
  cv::Mat gx, gy, energy;
  cv::Sobel(signal, gx, CV_32F, 1, 0);
  cv::Sobel(signal, gy, CV_32F, 0, 1);
  energy = gx.mul(gx) + gy.mul(gy);
  constexpr int kBins = 24;
  cv::Mat sum = cv::Mat::zeros(kBins, kBins, CV_64F), count = cv::Mat::zeros(kBins, kBins, CV_64F);
  const double det = cross(a, b);
  if (std::abs(det) < 1e-9) return {0, 0};
  for (int y = 0; y < signal.rows; ++y)
    for (int x = 0; x < signal.cols; ++x) {
      const cv::Point2d p(x, y);
      double u = cross(p, b) / det, v = cross(a, p) / det;
      u -= std::floor(u);
      v -= std::floor(v);
      const int bu = std::min(kBins - 1, int(u * kBins)), bv = std::min(kBins - 1, int(v * kBins));
      sum.at<double>(bv, bu) += energy.at<float>(y, x);
      count.at<double>(bv, bu) += 1;
    }
  cv::Mat mean = sum / cv::max(count, 1.0);
  // A corner is good when its neighbourhood is calm too: blur on the torus.
  cv::Mat wrapped;
  cv::copyMakeBorder(mean, wrapped, 3, 3, 3, 3, cv::BORDER_WRAP);
  cv::GaussianBlur(wrapped, wrapped, cv::Size(7, 7), 1.5);
  cv::Point lo;
  cv::minMaxLoc(wrapped(cv::Rect(3, 3, kBins, kBins)), nullptr, nullptr, &lo);
  return (lo.x + 0.5) / kBins * a + (lo.y + 0.5) / kBins * b;
}

// [SECTION] cutting the tile

// One cell of the photo mapped onto the tile (CV_32FC3), blended near its
// right and bottom edges with what lies just before its left and top edges
// (the same cloth one repeat earlier), so the tile meets its neighbours
// without a seam even where the photo's lattice drifts a little. Each sample
// is lit up to the photo's brightest light, so a lamp's fall-off across the
// cell does not come back as a step at every repeat.
struct Blend {
  cv::Point2d lr, ld;  // the photo's lattice vectors to the next tile right and down
  double mx = 1, my = 1;
};

Blend blendFor(const Frame& f, double marginFrac) {
  Blend b;
  b.lr = double(f.w) * f.ex + (f.repeat.layout == RepeatLayout::HalfDrop ? f.repeat.drop * f.h : 0.0) * f.ey;
  b.ld = double(f.h) * f.ey + (f.repeat.layout == RepeatLayout::HalfBrick ? f.repeat.drop * f.w : 0.0) * f.ex;
  b.mx = std::max(1.0, marginFrac * f.w);
  b.my = std::max(1.0, marginFrac * f.h);
  return b;
}

cv::Mat sampleCell(const cv::Mat& bgr, const Frame& f, cv::Point2d origin, const Blend& bl, const std::optional<photo::Light>& light) {
  cv::Mat maps[4][2], gains[4];
  const cv::Point2d shifts[4] = {{0, 0}, -bl.lr, -bl.ld, -bl.lr - bl.ld};
  for (int s = 0; s < 4; ++s) {
    maps[s][0].create(f.h, f.w, CV_32F);
    maps[s][1].create(f.h, f.w, CV_32F);
    gains[s].create(f.h, f.w, CV_32F);
  }
  for (int y = 0; y < f.h; ++y)
    for (int x = 0; x < f.w; ++x) {
      const cv::Point2d p = origin + (x + 0.5) * f.ex + (y + 0.5) * f.ey - cv::Point2d(0.5, 0.5);
      for (int s = 0; s < 4; ++s) {
        maps[s][0].at<float>(y, x) = float(p.x + shifts[s].x);
        maps[s][1].at<float>(y, x) = float(p.y + shifts[s].y);
        gains[s].at<float>(y, x) = light ? float(light->gain(p.x + shifts[s].x, p.y + shifts[s].y, bgr.cols, bgr.rows)) : 1.f;
      }
    }
  cv::Mat samples[4];
  for (int s = 0; s < 4; ++s) {
    cv::Mat m;
    cv::remap(bgr, m, maps[s][0], maps[s][1], cv::INTER_LINEAR, cv::BORDER_REFLECT_101);
    m.convertTo(samples[s], CV_32FC3);
  }
  cv::Mat out(f.h, f.w, CV_32FC3);
  for (int y = 0; y < f.h; ++y) {
    // 0 inside, rising to 1 at the far edge, smoothly.
    const double ty = std::clamp((y + 0.5 - (f.h - bl.my)) / bl.my, 0.0, 1.0);
    const double wy = ty * ty * (3 - 2 * ty);
    for (int x = 0; x < f.w; ++x) {
      const double tx = std::clamp((x + 0.5 - (f.w - bl.mx)) / bl.mx, 0.0, 1.0);
      const double wx = tx * tx * (3 - 2 * tx);
      const double w[4] = {(1 - wx) * (1 - wy), wx * (1 - wy), (1 - wx) * wy, wx * wy};
      cv::Vec3f& o = out.at<cv::Vec3f>(y, x);
      for (int c = 0; c < 3; ++c) {
        double v = 0;
        for (int s = 0; s < 4; ++s) v += w[s] * gains[s].at<float>(y, x) * samples[s].at<cv::Vec3f>(y, x)[c];
        o[c] = float(v);
      }
    }
  }
  return out;
}

// The grey picture of the frame's cell at `origin`, `pad` tile pixels wider
// on each side, at `scale` of the tile's size: for lining cells up.
cv::Mat greyCell(const cv::Mat& bgr, const Frame& f, cv::Point2d origin, double scale, int pad) {
  const int w = std::max(4, int(f.w * scale)) + 2 * pad, h = std::max(4, int(f.h * scale)) + 2 * pad;
  cv::Mat mx(h, w, CV_32F), my(h, w, CV_32F);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const cv::Point2d p = origin + ((x - pad) / scale) * f.ex + ((y - pad) / scale) * f.ey;
      mx.at<float>(y, x) = float(p.x);
      my.at<float>(y, x) = float(p.y);
    }
  cv::Mat colour, out;
  cv::remap(bgr, colour, mx, my, cv::INTER_LINEAR, cv::BORDER_REFLECT_101);
  cv::cvtColor(colour, out, cv::COLOR_BGR2GRAY);
  return out;
}

// The tile: the median of the cells round the middle one (each lined up on it
// by template matching, so a keystone's drift does not blur it), so a fold or
// a stain in one cell does not go into every repeat of the tile.
cv::Mat cutTile(const cv::Mat& bgr, const Frame& f, cv::Point2d origin, cv::Point2d a, cv::Point2d b, double marginFrac,
                const std::optional<photo::Light>& light) {
  const Blend bl = blendFor(f, marginFrac);
  std::vector<cv::Mat> cells = {sampleCell(bgr, f, origin, bl, light)};
  // Lined up at a size where a cell is about 96 pixels: enough to match, cheap on a 24 MP photo.
  const double scale = std::min(1.0, 96.0 / std::max(f.w, f.h));
  const int pad = std::max(2, int(std::ceil(0.05 * std::max(f.w, f.h) * scale)));
  const cv::Mat centre = greyCell(bgr, f, origin, scale, 0);
  const auto inside = [&](cv::Point2d o) {
    // The cell and the margins its seam blend reads (up to a drop before it).
    const double back = 1 + marginFrac;
    for (cv::Point2d p : {o - back * bl.lr - back * bl.ld, o + double(f.w) * f.ex - back * bl.ld, o - back * bl.lr + double(f.h) * f.ey,
                          o + double(f.w) * f.ex + double(f.h) * f.ey})
      if (p.x < 0 || p.y < 0 || p.x > bgr.cols - 1 || p.y > bgr.rows - 1) return false;
    return true;
  };
  for (int m = -1; m <= 1; ++m)
    for (int n = -1; n <= 1; ++n) {
      if (!n && !m) continue;
      const cv::Point2d o = origin + double(n) * a + double(m) * b;
      if (!inside(o)) continue;
      cv::Mat match;
      cv::matchTemplate(greyCell(bgr, f, o, scale, pad), centre, match, cv::TM_CCOEFF_NORMED);
      double best = 0;
      cv::Point at;
      cv::minMaxLoc(match, nullptr, &best, nullptr, &at);
      if (best < 0.5) continue;  // a cell unlike the middle one: a crease, a hand, the cloth's edge
      const cv::Point2d fix = ((at.x - pad) / scale) * f.ex + ((at.y - pad) / scale) * f.ey;
      cells.push_back(sampleCell(bgr, f, o + fix, bl, light));
    }
  cv::Mat out(f.h, f.w, CV_8UC3);
  std::vector<float> v(cells.size());
  for (int y = 0; y < f.h; ++y)
    for (int x = 0; x < f.w; ++x)
      for (int c = 0; c < 3; ++c) {
        for (std::size_t k = 0; k < cells.size(); ++k) v[k] = cells[k].at<cv::Vec3f>(y, x)[c];
        std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
        out.at<cv::Vec3b>(y, x)[c] = cv::saturate_cast<uchar>(v[v.size() / 2]);
      }
  return out;
}

}  // namespace

// [SECTION] findRaport, cutRaport

Raport findRaport(const cv::Mat& pixels, const RaportOptions& options) {
  Raport r;
  const cv::Mat bgr = photoToBgr8(pixels);
  r.tile = bgr;
  if (bgr.empty()) return r;
  const photo::Analysis an = photo::analyse(bgr, std::max(64, options.analysisSide));
  const photo::Lattice lat = photo::findLattice(an.signal);
  if (!lat.found) return r;
  // Back to the photo's pixels (the two axes were scaled apart by rounding).
  const auto full = [&](cv::Point2d v) { return cv::Point2d(v.x / an.sx, v.y / an.sy); };
  cv::Point2d a = full(lat.a), b = full(lat.b);
  reduceBasis(a, b);
  // A lattice that does not fit twice across the photo was not seen repeating.
  const double area = std::abs(cross(a, b));
  if (!(area > 0) || area * 4 > double(bgr.cols) * bgr.rows * 1.05) return r;
  const Frame f = chooseFrame(a, b);
  if (f.w < 2 || f.h < 2 || f.w > 4 * bgr.cols || f.h > 4 * bgr.rows) return r;
  r.found = true;
  r.a = a;
  r.b = b;
  r.confidence = lat.confidence;
  r.repeat = f.repeat;
  // The calmest corner (found small), moved by whole repeats to put the tile
  // in the middle of the photo, where the lens and the light are kindest.
  const cv::Point2d calm = calmestPoint(an.signal, lat.a, lat.b);
  const cv::Point2d o0(calm.x / an.sx, calm.y / an.sy);
  const cv::Point2d centre(bgr.cols / 2.0, bgr.rows / 2.0);
  const cv::Point2d want = centre - (f.w / 2.0) * f.ex - (f.h / 2.0) * f.ey - o0;
  const double det = cross(a, b);
  const double n = std::round(cross(want, b) / det), m = std::round(cross(a, want) / det);
  r.origin = o0 + n * a + m * b;
  if (r.confidence < options.minConfidence) return r;
  r.cut = true;
  r.tile = cutTile(bgr, f, r.origin, a, b, std::clamp(options.seamMargin, 0.0, 0.5), photo::fitLight(an.luminance));
  return r;
}

Raport cutRaport(const cv::Mat& pixels, cv::Point2d a, cv::Point2d b, cv::Point2d origin, const RaportOptions& options) {
  Raport r;
  const cv::Mat bgr = photoToBgr8(pixels);
  r.tile = bgr;
  if (bgr.empty() || !std::isfinite(a.x + a.y + b.x + b.y + origin.x + origin.y)) return r;
  reduceBasis(a, b);
  // At least a few pixels each way, and one cell no larger than the photo.
  const double area = std::abs(cross(a, b));
  if (len(a) < 4 || area < 16 || area > double(bgr.cols) * bgr.rows) return r;
  const Frame f = chooseFrame(a, b);
  if (f.w < 2 || f.h < 2 || f.w > 2 * bgr.cols || f.h > 2 * bgr.rows) return r;
  const photo::Analysis an = photo::analyse(bgr, std::max(64, options.analysisSide));
  r.found = r.cut = true;
  r.a = a;
  r.b = b;
  r.origin = origin;
  r.repeat = f.repeat;
  r.confidence = photo::scoreLattice(an.signal, cv::Point2d(a.x * an.sx, a.y * an.sy), cv::Point2d(b.x * an.sx, b.y * an.sy));
  r.tile = cutTile(bgr, f, origin, a, b, std::clamp(options.seamMargin, 0.0, 0.5), photo::fitLight(an.luminance));
  return r;
}

}  // namespace canting::imaging
