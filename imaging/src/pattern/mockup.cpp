// Product mockups drawn by code: silhouettes, folds, the pattern at real scale.
// Index:
//   [SECTION] products: shapes and folds
//   [SECTION] product ids and sizes
//   [SECTION] scene: the product laid out
//   [SECTION] painting the motif onto a scene

#include "canting/imaging/mockup.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace canting::imaging {

namespace {

// [SECTION] products: shapes and folds
constexpr double kPi = 3.14159265358979323846;

struct ProductInfo {
  Product product;
  const char* id;
  double w, h;  // cm, width x height, flat
};

constexpr ProductInfo kProducts[] = {
    {Product::KainPanjang, "kain-panjang", 250, 105},
    {Product::Kemeja, "kemeja", 86, 74},  // size M, sleeves out
    {Product::Selendang, "selendang", 50, 200},
    {Product::Tas, "tas", 40, 52},  // 40 x 40 body, handles above
    {Product::Iket, "iket", 100, 50},  // a 100 cm square folded to a triangle
    {Product::Masker, "masker", 20, 12},
};

// The outline of each product in its own unit box (x right, y down, 0..1).
std::vector<cv::Point2d> silhouette(Product p) {
  switch (p) {
    case Product::Kemeja:
      return {{0.40, 0.02}, {0.24, 0.06}, {0.00, 0.24}, {0.09, 0.40}, {0.21, 0.31}, {0.21, 1.00}, {0.79, 1.00},
              {0.79, 0.31}, {0.91, 0.40}, {1.00, 0.24}, {0.76, 0.06}, {0.60, 0.02}, {0.50, 0.12}};
    case Product::Tas: return {{0.0, 0.23}, {1.0, 0.23}, {0.96, 1.0}, {0.04, 1.0}};
    case Product::Iket: return {{0.0, 0.0}, {1.0, 0.0}, {0.5, 1.0}};
    case Product::Masker:
      return {{0.12, 0.18}, {0.5, 0.06}, {0.88, 0.18}, {0.90, 0.70}, {0.5, 0.96}, {0.10, 0.70}};
    case Product::KainPanjang:
    case Product::Selendang: return {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  }
  return {};
}

// The folds of each product as a wave across the cloth: per row a phase, a
// depth and a base brightness; per column the wave itself. The cloth's
// brightness is base(y) - depth(y) * g(sin(kx * x + phase(y))), and the
// weave sways sideways with the fold. Separable, so a scene is made in a few
// milliseconds rather than one sine per pixel.
struct FoldRow {
  double phase = 0, depth = 0, base = 1, swayAmp = 0;
};
struct FoldModel {
  double kx = 0;            // radians per cm across
  bool squared = false;     // deep pleats (hung cloth) darken as the square of the wave
  bool swayWithCos = false; // hung cloth sways with the slope of the pleat, not its depth
};
FoldModel foldModel(Product p) {
  switch (p) {
    case Product::KainPanjang: return {2 * kPi / 25.0, true, true};
    case Product::Kemeja: return {2 * kPi / 19.0, false, false};
    case Product::Selendang: return {2 * kPi / 16.0, false, false};
    case Product::Iket: return {2 * kPi / 14.0, false, false};
    case Product::Tas:
    case Product::Masker: return {0, false, false};
  }
  return {};
}
FoldRow foldRow(Product p, double y, cv::Size2d size) {
  FoldRow r;
  switch (p) {
    case Product::KainPanjang:  // hung from clips every 25 cm: pleats deepest under the rod
      r.depth = 0.22 * (1.0 - 0.5 * y / size.height);
      r.swayAmp = 0.25;
      break;
    case Product::Kemeja:
      r.phase = 0.6 * std::sin(y / 17.0);
      r.depth = 0.08;
      r.base = 1.0 - 0.06 * std::max(0.0, y / size.height - 0.75);
      r.swayAmp = 0.15;
      break;
    case Product::Selendang:
      r.phase = 2 * kPi * 0.15 * y / 16.0;
      r.depth = 0.14;
      r.swayAmp = 0.2;
      break;
    case Product::Tas: r.base = 1.0 - 0.10 * std::pow(y / size.height, 2.0); break;
    case Product::Iket:
      r.phase = -2 * kPi * y / 14.0;
      r.depth = 0.10;
      r.swayAmp = 0.12;
      break;
    case Product::Masker:  // the pleats of a cloth mask run across
      r.phase = 2 * kPi * y / 3.0;
      r.depth = 0.12;
      break;
  }
  return r;
}

const cv::Scalar kGround(214, 235, 244);  // gading cream (BGR)
const cv::Scalar kLine(36, 74, 122);      // soga brown (BGR)

}  // namespace

// [SECTION] product ids and sizes
const char* productId(Product p) {
  for (const auto& i : kProducts)
    if (i.product == p) return i.id;
  return "kemeja";
}

std::optional<Product> parseProduct(const std::string& id) {
  for (const auto& i : kProducts)
    if (id == i.id) return i.product;
  return std::nullopt;
}

const std::vector<Product>& allProducts() {
  static const std::vector<Product> v = [] {
    std::vector<Product> out;
    for (const auto& i : kProducts) out.push_back(i.product);
    return out;
  }();
  return v;
}

cv::Size2d productDefaultSize(Product p) {
  for (const auto& i : kProducts)
    if (i.product == p) return {i.w, i.h};
  return {50, 50};
}

// [SECTION] scene: the product laid out
Result<MockupScene> prepareMockup(cv::Size motifSize, const MockupOptions& o) {
  if (motifSize.width < 2 || motifSize.height < 2) return makeError(ErrorCode::InvalidArgument, {{"what", "motif"}});
  if (!(o.motifWidthCm >= 0.5 && o.motifWidthCm <= 300)) return makeError(ErrorCode::InvalidArgument, {{"what", "--motif-cm (0.5..300)"}});
  if (o.heightPx < 64 || o.heightPx > 8192) return makeError(ErrorCode::InvalidArgument, {{"what", "height (64..8192 px)"}});
  cv::Size2d size = productDefaultSize(o.product);
  if (o.widthCm > 0) size.width = o.widthCm;
  if (o.heightCm > 0) size.height = o.heightCm;
  if (size.width < 5 || size.width > 400 || size.height < 5 || size.height > 400)
    return makeError(ErrorCode::InvalidArgument, {{"what", "product size (5..400 cm)"}});

  MockupScene sc;
  sc.options = o;
  sc.sizeCm = size;
  sc.motifAspect = double(motifSize.height) / motifSize.width;
  // The scale: the product fills about 80% of the height, or 86% of a width
  // of at most 1.6 times the height (the long kain lies across).
  const int H = o.heightPx;
  const double barRoom = o.scaleBar ? 0.08 : 0.0;
  const double pxPerCm = std::min(H * (0.84 - barRoom) / size.height, H * 1.6 * 0.86 / size.width);
  const int W = std::max(int(std::lround(H * 0.75)), int(std::lround(size.width * pxPerCm / 0.86)));
  Mockup& m = sc.base;
  m.pxPerCm = pxPerCm;
  sc.origin = cv::Point2d((W - size.width * pxPerCm) / 2, H * 0.06);
  m.product = cv::Rect(int(std::floor(sc.origin.x)), int(std::floor(sc.origin.y)), int(std::ceil(size.width * pxPerCm)) + 1,
                       int(std::ceil(size.height * pxPerCm)) + 1) & cv::Rect(0, 0, W, H);
  m.image = cv::Mat(H, W, CV_8UC3, kGround);

  // The silhouette, anti-aliased, at 1/16 px precision.
  constexpr int kShift = 4;
  std::vector<cv::Point> poly;
  for (const auto& q : silhouette(o.product))
    poly.emplace_back(int(std::lround((sc.origin.x + q.x * size.width * pxPerCm) * (1 << kShift))),
                      int(std::lround((sc.origin.y + q.y * size.height * pxPerCm) * (1 << kShift))));
  m.mask = cv::Mat::zeros(H, W, CV_8U);
  cv::fillPoly(m.mask, std::vector<std::vector<cv::Point>>{poly}, cv::Scalar(255), cv::LINE_AA, kShift);
  sc.outline = poly;

  // A soft floor shadow under the product, blurred at a quarter of the size.
  {
    cv::Mat quarter, shadow;
    cv::resize(m.mask, quarter, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
    cv::GaussianBlur(quarter, quarter, cv::Size(0, 0), std::max(0.5, 0.3 * pxPerCm));
    cv::resize(quarter, shadow, m.mask.size(), 0, 0, cv::INTER_LINEAR);
    const int off = std::max(2, int(0.8 * pxPerCm));
    for (int y = off; y < H; ++y) {
      cv::Vec3b* row = m.image.ptr<cv::Vec3b>(y);
      const std::uint8_t* sh = shadow.ptr<std::uint8_t>(y - off);
      for (int x = off; x < W; ++x) {
        if (!sh[x - off]) continue;
        const double k = 1.0 - 0.22 * sh[x - off] / 255.0;
        for (int c = 0; c < 3; ++c) row[x][c] = cv::saturate_cast<std::uint8_t>(row[x][c] * k);
      }
    }
  }

  // Where each pixel samples the repeat, and how bright the cloth is there.
  const double tileW = o.motifWidthCm * pxPerCm, tileH = tileW * sc.motifAspect;
  sc.tile = cv::Size(std::max(2, int(std::ceil(tileW))), std::max(2, int(std::ceil(tileH))));
  const cv::Rect r = m.product;
  cv::Mat inside, dist;
  cv::threshold(m.mask(r), inside, 127, 255, cv::THRESH_BINARY);
  cv::distanceTransform(inside, dist, cv::DIST_L2, 3);
  // Edge darkening from the distance to the outline: cloth turns away from the light there.
  const double edgeFall = 1.2 * pxPerCm;
  std::vector<float> edge(std::size_t(std::ceil(8 * edgeFall) * 4) + 2);
  for (std::size_t i = 0; i < edge.size(); ++i) edge[i] = float(1.0 - 0.16 * std::exp(-(double(i) / 4) / edgeFall));
  const FoldModel fm = o.folds ? foldModel(o.product) : FoldModel{};
  std::vector<double> sx(std::size_t(r.width)), cx(std::size_t(r.width)), xcm(std::size_t(r.width));
  for (int x = 0; x < r.width; ++x) {
    xcm[std::size_t(x)] = (r.x + x + 0.5 - sc.origin.x) / pxPerCm;
    sx[std::size_t(x)] = std::sin(fm.kx * xcm[std::size_t(x)]);
    cx[std::size_t(x)] = std::cos(fm.kx * xcm[std::size_t(x)]);
  }
  sc.mapX.create(r.size(), CV_32F);
  sc.mapY.create(r.size(), CV_32F);
  sc.shade.create(r.size(), CV_32F);
  for (int y = 0; y < r.height; ++y) {
    const double ycm = (r.y + y + 0.5 - sc.origin.y) / pxPerCm;
    const FoldRow fr = o.folds ? foldRow(o.product, ycm, size) : FoldRow{};
    const double sp = std::sin(fr.phase), cp = std::cos(fr.phase);
    const double light = 1.0 - 0.06 * (ycm / size.height);
    double v = ycm / (o.motifWidthCm * sc.motifAspect);
    v -= std::floor(v);
    const float py = float(v * sc.tile.height + 0.5);  // +1 border, -0.5 pixel centre
    const std::uint8_t* mk = m.mask.ptr<std::uint8_t>(r.y + y) + r.x;
    const float* dd = dist.ptr<float>(y);
    float* mx = sc.mapX.ptr<float>(y);
    float* my = sc.mapY.ptr<float>(y);
    float* sh = sc.shade.ptr<float>(y);
    for (int x = 0; x < r.width; ++x) {
      const double S = sx[std::size_t(x)] * cp + cx[std::size_t(x)] * sp;  // sin(kx x + phase)
      const double g = 0.5 + 0.5 * S;
      const double fold = fr.base - fr.depth * (fm.squared ? g * g : g);
      const double sway = fr.swayAmp * (fm.swayWithCos ? cx[std::size_t(x)] * cp - sx[std::size_t(x)] * sp : S);
      double u = (xcm[std::size_t(x)] + sway) / o.motifWidthCm;
      u -= std::floor(u);
      mx[x] = float(u * sc.tile.width + 0.5);
      my[x] = py;
      const std::size_t e = std::min(edge.size() - 1, std::size_t(dd[x] * 4));
      sh[x] = float(fold * edge[e] * light * (mk[x] / 255.0));
    }
  }
  return sc;
}

// [SECTION] painting the motif onto a scene
Result<Mockup> paintMockup(const MockupScene& sc, const cv::Mat& motifIn) {
  if (motifIn.empty() || motifIn.cols < 2 || motifIn.rows < 2) return makeError(ErrorCode::InvalidArgument, {{"what", "motif"}});
  cv::Mat motif;
  if (motifIn.channels() == 1) cv::cvtColor(motifIn, motif, cv::COLOR_GRAY2BGR);
  else if (motifIn.channels() == 4) cv::cvtColor(motifIn, motif, cv::COLOR_BGRA2BGR);
  else motif = motifIn;
  if (motif.depth() != CV_8U) motif.convertTo(motif, CV_8U, motif.depth() == CV_16U ? 1.0 / 257.0 : 255.0);
  // The motif, resized once to its size on the cloth, with a one-pixel wrapped
  // border so interpolation across the repeat seam stays seamless.
  cv::Mat tile, padded;
  cv::resize(motif, tile, sc.tile, 0, 0, sc.tile.width < motif.cols ? cv::INTER_AREA : cv::INTER_CUBIC);
  cv::copyMakeBorder(tile, padded, 1, 1, 1, 1, cv::BORDER_WRAP);
  cv::Mat pattern;
  cv::remap(padded, pattern, sc.mapX, sc.mapY, cv::INTER_LINEAR, cv::BORDER_REPLICATE);

  Mockup m;
  m.pxPerCm = sc.base.pxPerCm;
  m.product = sc.base.product;
  m.mask = sc.base.mask;
  m.image = sc.base.image.clone();
  const cv::Rect r = m.product;
  for (int y = 0; y < r.height; ++y) {
    const std::uint8_t* mk = m.mask.ptr<std::uint8_t>(r.y + y) + r.x;
    const float* sh = sc.shade.ptr<float>(y);
    const cv::Vec3b* pt = pattern.ptr<cv::Vec3b>(y);
    cv::Vec3b* out = m.image.ptr<cv::Vec3b>(r.y + y) + r.x;
    for (int x = 0; x < r.width; ++x) {
      if (!mk[x]) continue;
      const float keep = 1.f - mk[x] / 255.f;
      for (int c = 0; c < 3; ++c) out[x][c] = cv::saturate_cast<std::uint8_t>(out[x][c] * keep + pt[x][c] * sh[x]);
    }
  }

  // Outlines and the details that say what the product is.
  const MockupOptions& o = sc.options;
  const cv::Size2d size = sc.sizeCm;
  const double pxPerCm = m.pxPerCm;
  const int H = m.image.rows;
  const cv::Point2d origin = sc.origin;
  constexpr int kShift = 4;
  const std::vector<cv::Point>& poly = sc.outline;
  const int lw = std::max(1, int(std::lround(H / 450.0)));
  cv::polylines(m.image, std::vector<std::vector<cv::Point>>{poly}, true, kLine, lw, cv::LINE_AA, kShift);
  auto P = [&](double ux, double uy) {
    return cv::Point(int(std::lround(origin.x + ux * size.width * pxPerCm)), int(std::lround(origin.y + uy * size.height * pxPerCm)));
  };
  switch (o.product) {
    case Product::Kemeja: {
      cv::line(m.image, P(0.5, 0.12), P(0.5, 1.0), kLine, lw, cv::LINE_AA);  // the placket
      cv::line(m.image, P(0.40, 0.02), P(0.47, 0.16), kLine, lw, cv::LINE_AA);  // collar points
      cv::line(m.image, P(0.60, 0.02), P(0.53, 0.16), kLine, lw, cv::LINE_AA);
      for (int i = 0; i < 5; ++i) cv::circle(m.image, P(0.515, 0.22 + i * 0.17), std::max(2, int(0.5 * pxPerCm)), kLine, lw, cv::LINE_AA);
      cv::line(m.image, P(0.21, 0.31), P(0.24, 0.06), kLine, lw, cv::LINE_AA);  // sleeve seams
      cv::line(m.image, P(0.79, 0.31), P(0.76, 0.06), kLine, lw, cv::LINE_AA);
      break;
    }
    case Product::Tas: {
      const int t = std::max(2, int(2.2 * pxPerCm));
      cv::ellipse(m.image, P(0.5, 0.23), cv::Size(int(0.28 * size.width * pxPerCm), int(0.20 * size.height * pxPerCm)), 0, 180, 360, kLine, t, cv::LINE_AA);
      break;
    }
    case Product::KainPanjang: {
      // The rod it hangs from, and the clips.
      cv::line(m.image, P(-0.02, 0.0) + cv::Point(0, -lw * 3), P(1.02, 0.0) + cv::Point(0, -lw * 3), cv::Scalar(60, 60, 70), lw * 4, cv::LINE_AA);
      for (int i = 0; i <= 10; ++i) cv::rectangle(m.image, P(i / 10.0, 0.0) + cv::Point(-lw * 3, -lw * 5), P(i / 10.0, 0.0) + cv::Point(lw * 3, lw * 4), kLine, cv::FILLED);
      break;
    }
    case Product::Selendang: {
      for (double x = 0.02; x < 1.0; x += 0.04) cv::line(m.image, P(x, 1.0), P(x, 1.0) + cv::Point(0, int(4 * pxPerCm)), kLine, lw, cv::LINE_AA);  // fringe
      break;
    }
    case Product::Masker: {
      cv::ellipse(m.image, P(0.06, 0.44), cv::Size(int(0.08 * size.width * pxPerCm), int(0.26 * size.height * pxPerCm)), 0, 90, 270, kLine, lw * 2, cv::LINE_AA);
      cv::ellipse(m.image, P(0.94, 0.44), cv::Size(int(0.08 * size.width * pxPerCm), int(0.26 * size.height * pxPerCm)), 0, -90, 90, kLine, lw * 2, cv::LINE_AA);
      break;
    }
    case Product::Iket: break;
  }
  if (o.scaleBar) {
    // A 10 cm bar, so the scale can be checked with a ruler on the screen or a print.
    const int len = int(std::lround(10 * pxPerCm));
    const cv::Point a(int(origin.x), H - int(H * 0.05)), b(a.x + len, a.y);
    cv::line(m.image, a, b, kLine, std::max(2, lw * 2));
    cv::line(m.image, a + cv::Point(0, -lw * 4), a + cv::Point(0, lw * 4), kLine, lw);
    cv::line(m.image, b + cv::Point(0, -lw * 4), b + cv::Point(0, lw * 4), kLine, lw);
    cv::putText(m.image, "10 cm", b + cv::Point(lw * 6, lw * 4), cv::FONT_HERSHEY_SIMPLEX, std::max(0.4, H / 1500.0), kLine, lw, cv::LINE_AA);
  }
  return m;
}

Result<Mockup> renderMockup(const cv::Mat& motif, const MockupOptions& o) {
  if (motif.empty() || motif.cols < 2 || motif.rows < 2) return makeError(ErrorCode::InvalidArgument, {{"what", "motif"}});
  auto scene = prepareMockup(motif.size(), o);
  if (!scene) return scene.error();
  return paintMockup(*scene, motif);
}

}  // namespace canting::imaging
