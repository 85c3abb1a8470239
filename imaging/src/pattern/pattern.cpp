// Tile transforms, repeats and symmetry.
// Index:
//   [SECTION] helpers
//   [SECTION] transforms
//   [SECTION] repeats
//   [SECTION] symmetry

#include "canting/imaging/pattern.h"

#include <cmath>
#include <cstring>
#include <numbers>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/color.h"

namespace canting::imaging {

// [SECTION] helpers
namespace {
inline int posMod(long long a, int m) {
  const long long r = a % m;
  return int(r < 0 ? r + m : r);
}
}  // namespace

// [SECTION] transforms

cv::Mat rotateTile(const cv::Mat& tile, double degrees, const cv::Scalar& fill) {
  const double d = std::fmod(std::fmod(degrees, 360.0) + 360.0, 360.0);
  cv::Mat out;
  if (d == 0) return tile.clone();
  if (d == 90) { cv::rotate(tile, out, cv::ROTATE_90_CLOCKWISE); return out; }
  if (d == 180) { cv::rotate(tile, out, cv::ROTATE_180); return out; }
  if (d == 270) { cv::rotate(tile, out, cv::ROTATE_90_COUNTERCLOCKWISE); return out; }
  // Clockwise like the exact cases; the canvas grows to keep every corner.
  const cv::Point2f c(tile.cols / 2.f, tile.rows / 2.f);
  cv::Mat m = cv::getRotationMatrix2D(c, -degrees, 1.0);
  const cv::Rect2f box = cv::RotatedRect(c, tile.size(), float(-degrees)).boundingRect2f();
  m.at<double>(0, 2) += box.width / 2.0 - c.x;
  m.at<double>(1, 2) += box.height / 2.0 - c.y;
  cv::warpAffine(tile, out, m, cv::Size(int(std::ceil(box.width)), int(std::ceil(box.height))), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, fill);
  return out;
}

cv::Mat scaleTile(const cv::Mat& tile, double f) {
  cv::Mat out;
  const cv::Size s(std::max(1, int(std::lround(tile.cols * f))), std::max(1, int(std::lround(tile.rows * f))));
  cv::resize(tile, out, s, 0, 0, f < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
  return out;
}

cv::Mat flipTile(const cv::Mat& tile, bool h, bool v) {
  cv::Mat out = tile.clone();
  if (h && v) cv::flip(tile, out, -1);
  else if (h) cv::flip(tile, out, 1);
  else if (v) cv::flip(tile, out, 0);
  return out;
}

Result<cv::Mat> cropTile(const cv::Mat& tile, const cv::Rect& r) {
  if (r.width <= 0 || r.height <= 0 || (r & cv::Rect(0, 0, tile.cols, tile.rows)) != r)
    return makeError(ErrorCode::InvalidArgument, {{"what", "crop"}}, "the crop must lie inside the tile and not be empty");
  return tile(r).clone();
}

cv::Mat offsetTile(const cv::Mat& tile, int dx, int dy) {
  cv::Mat out(tile.size(), tile.type());
  for (int y = 0; y < tile.rows; ++y) {
    const int sy = posMod(y - dy, tile.rows);
    for (int x = 0; x < tile.cols; ++x) {
      const int sx = posMod(x - dx, tile.cols);
      std::memcpy(out.ptr(y, x), tile.ptr(sy, sx), tile.elemSize());
    }
  }
  return out;
}

// [SECTION] repeats

const char* repeatName(RepeatLayout l) {
  switch (l) {
    case RepeatLayout::Straight: return "straight";
    case RepeatLayout::HalfDrop: return "half-drop";
    case RepeatLayout::HalfBrick: return "half-brick";
    case RepeatLayout::Mirror: return "mirror";
    case RepeatLayout::Centre: return "centre";
  }
  return "?";
}

std::optional<RepeatLayout> parseRepeat(const std::string& n) {
  for (RepeatLayout l : {RepeatLayout::Straight, RepeatLayout::HalfDrop, RepeatLayout::HalfBrick, RepeatLayout::Mirror, RepeatLayout::Centre})
    if (n == repeatName(l)) return l;
  if (n == "center" || n == "centred" || n == "centered") return RepeatLayout::Centre;
  if (n == "drop") return RepeatLayout::HalfDrop;
  if (n == "brick") return RepeatLayout::HalfBrick;
  return std::nullopt;
}

std::optional<double> parseFraction(const std::string& t) {
  double v = 0;
  if (const auto slash = t.find('/'); slash != std::string::npos) {
    char* e1 = nullptr;
    char* e2 = nullptr;
    const std::string a = t.substr(0, slash), b = t.substr(slash + 1);
    const double n = std::strtod(a.c_str(), &e1), d = std::strtod(b.c_str(), &e2);
    if (a.empty() || b.empty() || *e1 || *e2 || d == 0) return std::nullopt;
    v = n / d;
  } else {
    char* e = nullptr;
    v = std::strtod(t.c_str(), &e);
    if (t.empty() || *e) return std::nullopt;
  }
  if (!(v > 0 && v < 1)) return std::nullopt;
  return v;
}

Status checkRepeat(const cv::Mat& tile, const RepeatSpec& s, cv::Size out) {
  if (tile.empty()) return makeError(ErrorCode::InvalidArgument, {{"what", "tile"}}, "empty tile");
  if (out.width <= 0 || out.height <= 0)
    return makeError(ErrorCode::InvalidArgument, {{"what", "size " + std::to_string(out.width) + "x" + std::to_string(out.height)}},
                     "the output size must be positive");
  if ((s.layout == RepeatLayout::HalfDrop || s.layout == RepeatLayout::HalfBrick) && !(s.drop > 0 && s.drop < 1))
    return makeError(ErrorCode::InvalidArgument, {{"what", "drop " + std::to_string(s.drop)}}, "the drop is a fraction in (0, 1)");
  return Ok{};
}

void renderRepeatRows(const cv::Mat& tile, const RepeatSpec& s, cv::Size out, int y0, int y1, cv::Mat& dst) {
  const int w = tile.cols, h = tile.rows;
  const std::size_t es = tile.elemSize();
  dst.create(y1 - y0, out.width, tile.type());
  // Mirror needs the flipped tiles; the others read the tile as it is.
  cv::Mat fh, fv, fhv;
  if (s.layout == RepeatLayout::Mirror) {
    cv::flip(tile, fh, 1);
    cv::flip(tile, fv, 0);
    cv::flip(tile, fhv, -1);
  }
  const int ox = s.layout == RepeatLayout::Centre ? out.width / 2 - w / 2 : 0;
  const int oy = s.layout == RepeatLayout::Centre ? out.height / 2 - h / 2 : 0;
  cv::parallel_for_(cv::Range(y0, y1), [&](const cv::Range& r) {
    for (int y = r.start; y < r.end; ++y) {
      std::uint8_t* d = dst.ptr<std::uint8_t>(y - y0);
      switch (s.layout) {
        case RepeatLayout::Straight:
        case RepeatLayout::Centre: {
          const std::uint8_t* row = tile.ptr<std::uint8_t>(posMod(y - oy, h));
          int x = 0, sx = posMod(-ox, w);
          while (x < out.width) {  // copy runs up to the tile's edge
            const int n = std::min(w - sx, out.width - x);
            std::memcpy(d + std::size_t(x) * es, row + std::size_t(sx) * es, std::size_t(n) * es);
            x += n;
            sx = 0;
          }
          break;
        }
        case RepeatLayout::HalfDrop:
          for (int x0 = 0; x0 < out.width; x0 += w) {
            const int col = x0 / w;
            const long long shift = std::llround(double(col) * s.drop * h);
            const std::uint8_t* row = tile.ptr<std::uint8_t>(posMod(y - shift, h));
            std::memcpy(d + std::size_t(x0) * es, row, std::size_t(std::min(w, out.width - x0)) * es);
          }
          break;
        case RepeatLayout::HalfBrick: {
          const int rowIdx = y / h;
          const std::uint8_t* row = tile.ptr<std::uint8_t>(y % h);
          const long long shift = std::llround(double(rowIdx) * s.drop * w);
          int x = 0, sx = posMod(-shift, w);
          while (x < out.width) {
            const int n = std::min(w - sx, out.width - x);
            std::memcpy(d + std::size_t(x) * es, row + std::size_t(sx) * es, std::size_t(n) * es);
            x += n;
            sx = 0;
          }
          break;
        }
        case RepeatLayout::Mirror: {
          const bool oddRow = (y / h) % 2 == 1;
          const int ty = y % h;
          for (int x0 = 0; x0 < out.width; x0 += w) {
            const bool oddCol = (x0 / w) % 2 == 1;
            const cv::Mat& src = oddRow ? (oddCol ? fhv : fv) : (oddCol ? fh : tile);
            std::memcpy(d + std::size_t(x0) * es, src.ptr<std::uint8_t>(ty), std::size_t(std::min(w, out.width - x0)) * es);
          }
          break;
        }
      }
    }
  });
}

cv::Mat renderRepeat(const cv::Mat& tile, const RepeatSpec& s, cv::Size out) {
  cv::Mat dst;
  renderRepeatRows(tile, s, out, 0, out.height, dst);
  return dst;
}

SeamCheck checkSeams(const cv::Mat& tile, const RepeatSpec& s) {
  SeamCheck r;
  const int w = tile.cols, h = tile.rows;
  cv::Mat rgb = tile;
  if (rgb.channels() == 4) cv::cvtColor(rgb, rgb, cv::COLOR_BGRA2BGR);
  // Two by two tiles, starting one tile in so that both seams of each kind show.
  RepeatSpec spec = s;
  if (spec.layout == RepeatLayout::Centre) spec.layout = RepeatLayout::Straight;
  const cv::Mat area = renderRepeat(rgb, spec, cv::Size(2 * w, 2 * h));
  const cv::Mat lab = bgrToLab(area);
  r.heat = cv::Mat(area.size(), CV_32F, cv::Scalar(0));
  double seam = 0, inside = 0;
  std::size_t nSeam = 0, nInside = 0;
  for (int y = 0; y < area.rows; ++y)
    for (int x = 0; x < area.cols; ++x) {
      const cv::Vec3f& p = lab.at<cv::Vec3f>(y, x);
      float best = 0;
      auto neighbour = [&](int xx, int yy, bool acrossSeam) {
        if (xx >= area.cols || yy >= area.rows) return;
        const cv::Vec3f& q = lab.at<cv::Vec3f>(yy, xx);
        const float d = float(deltaE2000(Lab{p[0], p[1], p[2]}, Lab{q[0], q[1], q[2]}));
        best = std::max(best, d);
        if (acrossSeam) { seam += d; ++nSeam; }
        else { inside += d; ++nInside; }
      };
      neighbour(x + 1, y, (x + 1) % w == 0);
      neighbour(x, y + 1, (y + 1) % h == 0);
      r.heat.at<float>(y, x) = best;
    }
  r.seamDeltaE = nSeam ? seam / double(nSeam) : 0;
  r.interiorDeltaE = nInside ? inside / double(nInside) : 0;
  r.score = r.seamDeltaE / std::max(0.5, r.interiorDeltaE);  // a flat tile is not infinitely bad
  return r;
}

cv::Mat makeSeamless(const cv::Mat& tile, double border) {
  const cv::Mat shifted = offsetTile(tile, tile.cols / 2, tile.rows / 2);
  const double bw = std::max(1.0, border * tile.cols), bh = std::max(1.0, border * tile.rows);
  cv::Mat out(tile.size(), tile.type());
  const int ch = tile.channels();
  cv::Mat a, b;
  tile.convertTo(a, CV_32F);
  shifted.convertTo(b, CV_32F);
  cv::Mat o(tile.size(), CV_MAKETYPE(CV_32F, ch));
  for (int y = 0; y < tile.rows; ++y)
    for (int x = 0; x < tile.cols; ++x) {
      // Weight of the original: 0 at the edges (where the shifted copy is
      // continuous across the wrap), 1 inside the border band.
      const double wx = std::min({1.0, (x + 0.5) / bw, (tile.cols - x - 0.5) / bw});
      const double wy = std::min({1.0, (y + 0.5) / bh, (tile.rows - y - 0.5) / bh});
      const float wgt = float(std::min(wx, wy));
      const float* pa = a.ptr<float>(y) + x * ch;
      const float* pb = b.ptr<float>(y) + x * ch;
      float* po = o.ptr<float>(y) + x * ch;
      for (int c = 0; c < ch; ++c) po[c] = wgt * pa[c] + (1 - wgt) * pb[c];
    }
  o.convertTo(out, tile.type());
  return out;
}

// [SECTION] symmetry

const char* wallpaperName(WallpaperGroup g) {
  static const char* names[] = {"p1", "p2", "pm", "pg", "cm", "pmm", "pmg", "pgg", "cmm",
                                "p4", "p4m", "p4g", "p3", "p3m1", "p31m", "p6", "p6m"};
  return names[int(g)];
}

std::optional<WallpaperGroup> parseWallpaper(const std::string& n) {
  for (int i = 0; i <= int(WallpaperGroup::P6M); ++i)
    if (n == wallpaperName(WallpaperGroup(i))) return WallpaperGroup(i);
  return std::nullopt;
}

namespace {

cv::Mat rot(const cv::Mat& m, int quarterTurnsCw) {
  cv::Mat out;
  switch (((quarterTurnsCw % 4) + 4) % 4) {
    case 0: return m.clone();
    case 1: cv::rotate(m, out, cv::ROTATE_90_CLOCKWISE); return out;
    case 2: cv::rotate(m, out, cv::ROTATE_180); return out;
    default: cv::rotate(m, out, cv::ROTATE_90_COUNTERCLOCKWISE); return out;
  }
}
cv::Mat fh(const cv::Mat& m) { return flipTile(m, true, false); }
cv::Mat fv(const cv::Mat& m) { return flipTile(m, false, true); }

cv::Mat grid(const std::vector<std::vector<cv::Mat>>& rows) {
  std::vector<cv::Mat> bands;
  for (const auto& r : rows) {
    cv::Mat band;
    cv::hconcat(r, band);
    bands.push_back(band);
  }
  cv::Mat out;
  cv::vconcat(bands, out);
  return out;
}

cv::Mat square(const cv::Mat& t) {
  const int s = std::min(t.cols, t.rows);
  if (t.cols == t.rows) return t;
  cv::Mat out;
  cv::resize(t, out, cv::Size(s, s), 0, 0, cv::INTER_AREA);
  return out;
}

// Mirror-symmetric about the main diagonal (antiDiagonal = false) or the
// other one: the lower triangle of the tile is kept and reflected.
cv::Mat diagonalSymmetric(const cv::Mat& t, bool antiDiagonal) {
  const cv::Mat s = square(t);
  cv::Mat out = s.clone();
  const int n = s.cols;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      if (!antiDiagonal && x > y) std::memcpy(out.ptr(y, x), s.ptr(x, y), s.elemSize());
      if (antiDiagonal && x + y < n - 1) std::memcpy(out.ptr(y, x), s.ptr(n - 1 - x, n - 1 - y), s.elemSize());
    }
  return out;
}

// Hexagonal groups: each pixel of a rectangular supercell (L x L*sqrt(3)) is
// folded into the fundamental region around its nearest lattice point.
cv::Mat hexCell(const cv::Mat& tileIn, WallpaperGroup g) {
  const cv::Mat tile = square(tileIn);
  const int L = std::max(8, tile.cols) & ~1;
  const double s3 = std::sqrt(3.0), R = L / s3;
  const int H = int(std::lround(L * s3));
  const bool sixFold = g == WallpaperGroup::P6 || g == WallpaperGroup::P6M;
  const double sector = sixFold ? 60.0 : 120.0;
  // The fundamental region's bounding box in the rotated frame (sector bisector up).
  const double halfW = sixFold ? R / 2 : R * s3 / 2, top = sixFold ? R * s3 / 2 : R;
  cv::Mat out(H, L, tile.type());
  const double deg = 180.0 / std::numbers::pi;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < L; ++x) {
      const double px = x + 0.5, py = y + 0.5;
      // Nearest lattice point of a1 = (L, 0), a2 = (L/2, L*sqrt(3)/2).
      const double v = py / (L * s3 / 2), u = px / L - v / 2;
      double bestD = 1e300, dx = 0, dy = 0;
      for (int i = 0; i <= 1; ++i)
        for (int j = 0; j <= 1; ++j) {
          const double lu = std::floor(u) + i, lv = std::floor(v) + j;
          const double cx = lu * L + lv * L / 2, cy = lv * L * s3 / 2;
          const double d = (px - cx) * (px - cx) + (py - cy) * (py - cy);
          if (d < bestD) { bestD = d; dx = px - cx; dy = py - cy; }
        }
      // Rotate the sector that holds the point so its bisector points up.
      double theta = std::atan2(dy, dx) * deg;
      theta = std::fmod(theta - 30.0 + 720.0, 360.0);
      const int k = int(theta / sector);
      const double beta = (90.0 - (30.0 + k * sector + sector / 2)) / deg;
      double qx = dx * std::cos(beta) - dy * std::sin(beta), qy = dx * std::sin(beta) + dy * std::cos(beta);
      if (g == WallpaperGroup::P3M1 || g == WallpaperGroup::P6M) qx = std::fabs(qx);   // mirror through the centre
      if (g == WallpaperGroup::P31M && qy > R / 2) qy = R - qy;                         // mirror between the other centres
      const int sx = std::clamp(int((qx + halfW) / (2 * halfW) * tile.cols), 0, tile.cols - 1);
      const int sy = std::clamp(int(qy / top * tile.rows), 0, tile.rows - 1);
      std::memcpy(out.ptr(y, x), tile.ptr(tile.rows - 1 - sy, sx), tile.elemSize());
    }
  return out;
}

}  // namespace

