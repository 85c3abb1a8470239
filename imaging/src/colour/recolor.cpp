#include "canting/imaging/recolor.h"

#include <algorithm>
#include <cmath>

#include "color_cache.h"

namespace canting::imaging {

namespace {

inline Lab keyLab(std::uint32_t key) {
  return srgbToLab(Rgb8{std::uint8_t(key >> 16), std::uint8_t(key >> 8 & 0xFF), std::uint8_t(key & 0xFF)});
}

// Applies fn(Lab, key) -> 8-bit BGR to every pixel, once per distinct colour.
template <class Fn>
cv::Mat mapColours(const cv::Mat& image, Fn fn) {
  cv::Mat alpha;
  const cv::Mat bgr = detail::toBgr8(image, &alpha);
  const bool hasAlpha = !alpha.empty();
  cv::Mat out(bgr.size(), hasAlpha ? CV_8UC4 : CV_8UC3);
  detail::forStripes(bgr.rows, [&](int y0, int y1) {
    // Neighbouring pixels of a motif often repeat, so
    // the previous answer is checked before the cache.
    detail::ColorCache<cv::Vec3b> cache;
    std::uint32_t lastKey = 0xFFFFFFFFu;
    cv::Vec3b last;
    for (int y = y0; y < y1; ++y) {
      const std::uint8_t* p = bgr.ptr<std::uint8_t>(y);
      std::uint8_t* d = out.ptr<std::uint8_t>(y);
      const std::uint8_t* a = hasAlpha ? alpha.ptr<std::uint8_t>(y) : nullptr;
      for (int x = 0; x < bgr.cols; ++x, p += 3) {
        const std::uint32_t key = detail::bgrKey(p);
        if (key != lastKey) {
          last = cache.get(key, [&](std::uint32_t k) { return fn(keyLab(k), k); });
          lastKey = key;
        }
        const cv::Vec3b& c = last;
        d[0] = c[0];
        d[1] = c[1];
        d[2] = c[2];
        if (hasAlpha) d[3] = a[x];
        d += hasAlpha ? 4 : 3;
      }
    }
  });
  return out;
}

inline cv::Vec3b toBgr(const Lab& lab) {
  const Rgb8 c = labToSrgb8(Lab{std::clamp(lab.L, 0.0, 100.0), lab.a, lab.b});
  return {c.b, c.g, c.r};
}
inline cv::Vec3b keyBgr(std::uint32_t key) {
  return {std::uint8_t(key & 0xFF), std::uint8_t(key >> 8 & 0xFF), std::uint8_t(key >> 16)};
}
inline double dist2(const Lab& a, const Lab& b) {
  return (a.L - b.L) * (a.L - b.L) + (a.a - b.a) * (a.a - b.a) + (a.b - b.b) * (a.b - b.b);
}

}  // namespace

cv::Mat recolor(const cv::Mat& image, const Palette& source, const std::vector<std::optional<Lab>>& targets,
                RecolorMode mode) {
  CV_Assert(!source.swatches.empty() && source.swatches.size() <= 64 && targets.size() == source.swatches.size());
  if (mode == RecolorMode::Flat) {
    // The palette assignment, with its anti-aliasing rule, decides who is replaced.
    const cv::Mat idx = assignIndices(image, source);
    cv::Mat alpha;
    const cv::Mat bgr = detail::toBgr8(image, &alpha);
    std::vector<std::optional<cv::Vec3b>> flat;
    for (const auto& t : targets) flat.push_back(t ? std::optional(toBgr(*t)) : std::nullopt);
    cv::Mat out(bgr.size(), alpha.empty() ? CV_8UC3 : CV_8UC4);
    const int ch = out.channels();
    detail::forStripes(bgr.rows, [&](int y0, int y1) {
      for (int y = y0; y < y1; ++y) {
        const std::uint8_t* i = idx.ptr<std::uint8_t>(y);
        const cv::Vec3b* s = bgr.ptr<cv::Vec3b>(y);
        const std::uint8_t* a = alpha.empty() ? nullptr : alpha.ptr<std::uint8_t>(y);
        std::uint8_t* d = out.ptr<std::uint8_t>(y);
        for (int x = 0; x < bgr.cols; ++x, d += ch) {
          const auto& f = flat[i[x]];
          const cv::Vec3b c = f ? *f : s[x];
          d[0] = c[0];
          d[1] = c[1];
          d[2] = c[2];
          if (a) d[3] = a[x];
        }
      }
    });
    return out;
  }
  bool any = false;
  for (const auto& t : targets) any |= t.has_value();
  if (!any) return mapColours(image, [](const Lab&, std::uint32_t key) { return keyBgr(key); });
  return applyColourFn(image, recolorFn(source, targets));
}

ColourFn recolorFn(const Palette& source, const std::vector<std::optional<Lab>>& targets) {
  CV_Assert(!source.swatches.empty() && source.swatches.size() <= 64 && targets.size() == source.swatches.size());
  const auto& sw = source.swatches;
  // Radial basis weights as in Chang et al.: solved so that every swatch
  // moves exactly to its own target (and unmapped swatches stay put), with a
  // width that follows the palette's own spacing.
  const int k = int(sw.size());
  double sigma = 0, pairs = 0;
  for (int i = 0; i < k; ++i)
    for (int j = i + 1; j < k; ++j) {
      sigma += std::sqrt(dist2(sw[std::size_t(i)].lab, sw[std::size_t(j)].lab));
      ++pairs;
    }
  sigma = pairs > 0 ? std::max(5.0, sigma / pairs) : 20.0;
  const double inv2s2 = 1.0 / (2 * sigma * sigma);
  cv::Mat phi(k, k, CV_64F);
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < k; ++j) phi.at<double>(i, j) = std::exp(-dist2(sw[std::size_t(i)].lab, sw[std::size_t(j)].lab) * inv2s2);
  cv::Mat lambda;
  cv::invert(phi, lambda, cv::DECOMP_SVD);
  std::vector<double> lam(lambda.begin<double>(), lambda.end<double>());
  std::vector<Lab> centres, delta;
  for (int i = 0; i < k; ++i) {
    const Lab& s0 = sw[std::size_t(i)].lab;
    const Lab t = targets[std::size_t(i)] ? *targets[std::size_t(i)] : s0;
    centres.push_back(s0);
    delta.push_back(Lab{t.L - s0.L, t.a - s0.a, t.b - s0.b});
  }
  return [k, inv2s2, lam = std::move(lam), centres = std::move(centres), delta = std::move(delta)](const Lab& p) {
    // Once per distinct colour: no allocation here (palettes hold at most 64 colours).
    double f[64], w[64];
    for (int j = 0; j < k; ++j) f[j] = std::exp(-dist2(p, centres[std::size_t(j)]) * inv2s2);
    double wsum = 0;
    for (int i = 0; i < k; ++i) {
      const double* row = lam.data() + std::size_t(i) * std::size_t(k);
      double v = 0;
      for (int j = 0; j < k; ++j) v += row[j] * f[j];
      w[i] = std::max(0.0, v);  // negative weights would push colours the wrong way
      wsum += w[i];
    }
    if (wsum <= 1e-12) return p;  // far from every swatch: leave it
    Lab move{0, 0, 0};
    for (int i = 0; i < k; ++i) {
      const double wi = w[i] / wsum;
      move.L += wi * delta[std::size_t(i)].L;
      move.a += wi * delta[std::size_t(i)].a;
      move.b += wi * delta[std::size_t(i)].b;
    }
    return Lab{p.L + move.L, p.a + move.a, p.b + move.b};
  };
}

