#include <algorithm>
#include <cmath>
#include <numeric>
#include <mutex>
#include <random>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/palette.h"
#include "color_cache.h"

namespace canting::imaging {

namespace detail {
cv::Mat toBgr8(const cv::Mat& image, cv::Mat* alpha) {
  cv::Mat m = image;
  if (m.depth() == CV_16U) m.convertTo(m, CV_8U, 1.0 / 257.0);
  else if (m.depth() == CV_32F) m.convertTo(m, CV_8U, 255.0);
  CV_Assert(m.depth() == CV_8U);
  cv::Mat bgr;
  switch (m.channels()) {
    case 1: cv::cvtColor(m, bgr, cv::COLOR_GRAY2BGR); break;
    case 3: bgr = m; break;
    case 4:
      cv::cvtColor(m, bgr, cv::COLOR_BGRA2BGR);
      if (alpha) cv::extractChannel(m, *alpha, 3);
      break;
    default: CV_Error(cv::Error::StsBadArg, "1, 3 or 4 channels");
  }
  return bgr;
}
}  // namespace detail

namespace {

using detail::bgrKey;

struct V3 {
  double x, y, z;
};
inline double d2(const V3& a, const V3& b) {
  const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}
inline V3 v3(const Lab& l) { return {l.L, l.a, l.b}; }
inline Lab keyLab(std::uint32_t key) {
  return srgbToLab(Rgb8{std::uint8_t(key >> 16), std::uint8_t(key >> 8 & 0xFF), std::uint8_t(key & 0xFF)});
}

// Nearest swatch, with the anti-aliasing rule: a colour lying on the segment
// between two swatches (much closer to it than to any single swatch) is a
// blend of those two and goes to the nearer end.
int nearestIndex(const Lab& lab, const std::vector<V3>& c) {
  const V3 p = v3(lab);
  int best = 0;
  double bd = 1e300;
  for (int i = 0; i < int(c.size()); ++i) {
    const double d = d2(p, c[std::size_t(i)]);
    if (d < bd) { bd = d; best = i; }
  }
  if (c.size() < 3 || bd < 1.0) return best;
  double segBest = 1e300;
  int segPick = best;
  // Segments ending at the nearest colour say nothing new (and on a line of
  // greys every colour sits on such a segment), so only the others count.
  for (std::size_t a = 0; a < c.size(); ++a)
    for (std::size_t b = a + 1; b < c.size(); ++b) {
      if (int(a) == best || int(b) == best) continue;
      const V3 ab{c[b].x - c[a].x, c[b].y - c[a].y, c[b].z - c[a].z};
      const double len2 = ab.x * ab.x + ab.y * ab.y + ab.z * ab.z;
      if (len2 <= 0) continue;
      double t = ((p.x - c[a].x) * ab.x + (p.y - c[a].y) * ab.y + (p.z - c[a].z) * ab.z) / len2;
      t = std::clamp(t, 0.0, 1.0);
      const V3 q{c[a].x + t * ab.x, c[a].y + t * ab.y, c[a].z + t * ab.z};
      const double ds = d2(p, q);
      if (ds < segBest) { segBest = ds; segPick = t < 0.5 ? int(a) : int(b); }
    }
  // Squared distances: "much closer" is half the distance, a quarter squared.
  return segBest < 0.25 * bd ? segPick : best;
}

std::vector<V3> centres(const Palette& p) {
  std::vector<V3> c;
  for (const Swatch& s : p.swatches) c.push_back(v3(s.lab));
  return c;
}

}  // namespace

Result<Palette> extractPalette(const cv::Mat& image, const PaletteOptions& o) {
  if (image.empty()) return makeError(ErrorCode::InvalidArgument, {{"what", "image"}}, "empty image");
  if (o.k < 1 || o.k > 64) return makeError(ErrorCode::InvalidArgument, {{"what", "k"}}, "k must be 1..64");
  cv::Mat alpha;
  const cv::Mat bgr = detail::toBgr8(image, &alpha);
  const std::size_t total = bgr.total();
  std::mt19937 rng(o.seed);

  // Deterministic sample of opaque, non-background pixels.
  std::vector<V3> samples;
  std::vector<std::uint32_t> sampleKeys;
  auto consider = [&](std::size_t idx) {
    const int y = int(idx / std::size_t(bgr.cols)), x = int(idx % std::size_t(bgr.cols));
    if (!alpha.empty() && alpha.at<std::uint8_t>(y, x) == 0) return;
    const std::uint32_t key = bgrKey(bgr.ptr<std::uint8_t>(y) + 3 * x);
    const Lab lab = keyLab(key);
    if (o.ignore && deltaE2000(lab, *o.ignore) < o.ignoreDeltaE) return;
    samples.push_back(v3(lab));
    sampleKeys.push_back(key);
  };
  if (total <= std::size_t(o.sampleSize)) {
    for (std::size_t i = 0; i < total; ++i) consider(i);
  } else {
    std::uniform_int_distribution<std::size_t> pick(0, total - 1);
    for (int i = 0; i < o.sampleSize; ++i) consider(pick(rng));
  }
  if (samples.empty())
    return makeError(ErrorCode::InvalidArgument, {{"what", "image"}}, "no pixels left after removing the background");

  std::vector<std::uint32_t> distinct = sampleKeys;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  const int k = std::min<int>(o.k, int(distinct.size()));

  // k-means++ seeding and Lloyd iterations, restarted from a few seeds; the
  // run with the least within-cluster error wins. Still one result per seed.
  auto runKmeans = [&](std::mt19937& r, std::vector<V3>& c, std::vector<int>& label) {
    c.clear();
    c.push_back(samples[std::uniform_int_distribution<std::size_t>(0, samples.size() - 1)(r)]);
    std::vector<double> dist(samples.size(), 1e300);
    while (int(c.size()) < k) {
      double sum = 0;
      for (std::size_t i = 0; i < samples.size(); ++i) {
        dist[i] = std::min(dist[i], d2(samples[i], c.back()));
        sum += dist[i];
      }
      if (sum <= 0) break;
      double x = std::uniform_real_distribution<double>(0, sum)(r);
      std::size_t chosen = samples.size() - 1;
      for (std::size_t i = 0; i < samples.size(); ++i) {
        x -= dist[i];
        if (x <= 0) { chosen = i; break; }
      }
      c.push_back(samples[chosen]);
    }
    label.assign(samples.size(), -1);
    double sse = 0;
    for (int it = 0; it < o.maxIterations; ++it) {
      bool changed = false;
      sse = 0;
      std::vector<V3> sum(c.size(), V3{0, 0, 0});
      std::vector<std::size_t> n(c.size(), 0);
      for (std::size_t i = 0; i < samples.size(); ++i) {
        int best = 0;
        double bd = 1e300;
        for (std::size_t j = 0; j < c.size(); ++j) {
          const double d = d2(samples[i], c[j]);
          if (d < bd) { bd = d; best = int(j); }
        }
        sse += bd;
        if (label[i] != best) { label[i] = best; changed = true; }
        sum[std::size_t(best)].x += samples[i].x;
        sum[std::size_t(best)].y += samples[i].y;
        sum[std::size_t(best)].z += samples[i].z;
        ++n[std::size_t(best)];
      }
      for (std::size_t j = 0; j < c.size(); ++j)
        if (n[j]) c[j] = {sum[j].x / double(n[j]), sum[j].y / double(n[j]), sum[j].z / double(n[j])};
      if (!changed) break;
    }
    return sse;
  };
  std::vector<V3> c;
  std::vector<int> label;
  double bestSse = 1e300;
  for (int restart = 0; restart < 4; ++restart) {
    std::vector<V3> cr;
    std::vector<int> lr;
    const double sse = runKmeans(rng, cr, lr);
    if (sse < bestSse) { bestSse = sse; c = std::move(cr); label = std::move(lr); }
  }
  // Trimmed means: noise is symmetric but anti-aliased edge pixels all sit on
  // one side, so members far beyond the typical spread are left out.
  for (std::size_t j = 0; j < c.size(); ++j) {
    std::vector<double> d;
    for (std::size_t i = 0; i < samples.size(); ++i)
      if (label[i] == int(j)) d.push_back(d2(samples[i], c[j]));
    if (d.size() < 8) continue;
    std::vector<double> sorted = d;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(sorted.size() / 2), sorted.end());
    const double limit = std::max(4.0 * sorted[sorted.size() / 2], 1.0);  // 2x the median distance, squared
    V3 s{0, 0, 0};
    std::size_t m = 0, di = 0;
    for (std::size_t i = 0; i < samples.size(); ++i)
      if (label[i] == int(j)) {
        if (d[di++] <= limit) { s.x += samples[i].x; s.y += samples[i].y; s.z += samples[i].z; ++m; }
      }
    if (m) c[j] = {s.x / double(m), s.y / double(m), s.z / double(m)};
  }

