// Line extraction for the pola: from a photo of cloth (light wax lines on a
// dark ground, weave, uneven light, JPEG noise) or a drawing to the ink of a
// line pola at a working scale.
//
//   [SECTION] preparing the photo
//   [SECTION] regions: palette labels, cleaned
//   [SECTION] lines, edges and dots
//   [SECTION] extractLines

#include "canting/imaging/palette.h"
#include "canting/imaging/pola.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <opencv2/imgproc.hpp>

namespace canting::imaging {

namespace {

// [SECTION] preparing the photo

cv::Mat toBgr(const cv::Mat& m) {
  cv::Mat out = m;
  if (out.depth() == CV_16U) out.convertTo(out, CV_8U, 1.0 / 257.0);
  else if (out.depth() != CV_8U) out.convertTo(out, CV_8U);
  if (out.channels() == 1) cv::cvtColor(out, out, cv::COLOR_GRAY2BGR);
  else if (out.channels() == 4) cv::cvtColor(out, out, cv::COLOR_BGRA2BGR);
  return out;
}

// A phone photo is brighter in the middle or on the window side. The light is
// estimated over about 2 cm, far wider than any line, and divided out, so one
// palette colour means one dye across the whole cloth.
void flattenLight(cv::Mat& bgr, double pxPerMm) {
  cv::Mat grey, small;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  const double shrink = std::min(1.0, 1.0 / (4 * pxPerMm));  // a pixel per 4 mm
  cv::resize(grey, small, cv::Size(), shrink, shrink, cv::INTER_AREA);
  if (small.empty()) return;
  cv::GaussianBlur(small, small, cv::Size(), 5);
  const double mean = cv::mean(small)[0];
  if (mean < 1) return;
  cv::Mat light;
  small.convertTo(small, CV_32F, 1.0 / mean);
  cv::resize(small, light, bgr.size(), 0, 0, cv::INTER_LINEAR);
  cv::max(light, 0.1, light);
  for (int y = 0; y < bgr.rows; ++y) {
    auto* p = bgr.ptr<cv::Vec3b>(y);
    const float* l = light.ptr<float>(y);
    for (int x = 0; x < bgr.cols; ++x) {
      const float g = 1.0f / l[x];
      for (int c = 0; c < 3; ++c) p[x][c] = cv::saturate_cast<std::uint8_t>(p[x][c] * g);
    }
  }
}

cv::Mat disc(int diameter) {
  diameter = std::max(1, diameter);
  return cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(diameter, diameter));
}

// [SECTION] regions: palette labels, cleaned

// Each pixel takes the label most common in a w x w window: weave and JPEG
// blocks flip single pixels, a motif's region does not flip.
cv::Mat modeFilter(const cv::Mat& labels, int regions, int w) {
  if (w < 3) return labels.clone();
  cv::Mat best(labels.size(), CV_16U, cv::Scalar(0)), out = labels.clone(), count;
  for (int l = 0; l < regions; ++l) {
    cv::Mat mask = labels == l;
    cv::boxFilter(mask / 255, count, CV_16U, cv::Size(w, w), cv::Point(-1, -1), false);
    cv::Mat better = count > best;
    count.copyTo(best, better);
    out.setTo(l, better);
  }
  return out;
}

// Components of every region narrower and shorter than `minPx` go to the
// region around them; those `dotMaxPx` or smaller and round are cecek: they
// go too, and are returned as dots (centre and diameter in pixels).
std::vector<cv::Vec3f> dropSmall(cv::Mat& labels, int regions, int minPx, int dotMaxPx, int ground) {
  std::vector<cv::Vec3f> dots;
  cv::Mat gone(labels.size(), CV_8U, cv::Scalar(0)), cc, stats, centroids;
  for (int l = 0; l < regions; ++l) {
    const int n = cv::connectedComponentsWithStats(labels == l, cc, stats, centroids, 8, CV_32S);
    std::vector<std::uint8_t> drop(std::size_t(n), 0);
    for (int i = 1; i < n; ++i) {
      const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT), a = stats.at<int>(i, cv::CC_STAT_AREA);
      const int ext = std::max(w, h);
      if (ext < minPx) drop[std::size_t(i)] = 1;
      else if (l != ground && ext <= dotMaxPx && std::min(w, h) * 2 >= ext && a >= 0.55 * w * h) {
        drop[std::size_t(i)] = 1;
        dots.emplace_back(float(centroids.at<double>(i, 0)), float(centroids.at<double>(i, 1)), float(2 * std::sqrt(a / M_PI)));
      }
    }
    for (int y = 0; y < labels.rows; ++y) {
      const int* c = cc.ptr<int>(y);
      std::uint8_t* g = gone.ptr<std::uint8_t>(y);
      for (int x = 0; x < labels.cols; ++x)
        if (c[x] && drop[std::size_t(c[x])]) g[x] = 1;
    }
  }
  // Fill what went from the outside in, one ring per pass.
  for (int pass = 0; pass < 4 * std::max(minPx, dotMaxPx) && cv::countNonZero(gone); ++pass) {
    const cv::Mat before = gone.clone();
    for (int y = 0; y < labels.rows; ++y) {
      std::uint8_t* l = labels.ptr<std::uint8_t>(y);
      const std::uint8_t* b = before.ptr<std::uint8_t>(y);
      std::uint8_t* g = gone.ptr<std::uint8_t>(y);
      for (int x = 0; x < labels.cols; ++x) {
        if (!b[x]) continue;
        int from = -1;
        if (x > 0 && !b[x - 1]) from = l[x - 1];
        else if (x + 1 < labels.cols && !b[x + 1]) from = l[x + 1];
        else if (y > 0 && !before.at<std::uint8_t>(y - 1, x)) from = labels.at<std::uint8_t>(y - 1, x);
        else if (y + 1 < labels.rows && !before.at<std::uint8_t>(y + 1, x)) from = labels.at<std::uint8_t>(y + 1, x);
        if (from >= 0) {
          l[x] = std::uint8_t(from);
          g[x] = 0;
        }
      }
    }
  }
  return dots;
}

