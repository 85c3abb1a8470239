#include "canting/imaging/colorway.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace canting::imaging {

namespace {

double wrap(double h) {
  h = std::fmod(h, 360.0);
  return h < 0 ? h + 360.0 : h;
}

Rgb linear(const Lab& lab) { return xyzToLinearRgb(labToXyz(lab)); }

// Design swatch indices sorted light to dark.
std::vector<int> byLightness(const std::vector<Lab>& c) {
  std::vector<int> idx(c.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return c[std::size_t(a)].L > c[std::size_t(b)].L; });
  return idx;
}

// `k` colours taken from `pool` (light to dark order kept when asked): a
// seeded subset when the pool is larger, blends of neighbours when smaller.
std::vector<Lab> pick(const std::vector<Lab>& pool, std::size_t k, std::mt19937& rng) {
  std::vector<Lab> sorted = pool;
  std::sort(sorted.begin(), sorted.end(), [](const Lab& a, const Lab& b) { return a.L > b.L; });
  if (sorted.size() >= k) {
    std::vector<int> idx(sorted.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::shuffle(idx.begin(), idx.end(), rng);
    idx.resize(k);
    std::sort(idx.begin(), idx.end());
    std::vector<Lab> out;
    for (int i : idx) out.push_back(sorted[std::size_t(i)]);
    return out;
  }
  // Fewer palette colours than swatches: spread along the light-to-dark ramp.
  std::vector<Lab> out;
  for (std::size_t i = 0; i < k; ++i) {
    const double pos = k == 1 ? 0.0 : double(i) * double(sorted.size() - 1) / double(k - 1);
    const std::size_t a = std::size_t(std::floor(pos)), b = std::min(a + 1, sorted.size() - 1);
    const double t = pos - double(a);
    out.push_back(Lab{sorted[a].L + t * (sorted[b].L - sorted[a].L), sorted[a].a + t * (sorted[b].a - sorted[a].a),
                      sorted[a].b + t * (sorted[b].b - sorted[a].b)});
  }
  return out;
}

// Places colours (given light to dark) on the design swatches by the
// design's own lightness order.
std::vector<Lab> assignByLightness(const std::vector<Lab>& design, const std::vector<Lab>& lightToDark) {
  std::vector<Lab> out(design.size());
  const std::vector<int> order = byLightness(design);
  for (std::size_t i = 0; i < order.size(); ++i) out[std::size_t(order[i])] = lightToDark[i];
  return out;
}

}  // namespace

const char* harmonyName(HarmonyRule r) {
  switch (r) {
    case HarmonyRule::Complementary: return "complementary";
    case HarmonyRule::Analogous: return "analogous";
    case HarmonyRule::Triadic: return "triadic";
    case HarmonyRule::SplitComplementary: return "split-complementary";
  }
  return "?";
}

std::vector<double> harmonyHues(double base, HarmonyRule rule) {
  switch (rule) {
    case HarmonyRule::Complementary: return {wrap(base), wrap(base + 180)};
    case HarmonyRule::Analogous: return {wrap(base), wrap(base - 30), wrap(base + 30)};
    case HarmonyRule::Triadic: return {wrap(base), wrap(base + 120), wrap(base + 240)};
    case HarmonyRule::SplitComplementary: return {wrap(base), wrap(base + 150), wrap(base + 210)};
  }
  return {wrap(base)};
}

Dyeability checkDyeableInSuccession(const std::vector<Lab>& colours, double tol) {
  Dyeability d;
  d.order = byLightness(colours);
  for (std::size_t i = 1; i < d.order.size(); ++i) {
    const Rgb a = linear(colours[std::size_t(d.order[i - 1])]), b = linear(colours[std::size_t(d.order[i])]);
    if (b.r > a.r + tol || b.g > a.g + tol || b.b > a.b + tol) {
      d.dyeable = false;
      d.failAt = int(i);
      // The channel it overshoots most is the one to name.
      const double over[] = {b.r - a.r, b.g - a.g, b.b - a.b};
      d.channel = int(std::max_element(over, over + 3) - over);
      break;
    }
  }
  return d;
}

