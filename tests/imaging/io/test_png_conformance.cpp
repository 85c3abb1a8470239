// PNG conformance made in the test: files written with libpng in every colour
// type, depth and interlace, with and without tRNS, gAMA, sBIT and text, each
// decoded by Canting and compared pixel for pixel with libpng's own reading.

#include <catch2/catch.hpp>

#include <random>

#include "canting/imaging/image_io.h"
#include "support/png_reference.h"

using namespace canting::imaging;
using namespace canting::test;

namespace {

int channelsOf(int colorType) { return colorType == 2 ? 3 : colorType == 4 ? 2 : colorType == 6 ? 4 : 1; }

// Random packed rows for the spec; `fill` forces some samples to `key` so a colour key is hit.
Bytes randomRows(const PngSpec& s, std::mt19937& rng) {
  const std::size_t stride = (std::size_t(s.width) * std::size_t(channelsOf(s.colorType)) * std::size_t(s.bitDepth) + 7) / 8;
  Bytes rows(stride * std::size_t(s.height));
  for (auto& b : rows) b = std::uint8_t(rng());
  return rows;
}

// Sets the sample at (x, y, c) of packed rows to v.
void setSample(Bytes& rows, const PngSpec& s, int x, int y, int c, std::uint32_t v) {
  const int ch = channelsOf(s.colorType);
  const std::size_t stride = (std::size_t(s.width) * std::size_t(ch) * std::size_t(s.bitDepth) + 7) / 8;
  const std::size_t bit = (std::size_t(x) * std::size_t(ch) + std::size_t(c)) * std::size_t(s.bitDepth);
  std::uint8_t* row = rows.data() + stride * std::size_t(y);
  if (s.bitDepth == 16) {
    row[bit / 8] = std::uint8_t(v >> 8);
    row[bit / 8 + 1] = std::uint8_t(v);
  } else if (s.bitDepth == 8) {
    row[bit / 8] = std::uint8_t(v);
  } else {
    const int shift = 8 - s.bitDepth - int(bit % 8);
    const std::uint8_t mask = std::uint8_t(((1 << s.bitDepth) - 1) << shift);
    row[bit / 8] = std::uint8_t((row[bit / 8] & ~mask) | ((v << shift) & mask));
  }
}

bool samePixels(const cv::Mat& a, const cv::Mat& b) {
  if (a.size() != b.size() || a.type() != b.type()) return false;
  return cv::countNonZero(cv::Mat(a != b).reshape(1)) == 0;
}

}  // namespace

TEST_CASE("grey and RGB PNGs with a tRNS colour key keep their transparent pixels", "[imaging][png][conformance]") {
  std::mt19937 rng(20);
  struct KeyCase {
    int colorType, bitDepth;
    std::array<std::uint16_t, 3> key;
  };
  for (const KeyCase& k : {KeyCase{0, 8, {77, 0, 0}}, KeyCase{0, 16, {40000, 0, 0}}, KeyCase{2, 8, {10, 20, 30}},
                           KeyCase{0, 2, {1, 0, 0}}, KeyCase{2, 16, {1000, 2000, 3000}}}) {
    INFO("colour type " << k.colorType << ", " << k.bitDepth << " bits");
    PngSpec s{.width = 9, .height = 7, .colorType = k.colorType, .bitDepth = k.bitDepth, .colourKey = k.key};
    Bytes rows = randomRows(s, rng);
    // Keyed pixels on a diagonal; the random ones elsewhere almost never hit it.
    for (int i = 0; i < 7; ++i)
      for (int c = 0; c < channelsOf(k.colorType); ++c) setSample(rows, s, i, i, c, k.key[std::size_t(c)]);
    const Bytes png = writePngWithLibpng(s, rows);
    REQUIRE_FALSE(png.empty());
    auto img = decodeImage(png);
    REQUIRE(img);
    REQUIRE(img->pixels.channels() == 4);
    const cv::Mat ref = readPngWithLibpng(png);
    CHECK(samePixels(img->pixels, ref));
    std::vector<cv::Mat> planes;
    cv::split(img->pixels, planes);
    for (int i = 0; i < 7; ++i) CHECK(planes[3].at<std::uint8_t>(i, i * (img->pixels.depth() == CV_16U ? 2 : 1)) == 0);
    const double opaque = img->pixels.depth() == CV_16U ? 65535 : 255;
    int transparent = 0;
    for (int y = 0; y < planes[3].rows; ++y)
      for (int x = 0; x < planes[3].cols; ++x) {
        const double a = img->pixels.depth() == CV_16U ? planes[3].at<std::uint16_t>(y, x) : planes[3].at<std::uint8_t>(y, x);
        CHECK((a == 0 || a == opaque));
        transparent += a == 0;
      }
    CHECK(transparent >= 7);
  }
}

TEST_CASE("every PNG colour type, depth and interlace with ancillary chunks decodes as libpng reads it", "[imaging][png][conformance]") {
  std::mt19937 rng(1);
  const std::pair<int, std::vector<int>> types[] = {{0, {1, 2, 4, 8, 16}}, {2, {8, 16}}, {3, {1, 2, 4, 8}}, {4, {8, 16}}, {6, {8, 16}}};
  int files = 0;
  for (const auto& [type, depths] : types)
    for (int depth : depths)
      for (bool interlaced : {false, true})
        for (int extra = 0; extra < 4; ++extra) {  // 0 plain, 1 tRNS, 2 gAMA+sBIT, 3 text
          PngSpec s{.width = 13, .height = 11, .colorType = type, .bitDepth = depth, .interlaced = interlaced};
          if (extra == 1) {
            if (type == 3) s.paletteAlphas = std::min(5, 1 << depth);
            else if (type == 0 || type == 2) s.colourKey = std::array<std::uint16_t, 3>{1, 1, 1};
            else continue;  // types with alpha have no tRNS
          }
          s.gamma = s.sbit = extra == 2;
          s.text = extra == 3;
          INFO("type " << type << ", " << depth << " bits, interlaced " << interlaced << ", variant " << extra);
          Bytes rows = randomRows(s, rng);
          if (type == 3 && depth == 8)
            for (auto& b : rows) b = std::uint8_t(b % 200);  // indices inside a 256-entry palette anyway
          if (s.colourKey)
            for (int c = 0; c < channelsOf(type); ++c) setSample(rows, s, 2, 3, c, 1);
          const Bytes png = writePngWithLibpng(s, rows);
          REQUIRE_FALSE(png.empty());
          auto img = decodeImage(png);
          REQUIRE(img);
          const cv::Mat ref = readPngWithLibpng(png);
          REQUIRE_FALSE(ref.empty());
          INFO("canting " << img->pixels.channels() << " ch depth " << img->pixels.depth() << "; libpng " << ref.channels()
                          << " ch depth " << ref.depth());
          CHECK(samePixels(img->pixels, ref));
          ++files;
        }
  CHECK(files == 112);
}