  // Shares over the whole image, one nearest-centre search per distinct colour.
  std::vector<std::uint64_t> counts(c.size(), 0);
  std::mutex countsMutex;
  detail::forStripes(bgr.rows, [&](int y0, int y1) {
    detail::ColorCache<int> cache;
    std::vector<std::uint64_t> local(c.size(), 0);
    for (int y = y0; y < y1; ++y) {
      const std::uint8_t* p = bgr.ptr<std::uint8_t>(y);
      const std::uint8_t* a = alpha.empty() ? nullptr : alpha.ptr<std::uint8_t>(y);
      for (int x = 0; x < bgr.cols; ++x, p += 3) {
        if (a && a[x] == 0) continue;
        const int idx = cache.get(bgrKey(p), [&](std::uint32_t key) {
          const Lab lab = keyLab(key);
          if (o.ignore && deltaE2000(lab, *o.ignore) < o.ignoreDeltaE) return -1;
          const V3 q = v3(lab);
          int best = 0;
          double bd = 1e300;
          for (std::size_t j = 0; j < c.size(); ++j)
            if (const double d = d2(q, c[j]); d < bd) { bd = d; best = int(j); }
          return best;
        });
        if (idx >= 0) ++local[std::size_t(idx)];
      }
    }
    std::lock_guard lock(countsMutex);
    for (std::size_t j = 0; j < c.size(); ++j) counts[j] += local[j];
  });
  const double counted = double(std::accumulate(counts.begin(), counts.end(), std::uint64_t(0)));

