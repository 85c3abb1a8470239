#include "tiff_rgba.h"

#include <tiffio.h>

#include "tiff_ifd.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <vector>

namespace canting::imaging::detail {

namespace {

struct Source {
  std::span<const std::uint8_t> bytes;
  toff_t pos = 0;
};

tsize_t readProc(thandle_t h, tdata_t buf, tsize_t n) {
  auto* s = static_cast<Source*>(h);
  if (s->pos >= s->bytes.size()) return 0;
  const auto len = std::min<std::uint64_t>(std::uint64_t(n), s->bytes.size() - s->pos);
  std::memcpy(buf, s->bytes.data() + s->pos, len);
  s->pos += len;
  return tsize_t(len);
}
tsize_t writeProc(thandle_t, tdata_t, tsize_t) { return -1; }
toff_t seekProc(thandle_t h, toff_t off, int whence) {
  auto* s = static_cast<Source*>(h);
  const std::uint64_t base = whence == SEEK_CUR ? s->pos : whence == SEEK_END ? s->bytes.size() : 0;
  s->pos = base + off;
  return s->pos;
}
int closeProc(thandle_t) { return 0; }
toff_t sizeProc(thandle_t h) { return static_cast<Source*>(h)->bytes.size(); }
// Mapping the bytes (read-only use) matters: without it libtiff 4.5 misreads
// an inline SHORT TileByteCounts array ("Expected 256, got 1024"), which is
// also why OpenCV's memory reader fails on small uncompressed tiled files.
int mapProc(thandle_t h, tdata_t* base, toff_t* size) {
  auto* s = static_cast<Source*>(h);
  *base = const_cast<std::uint8_t*>(s->bytes.data());
  *size = s->bytes.size();
  return 1;
}
void unmapProc(thandle_t, tdata_t, toff_t) {}

// Per-file handlers (libtiff 4.5): the first error's text is kept, nothing is printed.
int keepTiffError(TIFF*, void* user, const char* module, const char* fmt, va_list ap) {
  auto* why = static_cast<std::string*>(user);
  if (why->empty()) {
    char text[512];
    std::vsnprintf(text, sizeof text, fmt, ap);
    *why = std::string("libtiff: ") + (module ? module : "") + ": " + text;
  }
  return 1;
}
int dropTiffWarning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

}  // namespace

bool tiffDataDecodes(std::span<const std::uint8_t> bytes, std::string& why) {
  Source src{bytes};
  TIFFOpenOptions* opts = TIFFOpenOptionsAlloc();
  TIFFOpenOptionsSetErrorHandlerExtR(opts, keepTiffError, &why);
  TIFFOpenOptionsSetWarningHandlerExtR(opts, dropTiffWarning, nullptr);
  TIFF* t = TIFFClientOpenExt("canting", "r", &src, readProc, writeProc, seekProc, closeProc, sizeProc, mapProc,
                              unmapProc, opts);
  TIFFOpenOptionsFree(opts);
  if (!t) {
    if (why.empty()) why = "libtiff cannot open it";
    return false;
  }
  bool ok = true;
  if (TIFFIsTiled(t)) {
    std::vector<std::uint8_t> tile(std::size_t(std::max<tmsize_t>(TIFFTileSize(t), 1)));
    for (ttile_t i = 0, n = TIFFNumberOfTiles(t); ok && i < n; ++i)
      ok = TIFFReadEncodedTile(t, i, tile.data(), tmsize_t(tile.size())) >= 0;
  } else {
    std::uint32_t h = 0;
    std::uint16_t planar = PLANARCONFIG_CONTIG, spp = 1;
    TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h);
    TIFFGetFieldDefaulted(t, TIFFTAG_PLANARCONFIG, &planar);
    TIFFGetFieldDefaulted(t, TIFFTAG_SAMPLESPERPIXEL, &spp);
    std::vector<std::uint8_t> line(std::size_t(std::max<tmsize_t>(TIFFScanlineSize(t), 1)));
    const std::uint16_t planes = planar == PLANARCONFIG_SEPARATE ? spp : 1;
    for (std::uint16_t p = 0; ok && p < planes; ++p)
      for (std::uint32_t y = 0; ok && y < h; ++y) ok = TIFFReadScanline(t, line.data(), y, p) >= 0;
  }
  TIFFClose(t);
  if (!ok && why.empty()) why = "libtiff could not decompress the pixel data";
  return ok;
}

bool openCvMisreadsTiff(std::span<const std::uint8_t> bytes) {
  TiffIfd ifd;
  if (!ifd.parse(bytes)) return false;
  namespace tag = tiff_tag;
  const double bits = ifd.value(tag::kBitsPerSample).value_or(1), spp = ifd.value(tag::kSamplesPerPixel).value_or(1);
  const bool planar = ifd.value(tag::kPlanarConfig).value_or(1) == 2 && spp > 1;
  const bool tiled = ifd.has(tag::kTileWidth) || ifd.has(tag::kTileLength);
  return bits == 1 || bits == 2 || bits == 4 || (bits == 16 && (planar || (tiled && spp == 1)));
}

cv::Mat decodeTiffWithLibtiff(std::span<const std::uint8_t> bytes, const ImageHeader& header, std::string& why) {
  // Allocated first (under the loader's budget, which may throw): nothing of libtiff's is open yet.
  cv::Mat rgba(header.height, header.width, CV_8UC4);
  Source src{bytes};
  TIFF* t = TIFFClientOpen("canting", "r", &src, readProc, writeProc, seekProc, closeProc, sizeProc, mapProc, unmapProc);
  if (!t) {
    why = "libtiff cannot open it";
    return {};
  }
  std::uint32_t w = 0, h = 0;
  TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &w);
  TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h);
  char emsg[1024] = "";
  if (int(w) != header.width || int(h) != header.height || !TIFFRGBAImageOK(t, emsg)) {
    TIFFClose(t);
    why = std::string("libtiff: ") + (emsg[0] ? emsg : "size differs from the header");
    return {};
  }
  const int ok = TIFFReadRGBAImageOriented(t, w, h, reinterpret_cast<std::uint32_t*>(rgba.data), ORIENTATION_TOPLEFT, 1);
  std::uint16_t extra = 0, *extraTypes = nullptr;
  TIFFGetFieldDefaulted(t, TIFFTAG_EXTRASAMPLES, &extra, &extraTypes);
  TIFFClose(t);
  if (!ok) {
    why = "libtiff could not read the pixels";
    return {};
  }
  // TIFFRGBA packs R, G, B, A in memory order on little-endian machines.
  cv::Mat out;
  if (extra > 0) cv::cvtColor(rgba, out, cv::COLOR_RGBA2BGRA);
  else if (header.model == ColorModel::Grey) cv::extractChannel(rgba, out, 0);
  else cv::cvtColor(rgba, out, cv::COLOR_RGBA2BGR);
  return out;
}

}  // namespace canting::imaging::detail