std::vector<Colorway> generateColorways(const Palette& design, const ColorwayOptions& o) {
  std::vector<Colorway> out;
  const std::size_t k = design.swatches.size();
  if (k == 0 || o.count <= 0) return out;
  std::vector<Lab> base;
  for (const Swatch& s : design.swatches) base.push_back(s.lab);
  auto lockedAt = [&](std::size_t i) { return i < o.locked.size() && o.locked[i]; };
  // The dominant chromatic swatch sets the starting hue.
  double baseHue = 30;  // soga-ish when the design is all greys
  for (const Lab& l : base)
    if (labToLch(l).C > 8) { baseHue = labToLch(l).h; break; }
  const HarmonyRule rules[] = {HarmonyRule::Complementary, HarmonyRule::Analogous, HarmonyRule::Triadic,
                               HarmonyRule::SplitComplementary};

  for (int v = 0; v < o.count; ++v) {
    Colorway cw;
    std::mt19937 rng(o.seed * 7919u + std::uint32_t(v));
    switch (o.scheme) {
      case ColorwayScheme::Harmony: {
        const HarmonyRule rule = rules[v % 4];
        // Four rules per round; each round starts from a hue further round the circle.
        const int round = v / 4, rounds = (o.count + 3) / 4;
        const double hue0 = wrap(baseHue + 360.0 * double(round) / double(rounds));
        const auto hues = harmonyHues(hue0, rule);
        const int lightest = byLightness(base).front();
        cw.colours = base;
        int h = 0;
        for (std::size_t i = 0; i < k; ++i) {
          if (int(i) == lightest) continue;  // the ground is the cloth or its first bath: harmonies colour the motif
          Lch c = labToLch(base[i]);
          c.C = std::max(c.C, 25.0);
          c.h = hues[std::size_t(h++) % hues.size()];
          cw.colours[i] = lchToLab(c);
        }
        char label[64];
        std::snprintf(label, sizeof label, "%s %.0f°", harmonyName(rule), hue0);
        cw.label = label;
        cw.scheme = ColorwayScheme::Harmony;
        cw.rule = rule;
        cw.hue = std::round(hue0);
        break;
      }
      case ColorwayScheme::Named: {
        if (o.palettes.empty()) return out;
        const Palette& p = o.palettes[std::size_t(v) % o.palettes.size()];
        std::vector<Lab> pool;
        for (const Swatch& s : p.swatches) pool.push_back(s.lab);
        const std::vector<Lab> chosen = pick(pool, k, rng);
        cw.colours = o.keepLightnessOrder ? assignByLightness(base, chosen) : chosen;
        cw.scheme = ColorwayScheme::Named;
        cw.label = p.name + (v >= int(o.palettes.size()) ? " " + std::to_string(v / int(o.palettes.size()) + 1) : "");
        break;
      }
      case ColorwayScheme::Random: {
        std::vector<Lab> pool;
        for (const Palette& p : o.palettes)
          for (const Swatch& s : p.swatches) pool.push_back(s.lab);
        if (pool.empty()) return out;
        std::vector<Lab> drawn;
        std::uniform_int_distribution<std::size_t> any(0, pool.size() - 1);
        std::uniform_real_distribution<double> jitter(-4.0, 4.0);
        for (std::size_t i = 0; i < k; ++i) {
          Lab c = pool[any(rng)];
          drawn.push_back(Lab{std::clamp(c.L + jitter(rng), 0.0, 100.0), c.a + jitter(rng), c.b + jitter(rng)});
        }
        if (o.keepLightnessOrder) {
          std::sort(drawn.begin(), drawn.end(), [](const Lab& a, const Lab& b) { return a.L > b.L; });
          cw.colours = assignByLightness(base, drawn);
        } else {
          cw.colours = drawn;
        }
        cw.scheme = ColorwayScheme::Random;
        cw.number = v + 1;
        cw.label = "random " + std::to_string(v + 1);
        break;
      }
    }
    for (std::size_t i = 0; i < k; ++i)
      if (lockedAt(i)) cw.colours[i] = base[i];
    cw.dyeability = checkDyeableInSuccession(cw.colours);
    cw.process = planDyeProcess(cw.colours);
    out.push_back(std::move(cw));
  }
  return out;
}

Result<ColorwayOptions> schemeOptions(const std::string& scheme, const std::vector<Palette>& palettes) {
  ColorwayOptions o;
  if (scheme == "harmony") {
    o.scheme = ColorwayScheme::Harmony;
    return o;
  }
  if (scheme == "random") {
    o.scheme = ColorwayScheme::Random;
    o.palettes = palettes;
    return o;
  }
  for (const Palette& p : palettes)
    if (!p.id.empty() && p.id == scheme) {
      o.scheme = ColorwayScheme::Named;
      o.palettes = {p};
      return o;
    }
  std::string known = "harmony, random";
  for (const Palette& p : palettes)
    if (!p.id.empty()) known += ", " + p.id;
  return makeError(ErrorCode::InvalidArgument, {{"what", "--scheme " + scheme + " (" + known + ")"}}, "unknown scheme");
}

}  // namespace canting::imaging