// [SECTION] lines, edges and dots

// Pixels on a boundary: a 4-neighbour has another label.
cv::Mat boundaries(const cv::Mat& labels) {
  cv::Mat b(labels.size(), CV_8U, cv::Scalar(0));
  for (int y = 0; y < labels.rows; ++y) {
    const std::uint8_t* l = labels.ptr<std::uint8_t>(y);
    const std::uint8_t* dn = y + 1 < labels.rows ? labels.ptr<std::uint8_t>(y + 1) : nullptr;
    std::uint8_t* o = b.ptr<std::uint8_t>(y);
    std::uint8_t* od = dn ? b.ptr<std::uint8_t>(y + 1) : nullptr;
    for (int x = 0; x < labels.cols; ++x) {
      if (x + 1 < labels.cols && l[x] != l[x + 1]) o[x] = o[x + 1] = 255;
      if (dn && l[x] != dn[x]) o[x] = od[x] = 255;
    }
  }
  return b;
}

// The pixels of regions that are lines: connected pieces of a colour other
// than the ground whose mean width is under `widthPx`. A line of width w has
// a mean distance to its edge of about w / 4; a filled star or petal with
// narrow lobes has more, so it is drawn around, not along its middle.
// A piece shorter than four of its widths is a blob, drawn around too.
cv::Mat lineRegions(const cv::Mat& labels, int regions, int ground, const cv::Mat& d, double widthPx) {
  cv::Mat cc, lines(labels.size(), CV_8U, cv::Scalar(0));
  for (int l = 0; l < regions; ++l) {
    if (l == ground) continue;
    const int n = cv::connectedComponents(labels == l, cc, 8, CV_32S);
    std::vector<double> sum(std::size_t(n), 0);
    std::vector<int> count(std::size_t(n), 0);
    for (int y = 0; y < labels.rows; ++y) {
      const int* c = cc.ptr<int>(y);
      const float* dd = d.ptr<float>(y);
      for (int x = 0; x < labels.cols; ++x)
        if (c[x]) sum[std::size_t(c[x])] += dd[x] + 0.5, ++count[std::size_t(c[x])];
    }
    std::vector<std::uint8_t> isLine(std::size_t(n), 0);
    for (int i = 1; i < n; ++i) {
      // Narrow, and long: at least four widths of it (a blob is no line).
      const double w = 4 * sum[std::size_t(i)] / std::max(1, count[std::size_t(i)]);
      isLine[std::size_t(i)] = w <= widthPx && count[std::size_t(i)] >= 4 * w * w;
    }
    for (int y = 0; y < labels.rows; ++y) {
      const int* c = cc.ptr<int>(y);
      std::uint8_t* o = lines.ptr<std::uint8_t>(y);
      for (int x = 0; x < labels.cols; ++x)
        if (isLine[std::size_t(c[x])]) o[x] = 255;
    }
  }
  return lines;
}

