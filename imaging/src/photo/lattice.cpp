// Finding a photographed cloth's lattice. The photo is compared with itself
// shifted by every lag at once (the autocorrelation, by FFT), normalised by
// the energy of the overlapping parts so that a lag where the cloth matches
// itself scores near 1 however uneven the light. The peaks are lattice
// points; the lattice is the finest one whose points all score high, fitted
// by least squares over many points so that the far peaks sharpen it.
// Index:
//   [SECTION] the signal
//   [SECTION] normalised autocorrelation
//   [SECTION] peaks
//   [SECTION] the lattice

#include "photo/lattice.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/photo.h"

namespace canting::imaging::photo {

namespace {

// [SECTION] the signal

// A repeat smaller than this (analysis pixels) is the weave or the noise, not a motif.
constexpr double kMinPeriod = 6.0;

double cross(cv::Point2d a, cv::Point2d b) { return a.x * b.y - a.y * b.x; }
double len(cv::Point2d v) { return std::hypot(v.x, v.y); }

// [SECTION] normalised autocorrelation

// r(d) = sum f(p) f(p+d) / sqrt(sum f(p)^2 * sum f(p+d)^2) over the overlap,
// for lags up to half the image each way (at least half of it overlaps).
struct Correlation {
  cv::Mat r;  // CV_32F, (2 lx + 1) x (2 ly + 1), lag (0,0) at (lx, ly)
  int lx = 0, ly = 0;

