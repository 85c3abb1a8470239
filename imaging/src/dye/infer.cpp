// A photo of a batik read back into wax layers and a dye plan (dye_infer.h).
//
// Index:
//   [SECTION] Kubelka-Munk helpers
//   [SECTION] Regions: colours, specks, lines and isen
//   [SECTION] Baths: the book's dye and strength for each
//   [SECTION] The plan
//   [SECTION] Files

#include "canting/imaging/dye_infer.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/image_io.h"
#include "canting/imaging/palette.h"
#include "canting/imaging/photo.h"

namespace canting::imaging {

namespace fs = std::filesystem;

namespace {

// [SECTION] Kubelka-Munk helpers

// K/S per linear channel (R, G, B), as the simulation and the process model count it.
using Ks = std::array<double, 3>;

double ksOf(double r) {
  r = std::clamp(r, 1e-4, 1.0);
  return (1 - r) * (1 - r) / (2 * r);
}
double reflOf(double ks) { return 1 + ks - std::sqrt(ks * ks + 2 * ks); }

Ks ksOfLab(const Lab& lab) {
  const Rgb r = xyzToLinearRgb(labToXyz(lab));
  return {ksOf(r.r), ksOf(r.g), ksOf(r.b)};
}
Lab labOfKs(const Ks& k) {
  return xyzToLab(linearRgbToXyz(Rgb{reflOf(std::max(0.0, k[0])), reflOf(std::max(0.0, k[1])), reflOf(std::max(0.0, k[2]))}));
}

Error infer(const char* why, const std::string& detail) { return makeError(ErrorCode::InvalidArgument, {{"what", std::string("@dye.infer.error.") + why}}, detail); }

// [SECTION] Regions: colours, specks, lines and isen

// Pieces of a colour smaller than `minPx` take the colour around them: the
// nearest pixel outside any such piece (a distance transform that keeps the
// label of the nearest kept pixel). Thin lines are long, so they stay.
int removeSpecks(cv::Mat& indices, int colours, int minPx) {
  if (minPx <= 1) return 0;
  cv::Mat drop(indices.size(), CV_8U, cv::Scalar(0));
  int removed = 0;
  for (int c = 0; c < colours; ++c) {
    cv::Mat lab, stats, cent;
    const int n = cv::connectedComponentsWithStats(indices == c, lab, stats, cent, 8, CV_32S);
    std::vector<std::uint8_t> small(std::size_t(n), 0);
    for (int i = 1; i < n; ++i)
      if (stats.at<int>(i, cv::CC_STAT_AREA) < minPx) small[std::size_t(i)] = 1, ++removed;
    if (std::none_of(small.begin(), small.end(), [](std::uint8_t s) { return s; })) continue;
    for (int y = 0; y < lab.rows; ++y) {
      const int* l = lab.ptr<int>(y);
      std::uint8_t* d = drop.ptr<std::uint8_t>(y);
      for (int x = 0; x < lab.cols; ++x) d[x] |= small[std::size_t(l[x])] ? 255 : 0;
    }
  }
  if (!removed || cv::countNonZero(drop) == int(drop.total())) return 0;
  cv::Mat dist, nearest;
  cv::distanceTransform(drop, dist, nearest, cv::DIST_L2, 3, cv::DIST_LABEL_PIXEL);
  // The label of a kept pixel -> its colour.
  std::vector<std::uint8_t> colourOf(std::size_t(drop.total()) + 1, 0);
  for (int y = 0; y < drop.rows; ++y) {
    const std::uint8_t* d = drop.ptr<std::uint8_t>(y);
    const int* l = nearest.ptr<int>(y);
    const std::uint8_t* c = indices.ptr<std::uint8_t>(y);
    for (int x = 0; x < drop.cols; ++x)
      if (!d[x]) colourOf[std::size_t(l[x])] = c[x];
  }
  for (int y = 0; y < drop.rows; ++y) {
    const std::uint8_t* d = drop.ptr<std::uint8_t>(y);
    const int* l = nearest.ptr<int>(y);
    std::uint8_t* c = indices.ptr<std::uint8_t>(y);
    for (int x = 0; x < drop.cols; ++x)
      if (d[x]) c[x] = colourOf[std::size_t(l[x])];
  }
  return removed;
}

// A photo's pixels where two colours meet are a blend of both, and a free
// clustering gives the blends colours of their own. Such a colour lies on
// the light mix of two others and lives in rims: little of it is left after
// an erosion. Dropped, its pixels go to the nearer of the two. True if any went.
bool dropBlends(Palette& palette, const cv::Mat& indices) {
  const int n = int(palette.swatches.size());
  std::vector<Rgb> lin;
  for (const Swatch& s : palette.swatches) lin.push_back(xyzToLinearRgb(labToXyz(s.lab)));
  std::vector<int> drop;
  for (int c = 0; c < n && n - int(drop.size()) > 2; ++c) {
    bool onMix = false;
    for (int a = 0; a < n && !onMix; ++a)
      for (int b = a + 1; b < n && !onMix; ++b) {
        if (a == c || b == c || std::count(drop.begin(), drop.end(), a) || std::count(drop.begin(), drop.end(), b)) continue;
        // Light mixed by the lens (linear RGB), or dye crept under the wax
        // edge (K/S in between, as the simulation's seepage makes it).
        const Rgb& p = lin[std::size_t(a)];
        const Rgb& q = lin[std::size_t(b)];
        const Ks kp = ksOfLab(palette.swatches[std::size_t(a)].lab), kq = ksOfLab(palette.swatches[std::size_t(b)].lab);
        for (double t = 0.1; t < 0.95 && !onMix; t += 0.05) {
          const Lab light = xyzToLab(linearRgbToXyz({p.r + (q.r - p.r) * t, p.g + (q.g - p.g) * t, p.b + (q.b - p.b) * t}));
          const Lab dye = labOfKs({kp[0] + (kq[0] - kp[0]) * t, kp[1] + (kq[1] - kp[1]) * t, kp[2] + (kq[2] - kp[2]) * t});
          onMix = std::min(deltaE2000(light, palette.swatches[std::size_t(c)].lab), deltaE2000(dye, palette.swatches[std::size_t(c)].lab)) < 8;
        }
      }
    if (!onMix) continue;
    const cv::Mat mask = indices == c;
    cv::Mat inner;
    cv::erode(mask, inner, cv::Mat(), cv::Point(-1, -1), 1);
    const int all = cv::countNonZero(mask);
    if (all == 0 || cv::countNonZero(inner) < 0.5 * all) drop.push_back(c);
  }
  std::sort(drop.rbegin(), drop.rend());
  for (int c : drop) palette.swatches.erase(palette.swatches.begin() + c);
  return !drop.empty();
}

// The lab's three layers from the colours' pieces: a small piece is isen, a
// long narrow one is a line (klowong), and what is left is the ground. The
// largest colour (the field the motif sits on) is ground throughout.
Layers splitLayers(const cv::Mat& indices, int colours, int ground, double pxPerMm, const DyeInferOptions& o) {
  Layers l;
  l.outline = cv::Mat(indices.size(), CV_8U, cv::Scalar(0));
  l.isen = cv::Mat(indices.size(), CV_8U, cv::Scalar(0));
  const int isenPx = std::max(2, int(std::lround(o.isenMaxMm * pxPerMm)));
  const double linePx = std::max(2.0, o.lineMaxMm * pxPerMm);
  for (int c = 0; c < colours; ++c) {
    if (c == ground) continue;
    const cv::Mat in = indices == c;
    cv::Mat lab, stats, cent, dist;
    const int n = cv::connectedComponentsWithStats(in, lab, stats, cent, 8, CV_32S);
    if (n <= 1) continue;
    cv::distanceTransform(in, dist, cv::DIST_L2, 3);
    // A strip w pixels wide has a mean distance transform of about (w + 2) / 4
    // (each pixel counts itself): the pola's measure of a line's width.
    std::vector<double> sumDist(std::size_t(n), 0.0);
    for (int y = 0; y < lab.rows; ++y) {
      const int* lb = lab.ptr<int>(y);
      const float* d = dist.ptr<float>(y);
      for (int x = 0; x < lab.cols; ++x) sumDist[std::size_t(lb[x])] += d[x];
    }
    std::vector<std::uint8_t> kind(std::size_t(n), 0);  // 1 isen, 2 line
    for (int i = 1; i < n; ++i) {
      const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
      const double width = -2 + 4 * sumDist[std::size_t(i)] / std::max(1, stats.at<int>(i, cv::CC_STAT_AREA));
      if (w <= isenPx && h <= isenPx) kind[std::size_t(i)] = 1;
      else if (width <= linePx && std::max(w, h) >= 4 * width) kind[std::size_t(i)] = 2;
    }
    for (int y = 0; y < lab.rows; ++y) {
      const int* lb = lab.ptr<int>(y);
      std::uint8_t* is = l.isen.ptr<std::uint8_t>(y);
      std::uint8_t* ol = l.outline.ptr<std::uint8_t>(y);
      for (int x = 0; x < lab.cols; ++x) {
        const std::uint8_t k = kind[std::size_t(lb[x])];
        if (k == 1) is[x] = 255;
        else if (k == 2) ol[x] = 255;
      }
    }
  }
  l.ground = ~(l.outline | l.isen);
  return l;
}

// [SECTION] Baths: the book's dye and strength for each

struct BathChoice {
  const Dye* dye = nullptr;
  double strength = 0;  // multiples of the dye's reference strength
};

// What a dye adds at its reference strength, over the book's cloth (as the
// simulation's bathKs: a dye never lightens a channel).
Ks dyeKs(const Dye& d, const Ks& cloth) {
  const Ks k = ksOfLab(d.colour);
  return {std::max(0.0, k[0] - cloth[0]), std::max(0.0, k[1] - cloth[1]), std::max(0.0, k[2] - cloth[2])};
}

// The mean CIEDE2000, weighted by area, of what the baths give each colour.
double planError(const std::vector<BathChoice>& baths, const std::vector<Ks>& unit, const DyeProcess& p, const std::vector<Lab>& colours,
                 const std::vector<double>& shares, const Ks& cloth, std::vector<Lab>* predicted = nullptr) {
  double sum = 0, weight = 0;
  for (std::size_t a = 0; a < colours.size(); ++a) {
    Ks k = cloth;
    for (int b : p.bathsOf[a])
      for (int c = 0; c < 3; ++c) k[std::size_t(c)] += unit[std::size_t(b)][std::size_t(c)] * baths[std::size_t(b)].strength;
    const Lab got = labOfKs(k);
    if (predicted) predicted->push_back(got);
    sum += deltaE2000(got, colours[a]) * shares[a];
    weight += shares[a];
  }
  return weight > 0 ? sum / weight : 0;
}

// Each bath first alone (the dye and strength closest to the colour the
// process gives it on bare cloth), then all together: a few rounds in which
// each bath in turn takes the dye and strength that bring every area's
// colour closest, the others held.
std::vector<BathChoice> chooseBaths(const DyeProcess& p, const DyeBook& book, const std::vector<Lab>& colours, const std::vector<double>& shares) {
  const Ks cloth = ksOfLab(book.cloth), processCloth = ksOfLab(p.cloth);
  std::vector<BathChoice> out(p.baths.size());
  std::vector<Ks> unit(p.baths.size());
  std::vector<double> grid;
  // Up to 2.6 times the dye's reference strength: a natural extract boiled down
  // holds about 250 g of material a litre (dyes.md, 1 kg in 10 L boiled to 4-5 L),
  // and a stronger bath is not one a centre makes; darker comes from another dye.
  for (double s = 0.03; s < 2.6; s *= 1.08) grid.push_back(s);
  for (std::size_t b = 0; b < p.baths.size(); ++b) {
    const Ks want = ksOfLab(p.baths[b]);
    Ks add;
    for (int c = 0; c < 3; ++c) add[std::size_t(c)] = std::max(0.0, want[std::size_t(c)] - processCloth[std::size_t(c)]);
    const Lab target = labOfKs({cloth[0] + add[0], cloth[1] + add[1], cloth[2] + add[2]});
    double best = 1e9;
    for (const Dye& d : book.dyes) {
      const Ks u = dyeKs(d, cloth);
      for (double s : grid) {
        const double de = deltaE2000(labOfKs({cloth[0] + u[0] * s, cloth[1] + u[1] * s, cloth[2] + u[2] * s}), target);
        if (de < best) best = de, out[b] = {&d, s}, unit[b] = u;
      }
    }
  }
  for (int round = 0; round < 3 && !out.empty(); ++round)
    for (std::size_t b = 0; b < out.size(); ++b) {
      double best = planError(out, unit, p, colours, shares, cloth);
      BathChoice keep = out[b];
      Ks keepUnit = unit[b];
      for (const Dye& d : book.dyes) {
        unit[b] = dyeKs(d, cloth);
        for (double s : grid) {
          out[b] = {&d, s};
          const double e = planError(out, unit, p, colours, shares, cloth);
          if (e < best - 1e-9) best = e, keep = out[b], keepUnit = unit[b];
        }
      }
      out[b] = keep;
      unit[b] = keepUnit;
    }
  return out;
}

// [SECTION] The plan

// Dye creeps `seep` px under every wax edge (the simulation's seepage), so a
// waxed colour's rim took part of each later bath, the inner half of the
// band (over a quarter of the bath: SimOptions' fade) enough that the photo
// shows it, and the quantising reads it, as the darker colour beside. The wax
// was wider than the colour seen: each wax mask grows by that half band into
// the colours waxed after it (or never), so that the plan simulated with the
// same seepage puts the rim where the cloth had it, not again inside it.
void growForSeepage(std::vector<cv::Mat>& masks, const Plan& plan, int seep) {
  const int grow = (seep + 1) / 2;
  if (grow < 1) return;
  const int n = int(masks.size());
  std::vector<int> order(std::size_t(n), n + 1);  // when each colour is first waxed; never: last
  int at = 0;
  for (const PlanStep& s : plan.steps)
    for (int c = 0; c < n; ++c)
      if (s.op == PlanStep::Op::Wax && s.layer == "mask:" + inferredMaskName(c) && order[std::size_t(c)] > n) order[std::size_t(c)] = at++;
  const std::vector<cv::Mat> seen = masks;
  const cv::Mat ring = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * grow + 1, 2 * grow + 1));
  for (int c = 0; c < n; ++c) {
    if (order[std::size_t(c)] > n) continue;
    cv::Mat later(seen[std::size_t(c)].size(), CV_8U, cv::Scalar(0));
    for (int d = 0; d < n; ++d)
      if (order[std::size_t(d)] > order[std::size_t(c)]) later |= seen[std::size_t(d)];
    cv::Mat grown;
    cv::dilate(seen[std::size_t(c)], grown, ring);
    masks[std::size_t(c)] |= grown & later;
  }
}

