#include "canting/imaging/mockup.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace canting::imaging {

namespace {

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

// Brightness of the cloth at a point (cm from the product's top left), 1 = flat light,
// and the sideways sway of the weave there (cm), from the product's folds.
struct Fold {
  double shade = 1, sway = 0;
};
Fold foldAt(Product p, double x, double y, cv::Size2d size) {
  Fold f;
  switch (p) {
    case Product::KainPanjang: {
      // Hung from clips every 25 cm: pleats strongest under the rod, easing downwards.
      const double s = std::sin(2 * kPi * x / 25.0);
      const double depth = 0.22 * (1.0 - 0.5 * y / size.height);
      f.shade = 1.0 - depth * (0.5 + 0.5 * s) * (0.5 + 0.5 * s);
      f.sway = 0.25 * std::cos(2 * kPi * x / 25.0);
      break;
    }
    case Product::Kemeja: {
      const double s = std::sin(2 * kPi * x / 19.0 + 0.6 * std::sin(y / 17.0));
      f.shade = 1.0 - 0.08 * (0.5 + 0.5 * s) - 0.06 * std::max(0.0, y / size.height - 0.75);
      f.sway = 0.15 * s;
      break;
    }
    case Product::Selendang: {
      const double s = std::sin(2 * kPi * (x + 0.15 * y) / 16.0);
      f.shade = 1.0 - 0.14 * (0.5 + 0.5 * s);
      f.sway = 0.2 * s;
      break;
    }
    case Product::Tas: f.shade = 1.0 - 0.10 * std::pow(y / size.height, 2.0); break;
    case Product::Iket: {
      const double s = std::sin(2 * kPi * (x - y) / 14.0);
      f.shade = 1.0 - 0.10 * (0.5 + 0.5 * s);
      f.sway = 0.12 * s;
      break;
    }
    case Product::Masker: {
      const double s = std::sin(2 * kPi * y / 3.0);  // the pleats of a cloth mask
      f.shade = 1.0 - 0.12 * (0.5 + 0.5 * s);
      break;
    }
  }
  return f;
}

const cv::Scalar kGround(214, 235, 244);  // gading cream (BGR)
const cv::Scalar kLine(36, 74, 122);      // soga brown (BGR)

}  // namespace

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