cv::Mat wallpaperCell(const cv::Mat& t, WallpaperGroup g) {
  switch (g) {
    case WallpaperGroup::P1: return t.clone();
    case WallpaperGroup::P2: return grid({{t, rot(t, 2)}});
    case WallpaperGroup::PM: return grid({{t, fh(t)}});
    case WallpaperGroup::PG: return grid({{t}, {fh(t)}});
    case WallpaperGroup::CM: return grid({{t, fh(t)}, {fh(t), t}});
    case WallpaperGroup::PMM: return grid({{t, fh(t)}, {fv(t), rot(t, 2)}});
    case WallpaperGroup::PMG: return grid({{t, fh(t)}, {rot(t, 2), fv(t)}});
    case WallpaperGroup::PGG: return grid({{t, fv(t)}, {fh(t), rot(t, 2)}});
    case WallpaperGroup::CMM: {
      const cv::Mat v = grid({{t, fh(t)}, {fv(t), rot(t, 2)}});
      return grid({{v, v}, {offsetTile(v, v.cols / 2, 0), offsetTile(v, v.cols / 2, 0)}});
    }
    case WallpaperGroup::P4: {
      const cv::Mat s = square(t);
      return grid({{s, rot(s, 1)}, {rot(s, 3), rot(s, 2)}});
    }
    case WallpaperGroup::P4M: {
      const cv::Mat s = diagonalSymmetric(t, false);
      return grid({{s, fh(s)}, {fv(s), rot(s, 2)}});
    }
    case WallpaperGroup::P4G: {
      const cv::Mat s = diagonalSymmetric(t, true);
      return grid({{s, rot(s, 1)}, {rot(s, 3), rot(s, 2)}});
    }
    default: return hexCell(t, g);
  }
}

