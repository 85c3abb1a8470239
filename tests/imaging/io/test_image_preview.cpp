// Header probes of files of any size, and reduced previews of files over the
// decode limit (issue 22: the app's own 366 MP kain exports).

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/image_io.h"
#include "canting/imaging/image_preview.h"
#include "support/image_fixtures.h"
#include "support/tiff_builder.h"

using namespace canting::imaging;
using namespace canting::test;

namespace {

// A test card with detail at every scale: gradients and a grid of squares.
cv::Mat card(int w, int h, bool alpha) {
  cv::Mat m(h, w, alpha ? CV_8UC4 : CV_8UC3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint8_t* p = m.ptr<std::uint8_t>(y) + x * m.channels();
      p[0] = std::uint8_t(x * 255 / w);
      p[1] = std::uint8_t(y * 255 / h);
      p[2] = ((x / 7 + y / 5) % 2) ? 220 : 30;
      if (alpha) p[3] = std::uint8_t(128 + (x % 2) * 100);
    }
  return m;
}

// The box average the preview promises, computed the slow way.
cv::Mat boxAverage(const cv::Mat& m, int f) {
  cv::Mat out((m.rows + f - 1) / f, (m.cols + f - 1) / f, m.type());
  for (int oy = 0; oy < out.rows; ++oy)
    for (int ox = 0; ox < out.cols; ++ox) {
      const cv::Rect r(ox * f, oy * f, std::min(f, m.cols - ox * f), std::min(f, m.rows - oy * f));
      const cv::Scalar mean = cv::mean(m(r));
      for (int c = 0; c < m.channels(); ++c) out.ptr<std::uint8_t>(oy)[ox * m.channels() + c] = cv::saturate_cast<std::uint8_t>(mean[c]);
    }
  return out;
}

}  // namespace

TEST_CASE("the reduction factor is the smallest that fits the limit", "[imaging][io][preview]") {
  CHECK(reductionFactor(100, 100, 10000) == 1);
  CHECK(reductionFactor(100, 100, 9999) == 2);
  CHECK(reductionFactor(300, 210, 10000) == 3);
  CHECK(reductionFactor(20000, 18300, 50'000'000) == 3);  // 366 MP to 40.7 MP
  for (int w : {1, 7, 999, 65535})
    for (std::uint64_t lim : {1ull, 1000ull, 123456ull}) {
      const int f = reductionFactor(w, 3001, lim);
      INFO(w << " " << lim << " " << f);
      CHECK(std::uint64_t((w + f - 1) / f) * std::uint64_t((3001 + f - 1) / f) <= lim);
      if (f > 1) CHECK(std::uint64_t((w + f - 2) / (f - 1)) * std::uint64_t((3001 + f - 2) / (f - 1)) > lim);
    }
}

TEST_CASE("a 366 MP TIFF's header is read from the file, whatever its size", "[imaging][io][preview]") {
  TempDir dir;
  const auto path = dir / "kain.tif";
  writeAll(path, makeUniformTiff(20000, 18300, 150, 90, 40));
  auto h = probeImageFile(path);
  REQUIRE(h);
  CHECK(h->format == ImageFormat::Tiff);
  CHECK(h->width == 20000);
  CHECK(h->height == 18300);
  CHECK_FALSE(checkLimits(*h, {}));  // over the 200 MP default: loadImage refuses it, the probe does not
  CHECK(probeImageFile(dir / "missing.tif").error().code == ErrorCode::FileNotFound);
  CHECK(probeImageFile(dir.path()).error().code == ErrorCode::IsDirectory);
}

TEST_CASE("a TIFF or PNG over the limit opens as a box-averaged preview", "[imaging][io][preview]") {
  TempDir dir;
  for (bool alpha : {false, true})
    for (const char* ext : {".tif", ".png"}) {
      INFO(ext << (alpha ? " with alpha" : ""));
      const cv::Mat px = card(301, 211, alpha);
      const auto path = dir / (std::string("card") + (alpha ? "a" : "") + ext);
      REQUIRE(saveImage(px, path, {.dpi = Dpi{300, 300}}));
      auto r = loadImageReduced(path, 10000);
      REQUIRE(r);
      CHECK(r->factor == 3);
      CHECK(r->image.pixels.size() == cv::Size(101, 71));
      CHECK(r->image.pixels.type() == px.type());
      CHECK(r->image.source.width == 301);  // the file's own header
      REQUIRE(r->image.dpi);
      CHECK(r->image.dpi->x == Approx(100));  // the print size in cm stays the file's
      cv::Mat diff;
      cv::absdiff(r->image.pixels, boxAverage(px, 3), diff);
      double worst = 0;
      cv::minMaxLoc(diff.reshape(1), nullptr, &worst);
      CHECK(worst <= 1);
    }
}

namespace {

// A one-colour kain of w x h opened under `limit` pixels: the factor and size
// expected, and one colour out (every block, the partial last ones too, averages to it exactly).
void checkUniformKainPreview(int w, int h, std::uint64_t limit, int factor, cv::Size size) {
  TempDir dir;
  const auto path = dir / "kain.tif";
  writeAll(path, makeUniformTiff(w, h, 150, 90, 40));
  auto r = loadImageReduced(path, limit);
  REQUIRE(r);
  CHECK(r->factor == factor);
  CHECK(r->image.pixels.size() == size);
  cv::Mat diff;
  cv::absdiff(r->image.pixels, cv::Scalar(40, 90, 150), diff);  // BGR
  CHECK(cv::countNonZero(diff.reshape(1)) == 0);
}

}  // namespace

// [heavy]: decoding 366 MP of strips is the point, and takes minutes under ASan;
// the sanitizer pass reads the same reducing decoder on the smaller kain below.
TEST_CASE("a 366 MP kain TIFF opens as a preview of a few MB", "[imaging][io][preview][heavy]") {
  TempDir dir;
  writeAll(dir / "kain.tif", makeUniformTiff(20000, 18300, 150, 90, 40));
  CHECK(loadImage(dir / "kain.tif").error().code == ErrorCode::TooManyPixels);
  checkUniformKainPreview(20000, 18300, 4'000'000, 10, {2000, 1830});
}

TEST_CASE("a kain TIFF over its limit opens reduced, every block averaged, the partial last ones too", "[imaging][io][preview]") {
  checkUniformKainPreview(2005, 1837, 40'000, 10, {201, 184});
}

TEST_CASE("formats with no reduced decoder say so", "[imaging][io][preview]") {
  TempDir dir;
  REQUIRE(saveImage(card(40, 30, false), dir / "a.jpg"));
  CHECK(loadImageReduced(dir / "a.jpg", 100).error().code == ErrorCode::UnsupportedFormat);
  writeAll(dir / "junk.tif", Bytes{'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0});
  CHECK_FALSE(loadImageReduced(dir / "junk.tif", 100));
}
