// Motifs generated as seamless tiles: outline and isen layers.
// Index:
//   [SECTION] drawing helpers
//   [SECTION] the motifs (kawung, parang, ceplok, stars, nitik, mega mendung, semen)
//   [SECTION] the lereng family without mlinjon (lereng, udan liris)
//   [SECTION] names and parameters
//   [SECTION] isen fill
//   [SECTION] layers and generation

#include "canting/imaging/motif.h"

#include <cmath>
#include <numbers>
#include <random>

#include <opencv2/imgproc.hpp>

namespace canting::imaging {

namespace {

// [SECTION] drawing helpers
constexpr double kPi = std::numbers::pi;
const cv::Scalar kOn(255);

int px(double mm, double dpi) { return std::max(1, int(std::lround(mm / 25.4 * dpi))); }

// Every element is drawn at its place and, shifted by the tile size, at the
// eight neighbouring places, so the tile repeats without seams.
template <class Draw>
void wrapped(int size, Draw draw) {
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) draw(cv::Point2d(dx * size, dy * size));
}

cv::Point pt(cv::Point2d p) { return cv::Point(int(std::lround(p.x * 16)), int(std::lround(p.y * 16))); }  // 4 fractional bits

void ellipse(cv::Mat& m, cv::Point2d c, cv::Size2d axes, double angle, int thickness) {
  cv::ellipse(m, pt(c), cv::Size(int(axes.width * 16), int(axes.height * 16)), angle, 0, 360, kOn, thickness, cv::LINE_AA, 4);
}

struct Canvas {
  int size;
  cv::Mat lines, shapes;  // outline strokes; areas that take isen
  explicit Canvas(int s) : size(s), lines(s, s, CV_8U, cv::Scalar(0)), shapes(s, s, CV_8U, cv::Scalar(0)) {}
};

// [SECTION] the motifs (kawung, parang, ceplok, stars, nitik, mega mendung, semen)
void kawung(Canvas& c, const MotifParams& p, int lw) {
  const int n = std::max(1, int(std::lround(2 * p.density)));
  const double cell = double(c.size) / n;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i)
      wrapped(c.size, [&](cv::Point2d o) {
        const cv::Point2d lp(i * cell + o.x, j * cell + o.y);
        for (int k = 0; k < 4; ++k) {
          const double a = (45 + 90 * k) * kPi / 180;
          const cv::Point2d ctr(lp.x + 0.34 * cell * std::cos(a), lp.y + 0.34 * cell * std::sin(a));
          ellipse(c.shapes, ctr, {0.30 * cell, 0.16 * cell}, 45 + 90 * k, cv::FILLED);
          ellipse(c.lines, ctr, {0.30 * cell, 0.16 * cell}, 45 + 90 * k, lw);
        }
        cv::circle(c.lines, pt(lp), int(0.07 * cell * 16), kOn, cv::FILLED, cv::LINE_AA, 4);
      });
}

void parang(Canvas& c, const MotifParams& p, int lw) {
  // Diagonal bands (lereng) with an S-curve along each; the curve's waves
  // divide the tile evenly, so the tile repeats.
  const int n = std::max(1, int(std::lround(2 * p.density)));
  const double band = double(c.size) / n;
  const int waves = std::max(2, n * 3);
  for (int k = -1; k <= n; ++k)
    wrapped(c.size, [&](cv::Point2d o) {
      auto line = [&](double offset, double amp, bool region) {
        std::vector<cv::Point> pts;
        for (int x = -c.size; x <= 2 * c.size; x += 4) {
          const double y = x + offset + amp * std::sin(2 * kPi * x * waves / c.size);
          pts.push_back(pt(cv::Point2d(x + o.x, y + o.y)));
        }
        if (!region) cv::polylines(c.lines, pts, false, kOn, lw, cv::LINE_AA, 4);
        return pts;
      };
      const double base = k * band;
      line(base, 0, false);                              // band edges
      line(base + 0.5 * band, 0.16 * band, false);       // the S (lereng) curve
      // Isen goes between the S-curve and the next edge.
      auto upper = line(base + 0.5 * band, 0.16 * band, true);
      auto lower = line(base + band, 0, true);
      std::vector<cv::Point> poly(upper.begin(), upper.end());
      poly.insert(poly.end(), lower.rbegin(), lower.rend());
      cv::fillPoly(c.shapes, std::vector<std::vector<cv::Point>>{poly}, kOn, cv::LINE_AA, 4);
      // Mlinjon: small diamonds between the edge and the S-curve.
      for (int m = 0; m < waves; ++m) {
        const double x = (m + 0.75) * c.size / waves;
        const cv::Point2d ctr(x + o.x, x + base + 0.22 * band + o.y);
        const double r = 0.07 * band;
        std::vector<cv::Point> d = {pt(ctr + cv::Point2d(0, -r)), pt(ctr + cv::Point2d(r, 0)), pt(ctr + cv::Point2d(0, r)), pt(ctr + cv::Point2d(-r, 0))};
        cv::fillConvexPoly(c.lines, d, kOn, cv::LINE_AA, 4);
      }
    });
}