  float at(int dx, int dy) const { return r.at<float>(dy + ly, dx + lx); }
  bool inside(cv::Point2d d, double margin = 1) const {
    return std::abs(d.x) <= lx - margin && std::abs(d.y) <= ly - margin;
  }
};

cv::Mat forward(const cv::Mat& m, cv::Size padded) {
  cv::Mat p = cv::Mat::zeros(padded, CV_32F);
  m.copyTo(p(cv::Rect(0, 0, m.cols, m.rows)));
  cv::Mat f;
  cv::dft(p, f);
  return f;
}

// sum_p x(p) y(p + d), every lag, as a padded real image.
cv::Mat correlate(const cv::Mat& fx, const cv::Mat& fy) {
  cv::Mat prod, out;
  cv::mulSpectrums(fy, fx, prod, 0, true);
  cv::dft(prod, out, cv::DFT_INVERSE | cv::DFT_REAL_OUTPUT | cv::DFT_SCALE);
  return out;
}

Correlation autocorrelate(const cv::Mat& f) {
  Correlation c;
  c.lx = f.cols / 2;
  c.ly = f.rows / 2;
  const cv::Size padded(cv::getOptimalDFTSize(f.cols + c.lx + 1), cv::getOptimalDFTSize(f.rows + c.ly + 1));
  const cv::Mat mask = cv::Mat::ones(f.size(), CV_32F);
  const cv::Mat ff = forward(f, padded), fm = forward(mask, padded), f2 = forward(f.mul(f), padded);
  const cv::Mat ac = correlate(ff, ff);
  const cv::Mat e1 = correlate(f2, fm);  // energy of the part that moves onto the image
  const cv::Mat e2 = correlate(fm, f2);  // energy of the part it lands on
  c.r.create(2 * c.ly + 1, 2 * c.lx + 1, CV_32F);
  for (int dy = -c.ly; dy <= c.ly; ++dy)
    for (int dx = -c.lx; dx <= c.lx; ++dx) {
      const int px = (dx + padded.width) % padded.width, py = (dy + padded.height) % padded.height;
      const double den = std::sqrt(std::max(0.0, double(e1.at<float>(py, px))) * std::max(0.0, double(e2.at<float>(py, px))));
      c.r.at<float>(dy + c.ly, dx + c.lx) = den > 1e-9 ? float(ac.at<float>(py, px) / den) : 0.f;
    }
  return c;
}

// A cloth with no detail at all (a perfectly even colour): what is left of
// the signal is rounding, and rounding correlates perfectly with itself.
bool flat(const cv::Mat& f) {
  cv::Scalar mean, sd;
  cv::meanStdDev(f, mean, sd);
  return sd[0] < 1e-3;  // a tenth of a percent of contrast
}

// [SECTION] peaks

struct Peak {
  cv::Point2d at;
  double value = -1;
};

// A parabola through the peak and its neighbours, in x and in y.
Peak refine(const Correlation& c, int x, int y) {
  Peak p{cv::Point2d(x, y), c.at(x, y)};
  if (std::abs(x) >= c.lx || std::abs(y) >= c.ly) return p;
  const double l = c.at(x - 1, y), m = c.at(x, y), r = c.at(x + 1, y);
  const double u = c.at(x, y - 1), d = c.at(x, y + 1);
  const double denx = l - 2 * m + r, deny = u - 2 * m + d;
  if (denx < 0) p.at.x += std::clamp(0.5 * (l - r) / denx, -0.5, 0.5);
  if (deny < 0) p.at.y += std::clamp(0.5 * (u - d) / deny, -0.5, 0.5);
  return p;
}

// The strongest lag within `radius` of `pred`: where a lattice point really
// is when perspective and folds have moved it a little.
Peak peakNear(const Correlation& c, cv::Point2d pred, double radius) {
  Peak best;
  if (!c.inside(pred, radius + 1)) return best;
  const int x0 = int(std::floor(pred.x - radius)), x1 = int(std::ceil(pred.x + radius));
  const int y0 = int(std::floor(pred.y - radius)), y1 = int(std::ceil(pred.y + radius));
  int bx = 0, by = 0;
  for (int y = y0; y <= y1; ++y)
    for (int x = x0; x <= x1; ++x) {
      if ((x - pred.x) * (x - pred.x) + (y - pred.y) * (y - pred.y) > radius * radius) continue;
      if (c.at(x, y) > best.value) {
        best.value = c.at(x, y);
        bx = x;
        by = y;
      }
    }
  return best.value > -1 ? refine(c, bx, by) : best;
}

std::vector<Peak> localMaxima(const Correlation& c, std::size_t keep) {
  cv::Mat dil;
  cv::dilate(c.r, dil, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  std::vector<Peak> peaks;
  for (int dy = 0; dy < c.ly; ++dy)
    for (int dx = -c.lx + 1; dx < c.lx; ++dx) {
      if (dy == 0 && dx <= 0) continue;  // r is symmetric: one half-plane holds every peak
      if (std::hypot(dx, dy) < kMinPeriod) continue;
      const float v = c.at(dx, dy);
      if (v < 0.08f || v < dil.at<float>(dy + c.ly, dx + c.lx)) continue;
      peaks.push_back(refine(c, dx, dy));
    }
  std::sort(peaks.begin(), peaks.end(), [](const Peak& p, const Peak& q) { return p.value > q.value; });
  if (peaks.size() > keep) peaks.resize(keep);
  return peaks;
}

// [SECTION] the lattice

double searchRadius(cv::Point2d v) { return std::max(1.5, 0.06 * std::hypot(v.x, v.y)); }

// How alike the photo is to itself moved by the lattice's vectors: the mean
// of the correlation over the lattice's points within a common radius (at
// least a, b, a+b and a-b). A finer false lattice (the motif's own units
// without the tile's one-off flowers) loses on the points that are not
// repeats; a coarser one (every second repeat) keeps the same mean, so the
// finest lattice within a whisker of the best is the repeat.
double latticeScore(const Correlation& c, cv::Point2d a, cv::Point2d b) {
  const double radius = std::max(0.6 * std::min(c.lx, c.ly), 1.05 * std::max(len(a + b), len(a - b)));
  double sum = 0;
  int seen = 0;
  for (int m = 0; m <= 8; ++m)
    for (int n = -8; n <= 8; ++n) {
      if (m == 0 && n <= 0) continue;
      const cv::Point2d v = double(n) * a + double(m) * b;
      if (len(v) > radius || !c.inside(v, searchRadius(v) + 1)) continue;
      sum += peakNear(c, v, searchRadius(v)).value;
      ++seen;
    }
  return seen >= 2 ? sum / seen : -1;
}

// Least squares over the lattice points n a + m b that are clearly there.
void fitLattice(const Correlation& c, cv::Point2d& a, cv::Point2d& b, double score) {
  for (int round = 0; round < 3; ++round) {
    cv::Matx22d nn(0, 0, 0, 0);
    cv::Matx22d nq(0, 0, 0, 0);  // rows: n-weighted, m-weighted; columns: x, y
    int used = 0;
    const double radius = std::max(1.5, 0.08 * std::min(std::hypot(a.x, a.y), std::hypot(b.x, b.y)));
    for (int m = 0; m <= 4; ++m)
      for (int n = -4; n <= 4; ++n) {
        if (m == 0 && n <= 0) continue;
        const cv::Point2d pred = double(n) * a + double(m) * b;
        const Peak p = peakNear(c, pred, radius);
        if (p.value < 0.5 * score) continue;
        const double w = p.value;
        nn(0, 0) += w * n * n, nn(0, 1) += w * n * m, nn(1, 1) += w * m * m;
        nq(0, 0) += w * n * p.at.x, nq(0, 1) += w * n * p.at.y;
        nq(1, 0) += w * m * p.at.x, nq(1, 1) += w * m * p.at.y;
        ++used;
      }
    nn(1, 0) = nn(0, 1);
    if (used < 3 || std::abs(cv::determinant(nn)) < 1e-9) return;
    const cv::Matx22d sol = nn.inv() * nq;
    a = cv::Point2d(sol(0, 0), sol(0, 1));
    b = cv::Point2d(sol(1, 0), sol(1, 1));
  }
}

}  // namespace

Analysis analyse(const cv::Mat& bgr8, int side) {
  Analysis an;
  const double s = std::min(1.0, double(side) / std::max(bgr8.cols, bgr8.rows));
  const cv::Size small(std::max(1, int(std::lround(bgr8.cols * s))), std::max(1, int(std::lround(bgr8.rows * s))));
  an.sx = double(small.width) / bgr8.cols;
  an.sy = double(small.height) / bgr8.rows;
  cv::Mat grey, lum;
  cv::cvtColor(bgr8, grey, cv::COLOR_BGR2GRAY);
  cv::resize(grey, grey, small, 0, 0, cv::INTER_AREA);
  grey.convertTo(an.luminance, CV_32F);
  lum = an.luminance / 255;
  // Flat field and high pass in one: the photo over its own heavy blur. Uneven
  // light and fold shadows multiply the cloth, so dividing them out leaves
  // the motif's contrast the same all over.
  cv::Mat light;
  cv::GaussianBlur(lum, light, cv::Size(), std::max(small.width, small.height) / 10.0);
  cv::Mat hp = (lum - light) / (light + 0.05);
  // JPEG blocks, the weave and sensor noise are finer than any raport.
  cv::GaussianBlur(hp, an.signal, cv::Size(), 0.8);
  return an;
}

Lattice findLattice(const cv::Mat& f) {
  Lattice out;
  if (f.cols < 4 * kMinPeriod || f.rows < 4 * kMinPeriod || flat(f)) return out;
  const Correlation c = autocorrelate(f);
  const std::vector<Peak> peaks = localMaxima(c, 64);
  struct Candidate {
    cv::Point2d a, b;
    double score, area;
  };
  std::vector<Candidate> cands;
  for (std::size_t i = 0; i < peaks.size(); ++i)
    for (std::size_t j = i + 1; j < peaks.size(); ++j) {
      cv::Point2d a = peaks[i].at, b = peaks[j].at;
      const double la = std::hypot(a.x, a.y), lb = std::hypot(b.x, b.y);
      if (std::abs(cross(a, b)) < 0.25 * la * lb) continue;  // nearly collinear
      reduceBasis(a, b);
      if (std::hypot(a.x, a.y) < kMinPeriod) continue;
      // Many pairs span the same lattice; score each lattice once.
      const auto same = [&](const Candidate& k) {
        const auto near = [](cv::Point2d p, cv::Point2d q) { return len(p - q) < 1.5 || len(p + q) < 1.5; };
        return (near(k.a, a) && near(k.b, b)) || (near(k.a, b) && near(k.b, a));
      };
      if (std::any_of(cands.begin(), cands.end(), same)) continue;
      const double s = latticeScore(c, a, b);
      cands.push_back({a, b, s, std::abs(cross(a, b))});
    }
  if (cands.empty()) return out;
  double best = 0;
  for (const Candidate& k : cands) best = std::max(best, k.score);
  if (best <= 0.05) return out;
  // The best-scoring lattice, or a finer one that ties with it: a coarser
  // lattice (every second repeat) scores a little worse, never better, and a
  // finer false one (the motif's own units, without the tile's one-off
  // flowers) scores clearly worse.
  const Candidate* pick = nullptr;
  for (const Candidate& k : cands)
    if (k.score >= 0.95 * best && (!pick || k.area < pick->area * 0.97 || (k.area < pick->area * 1.03 && k.score > pick->score))) pick = &k;
  out.a = pick->a;
  out.b = pick->b;
  fitLattice(c, out.a, out.b, pick->score);
  reduceBasis(out.a, out.b);
  out.confidence = std::clamp(latticeScore(c, out.a, out.b), 0.0, 1.0);
  out.found = true;
  return out;
}

double scoreLattice(const cv::Mat& f, cv::Point2d a, cv::Point2d b) {
  if (f.cols < 4 * kMinPeriod || f.rows < 4 * kMinPeriod || flat(f) || std::abs(cross(a, b)) < 1) return 0;
  return std::clamp(latticeScore(autocorrelate(f), a, b), 0.0, 1.0);
}

}  // namespace canting::imaging::photo

namespace canting::imaging {

void reduceBasis(cv::Point2d& a, cv::Point2d& b) {
  const auto len2 = [](cv::Point2d v) { return v.dot(v); };
  if (len2(a) > len2(b)) std::swap(a, b);
  for (int guard = 0; guard < 64 && len2(a) > 0; ++guard) {
    const double mu = std::round(a.dot(b) / len2(a));
    b -= mu * a;
    if (len2(b) >= len2(a)) break;
    std::swap(a, b);
  }
  if (a.x < 0 || (a.x == 0 && a.y < 0)) a = -a;
  // b on the side that makes a right-handed pair in image coordinates (y down: clockwise on screen).
  if (a.x * b.y - a.y * b.x < 0) b = -b;
}

}  // namespace canting::imaging
