#include "canting/imaging/dye_process.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace canting::imaging {

namespace {

using Ks = std::array<double, 3>;

double ksOf(double r) { return (1 - r) * (1 - r) / (2 * r); }
double reflectanceOf(double ks) { return 1 + ks - std::sqrt(ks * ks + 2 * ks); }

Rgb reflectance(const Lab& lab) {
  Rgb r = xyzToLinearRgb(labToXyz(lab));
  // Nothing reflects nothing: a black swatch still has some K/S to add to.
  r.r = std::clamp(r.r, 1e-4, 1.0);
  r.g = std::clamp(r.g, 1e-4, 1.0);
  r.b = std::clamp(r.b, 1e-4, 1.0);
  return r;
}

Lab labOf(const Ks& cloth, const Ks& added) {
  const Rgb r{reflectanceOf(cloth[0] + added[0]), reflectanceOf(cloth[1] + added[1]), reflectanceOf(cloth[2] + added[2])};
  return xyzToLab(linearRgbToXyz(r));
}

Ks plus(const Ks& a, const Ks& b) { return {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }

struct Mix {
  Ks ks{0, 0, 0};
  unsigned baths = 0;  // bit per bath, in the order found
};

// Indigo-like: a blue bath. The classic order dyes it before soga.
bool indigoLike(const Lab& bath) {
  const Lch c = labToLch(bath);
  return c.C > 8 && c.h >= 200 && c.h <= 300;
}

struct Order {
  std::vector<int> perm;  // dyeing position -> bath found
  int kerok = 0, uncovered = 0, indigoLate = 0;
  bool better(const Order& o) const {
    if (kerok != o.kerok) return kerok < o.kerok;
    if (uncovered != o.uncovered) return uncovered < o.uncovered;
    return indigoLate < o.indigoLate;
  }
};

}  // namespace

DyeProcess planDyeProcess(const std::vector<Lab>& colours, const ProcessLimits& limits) {
  DyeProcess out;
  const std::size_t n = colours.size();
  out.bathsOf.resize(n);
  if (n == 0) {
    out.dyeable = out.succession = true;
    return out;
  }
  // The cloth: as light as the lightest colour in every channel, the least
  // any design needs of its mori.
  std::vector<Rgb> refl(n);
  Rgb clothR{0, 0, 0};
  for (std::size_t i = 0; i < n; ++i) {
    refl[i] = reflectance(colours[i]);
    clothR.r = std::max(clothR.r, refl[i].r);
    clothR.g = std::max(clothR.g, refl[i].g);
    clothR.b = std::max(clothR.b, refl[i].b);
  }
  const Ks clothKs{ksOf(clothR.r), ksOf(clothR.g), ksOf(clothR.b)};
  out.cloth = labOf(clothKs, {0, 0, 0});

  // Light to dark, each area takes the darkest mix of earlier baths it can
  // still be dyed over, plus at most one bath of its own.
  std::vector<int> byL(n);
  std::iota(byL.begin(), byL.end(), 0);
  std::stable_sort(byL.begin(), byL.end(), [&](int a, int b) { return colours[std::size_t(a)].L > colours[std::size_t(b)].L; });
  std::vector<Ks> baths;
  std::vector<Mix> mixes{Mix{}};
  std::vector<unsigned> mask(n, 0);
  for (int i : byL) {
    const std::size_t u = std::size_t(i);
    const Ks target{std::max(0.0, ksOf(refl[u].r) - clothKs[0]), std::max(0.0, ksOf(refl[u].g) - clothKs[1]),
                    std::max(0.0, ksOf(refl[u].b) - clothKs[2])};
    double bestDe = 1e9;
    const Mix* match = nullptr;
    for (const Mix& m : mixes) {
      const double de = deltaE2000(labOf(clothKs, m.ks), colours[u]);
      if (de < bestDe) bestDe = de, match = &m;
    }
    if (match && bestDe <= limits.matchDeltaE) {
      mask[u] = match->baths;
      continue;
    }
    const Mix* over = &mixes.front();
    for (const Mix& m : mixes) {
      bool fits = true;
      for (int c = 0; c < 3; ++c) fits = fits && m.ks[std::size_t(c)] <= target[std::size_t(c)] * 1.02 + 1e-3;
      if (fits && m.ks[0] + m.ks[1] + m.ks[2] > over->ks[0] + over->ks[1] + over->ks[2]) over = &m;
    }
    if (int(baths.size()) >= limits.maxBaths) {
      out.block = DyeProcess::Block::TooManyBaths;
      out.blocking = i;
      return out;
    }
    const Ks bath{std::max(0.0, target[0] - over->ks[0]), std::max(0.0, target[1] - over->ks[1]), std::max(0.0, target[2] - over->ks[2])};
    const unsigned bit = 1u << baths.size();
    mask[u] = over->baths | bit;
    baths.push_back(bath);
    const std::size_t had = mixes.size();
    for (std::size_t m = 0; m < had; ++m) mixes.push_back(Mix{plus(mixes[m].ks, bath), mixes[m].baths | bit});
  }

  // The dyeing order: fewest keroks, then the fewest areas scraped, then
  // indigo first.
  const std::size_t m = baths.size();
  std::vector<Lab> bathLab(m);
  for (std::size_t b = 0; b < m; ++b) bathLab[b] = labOf(clothKs, baths[b]);
  auto exposed = [&](std::size_t area, const std::vector<int>& perm, std::size_t k) {
    return (mask[area] >> unsigned(perm[k])) & 1u;
  };
  Order best;
  bool have = false;
  std::vector<int> perm(m);
  std::iota(perm.begin(), perm.end(), 0);
  do {
    Order o;
    o.perm = perm;
    for (std::size_t k = 1; k < m; ++k) {
      int up = 0;
      for (std::size_t a = 0; a < n; ++a) up += exposed(a, perm, k) && !exposed(a, perm, k - 1);
      o.kerok += up > 0;
      o.uncovered += up;
    }
    for (std::size_t k = 0; k < m; ++k)
      if (indigoLike(bathLab[std::size_t(perm[k])])) o.indigoLate += int(k);
    if (!have || o.better(best)) best = o, have = true;
  } while (std::next_permutation(perm.begin(), perm.end()));

  for (std::size_t k = 0; k < m; ++k) out.baths.push_back(bathLab[std::size_t(best.perm[k])]);
  out.predicted.resize(n);
  for (std::size_t a = 0; a < n; ++a) {
    Ks sum{0, 0, 0};
    for (std::size_t k = 0; k < m; ++k)
      if (exposed(a, best.perm, k)) {
        out.bathsOf[a].push_back(int(k));
        sum = plus(sum, baths[std::size_t(best.perm[k])]);
      }
    out.predicted[a] = labOf(clothKs, sum);
  }

  // The steps in words: what is covered, scraped and dyed, bath by bath.
  auto areas = [&](auto&& pick) {
    std::vector<int> v;
    for (std::size_t a = 0; a < n; ++a)
      if (pick(a)) v.push_back(int(a));
    return v;
  };
  bool scraped = false;
  for (std::size_t k = 0; k < m; ++k) {
    if (k == 0) {
      auto waxed = areas([&](std::size_t a) { return !exposed(a, best.perm, 0); });
      if (!waxed.empty()) out.steps.push_back({ProcessStepKind::Wax, waxed, -1});
    } else {
      auto up = areas([&](std::size_t a) { return exposed(a, best.perm, k) && !exposed(a, best.perm, k - 1); });
      auto cover = areas([&](std::size_t a) { return !exposed(a, best.perm, k) && exposed(a, best.perm, k - 1); });
      if (!up.empty()) {
        ++out.kerokSteps;
        if (out.kerokSteps > limits.maxKerok && out.block == DyeProcess::Block::None) {
          out.block = DyeProcess::Block::TooManyKerok;
          out.blocking = up.front();
        }
        out.steps.push_back({ProcessStepKind::Kerok, up, -1});
        scraped = true;
        auto dyedHere = areas([&](std::size_t a) { return exposed(a, best.perm, k); });
        if (dyedHere.size() == 1 && up.size() == 1 && up.front() == dyedHere.front()) out.coletInstead.push_back(up.front());
      }
      if (!cover.empty()) out.steps.push_back({scraped ? ProcessStepKind::Mbironi : ProcessStepKind::Wax, cover, -1});
    }
    out.steps.push_back({ProcessStepKind::Dye, areas([&](std::size_t a) { return exposed(a, best.perm, k); }), int(k)});
  }
  if (m > 0) out.steps.push_back({ProcessStepKind::Lorod, {}, -1});
  out.succession = out.kerokSteps == 0;
  out.dyeable = out.block == DyeProcess::Block::None;
  return out;
}

}  // namespace canting::imaging