void ceplok(Canvas& c, const MotifParams& p, int lw) {
  const int n = std::max(1, int(std::lround(3 * p.density)));
  const double cell = double(c.size) / n;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i)
      wrapped(c.size, [&](cv::Point2d o) {
        const cv::Point2d ctr((i + 0.5) * cell + o.x, (j + 0.5) * cell + o.y);
        for (int k = 0; k < 8; ++k) {
          const double a = k * kPi / 4;
          const cv::Point2d pc(ctr.x + 0.25 * cell * std::cos(a), ctr.y + 0.25 * cell * std::sin(a));
          ellipse(c.shapes, pc, {0.2 * cell, 0.08 * cell}, k * 45, cv::FILLED);
          ellipse(c.lines, pc, {0.2 * cell, 0.08 * cell}, k * 45, lw);
        }
        cv::circle(c.lines, pt(ctr), int(0.09 * cell * 16), kOn, lw, cv::LINE_AA, 4);
      });
}

void stars(Canvas& c, const MotifParams& p, int lw) {
  // Truntum-style: small eight-pointed flowers, evenly scattered.
  const int n = std::max(2, int(std::lround(5 * p.density)));
  const double cell = double(c.size) / n;
  std::mt19937 rng(p.seed);
  std::uniform_real_distribution<double> jitter(-0.18, 0.18);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const cv::Point2d base(((i + 0.5) + jitter(rng) + (j % 2) * 0.5) * cell, ((j + 0.5) + jitter(rng)) * cell);
      const double r = 0.28 * cell, rot = jitter(rng) * kPi;
      wrapped(c.size, [&](cv::Point2d o) {
        std::vector<cv::Point> poly;
        for (int k = 0; k < 16; ++k) {
          const double a = rot + k * kPi / 8, rr = k % 2 ? r * 0.45 : r;
          poly.push_back(pt(base + o + cv::Point2d(rr * std::cos(a), rr * std::sin(a))));
        }
        cv::fillPoly(c.shapes, std::vector<std::vector<cv::Point>>{poly}, kOn, cv::LINE_AA, 4);
        cv::polylines(c.lines, poly, true, kOn, lw, cv::LINE_AA, 4);
      });
    }
}

void nitik(Canvas& c, const MotifParams& p, int lw) {
  // Square dots (the canting cawang's mark) on a grid, forming diamonds.
  const int n = std::max(1, int(std::lround(2 * p.density)));
  const double cell = double(c.size) / n;
  const int grid = 14;
  const double step = cell / grid, dot = std::max(2.0, std::min(step * 0.55, lw * 1.2));
  for (int cj = 0; cj < n; ++cj)
    for (int ci = 0; ci < n; ++ci)
      for (int j = 0; j < grid; ++j)
        for (int i = 0; i < grid; ++i) {
          const int di = std::abs(i - grid / 2), dj = std::abs(j - grid / 2);
          const int ring = di + dj;  // diamond rings around the raport's centre
          if (ring % 3 != 0 && !(di == 0 || dj == 0)) continue;
          const cv::Point2d ctr((ci * grid + i + 0.5) * step, (cj * grid + j + 0.5) * step);
          cv::Mat& target = ring <= 3 ? c.shapes : c.lines;  // the centre flower takes isen
          cv::rectangle(target, cv::Rect(int(ctr.x - dot / 2), int(ctr.y - dot / 2), int(dot), int(dot)), kOn, cv::FILLED);
        }
}