Result<Mockup> renderMockup(const cv::Mat& motifIn, const MockupOptions& o) {
  if (motifIn.empty() || motifIn.cols < 2 || motifIn.rows < 2) return makeError(ErrorCode::InvalidArgument, {{"what", "motif"}});
  if (!(o.motifWidthCm >= 0.5 && o.motifWidthCm <= 300)) return makeError(ErrorCode::InvalidArgument, {{"what", "--motif-cm (0.5..300)"}});
  if (o.heightPx < 64 || o.heightPx > 8192) return makeError(ErrorCode::InvalidArgument, {{"what", "height (64..8192 px)"}});
  cv::Size2d size = productDefaultSize(o.product);
  if (o.widthCm > 0) size.width = o.widthCm;
  if (o.heightCm > 0) size.height = o.heightCm;
  if (size.width < 5 || size.width > 400 || size.height < 5 || size.height > 400)
    return makeError(ErrorCode::InvalidArgument, {{"what", "product size (5..400 cm)"}});

  cv::Mat motif;
  if (motifIn.channels() == 1) cv::cvtColor(motifIn, motif, cv::COLOR_GRAY2BGR);
  else if (motifIn.channels() == 4) cv::cvtColor(motifIn, motif, cv::COLOR_BGRA2BGR);
  else motif = motifIn;
  if (motif.depth() != CV_8U) motif.convertTo(motif, CV_8U, motif.depth() == CV_16U ? 1.0 / 257.0 : 255.0);

  // The scale: the product fills about 80% of the height, or 86% of a width
  // of at most 1.6 times the height (the long kain lies across).
  const int H = o.heightPx;
  const double barRoom = o.scaleBar ? 0.08 : 0.0;
  const double pxPerCm = std::min(H * (0.84 - barRoom) / size.height, H * 1.6 * 0.86 / size.width);
  const int W = std::max(int(std::lround(H * 0.75)), int(std::lround(size.width * pxPerCm / 0.86)));
  Mockup m;
  m.pxPerCm = pxPerCm;
  const cv::Point2d origin((W - size.width * pxPerCm) / 2, H * 0.06);
  m.product = cv::Rect(int(std::floor(origin.x)), int(std::floor(origin.y)), int(std::ceil(size.width * pxPerCm)) + 1,
                       int(std::ceil(size.height * pxPerCm)) + 1) & cv::Rect(0, 0, W, H);
  m.image = cv::Mat(H, W, CV_8UC3, kGround);

  // The silhouette, anti-aliased, at 1/16 px precision.
  constexpr int kShift = 4;
  std::vector<cv::Point> poly;
  for (const auto& q : silhouette(o.product))
    poly.emplace_back(int(std::lround((origin.x + q.x * size.width * pxPerCm) * (1 << kShift))),
                      int(std::lround((origin.y + q.y * size.height * pxPerCm) * (1 << kShift))));
  m.mask = cv::Mat::zeros(H, W, CV_8U);
  cv::fillPoly(m.mask, std::vector<std::vector<cv::Point>>{poly}, cv::Scalar(255), cv::LINE_AA, kShift);

  // A soft floor shadow under the product.
  {
    cv::Mat shadow;
    cv::GaussianBlur(m.mask, shadow, cv::Size(0, 0), std::max(2.0, 1.2 * pxPerCm));
    cv::Mat shifted = cv::Mat::zeros(H, W, CV_8U);
    const int off = std::max(2, int(0.8 * pxPerCm));
    shadow(cv::Rect(0, 0, W - off, H - off)).copyTo(shifted(cv::Rect(off, off, W - off, H - off)));
    for (int y = 0; y < H; ++y) {
      cv::Vec3b* row = m.image.ptr<cv::Vec3b>(y);
      const std::uint8_t* s = shifted.ptr<std::uint8_t>(y);
      for (int x = 0; x < W; ++x) {
        const double k = 1.0 - 0.22 * s[x] / 255.0;
        for (int c = 0; c < 3; ++c) row[x][c] = cv::saturate_cast<std::uint8_t>(row[x][c] * k);
      }
    }
  }

  // The motif, prescaled once to about its size on the cloth, with a one-pixel
  // wrapped border so interpolation across the repeat seam stays seamless.
  const double tileW = o.motifWidthCm * pxPerCm, tileH = tileW * motif.rows / motif.cols;
  const int tw = std::max(2, int(std::ceil(tileW))), th = std::max(2, int(std::ceil(tileH)));
  cv::Mat tile;
  cv::resize(motif, tile, cv::Size(tw, th), 0, 0, tw < motif.cols ? cv::INTER_AREA : cv::INTER_CUBIC);
  cv::Mat padded;
  cv::copyMakeBorder(tile, padded, 1, 1, 1, 1, cv::BORDER_WRAP);

  // Edge darkening from the distance to the outline: cloth turns away from the light there.
  cv::Mat inside, dist;
  cv::threshold(m.mask, inside, 127, 255, cv::THRESH_BINARY);
  cv::distanceTransform(inside, dist, cv::DIST_L2, 3);
  const double edgeFall = 1.2 * pxPerCm;

  const cv::Rect r = m.product;
  for (int y = r.y; y < r.y + r.height; ++y) {
    const std::uint8_t* mk = m.mask.ptr<std::uint8_t>(y);
    const float* dd = dist.ptr<float>(y);
    cv::Vec3b* out = m.image.ptr<cv::Vec3b>(y);
    const double ycm = (y + 0.5 - origin.y) / pxPerCm;
    for (int x = r.x; x < r.x + r.width; ++x) {
      if (!mk[x]) continue;
      const double xcm = (x + 0.5 - origin.x) / pxPerCm;
      const Fold f = o.folds ? foldAt(o.product, xcm, ycm, size) : Fold{};
      // Position in the repeat, in tile pixels; the sway bends the weave with the fold.
      double u = std::fmod((xcm + f.sway) / o.motifWidthCm, 1.0);
      double v = std::fmod(ycm / (o.motifWidthCm * motif.rows / motif.cols), 1.0);
      if (u < 0) u += 1;
      if (v < 0) v += 1;
      const double px = u * tileW + 0.5, py = v * tileH + 0.5;  // +1 border, -0.5 pixel centre
      const int x0 = std::min(int(px), padded.cols - 2), y0 = std::min(int(py), padded.rows - 2);
      const double fx = px - x0, fy = py - y0;
      const cv::Vec3b a = padded.at<cv::Vec3b>(y0, x0), b = padded.at<cv::Vec3b>(y0, x0 + 1), c = padded.at<cv::Vec3b>(y0 + 1, x0),
                      d = padded.at<cv::Vec3b>(y0 + 1, x0 + 1);
      const double edge = 1.0 - 0.16 * std::exp(-dd[x] / edgeFall);
      const double light = 1.0 - 0.06 * (ycm / size.height);
      const double k = f.shade * edge * light;
      const double alpha = mk[x] / 255.0;
      for (int ch = 0; ch < 3; ++ch) {
        const double top = a[ch] + (b[ch] - a[ch]) * fx, bottom = c[ch] + (d[ch] - c[ch]) * fx;
        const double val = (top + (bottom - top) * fy) * k;
        out[x][ch] = cv::saturate_cast<std::uint8_t>(out[x][ch] * (1 - alpha) + val * alpha);
      }
    }
  }

  // Outlines and the details that say what the product is.
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

}  // namespace canting::imaging
