// Palettes: extraction, index assignment, quantisation and refinement.
// Index:
//   [SECTION] shared with recolour
//   [SECTION] nearest swatch
//   [SECTION] extraction
//   [SECTION] assignment and quantisation
//   [SECTION] refinement

#include <algorithm>
#include <cmath>
#include <numeric>
#include <mutex>
#include <random>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/palette.h"
#include "color_cache.h"

namespace canting::imaging {

// [SECTION] shared with recolour
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

// [SECTION] nearest swatch
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

// The two nearest by Euclidean CIELAB distance, decided by CIEDE2000 (the
// metric results are judged by, and closer to what the eye sees). Beyond the
// second candidate CIEDE2000 practically never changes the answer.
int nearestPlain(const Lab& lab, const std::vector<V3>& c) {
  const V3 p = v3(lab);
  int b1 = 0, b2 = -1;
  double d1 = 1e300, dd2 = 1e300;
  for (int i = 0; i < int(c.size()); ++i) {
    const double d = d2(p, c[std::size_t(i)]);
    if (d < d1) { dd2 = d1; b2 = b1; d1 = d; b1 = i; }
    else if (d < dd2) { dd2 = d; b2 = i; }
  }
  if (b2 < 0 || b2 == b1) return b1;
  const auto lab1 = Lab{c[std::size_t(b1)].x, c[std::size_t(b1)].y, c[std::size_t(b1)].z};
  const auto lab2 = Lab{c[std::size_t(b2)].x, c[std::size_t(b2)].y, c[std::size_t(b2)].z};
  return deltaE2000(lab, lab2) < deltaE2000(lab, lab1) ? b2 : b1;
}

// The anti-aliasing rule, for a pixel at an edge: if it is much better
// explained as a blend of two swatches that both occur around it than by its
// own nearest swatch, it goes to the nearer end of that blend. Segments ending
// at the pixel's own swatch say nothing new (on a line of greys every colour
// sits on one), so only the others count.
int blendAware(const Lab& lab, int own, const std::vector<int>& around, const std::vector<V3>& c) {
  const V3 p = v3(lab);
  const double dOwn = d2(p, c[std::size_t(own)]);
  if (dOwn < 1.0) return own;
  double segBest = 1e300;
  int pick = own;
  for (std::size_t i = 0; i < around.size(); ++i)
    for (std::size_t j = i + 1; j < around.size(); ++j) {
      const V3& a = c[std::size_t(around[i])];
      const V3& b = c[std::size_t(around[j])];
      const V3 ab{b.x - a.x, b.y - a.y, b.z - a.z};
      const double len2 = ab.x * ab.x + ab.y * ab.y + ab.z * ab.z;
      if (len2 <= 0) continue;
      const double t = std::clamp(((p.x - a.x) * ab.x + (p.y - a.y) * ab.y + (p.z - a.z) * ab.z) / len2, 0.0, 1.0);
      const double ds = d2(p, V3{a.x + t * ab.x, a.y + t * ab.y, a.z + t * ab.z});
      if (ds < segBest) { segBest = ds; pick = t < 0.5 ? around[i] : around[j]; }
    }
  // "Much better": within a quarter of the distance to its own swatch
  // (squared: a sixteenth). Looser thresholds recolour noisy photo pixels that
  // merely sit near some blend line, which costs accuracy and buys nothing.
  return segBest < 0.0625 * dOwn ? pick : own;
}

std::vector<V3> centres(const Palette& p) {
  std::vector<V3> c;
  for (const Swatch& s : p.swatches) c.push_back(v3(s.lab));
  return c;
}

}  // namespace