Result<cv::Mat> kaleidoscope(const cv::Mat& tile, int folds) {
  if (folds != 2 && folds != 4 && folds != 6 && folds != 8)
    return makeError(ErrorCode::InvalidArgument, {{"what", "kaleido-" + std::to_string(folds)}}, "2, 4, 6 or 8 folds");
  const int n = std::min(tile.cols, tile.rows);
  const cv::Mat src = tile(cv::Rect((tile.cols - n) / 2, (tile.rows - n) / 2, n, n));
  cv::Mat out(n, n, tile.type());
  const double wedge = 2 * std::numbers::pi / (2 * folds);  // a mirror pair per fold
  const double c = n / 2.0;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      const double dx = x + 0.5 - c, dy = y + 0.5 - c;
      const double r = std::hypot(dx, dy);
      double a = std::atan2(dy, dx);
      if (a < 0) a += 2 * std::numbers::pi;
      const int k = int(a / wedge);
      double t = a - k * wedge;
      if (k % 2) t = wedge - t;  // every other wedge mirrored
      const int sx = std::clamp(int(c + r * std::cos(t)), 0, n - 1), sy = std::clamp(int(c + r * std::sin(t)), 0, n - 1);
      std::memcpy(out.ptr(y, x), src.ptr(sy, sx), src.elemSize());
    }
  return out;
}

}  // namespace canting::imaging
