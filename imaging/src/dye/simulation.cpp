// The simulation: a plan's steps applied to a cloth, per pixel, with
// single-constant Kubelka-Munk colour mixing and a crackle model.
//
// Index:
//   [SECTION] Kubelka-Munk and the uptake of a bath
//   [SECTION] Layers and the fresh cloth
//   [SECTION] Crackle
//   [SECTION] Simulation
//   [SECTION] Rendering
#include "canting/imaging/dye.h"

#include <cmath>
#include <numbers>
#include <random>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/image_io.h"
#include "dye_steps.h"

namespace canting::imaging {

namespace fs = std::filesystem;

// [SECTION] Kubelka-Munk and the uptake of a bath

namespace {

// Kubelka-Munk, single constant, per channel.
inline double ksOf(double r) {
  r = std::clamp(r, 1e-4, 1.0);
  return (1 - r) * (1 - r) / (2 * r);
}
inline double reflOf(double ks) { return 1 + ks - std::sqrt(ks * ks + 2 * ks); }

// Linear B, G, R of a colour (our images keep OpenCV's order).
cv::Vec3d linearBgr(const Lab& lab) {
  const Rgb l = xyzToLinearRgb(labToXyz(lab));
  return {std::clamp(l.b, 1e-4, 1.0), std::clamp(l.g, 1e-4, 1.0), std::clamp(l.r, 1e-4, 1.0)};
}
cv::Vec3d ksBgr(const Lab& lab) {
  const cv::Vec3d r = linearBgr(lab);
  return {ksOf(r[0]), ksOf(r[1]), ksOf(r[2])};
}

// What one bath adds, per unit of uptake: the dye's own K/S over the cloth's,
// scaled by concentration and a saturating function of the dips.
cv::Vec3d bathKs(const Lab& cloth, const Dye& d, double conc, int dips) {
  const cv::Vec3d dk = ksBgr(d.colour), ck = ksBgr(cloth);
  const double tau = std::max(1, d.refDips);
  const double f = (1 - std::exp(-dips / tau)) / (1 - std::exp(-d.refDips / tau));
  const double s = conc / d.refConcentration * f;
  return {std::max(0.0, dk[0] - ck[0]) * s, std::max(0.0, dk[1] - ck[1]) * s, std::max(0.0, dk[2] - ck[2]) * s};
}

// One bath or brushed dye on the cloth, in place: `painted` (when given)
// bounds where it reaches, and the wax keeps it out.
void dyeArea(ClothState& st, const cv::Vec3d& add, const cv::Mat& painted, int seep) {
  const cv::Size size = st.ks.size();
  // Uptake: bare cloth and cracks take the bath fully; the wax edge lets
  // a little creep in, fading over the seepage band. The band is a few
  // pixels wide, so its distance from the bare cloth is counted by
  // erosions (city-block steps) rather than a distance transform of the
  // whole cloth: at 2048 x 2048 that was most of a dye step.
  const cv::Mat sealed = st.wax & ~(st.cracks > 0);
  cv::Mat dist(size, CV_8U, cv::Scalar(0));  // 0 bare; k = k steps into the wax; seep + 1 beyond the band
  {
    dist.setTo(cv::Scalar(seep + 1), sealed);
    cv::Mat inner = sealed.clone(), next;  // its own buffer: the two are swapped below
    const cv::Mat cross = cv::getStructuringElement(cv::MORPH_CROSS, cv::Size(3, 3));
    for (int k = 1; k <= seep; ++k) {
      // Erode with the border counted as wax: the cloth's edge is not bare cloth.
      cv::erode(inner, next, cross, cv::Point(-1, -1), 1, cv::BORDER_CONSTANT, cv::Scalar(255));
      dist.setTo(cv::Scalar(k), inner & ~next);
      std::swap(inner, next);  // a swap, not an assignment: erode must not write the buffer it reads
    }
  }
  const cv::Mat before = st.ks;
  st.ks = cv::Mat(size, CV_32FC3);  // not create(): that would reuse the shared buffer
  cv::parallel_for_(cv::Range(0, size.height), [&](const cv::Range& r) {
    for (int y = r.start; y < r.end; ++y) {
      const std::uint8_t* w = sealed.ptr<std::uint8_t>(y);
      const std::uint8_t* pm = painted.empty() ? nullptr : painted.ptr<std::uint8_t>(y);
      const std::uint8_t* dd = dist.ptr<std::uint8_t>(y);
      const cv::Vec3f* k0 = before.ptr<cv::Vec3f>(y);
      cv::Vec3f* k = st.ks.ptr<cv::Vec3f>(y);
      for (int x = 0; x < size.width; ++x) {
        double up = pm && !pm[x] ? 0 : 1;
        if (up > 0 && w[x]) up = seep > 0 && dd[x] <= seep ? 0.5 * (1 - double(dd[x]) / (seep + 1)) : 0;
        k[x] = up > 0 ? k0[x] + cv::Vec3f(float(add[0] * up), float(add[1] * up), float(add[2] * up)) : k0[x];
      }
    }
  });
}

}  // namespace

// [SECTION] Layers and the fresh cloth

Result<cv::Mat> dye_detail::layerMask(const std::string& layer, const Layers& l, cv::Size size, const fs::path& planDir) {
  if (layer == "all") return cv::Mat(size, CV_8U, cv::Scalar(255));
  const cv::Mat* m = layer == "outline" ? &l.outline : layer == "isen" ? &l.isen : layer == "ground" ? &l.ground : nullptr;
  if (m) {
    if (m->empty()) return makeError(ErrorCode::InvalidArgument, {{"what", "layer " + layer}}, "this motif has no such layer");
    return m->clone();
  }
  if (layer.rfind("painted:", 0) == 0) {
    const auto it = l.painted.find(layer.substr(8));
    if (it == l.painted.end() || it->second.size() != size)
      return makeError(ErrorCode::InvalidArgument, {{"what", "layer " + layer}}, "no such painted mask");
    return cv::Mat(it->second > 127);
  }
  const std::string file = layer.substr(5);
  if (const auto it = l.masks.find(file); it != l.masks.end()) {
    cv::Mat mask = it->second > 127;
    if (mask.size() != size) cv::resize(mask, mask, size, 0, 0, cv::INTER_NEAREST);
    return mask;
  }
  // Beside the plan first (as plans always had them), then in the layers' own folder.
  std::error_code ec;
  const fs::path path = !l.dir.empty() && !fs::exists(planDir / file, ec) ? l.dir / file : planDir / file;
  auto img = loadImage(path);
  if (!img) return img.error();
  cv::Mat grey = img->pixels;
  if (grey.depth() == CV_16U) grey.convertTo(grey, CV_8U, 1.0 / 257.0);
  if (grey.channels() > 1) cv::cvtColor(grey, grey, grey.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  if (grey.size() != size) cv::resize(grey, grey, size, 0, 0, cv::INTER_NEAREST);
  cv::Mat mask;
  cv::threshold(grey, mask, 127, 255, cv::THRESH_BINARY);  // white = wax
  return mask;
}

ClothState freshCloth(cv::Size size, const DyeBook& book) {
  ClothState c;
  const cv::Vec3d k = ksBgr(book.cloth);
  c.ks = cv::Mat(size, CV_32FC3, cv::Scalar(k[0], k[1], k[2]));
  c.wax = cv::Mat(size, CV_8U, cv::Scalar(0));
  c.cracks = cv::Mat(size, CV_8U, cv::Scalar(0));
  c.ksAtFix = c.ks;
  return c;
}

Lab mixColour(const Lab& cloth, const std::vector<std::pair<const Dye*, double>>& parts) {
  // Kubelka-Munk: the K/S over the cloth's adds by each part's share of the weight.
  double total = 0;
  for (const auto& [d, w] : parts) total += w;
  cv::Vec3d k = ksBgr(cloth);
  for (const auto& [d, w] : parts) k += (ksBgr(d->colour) - ksBgr(cloth)) * (w / total);
  const cv::Vec3d r{reflOf(std::max(0.0, k[0])), reflOf(std::max(0.0, k[1])), reflOf(std::max(0.0, k[2]))};
  return xyzToLab(linearRgbToXyz(Rgb{r[2], r[1], r[0]}));
}

Lab bathColour(const Lab& cloth, const Dye& d, double conc, int dips) {
  const cv::Vec3d k = ksBgr(cloth) + bathKs(cloth, d, conc, dips);
  const cv::Vec3d r{reflOf(k[0]), reflOf(k[1]), reflOf(k[2])};
  return xyzToLab(linearRgbToXyz(Rgb{r[2], r[1], r[0]}));
}

// [SECTION] Crackle

CrackStats crackle(ClothState& st, double density, std::uint32_t seed, double dpi) {
  CrackStats stats;
  const int waxPx = cv::countNonZero(st.wax);
  if (!waxPx) return stats;
  const double cm2 = waxPx / std::pow(dpi / 2.54, 2);
  const int n = std::clamp(int(std::lround(density * cm2 / 10.0)), 1, 400);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  const double pxPerMm = dpi / 25.4;
  std::vector<std::vector<cv::Point>> paths;
  cv::Mat occupied = st.cracks > 0;  // cracks made so far (older ones first)
  cv::Mat dist;
  for (int i = 0; i < n; ++i) {
    // Where the wax is farthest from its edge and from every crack so far
    // (Wyvill et al.): a new crack starts there and runs down the field.
    // The field is refreshed every few cracks rather than after each: a
    // distance transform of a 2048 x 2048 cloth costs milliseconds, and the
    // live `occupied` test below still stops every crack at the ones before it.
    if (i < 4 || i % 4 == 0) {
      // At half resolution: the field only steers the cracks and picks their
      // starts, and a quarter of the pixels makes it four times cheaper.
      cv::Mat half;
      cv::resize(st.wax & ~occupied, half, cv::Size((st.wax.cols + 1) / 2, (st.wax.rows + 1) / 2), 0, 0, cv::INTER_AREA);
      cv::threshold(half, half, 254, 255, cv::THRESH_BINARY);  // only blocks wholly free of crack and edge
      cv::distanceTransform(half, dist, cv::DIST_L2, 3);
      dist *= 2.0;  // back in full-resolution pixels
    }
    cv::Point start(-1, -1);
    float best = 0;
    for (int k = 0; k < 40; ++k) {  // the best of a few random points: varied, not always the same maximum
      const cv::Point p(int(u(rng) * st.wax.cols), int(u(rng) * st.wax.rows));
      if (!occupied.at<std::uint8_t>(p) && dist.at<float>(p.y / 2, p.x / 2) > best) { best = dist.at<float>(p.y / 2, p.x / 2); start = p; }
    }
    if (best < 2) break;
    std::vector<cv::Point> path{start};
    const double angle = u(rng) * 2 * std::numbers::pi;
    for (int side = 0; side < 2; ++side) {
      cv::Point2d pos(start), dir(std::cos(angle + side * std::numbers::pi), std::sin(angle + side * std::numbers::pi));
      std::vector<cv::Point> half;
      for (int step = 0; step < 4 * (st.wax.cols + st.wax.rows); ++step) {
        const int x = int(std::lround(pos.x)), y = int(std::lround(pos.y));
        if (x < 1 || y < 1 || x >= st.wax.cols - 1 || y >= st.wax.rows - 1) break;
        if (!st.wax.at<std::uint8_t>(y, x)) {  // reached the wax edge
          ++stats.edgeEnds;
          break;
        }
        if (occupied.at<std::uint8_t>(y, x)) {  // met an older crack: a T-junction
          half.emplace_back(x, y);
          ++stats.tJunctions;
          break;
        }
        half.emplace_back(x, y);
        // Downhill on the distance field (towards the nearest edge or crack),
        // with a little wander, as wax breaks.
        const int hx = std::clamp(x / 2, 1, dist.cols - 2), hy = std::clamp(y / 2, 1, dist.rows - 2);
        const double gx = dist.at<float>(hy, hx + 1) - dist.at<float>(hy, hx - 1), gy = dist.at<float>(hy + 1, hx) - dist.at<float>(hy - 1, hx);
        cv::Point2d next = dir * 0.85 - cv::Point2d(gx, gy) * 0.25 + cv::Point2d(u(rng) - 0.5, u(rng) - 0.5) * 0.3;
        const double len = std::hypot(next.x, next.y);
        if (len > 1e-9) dir = next / len;
        pos += dir;
      }
      if (side == 0) std::reverse(half.begin(), half.end());
      path.insert(side == 0 ? path.begin() : path.end(), half.begin(), half.end());
    }
    paths.push_back(path);
    ++stats.cracks;
    cv::polylines(occupied, std::vector<std::vector<cv::Point>>{path}, false, cv::Scalar(255), 1, cv::LINE_8);
  }
  // Older cracks are wider: they opened first and kept opening.
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const double age = 1.0 - double(i) / std::max<std::size_t>(1, paths.size());
    const int w = std::max(1, int(std::lround((0.15 + 0.25 * age) * pxPerMm)));
    cv::polylines(st.cracks, std::vector<std::vector<cv::Point>>{paths[i]}, false, cv::Scalar(w), w, cv::LINE_8);
  }
  st.cracks &= st.wax;  // cracks live in the wax only
  return stats;
}

// [SECTION] Simulation

Result<std::vector<ClothState>> simulate(const Plan& plan, const Layers& layers, const DyeBook& book, const SimOptions& o) {
  const cv::Size size = !layers.ground.empty() ? layers.ground.size() : !layers.outline.empty() ? layers.outline.size() : layers.isen.size();
  if (size.area() == 0) return makeError(ErrorCode::InvalidArgument, {{"what", "layers"}}, "no layers");
  std::vector<ClothState> states{freshCloth(size, book)};
  const int seep = std::max(0, int(std::lround(o.seepageMm / 25.4 * o.dpi)));
  const auto klowong = dye_detail::klowongColet(plan, book);
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    // States share the buffers a step leaves alone (cv::Mat is reference
    // counted); a step copies only what it changes. At 2048 x 2048 a K/S
    // buffer is 48 MB, and copying all of them for every step made the
    // timeline slow and memory-hungry on modest PCs.
    ClothState st = states.back();
    const PlanStep& s = plan.steps[i];
    const bool wax = s.op == PlanStep::Op::Wax || s.op == PlanStep::Op::Kerok || s.op == PlanStep::Op::Cap;
    const bool cracks = s.op == PlanStep::Op::Crackle || s.op == PlanStep::Op::Kerok;
    if (s.op == PlanStep::Op::Fix) st.ks = st.ks.clone();  // a dye step writes its new K/S in the same pass it reads the old
    if (wax) st.wax = st.wax.clone();
    if (cracks) st.cracks = st.cracks.clone();
    switch (s.op) {
      case PlanStep::Op::Wax:
      case PlanStep::Op::Kerok: {
        auto m = dye_detail::layerMask(s.layer, layers, size, o.planDir);
        if (!m) return makeError(m.error().code, {{"where", "steps[" + std::to_string(i) + "].layer"}, {"what", s.layer}}, m.error().detail);
        if (klowong && klowong->step == i)  // a coloured klowong: its dye on the lines, then the wax that keeps it
          dyeArea(st, bathKs(book.cloth, *klowong->dye, klowong->style->concentration, 1), *m, seep);
        if (s.op == PlanStep::Op::Wax) st.wax |= *m;
        else {
          st.wax &= ~*m;
          st.cracks &= st.wax;
        }
        break;
      }
      case PlanStep::Op::Cap: {
        auto m = capWax(s, layers, size, o);
        if (!m) return makeError(m.error().code, {{"where", "steps[" + std::to_string(i) + "].tile"}, {"what", s.tile}}, m.error().detail);
        st.wax |= *m;
        break;
      }
      case PlanStep::Op::Dye:
      case PlanStep::Op::Colet:
      case PlanStep::Op::Ciprat: {
        const Dye& d = *book.dye(s.dye);
        const cv::Vec3d add = bathKs(book.cloth, d, s.concentration, s.op == PlanStep::Op::Dye ? s.dips : 1);
        // Colet reaches only the area the brush paints, ciprat only its drops
        // on its area; a bath reaches the whole cloth.
        cv::Mat painted;
        if (s.op != PlanStep::Op::Dye) {
          auto m = dye_detail::layerMask(s.layer, layers, size, o.planDir);
          if (!m) return makeError(m.error().code, {{"where", "steps[" + std::to_string(i) + "].layer"}, {"what", s.layer}}, m.error().detail);
          painted = s.op == PlanStep::Op::Ciprat ? cipratDrops(s, *m, o.dpi) : *m;
        }
        dyeArea(st, add, painted, seep);
        break;
      }
      case PlanStep::Op::Fix: {
        const cv::Vec3d sc = book.fixer(s.fixer)->ksScale;
        // The fixer acts on the baths since the last fix (what it binds):
        // ks = atFix + (ks - atFix) * scale, per channel.
        cv::Mat since;
        cv::subtract(st.ks, st.ksAtFix, since);
        cv::multiply(since, cv::Scalar(sc[0] - 1.0, sc[1] - 1.0, sc[2] - 1.0), since);
        cv::add(st.ks, since, st.ks);
        st.ksAtFix = st.ks;
        break;
      }
      case PlanStep::Op::Crackle: crackle(st, s.density, s.seed, o.dpi); break;
      case PlanStep::Op::Lorod:
        // New buffers: assigning Mat::zeros() would write into the shared ones.
        st.wax = cv::Mat(size, CV_8U, cv::Scalar(0));
        st.cracks = cv::Mat(size, CV_8U, cv::Scalar(0));
        break;
    }
    states.push_back(std::move(st));
  }
  return states;
}

