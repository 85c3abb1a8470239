// TIFF conformance made in the test: files written with libtiff in strips and
// tiles, contiguous and planar, 1 to 16 bits, grey/RGB/palette/CMYK, with no, LZW,
// deflate and PackBits compression and a second directory, each decoded by
// Canting and compared pixel for pixel with libtiff's own RGBA reading.

#include <catch2/catch.hpp>

#include <tiffio.h>

#include <random>
#include <sstream>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/image_io.h"
#include "support/image_fixtures.h"

using namespace canting::imaging;
using namespace canting::test;

namespace {

struct TiffSpec {
  bool tiled = false, planar = false;
  int bits = 8;
  int photometric = PHOTOMETRIC_MINISBLACK;
  int compression = COMPRESSION_NONE;
};

int samplesOf(const TiffSpec& s) {
  return s.photometric == PHOTOMETRIC_RGB ? 3 : s.photometric == PHOTOMETRIC_SEPARATED ? 4 : 1;
}

// Writes a 21 x 13 image with random samples and a second, smaller directory.
bool writeTiff(const std::filesystem::path& file, const TiffSpec& s, std::mt19937& rng) {
  TIFF* t = TIFFOpen(file.c_str(), "w");
  if (!t) return false;
  const int w = 21, h = 13, spp = samplesOf(s);
  for (int dir = 0; dir < 2; ++dir) {
    const int dw = dir == 0 ? w : 5, dh = dir == 0 ? h : 3;
    TIFFSetField(t, TIFFTAG_IMAGEWIDTH, dw);
    TIFFSetField(t, TIFFTAG_IMAGELENGTH, dh);
    TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, s.bits);
    TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, spp);
    TIFFSetField(t, TIFFTAG_PHOTOMETRIC, s.photometric);
    if (s.photometric == PHOTOMETRIC_SEPARATED) TIFFSetField(t, TIFFTAG_INKSET, INKSET_CMYK);
    TIFFSetField(t, TIFFTAG_COMPRESSION, s.compression);
    TIFFSetField(t, TIFFTAG_PLANARCONFIG, s.planar ? PLANARCONFIG_SEPARATE : PLANARCONFIG_CONTIG);
    std::vector<std::uint16_t> r(1u << s.bits), g(r.size()), b(r.size());
    if (s.photometric == PHOTOMETRIC_PALETTE) {
      for (std::size_t i = 0; i < r.size(); ++i) {
        r[i] = std::uint16_t((i * 37 % 256) * 257);
        g[i] = std::uint16_t((255 - i * 11 % 256) * 257);
        b[i] = std::uint16_t((i * 5 % 256) * 257);
      }
      TIFFSetField(t, TIFFTAG_COLORMAP, r.data(), g.data(), b.data());
    }
    const int planes = s.planar ? spp : 1, perPixel = s.planar ? 1 : spp;
    if (s.tiled) {
      TIFFSetField(t, TIFFTAG_TILEWIDTH, 16);
      TIFFSetField(t, TIFFTAG_TILELENGTH, 16);
      std::vector<std::uint8_t> tile(std::size_t(TIFFTileSize(t)));
      for (int p = 0; p < planes; ++p)
        for (int y = 0; y < dh; y += 16)
          for (int x = 0; x < dw; x += 16) {
            for (auto& v : tile) v = std::uint8_t(rng());
            if (TIFFWriteTile(t, tile.data(), std::uint32_t(x), std::uint32_t(y), 0, std::uint16_t(p)) < 0) return false;
          }
    } else {
      TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 4);
      const std::size_t row = (std::size_t(dw) * std::size_t(perPixel) * std::size_t(s.bits) + 7) / 8;
      std::vector<std::uint8_t> line(row);
      for (int p = 0; p < planes; ++p)
        for (int y = 0; y < dh; ++y) {
          for (auto& v : line) v = std::uint8_t(rng());
          if (TIFFWriteScanline(t, line.data(), std::uint32_t(y), std::uint16_t(p)) < 0) return false;
        }
    }
    if (!TIFFWriteDirectory(t)) return false;
  }
  TIFFClose(t);
  return true;
}