// Erosion of a tile that repeats: pad with the opposite edges, erode, crop.
cv::Mat erodeWrapped(const cv::Mat& src, const cv::Mat& kernel) {
  const int r = std::max(kernel.cols, kernel.rows);
  cv::Mat padded, eroded;
  cv::copyMakeBorder(src, padded, r, r, r, r, cv::BORDER_WRAP);
  cv::erode(padded, eroded, kernel);
  return eroded(cv::Rect(r, r, src.cols, src.rows)).clone();
}

void megaMendung(Canvas& c, const MotifParams& p, int lw) {
  // Clouds as unions of circles; seven nested contours give the gradations.
  const int n = std::max(1, int(std::lround(2 * p.density)));
  const double cell = double(c.size) / n;
  std::mt19937 rng(p.seed);
  std::uniform_real_distribution<double> u(0, 1);
  cv::Mat cloud(c.size, c.size, CV_8U, cv::Scalar(0));
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const cv::Point2d ctr((i + 0.5 + (j % 2) * 0.5) * cell, (j + 0.5) * cell);
      const int puffs = 5;
      for (int k = 0; k < puffs; ++k) {
        const cv::Point2d pc(ctr.x + (k - 2) * 0.14 * cell, ctr.y + (k % 2 ? -0.06 : 0.05) * cell + (u(rng) - 0.5) * 0.04 * cell);
        const double r = (0.13 + 0.04 * (k == 2)) * cell;
        wrapped(c.size, [&](cv::Point2d o) { cv::circle(cloud, pt(pc + o), int(r * 16), kOn, cv::FILLED, cv::LINE_AA, 4); });
      }
    }
  const int step = std::max(lw + 2, int(cell * 0.022));
  const cv::Mat k = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * step + 1, 2 * step + 1));
  cv::Mat level = cloud.clone();
  for (int g = 0; g < 7 && cv::countNonZero(level) > 0; ++g) {
    const cv::Mat inner = erodeWrapped(level, k);
    const cv::Mat thin = erodeWrapped(level, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(lw | 1, lw | 1)));
    const cv::Mat edge = level & ~thin;
    c.lines |= edge;
    level = inner;
  }
}

void semen(Canvas& c, const MotifParams& p, int lw) {
  // Semen-style scatter: leaves with a midrib and ukel spirals, seeded.
  const int n = std::max(2, int(std::lround(4 * p.density)));
  const double cell = double(c.size) / n;
  std::mt19937 rng(p.seed);
  std::uniform_real_distribution<double> u(0, 1);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const cv::Point2d ctr((i + 0.2 + 0.6 * u(rng)) * cell, (j + 0.2 + 0.6 * u(rng)) * cell);
      const double ang = u(rng) * 180;
      const bool leaf = (i + j) % 2 == 0;
      wrapped(c.size, [&](cv::Point2d o) {
        if (leaf) {
          ellipse(c.shapes, ctr + o, {0.32 * cell, 0.13 * cell}, ang, cv::FILLED);
          ellipse(c.lines, ctr + o, {0.32 * cell, 0.13 * cell}, ang, lw);
          const double a = ang * kPi / 180;
          const cv::Point2d d(0.3 * cell * std::cos(a), 0.3 * cell * std::sin(a));
          cv::line(c.lines, pt(ctr + o - d), pt(ctr + o + d), kOn, std::max(1, lw / 2), cv::LINE_AA, 4);
        } else {
          std::vector<cv::Point> spiral;
          for (double t = 0; t < 4 * kPi; t += 0.15) {
            const double r = 0.03 * cell * t;
            spiral.push_back(pt(ctr + o + cv::Point2d(r * std::cos(t + ang), r * std::sin(t + ang))));
          }
          cv::polylines(c.lines, spiral, false, kOn, lw, cv::LINE_AA, 4);
        }
      });
    }
}

// [SECTION] the lereng family without mlinjon (lereng, udan liris)
// Both are diagonal bands like parang but without its mlinjon diamonds
// (review-2026-12.md: lereng is the diagonal family without the mlinjon;
// udan liris is a lereng of parallel bands of small patterns). Bands run along
// y = x + offset; an element placed at x = (m + 0.5) * size / count repeats
// with the tile, and a band count that is a multiple of the pattern cycle keeps
// the cycle across the tile's edge.
void diagonalLine(Canvas& c, cv::Point2d o, double offset, int lw) {
  const std::vector<cv::Point> pts = {pt(cv::Point2d(-c.size + o.x, -c.size + offset + o.y)), pt(cv::Point2d(2 * c.size + o.x, 2 * c.size + offset + o.y))};
  cv::polylines(c.lines, pts, false, kOn, lw, cv::LINE_AA, 4);
}