  Palette pal;
  for (std::size_t j = 0; j < c.size(); ++j)
    if (counts[j]) pal.swatches.push_back(Swatch{Lab{c[j].x, c[j].y, c[j].z}, counted > 0 ? counts[j] / counted : 0, {}});
  // Merge near-duplicates, closest pair first, weighted by share.
  for (;;) {
    double best = o.mergeDeltaE;
    std::size_t bi = 0, bj = 0;
    for (std::size_t i = 0; i < pal.swatches.size(); ++i)
      for (std::size_t j = i + 1; j < pal.swatches.size(); ++j)
        if (const double d = deltaE2000(pal.swatches[i].lab, pal.swatches[j].lab); d < best) { best = d; bi = i; bj = j; }
    if (best >= o.mergeDeltaE) break;
    Swatch& a = pal.swatches[bi];
    const Swatch& b = pal.swatches[bj];
    const double w = a.share + b.share;
    const double wa = w > 0 ? a.share / w : 0.5;
    a.lab = Lab{a.lab.L * wa + b.lab.L * (1 - wa), a.lab.a * wa + b.lab.a * (1 - wa), a.lab.b * wa + b.lab.b * (1 - wa)};
    a.share = w;
    pal.swatches.erase(pal.swatches.begin() + std::ptrdiff_t(bj));
  }
  std::stable_sort(pal.swatches.begin(), pal.swatches.end(), [](const Swatch& a, const Swatch& b) { return a.share > b.share; });
  return pal;
}

cv::Mat assignIndices(const cv::Mat& image, const Palette& palette) {
  CV_Assert(!palette.swatches.empty() && palette.swatches.size() <= 255);
  const cv::Mat bgr = detail::toBgr8(image);
  const std::vector<V3> c = centres(palette);
  cv::Mat out(bgr.size(), CV_8U);
  detail::forStripes(bgr.rows, [&](int y0, int y1) {
    detail::ColorCache<std::uint8_t> cache;
    for (int y = y0; y < y1; ++y) {
      const std::uint8_t* p = bgr.ptr<std::uint8_t>(y);
      std::uint8_t* d = out.ptr<std::uint8_t>(y);
      for (int x = 0; x < bgr.cols; ++x, p += 3)
        d[x] = cache.get(bgrKey(p), [&](std::uint32_t key) { return std::uint8_t(nearestIndex(keyLab(key), c)); });
    }
  });
  return out;
}

cv::Mat quantize(const cv::Mat& image, const Palette& palette) {
  const cv::Mat idx = assignIndices(image, palette);
  std::vector<cv::Vec3b> colours;
  for (const Swatch& s : palette.swatches) {
    const Rgb8 c = labToSrgb8(s.lab);
    colours.emplace_back(c.b, c.g, c.r);
  }
  const bool alpha = image.channels() == 4;
  cv::Mat a;
  if (alpha) detail::toBgr8(image, &a);
  cv::Mat out(image.size(), alpha ? CV_8UC4 : CV_8UC3);
  for (int y = 0; y < out.rows; ++y) {
    const std::uint8_t* i = idx.ptr<std::uint8_t>(y);
    std::uint8_t* d = out.ptr<std::uint8_t>(y);
    for (int x = 0; x < out.cols; ++x) {
      const cv::Vec3b& c = colours[i[x]];
      d[0] = c[0];
      d[1] = c[1];
      d[2] = c[2];
      if (alpha) d[3] = a.at<std::uint8_t>(y, x);
      d += alpha ? 4 : 3;
    }
  }
  return out;
}

}  // namespace canting::imaging
