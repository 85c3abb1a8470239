// Reduced JPEG decoding (libjpeg's DCT scaling) for thumbnails and the
// Studio's first preview (issue 18): the same picture as a whole decode
// scaled down, upright the same way, and the same errors for broken files.

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/image_io.h"
#include "support/image_fixtures.h"

using namespace canting::imaging;
using namespace canting::test;

namespace {

// Texture at every scale, like cloth in a photo: gradients, stripes and a grid.
cv::Mat cloth(int w, int h) {
  cv::Mat m(h, w, CV_8UC3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      cv::Vec3b& p = m.at<cv::Vec3b>(y, x);
      p[0] = std::uint8_t(x * 255 / w);
      p[1] = std::uint8_t(((x / 9 + y / 13) % 2) ? 200 : 60);
      p[2] = std::uint8_t(128 + 100 * std::sin(y * 0.05));
    }
  return m;
}

Bytes jpegOf(const cv::Mat& m, int quality = 92) {
  auto b = encodeImage(m, ImageFormat::Jpeg, {.jpegQuality = quality});
  REQUIRE(b);
  return *b;
}

// Mean absolute difference per sample between a reduced decode and the whole
// decode brought to the same size the way thumbnails are made.
double meanDiff(const cv::Mat& reduced, const cv::Mat& whole) {
  cv::Mat down;
  cv::resize(whole, down, reduced.size(), 0, 0, cv::INTER_AREA);
  cv::Mat diff;
  cv::absdiff(reduced, down, diff);
  const cv::Scalar s = cv::mean(diff);
  double sum = 0;
  for (int c = 0; c < reduced.channels(); ++c) sum += s[c];
  return sum / reduced.channels();
}

}  // namespace

TEST_CASE("the JPEG scale is the smallest that keeps the edge asked for", "[imaging][io][jpeg_scaled]") {
  CHECK(jpegScaleFor(6000, 4000, 192) == 8);   // a phone photo's thumbnail: 750 px decoded
  CHECK(jpegScaleFor(4000, 6000, 1400) == 4);  // its first preview: 1500 px
  CHECK(jpegScaleFor(6000, 4000, 1501) == 2);
  CHECK(jpegScaleFor(6000, 4000, 3001) == 1);
  CHECK(jpegScaleFor(1601, 1200, 201) == 8);   // ceil(1601 / 8) = 201
  CHECK(jpegScaleFor(1591, 1200, 200) == 4);   // ceil(1591 / 8) = 199
  CHECK(jpegScaleFor(100, 100, 192) == 1);     // smaller than the edge: whole
  for (int edge : {1, 37, 192, 1400})
    for (int w : {1, 9, 640, 6000}) {
      const int s = jpegScaleFor(w, 480, edge);
      INFO(w << " " << edge << " " << s);
      if (s > 1) CHECK((std::max(w, 480) + s - 1) / s >= edge);
      if (s < 8) CHECK((std::max(w, 480) + 2 * s - 1) / (2 * s) < edge);
    }
}

TEST_CASE("a reduced JPEG decode is the whole decode scaled down", "[imaging][io][jpeg_scaled]") {
  const cv::Mat src = cloth(640, 480);
  const Bytes jpeg = jpegOf(src);
  auto whole = decodeImage(jpeg);
  REQUIRE(whole);
  for (int scale : {2, 4, 8}) {
    INFO("1/" << scale);
    auto r = decodeImageScaled(jpeg, 640 / scale);
    REQUIRE(r);
    CHECK(r->scale == scale);
    CHECK(r->image.pixels.cols == 640 / scale);
    CHECK(r->image.pixels.rows == 480 / scale);
    CHECK(r->image.pixels.type() == CV_8UC3);
    CHECK(r->image.source.width == 640);  // the file's own header
    // libjpeg's scaled IDCT is not a box filter: the 9 px stripes' edges differ a little.
    CHECK(meanDiff(r->image.pixels, whole->pixels) < 6.0);
    const cv::Scalar a = cv::mean(r->image.pixels), b = cv::mean(whole->pixels);
    for (int c = 0; c < 3; ++c) CHECK(a[c] == Approx(b[c]).margin(1.5));
  }
  // Sizes that do not divide: libjpeg rounds up, as the header promises.
  auto odd = decodeImageScaled(jpegOf(cloth(203, 101)), 20);
  REQUIRE(odd);
  CHECK(odd->scale == 8);
  CHECK(odd->image.pixels.size() == cv::Size(26, 13));
}