void diagonalBand(Canvas& c, cv::Point2d o, double from, double to) {  // a band's whole area, for isen
  const std::vector<cv::Point> poly = {pt(cv::Point2d(-c.size + o.x, -c.size + from + o.y)), pt(cv::Point2d(2 * c.size + o.x, 2 * c.size + from + o.y)),
                                       pt(cv::Point2d(2 * c.size + o.x, 2 * c.size + to + o.y)), pt(cv::Point2d(-c.size + o.x, -c.size + to + o.y))};
  cv::fillPoly(c.shapes, std::vector<std::vector<cv::Point>>{poly}, kOn, cv::LINE_AA, 4);
}

void lereng(Canvas& c, const MotifParams& p, int lw) {
  // Bands of four-petal flowers between double lines, each followed by a band of isen.
  const int n = 2 * std::max(1, int(std::lround(p.density)));
  const double band = double(c.size) / n;
  const int count = 2 * n;  // flowers about a band's width apart
  const double gap = std::max(2.0 * lw + 2, 0.07 * band);
  for (int k = 0; k < n; ++k)
    wrapped(c.size, [&](cv::Point2d o) {
      const double base = k * band;
      diagonalLine(c, o, base, lw);
      if (k % 2) {
        diagonalBand(c, o, base + gap, base + band - gap);
        return;
      }
      diagonalLine(c, o, base + gap, lw);
      diagonalLine(c, o, base + band - gap, lw);
      const double petal = 0.28 * band;
      for (int m = 0; m < count; ++m) {
        const double x = (m + 0.5) * c.size / count;
        const cv::Point2d ctr(x + o.x, x + base + 0.5 * band + o.y);
        for (int q = 0; q < 4; ++q) {
          const double a = q * kPi / 2;
          const cv::Point2d pc = ctr + cv::Point2d(0.5 * petal * std::cos(a), 0.5 * petal * std::sin(a));
          ellipse(c.shapes, pc, {0.5 * petal, 0.22 * petal}, q * 90, cv::FILLED);
          ellipse(c.lines, pc, {0.5 * petal, 0.22 * petal}, q * 90, lw);
        }
        cv::circle(c.lines, pt(ctr), int(0.12 * petal * 16), kOn, cv::FILLED, cv::LINE_AA, 4);
      }
    });
}

void udanLiris(Canvas& c, const MotifParams& p, int lw) {
  // Narrow bands in a cycle of four small patterns: dots, a zigzag (untu
  // walang), rain dashes (udan) and a chain of lozenges.
  const int n = 4 * std::max(1, int(std::lround(p.density)));
  const double band = double(c.size) / n;
  const int count = std::max(4, int(std::lround(n * 2.5)));
  const double step = double(c.size) / count;
  for (int k = 0; k < n; ++k)
    wrapped(c.size, [&](cv::Point2d o) {
      const double base = k * band;
      diagonalLine(c, o, base, lw);
      auto at = [&](double x, double across) { return cv::Point2d(x + o.x, x + base + across * band + o.y); };
      switch (k % 4) {
        case 0:  // dots
          for (int m = 0; m < 2 * count; ++m)
            cv::circle(c.lines, pt(at((m + 0.5) * step / 2, 0.5)), int(std::max(0.06 * band, lw * 0.8) * 16), kOn, cv::FILLED, cv::LINE_AA, 4);
          break;
        case 1: {  // zigzag, the teeth below it take isen
          std::vector<cv::Point> zig;
          for (int m = -2 * count; m <= 4 * count; ++m) zig.push_back(pt(at(m * step / 2, m % 2 ? 0.78 : 0.22)));
          cv::polylines(c.lines, zig, false, kOn, lw, cv::LINE_AA, 4);
          for (int m = 0; m < count; ++m) {
            const std::vector<cv::Point> tooth = {pt(at(m * step, 0.22)), pt(at((m + 0.5) * step, 0.78)), pt(at((m + 1) * step, 0.22))};
            cv::fillConvexPoly(c.shapes, tooth, kOn, cv::LINE_AA, 4);
          }
          break;
        }
        case 2:  // rain: short dashes across the band
          for (int m = 0; m < 2 * count; ++m) {
            const double x = (m + 0.5) * step / 2;
            cv::line(c.lines, pt(at(x, 0.25)), pt(at(x, 0.75)), kOn, lw, cv::LINE_AA, 4);
          }
          break;
        default:  // lozenges
          for (int m = 0; m < count; ++m) {
            const double x = (m + 0.5) * step;
            const double r = 0.32 * band;
            const cv::Point2d ctr = at(x, 0.5);
            std::vector<cv::Point> d = {pt(ctr + cv::Point2d(-r * 0.7, r * 0.7)), pt(ctr + cv::Point2d(0.45 * step, 0.45 * step)),
                                        pt(ctr + cv::Point2d(r * 0.7, -r * 0.7)), pt(ctr - cv::Point2d(0.45 * step, 0.45 * step))};
            cv::fillConvexPoly(c.shapes, d, kOn, cv::LINE_AA, 4);
            cv::polylines(c.lines, d, true, kOn, lw, cv::LINE_AA, 4);
          }
          break;
      }
    });
}

}  // namespace