cv::Mat applyColourFn(const cv::Mat& image, const ColourFn& fn) {
  return mapColours(image, [&](const Lab& p, std::uint32_t) { return toBgr(fn(p)); });
}

ColorIndex buildColorIndex(const cv::Mat& image) {
  ColorIndex ci;
  const cv::Mat bgr = detail::toBgr8(image, &ci.alpha);
  ci.index.create(bgr.size(), CV_32S);
  // Direct addressing on the 24-bit colour: 64 MB for a moment, and one pass.
  std::vector<std::uint32_t> slot(std::size_t(1) << 24, 0);
  for (int y = 0; y < bgr.rows; ++y) {
    const std::uint8_t* p = bgr.ptr<std::uint8_t>(y);
    std::int32_t* d = ci.index.ptr<std::int32_t>(y);
    for (int x = 0; x < bgr.cols; ++x, p += 3) {
      const std::uint32_t key = detail::bgrKey(p);
      std::uint32_t& s = slot[key];
      if (!s) {
        ci.colours.push_back(key);
        s = std::uint32_t(ci.colours.size());
      }
      d[x] = std::int32_t(s - 1);
    }
  }
  return ci;
}

cv::Mat applyColourFn(const ColorIndex& ci, const ColourFn& fn) {
  std::vector<cv::Vec3b> table(ci.colours.size());
  cv::parallel_for_(cv::Range(0, int(ci.colours.size())), [&](const cv::Range& r) {
    for (int i = r.start; i < r.end; ++i) table[std::size_t(i)] = toBgr(fn(keyLab(ci.colours[std::size_t(i)])));
  });
  const bool hasAlpha = !ci.alpha.empty();
  cv::Mat out(ci.size(), hasAlpha ? CV_8UC4 : CV_8UC3);
  detail::forStripes(out.rows, [&](int y0, int y1) {
    for (int y = y0; y < y1; ++y) {
      const std::int32_t* i = ci.index.ptr<std::int32_t>(y);
      const std::uint8_t* a = hasAlpha ? ci.alpha.ptr<std::uint8_t>(y) : nullptr;
      std::uint8_t* d = out.ptr<std::uint8_t>(y);
      for (int x = 0; x < out.cols; ++x) {
        const cv::Vec3b& c = table[std::size_t(i[x])];
        d[0] = c[0];
        d[1] = c[1];
        d[2] = c[2];
        if (a) d[3] = a[x];
        d += hasAlpha ? 4 : 3;
      }
    }
  });
  return out;
}