// A thin region whose own edge lies far from the centre line drawn for it
// (further than its mean half-width allows, and at least `minReach`) is a
// mesh, not a line: a leaf of wax perforated by its isen, a star whose
// outline fills it. Such regions leave `lines` and are drawn around instead.
// `fromEdge` is every pixel's distance to a boundary. Returns whether any did.
bool dropMeshes(cv::Mat& lines, const cv::Mat& edges, const cv::Mat& fromEdge, const cv::Mat& skeleton, double minReach) {
  cv::Mat cc, d;
  const int n = cv::connectedComponents(lines, cc, 8, CV_32S);
  cv::distanceTransform(~skeleton, d, cv::DIST_L2, 3);
  std::vector<double> width(std::size_t(n), 0);
  std::vector<int> area(std::size_t(n), 0);
  for (int y = 0; y < lines.rows; ++y) {
    const int* c = cc.ptr<int>(y);
    const float* f = fromEdge.ptr<float>(y);
    for (int x = 0; x < lines.cols; ++x)
      if (c[x]) width[std::size_t(c[x])] += f[x] + 0.5, ++area[std::size_t(c[x])];
  }
  std::vector<float> reach(std::size_t(n), 0);
  for (int i = 1; i < n; ++i) reach[std::size_t(i)] = float(std::max(minReach, 1.5 * 2 * width[std::size_t(i)] / std::max(1, area[std::size_t(i)]) + 1));
  std::vector<int> edge(std::size_t(n), 0), far(std::size_t(n), 0);
  for (int y = 0; y < lines.rows; ++y) {
    const int* c = cc.ptr<int>(y);
    const std::uint8_t* e = edges.ptr<std::uint8_t>(y);
    const float* dd = d.ptr<float>(y);
    for (int x = 0; x < lines.cols; ++x)
      if (c[x] && e[x]) ++edge[std::size_t(c[x])], far[std::size_t(c[x])] += dd[x] > reach[std::size_t(c[x])];
  }
  std::vector<std::uint8_t> mesh(std::size_t(n), 0);
  bool any = false;
  for (int i = 1; i < n; ++i) any |= (mesh[std::size_t(i)] = far[std::size_t(i)] > 0.1 * edge[std::size_t(i)]) != 0;
  if (!any) return false;
  for (int y = 0; y < lines.rows; ++y) {
    const int* c = cc.ptr<int>(y);
    std::uint8_t* l = lines.ptr<std::uint8_t>(y);
    for (int x = 0; x < lines.cols; ++x)
      if (mesh[std::size_t(c[x])]) l[x] = 0;
  }
  return true;
}