// Labels by 5-bit bins: a bin (8 x 8 x 8 sRGB codes) whose 8 corner colours
// all get one label gives it to every colour inside, so a photo's million
// distinct colours cost a few thousand bins' corners. Where the corners
// disagree (a boundary between swatches crosses the bin), kMixed: the caller
// labels those colours one by one. `label(key)` must be a pure function of
// the colour; only bins that occur in the image are worked out.
constexpr std::int16_t kMixed = -32768;
inline std::size_t binOf(std::uint32_t key) {
  return std::size_t((key >> 19 & 0x1F) << 10 | (key >> 11 & 0x1F) << 5 | (key >> 3 & 0x1F));
}
template <class Label>
std::vector<std::int16_t> binLabels(const cv::Mat& bgr, const cv::Mat& alpha, Label label) {
  std::vector<std::uint8_t> seen(1 << 15, 0);
  std::mutex m;
  detail::forStripes(bgr.rows, [&](int y0, int y1) {
    std::vector<std::uint8_t> local(1 << 15, 0);
    for (int y = y0; y < y1; ++y) {
      const std::uint8_t* p = bgr.ptr<std::uint8_t>(y);
      const std::uint8_t* a = alpha.empty() ? nullptr : alpha.ptr<std::uint8_t>(y);
      for (int x = 0; x < bgr.cols; ++x, p += 3)
        if (!a || a[x]) local[binOf(bgrKey(p))] = 1;
    }
    std::lock_guard lock(m);
    for (std::size_t i = 0; i < local.size(); ++i) seen[i] |= local[i];
  });
  std::vector<int> bins;
  for (std::size_t i = 0; i < seen.size(); ++i)
    if (seen[i]) bins.push_back(int(i));
  std::vector<std::int16_t> out(1 << 15, kMixed);
  cv::parallel_for_(cv::Range(0, int(bins.size())), [&](const cv::Range& r) {
    for (int i = r.start; i < r.end; ++i) {
      const std::uint32_t b = std::uint32_t(bins[std::size_t(i)]);
      const std::uint32_t lo = (b >> 10) << 19 | (b >> 5 & 0x1F) << 11 | (b & 0x1F) << 3;  // the bin's first corner
      const int first = label(lo);
      bool same = true;
      for (std::uint32_t c = 1; c < 8 && same; ++c)
        same = label(lo | (c & 1 ? 7u << 16 : 0) | (c & 2 ? 7u << 8 : 0) | (c & 4 ? 7u : 0)) == first;
      if (same) out[b] = std::int16_t(first);
    }
  });
  return out;
}