Plan planFrom(const DyeProcess& p, const std::vector<BathChoice>& baths, int colours, const std::vector<double>& shares) {
  Plan plan;
  auto masks = [&](const ProcessStep& s, PlanStep::Op op) {
    for (int c : s.colours)
      if (c < colours && shares[std::size_t(c)] > 0) plan.steps.push_back({.op = op, .layer = "mask:" + inferredMaskName(c)});
  };
  for (const ProcessStep& s : p.steps) switch (s.kind) {
      case ProcessStepKind::Wax:
      case ProcessStepKind::Mbironi: masks(s, PlanStep::Op::Wax); break;
      case ProcessStepKind::Kerok: masks(s, PlanStep::Op::Kerok); break;
      case ProcessStepKind::Dye: {
        const BathChoice& b = baths[std::size_t(s.bath)];
        // At the dye's own number of dips the strength is the concentration's
        // multiple of the reference (the simulation's saturation is 1 there).
        const double conc = std::clamp(b.strength * b.dye->refConcentration, 0.01, 1000.0);
        plan.steps.push_back({.op = PlanStep::Op::Dye, .dye = b.dye->id, .concentration = std::round(conc * 100) / 100, .dips = std::max(1, b.dye->refDips)});
        break;
      }
      case ProcessStepKind::Lorod: plan.steps.push_back({.op = PlanStep::Op::Lorod}); break;
    }
  return plan;
}

}  // namespace