// Thinning a line with ragged edges leaves side branches (spurs). Ends are
// eaten `length` times, then the ends that remain grow back along the old
// skeleton, so true line ends come back and spurs do not.
void pruneSpurs(cv::Mat& skeleton, int length) {
  auto ends = [](const cv::Mat& s) {
    cv::Mat count, out;
    cv::filter2D(s / 255, count, CV_8U, cv::Mat::ones(3, 3, CV_8U), cv::Point(-1, -1), 0, cv::BORDER_CONSTANT);
    return (count == 2) & s;  // itself and one neighbour
  };
  const cv::Mat original = skeleton.clone();
  for (int i = 0; i < length; ++i) skeleton &= ~ends(skeleton);
  cv::Mat grow = ends(skeleton);
  const cv::Mat k = cv::Mat::ones(3, 3, CV_8U);
  for (int i = 0; i < length; ++i) {
    cv::dilate(grow, grow, k);
    grow &= original;
    grow &= ~skeleton;
    if (!cv::countNonZero(grow)) break;
    skeleton |= grow;
  }
}

// Skeleton pieces shorter than `minPx` are texture that survived.
void dropShort(cv::Mat& skeleton, int minPx) {
  cv::Mat cc, stats, centroids;
  const int n = cv::connectedComponentsWithStats(skeleton, cc, stats, centroids, 8, CV_32S);
  std::vector<std::uint8_t> keep(std::size_t(n), 1);
  for (int i = 1; i < n; ++i)
    if (std::max(stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT)) < minPx) keep[std::size_t(i)] = 0;
  for (int y = 0; y < skeleton.rows; ++y) {
    std::uint8_t* s = skeleton.ptr<std::uint8_t>(y);
    const int* c = cc.ptr<int>(y);
    for (int x = 0; x < skeleton.cols; ++x)
      if (s[x] && !keep[std::size_t(c[x])]) s[x] = 0;
  }
}

}  // namespace

// [SECTION] extractLines