// [SECTION] Rendering

cv::Mat renderCloth(const ClothState& st, bool showWax) {
  // R = 1 + K/S - sqrt((K/S)^2 + 2 K/S) per channel, straight to 8-bit sRGB
  // in one pass: the timeline redraws a whole cloth each time it is scrubbed.
  cv::Mat out(st.ks.size(), CV_8UC3);
  cv::parallel_for_(cv::Range(0, out.rows), [&](const cv::Range& r) {
    for (int y = r.start; y < r.end; ++y) {
      const cv::Vec3f* k = st.ks.ptr<cv::Vec3f>(y);
      cv::Vec3b* o = out.ptr<cv::Vec3b>(y);
      for (int x = 0; x < out.cols; ++x)
        for (int c = 0; c < 3; ++c) {
          const float ks = k[x][c];
          o[x][c] = linearToSrgb8(1.0f + ks - std::sqrt(ks * ks + 2.0f * ks));
        }
    }
  });
  if (showWax) {
    // Wax as a translucent pale yellow, so a trainee sees what is covered.
    cv::Mat tint(out.size(), CV_8UC3, cv::Scalar(150, 225, 245));
    cv::Mat mixed;
    cv::addWeighted(out, 0.45, tint, 0.55, 0, mixed);
    mixed.copyTo(out, st.wax & ~(st.cracks > 0));
  }
  return out;
}

}  // namespace canting::imaging