TEST_CASE("reduced decodes of grey and CMYK JPEGs, and of other formats", "[imaging][io][jpeg_scaled]") {
  cv::Mat grey;
  cv::cvtColor(cloth(320, 240), grey, cv::COLOR_BGR2GRAY);
  const Bytes g = jpegOf(grey);
  auto r = decodeImageScaled(g, 80);
  REQUIRE(r);
  CHECK(r->scale == 4);
  CHECK(r->image.pixels.type() == CV_8UC1);  // as loadImage gives it
  CHECK(meanDiff(r->image.pixels, decodeImage(g)->pixels) < 4.0);

  Bytes cmyk(std::size_t(320) * 240 * 4);
  for (std::size_t i = 0; i < cmyk.size(); ++i) cmyk[i] = std::uint8_t((i / 4 % 320) * (i % 4 + 1) / 2);
  const Bytes c = makeCmykJpeg(320, 240, cmyk);
  auto rc = decodeImageScaled(c, 40);
  REQUIRE(rc);
  CHECK(rc->scale == 8);
  CHECK(rc->image.pixels.type() == CV_8UC3);
  CHECK(meanDiff(rc->image.pixels, decodeImage(c)->pixels) < 4.0);

  const cv::Mat src = cloth(320, 240);
  auto png = encodeImage(src, ImageFormat::Png);
  REQUIRE(png);
  auto rp = decodeImageScaled(*png, 40);
  REQUIRE(rp);
  CHECK(rp->scale == 1);  // no reduced decoder: whole, exactly
  CHECK(cv::norm(rp->image.pixels, src, cv::NORM_INF) == 0);
}

TEST_CASE("a reduced decode is upright like the whole one, DPI scaled", "[imaging][io][jpeg_scaled]") {
  // Stored 320x160: red block top-left, green block top-right (the EXIF test, larger).
  cv::Mat src(160, 320, CV_8UC3, cv::Scalar(255, 255, 255));
  src(cv::Rect(0, 0, 48, 48)).setTo(cv::Scalar(0, 0, 255));
  src(cv::Rect(272, 0, 48, 48)).setTo(cv::Scalar(0, 255, 0));
  const Bytes jpeg = *encodeImage(src, ImageFormat::Jpeg, {.jpegQuality = 100, .dpi = Dpi{300, 300}});
  for (int o = 1; o <= 8; ++o) {
    INFO("orientation " << o);
    const Bytes rotated = withExifOrientation(jpeg, o);
    auto whole = decodeImage(rotated);
    auto r = decodeImageScaled(rotated, 40);
    REQUIRE(whole);
    REQUIRE(r);
    CHECK(r->scale == 8);
    CHECK(r->image.pixels.cols == whole->pixels.cols / 8);
    CHECK(r->image.pixels.rows == whole->pixels.rows / 8);
    CHECK(meanDiff(r->image.pixels, whole->pixels) < 6.0);  // hard edges: a little ringing
    REQUIRE(r->image.dpi);
    CHECK(r->image.dpi->x == Approx(300.0 / 8));
  }
}

TEST_CASE("a turned photo's reduced decode fits its memory budget", "[imaging][io][jpeg_scaled]") {
  // The budget counts the reduced pixels and their turned copy (a 2 MP reduction here).
  auto r = decodeImageScaled(withExifOrientation(jpegOf(cloth(3200, 2400), 80), 6), 1400);
  REQUIRE(r);
  CHECK(r->scale == 2);
  CHECK(r->image.pixels.size() == cv::Size(1200, 1600));
}

TEST_CASE("broken JPEGs give an error from the reduced decode, never a crash", "[imaging][io][jpeg_scaled]") {
  const Bytes jpeg = jpegOf(cloth(320, 240));
  // Cut short: the probe finds it before any decoding.
  Bytes cut(jpeg.begin(), jpeg.begin() + std::ptrdiff_t(jpeg.size() / 2));
  auto r = decodeImageScaled(cut, 40);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Truncated);
  // A Huffman table that cannot be: libjpeg gives up, the error says why.
  Bytes bogus = jpeg;
  bool found = false;
  for (std::size_t i = 2; i + 20 < bogus.size() && !found; ++i)
    if (bogus[i] == 0xFF && bogus[i + 1] == 0xC4) {
      for (std::size_t k = i + 5; k < i + 21; ++k) bogus[k] = 0xFF;  // code counts far beyond 256 symbols
      found = true;
    }
  REQUIRE(found);
  auto b = decodeImageScaled(bogus, 40);
  REQUIRE_FALSE(b);
  CHECK(b.error().code == ErrorCode::CorruptImage);
  CHECK(b.error().detail.find("libjpeg") != std::string::npos);
  // Scrambled entropy data: libjpeg warns and goes on; whatever comes back, nothing breaks.
  Bytes noisy = jpeg;
  for (std::size_t i = jpeg.size() / 2; i < jpeg.size() / 2 + 200; ++i) noisy[i] = std::uint8_t(i * 37);
  auto n = decodeImageScaled(noisy, 40);
  if (n) CHECK(n->image.pixels.size() == cv::Size(40, 30));
  // Over the limit: refused from the header, as loadImage does.
  auto big = decodeImageScaled(jpeg, 40, {.maxPixels = 1000});
  REQUIRE_FALSE(big);
  CHECK(big.error().code == ErrorCode::TooManyPixels);
  TempDir dir;
  writeAll(dir / "cut.jpg", cut);
  auto f = loadImageScaled(dir / "cut.jpg", 40);
  REQUIRE_FALSE(f);
  CHECK(f.error().arg("path") == (dir / "cut.jpg").string());
}