RecolorPlan planMapping(const Palette& imagePalette, const std::vector<std::pair<Lab, Lab>>& mappings, double absorb) {
  RecolorPlan plan;
  for (const Swatch& s : imagePalette.swatches) {
    bool near = false;
    for (const auto& [from, to] : mappings) near |= deltaE2000(s.lab, from) < absorb;
    if (near) continue;
    plan.source.swatches.push_back(s);
    plan.targets.emplace_back(std::nullopt);
  }
  for (const auto& [from, to] : mappings) {
    plan.source.swatches.push_back(Swatch{from, 0, {}});
    plan.targets.emplace_back(to);
  }
  return plan;
}

ColourFn adjustFn(const LchAdjust& adj) {
  return [adj](const Lab& p) {
    if (adj.isIdentity()) return p;
    Lch c = labToLch(p);
    c.h = std::fmod(c.h + adj.hueShift + 360.0, 360.0);
    c.C = std::max(0.0, c.C * adj.chromaScale);
    c.L = std::clamp(50.0 + (c.L * adj.lightnessScale - 50.0) * adj.contrast, 0.0, 100.0);
    return lchToLab(c);
  };
}

cv::Mat adjustLch(const cv::Mat& image, const LchAdjust& adj) {
  if (adj.isIdentity()) return mapColours(image, [](const Lab&, std::uint32_t key) { return keyBgr(key); });
  return applyColourFn(image, adjustFn(adj));
}

ColourFn toneFn(const Palette& palette, double strength) {
  CV_Assert(!palette.swatches.empty());
  std::vector<Lab> ramp;
  for (const Swatch& s : palette.swatches) ramp.push_back(s.lab);
  std::sort(ramp.begin(), ramp.end(), [](const Lab& a, const Lab& b) { return a.L < b.L; });
  const double k = std::clamp(strength, 0.0, 1.0);
  return [ramp = std::move(ramp), k](const Lab& p) {
    Lab g = ramp.front();
    if (p.L >= ramp.back().L) g = ramp.back();
    else if (p.L > ramp.front().L)
      for (std::size_t i = 1; i < ramp.size(); ++i)
        if (p.L <= ramp[i].L) {
          const double span = ramp[i].L - ramp[i - 1].L;
          const double t = span > 0 ? (p.L - ramp[i - 1].L) / span : 0;
          g = Lab{p.L, ramp[i - 1].a + t * (ramp[i].a - ramp[i - 1].a), ramp[i - 1].b + t * (ramp[i].b - ramp[i - 1].b)};
          break;
        }
    return Lab{p.L, p.a + k * (g.a - p.a), p.b + k * (g.b - p.b)};
  };
}

cv::Mat tone(const cv::Mat& image, const Palette& palette, double strength) {
  return applyColourFn(image, toneFn(palette, strength));
}

}  // namespace canting::imaging