std::string inferredMaskName(int colour) { return "warna-" + std::to_string(colour + 1) + ".png"; }

Result<InferredPlan> inferDyePlan(const cv::Mat& photo, const DyeBook& book, const DyeInferOptions& o) {
  if (photo.empty() || std::min(photo.cols, photo.rows) < DyeInferOptions::kMinSide)
    return infer("tiny", "photo under " + std::to_string(DyeInferOptions::kMinSide) + " px");
  if (o.colours < 0 || o.colours > DyeInferOptions::kMaxColours) return makeError(ErrorCode::InvalidArgument, {{"what", "-k"}});
  if (book.dyes.empty()) return makeError(ErrorCode::InvalidArgument, {{"what", "dyes"}}, "empty dye book");
  cv::Mat work = photoToBgr8(photo);
  const double shrink = std::min(1.0, double(o.maxSide) / std::max(work.cols, work.rows));
  if (shrink < 1) cv::resize(work, work, cv::Size(std::max(1, int(std::lround(work.cols * shrink))), std::max(1, int(std::lround(work.rows * shrink)))), 0, 0, cv::INTER_AREA);
  else work = work.clone();
  if (o.clean) {
    // The light only: the white is balanced below on the cloth's own colour
    // (an area of the palette), which small white isen between dark dye do
    // not fool the way the lightest blurred area does.
    auto clean = cleanPhoto(work, {.whiteBalance = false});
    if (!clean) return clean.error();
    work = std::move(*clean);
  }
  InferredPlan out;
  const double widthCm = o.clothWidthCm > 0                              ? o.clothWidthCm
                         : o.photoDpi && *o.photoDpi >= 10 && *o.photoDpi <= 2400 ? photo.cols / *o.photoDpi * 2.54
                                                                                : DyeInferOptions::kDefaultWidthCm;
  out.dpi = work.cols / (widthCm / 2.54);
  const double pxPerMm = out.dpi / 25.4;
  // JPEG noise and the weave, where a dot of isen (a millimetre) is wide
  // enough to outlive a 3 x 3 median; smaller, the specks pass below do it.
  if (pxPerMm >= 5) cv::medianBlur(work, work, 3);

  PaletteOptions po;
  po.k = o.colours ? o.colours : 6;
  po.mergeDeltaE = o.colours ? 2.0 : 10.0;  // shades of one dye fall together when the count is free
  po.sampleSize = 60'000;
  po.maxIterations = 25;
  auto palette = extractPalette(work, po);
  if (!palette) return palette.error();
  if (!o.colours) {
    // Edge blends make small clusters of their own: a dyed colour covers more.
    auto& sw = palette->swatches;
    sw.erase(std::remove_if(sw.begin(), sw.end(), [](const Swatch& s) { return s.share < 0.01; }), sw.end());
  }
  out.indices = assignIndices(work, *palette);
  if (!o.colours && dropBlends(*palette, out.indices)) out.indices = assignIndices(work, *palette);
  double spread = 0;
  for (const Swatch& a : palette->swatches)
    for (const Swatch& b : palette->swatches) spread = std::max(spread, deltaE2000(a.lab, b.lab));
  if (palette->swatches.size() < 2 || spread < 8) return infer("plain", "one colour (spread " + std::to_string(spread) + ")");
  const int k = int(palette->swatches.size());
  out.specksRemoved = removeSpecks(out.indices, k, int(std::lround(o.speckMm2 * pxPerMm * pxPerMm)));

  // The undyed cloth is the lightest colour covering some of the photo; its
  // white is the book's mori, so every colour is read as dye on that cloth.
  out.shares.assign(std::size_t(k), 0);
  for (int c = 0; c < k; ++c) out.shares[std::size_t(c)] = cv::countNonZero(out.indices == c) / double(out.indices.total());
  int white = -1;
  for (int c = 0; c < k; ++c)
    if (out.shares[std::size_t(c)] >= 0.02 && palette->swatches[std::size_t(c)].lab.L >= 60 &&
        (white < 0 || palette->swatches[std::size_t(c)].lab.L > palette->swatches[std::size_t(white)].lab.L))
      white = c;
  Rgb gain{1, 1, 1};
  if (white >= 0) {
    // The white's own pixels, their lightest tenth: small isen dots are
    // mostly rim, blended with the dye around them, and their centre is not white.
    std::array<std::vector<std::uint8_t>, 3> ch;
    for (int y = 0; y < work.rows; ++y) {
      const std::uint8_t* ix = out.indices.ptr<std::uint8_t>(y);
      const cv::Vec3b* px = work.ptr<cv::Vec3b>(y);
      for (int x = 0; x < work.cols; ++x)
        if (ix[x] == white)
          for (int c = 0; c < 3; ++c) ch[std::size_t(c)].push_back(px[x][c]);
    }
    double bgr[3];
    for (int c = 0; c < 3; ++c) {
      auto& v = ch[std::size_t(c)];
      auto at = v.begin() + std::ptrdiff_t(v.size() * 9 / 10);
      std::nth_element(v.begin(), at, v.end());
      bgr[c] = srgbToLinear(*at / 255.0);
    }
    const Rgb mori = xyzToLinearRgb(labToXyz(book.cloth)), seen{bgr[2], bgr[1], bgr[0]};
    gain = {std::clamp(mori.r / std::max(seen.r, 1e-4), 0.5, 2.0), std::clamp(mori.g / std::max(seen.g, 1e-4), 0.5, 2.0),
            std::clamp(mori.b / std::max(seen.b, 1e-4), 0.5, 2.0)};
  }
  for (const Swatch& s : palette->swatches) {
    Rgb r = xyzToLinearRgb(labToXyz(s.lab));
    r = {std::clamp(r.r * gain.r, 0.0, 1.0), std::clamp(r.g * gain.g, 0.0, 1.0), std::clamp(r.b * gain.b, 0.0, 1.0)};
    out.colours.push_back(xyzToLab(linearRgbToXyz(r)));
  }
  if (white >= 0) out.colours[std::size_t(white)] = book.cloth;  // the undyed cloth is the mori, whatever its rims

  // The process over the photo's colours and the mori itself (so the process
  // starts from the cloth the simulation starts from; it has no area).
  std::vector<Lab> withCloth = out.colours;
  withCloth.push_back(book.cloth);
  out.process = planDyeProcess(withCloth, o.limits);
  if (out.process.block == DyeProcess::Block::TooManyBaths) return infer("too_many_baths", "more baths than the limit");
  std::vector<double> shares = out.shares;
  shares.push_back(0);
  const std::vector<BathChoice> baths = chooseBaths(out.process, book, withCloth, shares);
  {
    std::vector<Ks> unit;
    for (const BathChoice& b : baths) unit.push_back(dyeKs(*b.dye, ksOfLab(book.cloth)));
    out.predictedDeltaE = planError(baths, unit, out.process, withCloth, shares, ksOfLab(book.cloth), &out.predicted);
    out.predicted.resize(std::size_t(k));
  }
  out.plan = planFrom(out.process, baths, k, out.shares);

  out.masks.resize(std::size_t(k));
  for (int c = 0; c < k; ++c) out.masks[std::size_t(c)] = out.indices == c;
  growForSeepage(out.masks, out.plan, std::max(0, int(std::lround(o.seepageMm / 25.4 * out.dpi))));
  const int ground = int(std::max_element(out.shares.begin(), out.shares.end()) - out.shares.begin());
  out.layers = splitLayers(out.indices, k, ground, pxPerMm, o);
  out.target = cv::Mat(out.indices.size(), CV_8UC3);
  std::vector<cv::Vec3b> bgr;
  for (const Lab& l : out.colours) {
    const Rgb8 c = labToSrgb8(l);
    bgr.emplace_back(c.b, c.g, c.r);
  }
  out.target.forEach<cv::Vec3b>([&](cv::Vec3b& px, const int* pos) { px = bgr[out.indices.at<std::uint8_t>(pos[0], pos[1])]; });
  return out;
}