// libtiff's reading of the first directory as 8-bit RGBA, top row first.
cv::Mat libtiffRgba(const std::filesystem::path& file) {
  TIFF* t = TIFFOpen(file.c_str(), "r");
  if (!t) return {};
  std::uint32_t w = 0, h = 0;
  TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &w);
  TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h);
  cv::Mat out(int(h), int(w), CV_8UC4);
  const bool ok = TIFFReadRGBAImageOriented(t, w, h, reinterpret_cast<std::uint32_t*>(out.data), ORIENTATION_TOPLEFT, 1);
  TIFFClose(t);
  return ok ? out : cv::Mat();  // ABGR in a uint32 = R, G, B, A bytes on little-endian
}

// Canting's pixels in the same layout: RGBA, 8 bits (16-bit samples' high byte, as libtiff's RGBA reader).
cv::Mat asRgba8(const cv::Mat& m) {
  cv::Mat eight = m;
  if (m.depth() == CV_16U) {
    eight.create(m.size(), CV_MAKETYPE(CV_8U, m.channels()));
    const auto n = m.total() * std::size_t(m.channels());
    const auto* src = m.ptr<std::uint16_t>();
    // libtiff's RGBA reader takes the high byte of grey and rounds colour samples.
    for (std::size_t i = 0; i < n; ++i)
      eight.data[i] = std::uint8_t(m.channels() == 1 ? src[i] >> 8 : (std::uint32_t(src[i]) * 255 + 32767) / 65535);
  }
  cv::Mat out;
  switch (eight.channels()) {
    case 1: cv::cvtColor(eight, out, cv::COLOR_GRAY2RGBA); break;
    case 3: cv::cvtColor(eight, out, cv::COLOR_BGR2RGBA); break;
    default: cv::cvtColor(eight, out, cv::COLOR_BGRA2RGBA); break;
  }
  return out;
}

}  // namespace

TEST_CASE("TIFFs in strips and tiles, contiguous and planar, 1-16 bits, grey/RGB/palette/CMYK, every compression decode as libtiff reads them", "[imaging][tiff][conformance]") {
  TIFFSetWarningHandler(nullptr);
  TempDir dir;
  std::mt19937 rng(7);
  int same = 0, refused = 0;
  std::ostringstream refusedList, unreadable;
  for (int photometric : {PHOTOMETRIC_MINISBLACK, PHOTOMETRIC_RGB, PHOTOMETRIC_PALETTE, PHOTOMETRIC_SEPARATED})
    for (int bits : {1, 2, 4, 8, 16})
      for (int compression : {COMPRESSION_NONE, COMPRESSION_LZW, COMPRESSION_ADOBE_DEFLATE, COMPRESSION_PACKBITS})
        for (bool tiled : {false, true})
          for (bool planar : {false, true}) {
            if ((photometric == PHOTOMETRIC_RGB || photometric == PHOTOMETRIC_SEPARATED) && bits < 8) continue;  // not baseline TIFF
            if (photometric == PHOTOMETRIC_PALETTE && bits == 16) continue;
            if (planar && samplesOf({.photometric = photometric}) == 1) continue;  // one sample: planar is contiguous
            const TiffSpec s{tiled, planar, bits, photometric, compression};
            std::ostringstream name;
            name << "p" << photometric << "-b" << bits << "-c" << compression << (tiled ? "-tiles" : "-strips") << (planar ? "-planar" : "");
            INFO(name.str());
            const auto file = dir / (name.str() + ".tif");
            REQUIRE(writeTiff(file, s, rng));
            const cv::Mat ref = libtiffRgba(file);
            if (ref.empty()) {  // libtiff cannot read back what it wrote: not a file to hold Canting to
              unreadable << name.str() << " ";
              continue;
            }
            auto img = loadImage(file);
            if (!img) {
              ++refused;
              refusedList << "[" << img.error().detail.substr(0, 200) << "] ";
              refusedList << name.str() << " ";
              continue;
            }
            CHECK(cv::norm(asRgba8(img->pixels), ref, cv::NORM_INF) == 0);
            ++same;
          }
  WARN("TIFF conformance: " << same << " decode as libtiff reads them; refused: " << refusedList.str()
                             << "; libtiff cannot read back: " << unreadable.str());
  CHECK(refused == 0);
  CHECK(same >= 90);
}
