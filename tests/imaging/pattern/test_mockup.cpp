#include <catch2/catch.hpp>

#include <numeric>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/mockup.h"

using namespace canting::imaging;

namespace {
// A white tile with a dark stripe down its left edge: on the product, one
// stripe per repeat, so the stripes' spacing is the motif's width in px.
cv::Mat stripeTile() {
  cv::Mat m(100, 200, CV_8UC3, cv::Scalar(255, 255, 255));
  m(cv::Rect(0, 0, 50, 100)).setTo(cv::Scalar(0, 0, 0));
  return m;
}

// Left edges of the dark runs along one row inside the product. Runs under
// 4 px are the drawn details (seams, placket, buttons: 2 px lines at this
// height), not the stripe, which is a quarter of the repeat.
std::vector<double> stripeStarts(const Mockup& m, int y) {
  std::vector<double> starts;
  const cv::Vec3b* row = m.image.ptr<cv::Vec3b>(y);
  int runStart = -1;
  for (int x = m.product.x; x < m.product.x + m.product.width; ++x) {
    const bool d = m.mask.at<std::uint8_t>(y, x) == 255 && row[x][1] < 110;
    if (d && runStart < 0) runStart = x;
    if (!d && runStart >= 0) {
      // A run that begins at the outline is a stripe cut by the edge: its start is not the repeat's.
      if (x - runStart >= 4 && m.mask.at<std::uint8_t>(y, runStart - 1) == 255) starts.push_back(runStart);
      runStart = -1;
    }
  }
  return starts;
}
}  // namespace

TEST_CASE("the mockup lays the motif at the requested cm: the repeat spacing is motif-cm times px per cm", "[imaging][mockup]") {
  for (Product p : {Product::KainPanjang, Product::Kemeja, Product::Selendang, Product::Tas}) {
    for (double cm : {5.0, 10.0, 17.5}) {
      DYNAMIC_SECTION(productId(p) << " at " << cm << " cm") {
        auto m = renderMockup(stripeTile(), {.product = p, .motifWidthCm = cm, .heightPx = 1000, .folds = false});
        REQUIRE(m);
        const cv::Size2d size = productDefaultSize(p);
        // The product itself is drawn at the same scale.
        CHECK(m->product.width / m->pxPerCm == Approx(size.width).epsilon(0.02));
        const auto starts = stripeStarts(*m, m->product.y + m->product.height * 2 / 3);
        REQUIRE(starts.size() >= 2);
        const double period = (starts.back() - starts.front()) / double(starts.size() - 1);
        CHECK(period / m->pxPerCm == Approx(cm).epsilon(0.01));
      }
    }
  }
}

TEST_CASE("folds sway the weave but keep the scale on average, and darken the cloth", "[imaging][mockup]") {
  auto flat = renderMockup(stripeTile(), {.product = Product::KainPanjang, .motifWidthCm = 10, .heightPx = 1000, .folds = false});
  auto folded = renderMockup(stripeTile(), {.product = Product::KainPanjang, .motifWidthCm = 10, .heightPx = 1000, .folds = true});
  REQUIRE(flat);
  REQUIRE(folded);
  const int y = folded->product.y + folded->product.height / 2;
  const auto starts = stripeStarts(*folded, y);
  REQUIRE(starts.size() >= 10);
  const double period = (starts.back() - starts.front()) / double(starts.size() - 1);
  CHECK(period / folded->pxPerCm == Approx(10).epsilon(0.03));
  // Shading only darkens: the folded cloth is never lighter, and is darker on average.
  cv::Mat a, b;
  cv::cvtColor(flat->image, a, cv::COLOR_BGR2GRAY);
  cv::cvtColor(folded->image, b, cv::COLOR_BGR2GRAY);
  const cv::Rect r = folded->product;
  CHECK(cv::mean(b(r), folded->mask(r))[0] < cv::mean(a(r), flat->mask(r))[0] - 5);
}

TEST_CASE("every product renders with a 10 cm bar, and bad sizes are refused", "[imaging][mockup]") {
  const cv::Mat grey(50, 50, CV_8UC1, cv::Scalar(128));
  for (Product p : allProducts()) {
    auto m = renderMockup(grey, {.product = p, .motifWidthCm = 8, .heightPx = 480});
    REQUIRE(m);
    CHECK(m->image.rows == 480);
    CHECK(cv::countNonZero(m->mask) > 0.08 * m->image.total());
    CHECK(parseProduct(productId(p)) == p);
  }
  CHECK_FALSE(parseProduct("sarung-bantal"));
  CHECK(renderMockup(cv::Mat(), {}).error().code == ErrorCode::InvalidArgument);
  CHECK_FALSE(renderMockup(grey, {.motifWidthCm = 0}));
  CHECK_FALSE(renderMockup(grey, {.motifWidthCm = 1e9}));
  CHECK_FALSE(renderMockup(grey, {.widthCm = 1000}));
  CHECK_FALSE(renderMockup(grey, {.heightPx = 10}));
  // A catalogue size is honoured: an XL shirt is drawn wider than an M at the same height.
  auto m = renderMockup(grey, {.product = Product::Kemeja, .widthCm = 86, .heightCm = 74, .heightPx = 800});
  auto xl = renderMockup(grey, {.product = Product::Kemeja, .widthCm = 100, .heightCm = 80, .heightPx = 800});
  CHECK(xl->product.width / xl->pxPerCm > m->product.width / m->pxPerCm + 10);
}