// [SECTION] names and parameters
const char* motifName(MotifKind k) {
  static const char* names[] = {"kawung", "parang", "ceplok", "truntum", "nitik", "mega-mendung", "semen", "lereng", "udan-liris"};
  return names[int(k)];
}
std::optional<MotifKind> parseMotif(const std::string& n) {
  for (int i = 0; i < kMotifKinds; ++i)
    if (n == motifName(MotifKind(i))) return MotifKind(i);
  if (n == "udanliris" || n == "udan_liris") return MotifKind::UdanLiris;
  if (n == "megamendung") return MotifKind::MegaMendung;
  return std::nullopt;
}
const char* isenName(IsenKind k) {
  static const char* names[] = {"cecek", "sawut", "cecek-pitu", "ukel", "sisik", "galaran"};
  return names[int(k)];
}
std::optional<IsenKind> parseIsen(const std::string& n) {
  for (int i = 0; i <= int(IsenKind::Galaran); ++i)
    if (n == isenName(IsenKind(i))) return IsenKind(i);
  return std::nullopt;
}

Status checkMotifParams(const MotifParams& p) {
  if (p.size < 32 || p.size > 20000) return makeError(ErrorCode::InvalidArgument, {{"what", "size " + std::to_string(p.size)}}, "32..20000 px");
  if (!(p.dpi >= 10 && p.dpi <= 2400)) return makeError(ErrorCode::InvalidArgument, {{"what", "DPI"}}, "10..2400");
  if (!(p.lineMm > 0 && p.lineMm <= 20) || !(p.isenMm > 0 && p.isenMm <= 20))
    return makeError(ErrorCode::InvalidArgument, {{"what", "line width"}}, "0..20 mm");
  if (!(p.density >= 0.25 && p.density <= 4)) return makeError(ErrorCode::InvalidArgument, {{"what", "density"}}, "0.25..4");
  return Ok{};
}