// [SECTION] extraction
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

  // The clustering runs on the sample grouped into bins of 5 bits per sRGB
  // channel: each bin is one point at the mean CIELAB of its members, weighted
  // by their count. A photo's 120,000 samples fall in a few thousand bins, so
  // the restarts cost a tenth; a bin is narrower than any cluster worth
  // finding, and the trimmed means below go back to the samples themselves.
  std::vector<V3> points;
  std::vector<double> weight;
  std::vector<int> pointOf(samples.size());
  {
    std::vector<int> binPoint(1 << 15, -1);
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const std::uint32_t key = sampleKeys[i];
      const std::size_t bin = binOf(key);
      if (binPoint[bin] < 0) {
        binPoint[bin] = int(points.size());
        points.push_back(V3{0, 0, 0});
        weight.push_back(0);
      }
      const std::size_t j = std::size_t(binPoint[bin]);
      pointOf[i] = int(j);
      points[j].x += samples[i].x;
      points[j].y += samples[i].y;
      points[j].z += samples[i].z;
      weight[j] += 1;
    }
    for (std::size_t j = 0; j < points.size(); ++j)
      points[j] = {points[j].x / weight[j], points[j].y / weight[j], points[j].z / weight[j]};
  }

  // k-means++ seeding and Lloyd iterations on the weighted points, restarted
  // from a few seeds; the run with the least within-cluster error wins. Still
  // one result per seed.
  auto runKmeans = [&](std::mt19937& r, std::vector<V3>& c, std::vector<int>& label) {
    c.clear();
    c.push_back(points[std::uniform_int_distribution<std::size_t>(0, points.size() - 1)(r)]);
    std::vector<double> dist(points.size(), 1e300);
    while (int(c.size()) < k) {
      double sum = 0;
      for (std::size_t i = 0; i < points.size(); ++i) {
        dist[i] = std::min(dist[i], d2(points[i], c.back()));
        sum += dist[i] * weight[i];
      }
      if (sum <= 0) break;
      double x = std::uniform_real_distribution<double>(0, sum)(r);
      std::size_t chosen = points.size() - 1;
      for (std::size_t i = 0; i < points.size(); ++i) {
        x -= dist[i] * weight[i];
        if (x <= 0) { chosen = i; break; }
      }
      c.push_back(points[chosen]);
    }
    label.assign(points.size(), -1);
    double sse = 0;
    for (int it = 0; it < o.maxIterations; ++it) {
      bool changed = false;
      sse = 0;
      std::vector<V3> sum(c.size(), V3{0, 0, 0});
      std::vector<double> n(c.size(), 0);
      for (std::size_t i = 0; i < points.size(); ++i) {
        int best = 0;
        double bd = 1e300;
        for (std::size_t j = 0; j < c.size(); ++j) {
          const double d = d2(points[i], c[j]);
          if (d < bd) { bd = d; best = int(j); }
        }
        const double w = weight[i];
        sse += bd * w;
        if (label[i] != best) { label[i] = best; changed = true; }
        sum[std::size_t(best)].x += points[i].x * w;
        sum[std::size_t(best)].y += points[i].y * w;
        sum[std::size_t(best)].z += points[i].z * w;
        n[std::size_t(best)] += w;
      }
      for (std::size_t j = 0; j < c.size(); ++j)
        if (n[j] > 0) c[j] = {sum[j].x / n[j], sum[j].y / n[j], sum[j].z / n[j]};
      if (!changed) break;
    }
    return sse;
  };
  // Each restart has its own generator seeded from the caller's, so they run
  // in parallel and the winner does not depend on scheduling.
  constexpr int kRestarts = 4;
  std::uint32_t seeds[kRestarts];
  for (auto& s : seeds) s = rng();
  std::vector<V3> runC[kRestarts];
  std::vector<int> runL[kRestarts];
  double runSse[kRestarts];
  cv::parallel_for_(cv::Range(0, kRestarts), [&](const cv::Range& r) {
    for (int i = r.start; i < r.end; ++i) {
      std::mt19937 local(seeds[i]);
      runSse[i] = runKmeans(local, runC[i], runL[i]);
    }
  });
  const int win = int(std::min_element(runSse, runSse + kRestarts) - runSse);
  std::vector<V3> c = std::move(runC[win]);
  std::vector<int> label(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) label[i] = runL[win][std::size_t(pointOf[i])];
  // Trimmed means: noise is symmetric but anti-aliased edge pixels all sit on
  // one side, so members far beyond the typical spread are left out.
  for (std::size_t j = 0; j < c.size() && o.trimOutliers; ++j) {
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

  // Shares over the whole image, one nearest-centre search per bin or per distinct colour.
  auto nearestCentre = [&](std::uint32_t key) {
    const Lab lab = keyLab(key);
    if (o.ignore && deltaE2000(lab, *o.ignore) < o.ignoreDeltaE) return -1;
    const V3 q = v3(lab);
    int best = 0;
    double bd = 1e300;
    for (std::size_t j = 0; j < c.size(); ++j)
      if (const double d = d2(q, c[j]); d < bd) { bd = d; best = int(j); }
    return best;
  };
  const std::vector<std::int16_t> byBin = binLabels(bgr, alpha, nearestCentre);
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
        const std::uint32_t key = bgrKey(p);
        const int b = byBin[binOf(key)];
        const int idx = b != kMixed ? b : cache.get(key, nearestCentre);
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

// [SECTION] assignment and quantisation
cv::Mat assignIndices(const cv::Mat& image, const Palette& palette) {
  CV_Assert(!palette.swatches.empty() && palette.swatches.size() <= 255);
  const cv::Mat bgr = detail::toBgr8(image);
  const std::vector<V3> c = centres(palette);
  cv::Mat nearest(bgr.size(), CV_8U);
  auto nearestOf = [&](std::uint32_t key) { return std::uint8_t(nearestPlain(keyLab(key), c)); };
  const std::vector<std::int16_t> byBin = binLabels(bgr, cv::Mat(), nearestOf);
  detail::forStripes(bgr.rows, [&](int y0, int y1) {
    detail::ColorCache<std::uint8_t> cache;
    for (int y = y0; y < y1; ++y) {
      const std::uint8_t* p = bgr.ptr<std::uint8_t>(y);
      std::uint8_t* d = nearest.ptr<std::uint8_t>(y);
      for (int x = 0; x < bgr.cols; ++x, p += 3) {
        const std::uint32_t key = bgrKey(p);
        const int b = byBin[binOf(key)];
        d[x] = b != kMixed ? std::uint8_t(b) : cache.get(key, nearestOf);
      }
    }
  });
  if (c.size() < 3) return nearest;
  // Which labels occur within 2 px of each pixel, as a bitmask OR-ed over a
  // 5x5 window in two separable passes. Blurred photo edges span a few
  // pixels, hence 5x5; only pixels with two other labels around can be blends.
  constexpr int kR = 2;
  const bool wide = c.size() > 32;
  cv::Mat out = nearest.clone();
  if (wide) return out;  // the rule needs a 32-bit mask; such palettes are not batik palettes
  cv::Mat tmp(bgr.size(), CV_32S);
  detail::forStripes(bgr.rows, [&](int y0, int y1) {
    std::vector<std::uint32_t> m(std::size_t(bgr.cols));
    for (int y = y0; y < y1; ++y) {
      const std::uint8_t* l = nearest.ptr<std::uint8_t>(y);
      for (int x = 0; x < bgr.cols; ++x) m[std::size_t(x)] = 1u << l[x];
      std::uint32_t* t = tmp.ptr<std::uint32_t>(y);
      for (int x = 0; x < bgr.cols; ++x) {
        std::uint32_t v = 0;
        const int a = std::max(0, x - kR), b = std::min(bgr.cols - 1, x + kR);
        for (int dx = a; dx <= b; ++dx) v |= m[std::size_t(dx)];
        t[x] = v;
      }
    }
  });
  detail::forStripes(bgr.rows, [&](int y0, int y1) {
    std::vector<int> around;
    std::vector<std::uint32_t> col(std::size_t(bgr.cols));
    // The answer depends only on the colour and which labels are around it.
    detail::ColorCache<std::uint8_t, std::uint64_t> blended(16);
    for (int y = y0; y < y1; ++y) {
      std::fill(col.begin(), col.end(), 0u);
      for (int dy = std::max(0, y - kR); dy <= std::min(bgr.rows - 1, y + kR); ++dy) {
        const std::uint32_t* t = tmp.ptr<std::uint32_t>(dy);
        for (int x = 0; x < bgr.cols; ++x) col[std::size_t(x)] |= t[x];
      }
      const std::uint8_t* ownRow = nearest.ptr<std::uint8_t>(y);
      for (int x = 0; x < bgr.cols; ++x) {
        std::uint32_t v = col[std::size_t(x)];
        const int own = ownRow[x];
        v &= ~(1u << own);
        if ((v & (v - 1)) == 0) continue;  // fewer than two other labels around
        const std::uint8_t* p = bgr.ptr<std::uint8_t>(y) + 3 * x;
        const std::uint64_t key = std::uint64_t(bgrKey(p)) | std::uint64_t(v) << 24;
        out.at<std::uint8_t>(y, x) = blended.get(key, [&](std::uint64_t k) {
          around.clear();
          for (int b = 0; b < 32; ++b)
            if (v >> b & 1u) around.push_back(b);
          return std::uint8_t(blendAware(keyLab(std::uint32_t(k & 0xFFFFFF)), own, around, c));
        });
      }
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
  detail::forStripes(out.rows, [&](int y0, int y1) {
    for (int y = y0; y < y1; ++y) {
      const std::uint8_t* i = idx.ptr<std::uint8_t>(y);
      const std::uint8_t* al = alpha ? a.ptr<std::uint8_t>(y) : nullptr;
      std::uint8_t* d = out.ptr<std::uint8_t>(y);
      for (int x = 0; x < out.cols; ++x) {
        const cv::Vec3b& c = colours[i[x]];
        d[0] = c[0];
        d[1] = c[1];
        d[2] = c[2];
        if (al) d[3] = al[x];
        d += alpha ? 4 : 3;
      }
    }
  });
  return out;
}

// [SECTION] refinement
Palette refineForQuantization(const cv::Mat& image, const Palette& palette, int iterations, std::uint32_t seed) {
  Palette out = palette;
  if (out.swatches.empty()) return out;
  const cv::Mat bgr = detail::toBgr8(image);
  // A weighted sample of distinct colours stands in for the whole image.
  std::vector<std::uint32_t> keys;
  const std::size_t total = bgr.total(), want = std::min<std::size_t>(total, 400'000);
  keys.reserve(want);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, total - 1);
  for (std::size_t i = 0; i < want; ++i) {
    const std::size_t idx = want == total ? i : pick(rng);
    keys.push_back(bgrKey(bgr.ptr<std::uint8_t>(int(idx / std::size_t(bgr.cols))) + 3 * (idx % std::size_t(bgr.cols))));
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::pair<Lab, double>> hist;
  for (std::size_t i = 0; i < keys.size();) {
    std::size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    hist.emplace_back(keyLab(keys[i]), double(j - i));
    i = j;
  }
  auto weightedMedian = [](std::vector<std::pair<double, double>>& v) {
    std::sort(v.begin(), v.end());
    double total = 0, acc = 0;
    for (const auto& e : v) total += e.second;
    for (const auto& e : v)
      if ((acc += e.second) >= total / 2) return e.first;
    return v.back().first;
  };
  for (int it = 0; it < iterations; ++it) {
    const std::vector<V3> c = centres(out);
    std::vector<std::vector<std::pair<double, double>>> L(c.size()), A(c.size()), B(c.size());
    for (const auto& [lab, w] : hist) {
      const std::size_t i = std::size_t(nearestPlain(lab, c));
      L[i].emplace_back(lab.L, w);
      A[i].emplace_back(lab.a, w);
      B[i].emplace_back(lab.b, w);
    }
    for (std::size_t i = 0; i < c.size(); ++i)
      if (!L[i].empty()) out.swatches[i].lab = Lab{weightedMedian(L[i]), weightedMedian(A[i]), weightedMedian(B[i])};
  }
  return out;
}

}  // namespace canting::imaging