// [SECTION] Files

Status saveInferredLayers(const InferredPlan& in, const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return makeError(ErrorCode::DirectoryMissing, {{"path", dir.string()}}, ec.message());
  SaveOptions so;
  so.dpi = Dpi{in.dpi, in.dpi};
  for (auto [name, mask] : {std::pair{"outline.png", &in.layers.outline}, std::pair{"isen.png", &in.layers.isen}, std::pair{"ground.png", &in.layers.ground}})
    if (auto st = saveImage(*mask, dir / name, so); !st) return st;
  for (std::size_t c = 0; c < in.masks.size(); ++c)
    if (auto st = saveImage(in.masks[c], dir / inferredMaskName(int(c)), so); !st) return st;
  return Ok{};
}

Status preloadPlanMasks(Layers& layers, const Plan& plan, const fs::path& dir, cv::Rect crop) {
  const cv::Size size = layers.ground.size();
  for (const PlanStep& s : plan.steps) {
    if (s.layer.rfind("mask:", 0) != 0 || layers.masks.count(s.layer.substr(5))) continue;
    auto img = loadImage(dir / s.layer.substr(5));
    if (!img) return img.error();
    cv::Mat g = photoToBgr8(img->pixels);
    cv::cvtColor(g, g, cv::COLOR_BGR2GRAY);
    if (!crop.empty()) g = g(crop & cv::Rect({}, g.size()));
    if (!size.empty() && g.size() != size) cv::resize(g, g, size, 0, 0, cv::INTER_NEAREST);
    layers.masks[s.layer.substr(5)] = g > 127;
  }
  return Ok{};
}

}  // namespace canting::imaging