// [SECTION] isen fill
cv::Mat fillIsen(const cv::Mat& region, IsenKind kind, double spacingMm, double strokeMm, double dpi, std::uint32_t seed) {
  const int sp = std::max(3, px(spacingMm, dpi)), st = px(strokeMm, dpi);
  cv::Mat strokes(region.size(), CV_8U, cv::Scalar(0));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> jit(-0.15, 0.15);
  const int W = region.cols, H = region.rows;
  switch (kind) {
    case IsenKind::Cecek:
      for (int j = 0, y = sp / 2; y < H; y += int(sp * 0.87), ++j)
        for (int x = (j % 2) * sp / 2; x < W; x += sp) cv::circle(strokes, cv::Point(x, y), std::max(1, st / 2), kOn, cv::FILLED, cv::LINE_AA);
      break;
    case IsenKind::CecekPitu:
      for (int y = sp; y < H; y += 2 * sp)
        for (int x = sp; x < W; x += 2 * sp) {
          cv::circle(strokes, cv::Point(x, y), std::max(1, st / 2), kOn, cv::FILLED, cv::LINE_AA);
          for (int k = 0; k < 6; ++k)
            cv::circle(strokes, cv::Point(int(x + 0.6 * sp * std::cos(k * kPi / 3)), int(y + 0.6 * sp * std::sin(k * kPi / 3))),
                       std::max(1, st / 2), kOn, cv::FILLED, cv::LINE_AA);
        }
      break;
    case IsenKind::Sawut:
      for (int c = -H; c < W; c += sp) cv::line(strokes, cv::Point(c, 0), cv::Point(c + H, H), kOn, st, cv::LINE_AA);
      break;
    case IsenKind::Galaran:
      for (int y = sp / 2; y < H; y += sp) cv::line(strokes, cv::Point(0, y), cv::Point(W, y), kOn, st, cv::LINE_AA);
      break;
    case IsenKind::Ukel:
      for (int y = sp; y < H; y += 2 * sp)
        for (int x = sp; x < W; x += 2 * sp) {
          std::vector<cv::Point> sp2;
          const double rot = jit(rng) * 2 * kPi;
          for (double t = 0; t < 3.2 * kPi; t += 0.2) {
            const double r = 0.09 * sp * t;
            sp2.emplace_back(int(x + r * std::cos(t + rot)), int(y + r * std::sin(t + rot)));
          }
          cv::polylines(strokes, sp2, false, kOn, st, cv::LINE_AA);
        }
      break;
    case IsenKind::Sisik:
      for (int j = 0, y = 0; y < H + sp; y += sp / 2, ++j)
        for (int x = (j % 2) * sp / 2; x < W + sp; x += sp) cv::ellipse(strokes, cv::Point(x, y), cv::Size(sp / 2, sp / 2), 0, 0, 180, kOn, st, cv::LINE_AA);
      break;
  }
  // Keep the fillers off the shape's edge by one stroke, as a careful hand does.
  cv::Mat inner;
  cv::erode(region, inner, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * st + 1, 2 * st + 1)));
  cv::threshold(strokes, strokes, 127, 255, cv::THRESH_BINARY);
  return strokes & inner;
}

// [SECTION] layers and generation
cv::Mat drawLayers(const cv::Mat& outline, const cv::Mat& isen) {
  cv::Mat pic(outline.size(), CV_8UC3, cv::Scalar(204, 228, 239));  // gading
  pic.setTo(cv::Scalar(58, 106, 154), isen);                         // soga
  pic.setTo(cv::Scalar(20, 36, 58), outline);                        // soga tua
  return pic;
}

Result<MotifLayers> generateMotif(MotifKind kind, const MotifParams& p) {
  if (auto st = checkMotifParams(p); !st) return st.error();
  Canvas c(p.size);
  const int lw = px(p.lineMm, p.dpi);
  switch (kind) {
    case MotifKind::Kawung: kawung(c, p, lw); break;
    case MotifKind::Parang: parang(c, p, lw); break;
    case MotifKind::Ceplok: ceplok(c, p, lw); break;
    case MotifKind::Truntum: stars(c, p, lw); break;
    case MotifKind::Nitik: nitik(c, p, lw); break;
    case MotifKind::MegaMendung: megaMendung(c, p, lw); break;
    case MotifKind::Semen: semen(c, p, lw); break;
    case MotifKind::Lereng: lereng(c, p, lw); break;
    case MotifKind::UdanLiris: udanLiris(c, p, lw); break;
  }
  MotifLayers out;
  // Anti-aliased drawing leaves grey edges: the masks are decided at half.
  cv::threshold(c.lines, out.outline, 127, 255, cv::THRESH_BINARY);
  cv::threshold(c.shapes, c.shapes, 127, 255, cv::THRESH_BINARY);
  const IsenKind isen = kind == MotifKind::Parang || kind == MotifKind::Semen || kind == MotifKind::Lereng ? IsenKind::Sawut : IsenKind::Cecek;
  const double spacing = kind == MotifKind::Nitik ? 1.6 : 3.0;
  out.isen = fillIsen(c.shapes, isen, spacing, p.isenMm, p.dpi, p.seed) & ~out.outline;
  if (kind == MotifKind::Nitik) out.isen = c.shapes & ~out.outline;  // nitik's centre dots are its isen
  out.ground = ~(out.outline | out.isen);
  out.picture = drawLayers(out.outline, out.isen);
  return out;
}

}  // namespace canting::imaging