Result<PolaInk> extractLines(const cv::Mat& image, double widthMm, const PolaOptions& o, const PolaProgress& progress) {
  auto cancelled = [&](double f) { return progress && !progress(f); };
  if (image.empty()) return makeError(ErrorCode::InvalidArgument, {{"what", "@pola.error.empty"}}, "empty image");
  if (!(widthMm >= 10 && widthMm <= 10000)) return makeError(ErrorCode::InvalidArgument, {{"what", "width-cm"}}, "1..1000 cm");
  if (!(o.lineMm >= 0.1 && o.lineMm <= 20)) return makeError(ErrorCode::InvalidArgument, {{"what", "line-mm"}}, "0.1..20 mm");
  if (!(o.detailMm >= PolaOptions::kMinDetailMm && o.detailMm <= PolaOptions::kMaxDetailMm))
    return makeError(ErrorCode::InvalidArgument, {{"what", "detail-mm"}}, "0.1..10 mm");
  if (o.colours != 0 && (o.colours < 2 || o.colours > 8)) return makeError(ErrorCode::InvalidArgument, {{"what", "colours"}}, "2..8");
  // Working scale: the photo's own, at most maxPxPerMm, at least minPxPerMm,
  // and no more than about 24 MP for a whole kain.
  const double heightMm = widthMm * image.rows / image.cols;
  const double native = image.cols / widthMm;
  double s = std::min(native, std::max(1.0, o.maxPxPerMm));
  s = std::max(s, std::min(o.minPxPerMm, o.maxPxPerMm));  // enlarging adds no detail: only up to the floor
  s = std::min(s, std::sqrt(24e6 / (widthMm * heightMm)));
  cv::Mat bgr = toBgr(image);
  const cv::Size work(std::max(8, int(std::lround(widthMm * s))), std::max(8, int(std::lround(heightMm * s))));
  cv::resize(bgr, bgr, work, 0, 0, work.width < image.cols ? cv::INTER_AREA : cv::INTER_LINEAR);
  s = work.width / widthMm;
  cv::Scalar mean, sd;
  cv::meanStdDev(bgr, mean, sd);
  if (std::max({sd[0], sd[1], sd[2]}) < 3) return makeError(ErrorCode::InvalidArgument, {{"what", "@pola.error.blank"}}, "no contrast");
  flattenLight(bgr, s);
  cv::medianBlur(bgr, bgr, 3);
  if (cancelled(0.15)) return makeError(ErrorCode::Cancelled);

  PaletteOptions po;
  po.k = o.colours ? o.colours : 5;
  po.mergeDeltaE = o.colours ? 2.0 : 12.0;  // let shading within one dye fall together when the count is free
  po.trimOutliers = false;
  po.sampleSize = 30'000;
  po.maxIterations = 20;
  auto palette = extractPalette(bgr, po);
  if (!palette) return palette.error();
  const int regions = int(palette->swatches.size());
  if (regions < 2) return makeError(ErrorCode::InvalidArgument, {{"what", "@pola.error.blank"}}, "one colour");
  // Six bits a channel are plenty to tell a motif's few colours apart, and
  // leave the colour cache far fewer distinct colours to place.
  bgr &= cv::Scalar(0xFC, 0xFC, 0xFC);
  cv::Mat labels = assignIndices(bgr, *palette);
  if (cancelled(0.4)) return makeError(ErrorCode::Cancelled);

  // Rounded down: the mode filter has already shaved a pixel off small marks.
  const int detailPx = std::max(2, int(o.detailMm * s));
  labels = modeFilter(labels, regions, std::max(3, (detailPx / 2) | 1));
  std::vector<int> area(std::size_t(regions), 0);
  for (int l = 0; l < regions; ++l) area[std::size_t(l)] = cv::countNonZero(labels == l);
  const int ground = int(std::max_element(area.begin(), area.end()) - area.begin());
  // A region narrower than this on average is a line: wider than a canting's
  // 2.5 mm, for a drawing printed larger than it was drawn.
  const double thinMm = 4.0;
  const int dotMax = std::max(detailPx + 1, int(std::lround(2.5 * s)));
  PolaInk out;
  const auto dots = dropSmall(labels, regions, detailPx, o.style == PolaStyle::Outline ? dotMax : 0, ground);
  out.labels = labels;
  out.pxPerMm = s;
  out.regions = regions;
  if (cancelled(0.6)) return makeError(ErrorCode::Cancelled);

  cv::Mat ink;
  if (o.style == PolaStyle::Filled) {
    ink = labels != ground;
  } else {
    const cv::Mat edges = boundaries(labels);
    // Lines filled, and every boundary as a band two pixels wide: thinned
    // together, a line gives its centre, an edge between broad regions the
    // edge, and where a line's colour breaks into pieces along an edge (a
    // blurred edge takes an in-between colour) the pieces and the edge join.
    cv::Mat fromEdge, skeleton;
    cv::distanceTransform(~edges, fromEdge, cv::DIST_L2, 3);
    cv::Mat lines = lineRegions(labels, regions, ground, fromEdge, thinMm * s);
    auto thinAll = [&] {
      cv::Mat mask = lines | edges;
      cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, disc(detailPx | 1));  // small gaps in a line
      skeleton = thinLines(mask);
      pruneSpurs(skeleton, int(std::lround(thinMm * s / 2)));
    };
    thinAll();
    if (cancelled(0.7)) return makeError(ErrorCode::Cancelled);
    if (dropMeshes(lines, edges, fromEdge, skeleton, 1.25 * s + 1)) thinAll();
    if (cancelled(0.8)) return makeError(ErrorCode::Cancelled);
    dropShort(skeleton, detailPx * 2);
    cv::dilate(skeleton, ink, disc(int(std::lround(o.lineMm * s))));
    for (const auto& d : dots) {
      const double r = std::clamp(double(d[2]), o.lineMm * s, 2.5 * s) / 2;
      cv::circle(ink, cv::Point(int(std::lround(d[0] * 16)), int(std::lround(d[1] * 16))), int(std::lround(r * 16)), cv::Scalar(255), cv::FILLED,
                 cv::LINE_8, 4);
    }
    out.dots = int(dots.size());
  }
  out.ink = ink;
  if (cancelled(0.9)) return makeError(ErrorCode::Cancelled);
  return out;
}

}  // namespace canting::imaging
