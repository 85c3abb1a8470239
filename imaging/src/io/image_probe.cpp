// Header parsers, one per format, over bounds-checked reads. They decide
// "is this an image, which, how big, is it whole" before any decoder sees the
// bytes, so hostile sizes are refused before allocation and short files get
// an honest "truncated" instead of a half-grey picture.
//
// Index:
//   [SECTION] shared readers
//   [SECTION] PNG
//   [SECTION] JPEG
//   [SECTION] BMP
//   [SECTION] TIFF
//   [SECTION] WebP
//   [SECTION] dispatch and limits

#include <stb_image.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "byte_reader.h"
#include "canting/imaging/image_io.h"
#include "tiff_ifd.h"

namespace canting::imaging {

using detail::ByteReader;
using detail::TiffIfd;
namespace tag = detail::tiff_tag;

namespace {

// [SECTION] shared readers
Error truncated(ImageFormat f, const std::string& why) {
  return makeError(ErrorCode::Truncated, {{"format", formatName(f)}}, why);
}
Error corrupt(ImageFormat f, const std::string& why) {
  return makeError(ErrorCode::CorruptImage, {{"format", formatName(f)}}, why);
}

// PNG and BMP store pixels per metre as integers: one step is 0.0254 dpi, so
// a value within half a step of a whole DPI was written as that DPI.
Dpi fromPixelsPerMetre(std::uint32_t x, std::uint32_t y) {
  auto snap = [](std::uint32_t ppm) {
    const double dpi = ppm * 0.0254;
    return std::fabs(dpi - std::round(dpi)) <= 0.0127 ? std::round(dpi) : dpi;
  };
  return Dpi{snap(x), snap(y)};
}

std::optional<Dpi> dpiFromIfd(const TiffIfd& ifd) {
  auto x = ifd.value(tag::kXResolution);
  auto y = ifd.value(tag::kYResolution);
  const double unit = ifd.value(tag::kResolutionUnit).value_or(2.0);  // TIFF default: inch
  if (!x || *x <= 0 || unit == 1.0) return std::nullopt;
  if (!y || *y <= 0) y = x;
  const double k = unit == 3.0 ? 2.54 : 1.0;
  return Dpi{*x * k, *y * k};
}

// EXIF orientation and resolution from a TIFF-structured block.
void readExif(std::span<const std::uint8_t> tiff, ImageHeader& h, bool takeDpi) {
  TiffIfd ifd;
  if (!ifd.parse(tiff)) return;
  if (auto o = ifd.value(tag::kOrientation); o && *o >= 1 && *o <= 8) h.orientation = int(*o);
  if (takeDpi && !h.dpi) h.dpi = dpiFromIfd(ifd);
}

// Cross-check with stb_image's header reader where it knows the format.
Status stbAgrees(std::span<const std::uint8_t> b, const ImageHeader& h) {
  int w = 0, hh = 0, comp = 0;
  if (b.size() > size_t(INT32_MAX)) return Ok{};
  if (!stbi_info_from_memory(b.data(), int(b.size()), &w, &hh, &comp)) return Ok{};  // stb may not know the variant
  // stb's BMP info gives a top-down file's height negative, as stored.
  if (w != h.width || std::abs(hh) != h.height)
    return corrupt(h.format, "header parsers disagree on the size");
  return Ok{};
}

// [SECTION] PNG
Result<ImageHeader> probePng(const ByteReader& r) {
  ImageHeader h;
  h.format = ImageFormat::Png;
  std::uint32_t len = 0, w = 0, hh = 0, depth = 0, ctype = 0;
  if (!r.u32(8, len) || !r.startsWith(12, "IHDR", 4) || len != 13) return corrupt(h.format, "no IHDR");
  if (!r.u32(16, w) || !r.u32(20, hh) || !r.u8(24, depth) || !r.u8(25, ctype))
    return truncated(h.format, "IHDR cut short");
  if (w > INT32_MAX || hh > INT32_MAX) return corrupt(h.format, "size out of range");
  // Named before the chunk walk, whose CRC check would call it damaged.
  if (w == 0 || hh == 0) return makeError(ErrorCode::ZeroSize, {{"width", std::to_string(w)}, {"height", std::to_string(hh)}});
  h.width = int(w);
  h.height = int(hh);
  h.bitDepth = int(depth);
  switch (ctype) {
    case 0: h.model = ColorModel::Grey; h.channels = 1; break;
    case 2: h.model = ColorModel::Rgb; h.channels = 3; break;
    case 3: h.model = ColorModel::Palette; h.channels = 1; break;
    case 4: h.model = ColorModel::GreyAlpha; h.channels = 2; break;
    case 6: h.model = ColorModel::Rgba; h.channels = 4; break;
    default: return corrupt(h.format, "bad colour type");
  }
  // Walk every chunk: pHYs and eXIf may sit anywhere before IEND, and a file
  // whose chunks run past its end has been cut short.
  std::size_t pos = 8;
  bool sawIdat = false, sawPlte = false;
  for (;;) {
    std::uint32_t clen = 0;
    if (!r.u32(pos, clen) || !r.has(pos + 4, 4)) return truncated(h.format, "chunk header past end");
    if (clen > 0x7fffffffu) return corrupt(h.format, "chunk length");
    const std::size_t data = pos + 8;
    if (!r.has(data, std::size_t(clen) + 4)) return truncated(h.format, "chunk past end");
    // libpng stops at a chunk type that is not four ASCII letters, with a
    // "libpng error" line on stderr (found by fuzz_image).
    for (std::size_t i = 0; i < 4; ++i) {
      std::uint32_t c = 0;
      r.u8(pos + 4 + i, c);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return corrupt(h.format, "chunk type");
    }
    // A critical chunk that fails its CRC makes libpng print to stderr and
    // give up; found here, the user gets one message (issue 20).
    if (std::uint32_t type0 = 0; r.u8(pos + 4, type0) && type0 >= 'A' && type0 <= 'Z') {
      std::uint32_t stored = 0;
      r.u32(data + clen, stored);
      if (std::uint32_t(crc32(0, r.data() + pos + 4, uInt(clen + 4))) != stored) return corrupt(h.format, "chunk CRC");
    }
    if (r.startsWith(pos + 4, "IEND", 4)) break;
    // libpng reads the first IHDR and stops at a second; refusing it here
    // keeps every reader of the file on the same size.
    if (pos != 8 && r.startsWith(pos + 4, "IHDR", 4)) return corrupt(h.format, "a second IHDR");
    if (r.startsWith(pos + 4, "PLTE", 4)) {
      // 1 to 256 RGB entries; a palette image with a broken one is refused here,
      // before libpng would complain on stderr and give up.
      if (clen == 0 || clen % 3 != 0 || clen > 768) return corrupt(h.format, "PLTE length");
      sawPlte = true;
    }
    if (r.startsWith(pos + 4, "IDAT", 4)) {
      if (ctype == 3 && !sawPlte) return corrupt(h.format, "palette image without PLTE before its data");
      sawIdat = true;
    }
    if (r.startsWith(pos + 4, "tRNS", 4)) {
      if (h.model == ColorModel::Palette) h.model = ColorModel::PaletteAlpha;
    }
    if (r.startsWith(pos + 4, "pHYs", 4) && clen == 9) {
      std::uint32_t px = 0, py = 0, unit = 0;
      r.u32(data, px);
      r.u32(data + 4, py);
      r.u8(data + 8, unit);
      if (unit == 1 && px > 0 && py > 0) h.dpi = fromPixelsPerMetre(px, py);
    }
    if (r.startsWith(pos + 4, "eXIf", 4)) readExif(r.sub(data, clen), h, false);
    pos = data + clen + 4;
  }
  if (!sawIdat) return corrupt(h.format, "no image data");
  if (auto s = stbAgrees({r.data(), r.size()}, h); !s) return s.error();
  return h;
}

// [SECTION] JPEG
bool isSof(std::uint32_t m) {
  return (m >= 0xC0 && m <= 0xC3) || (m >= 0xC5 && m <= 0xC7) || (m >= 0xC9 && m <= 0xCB) ||
         (m >= 0xCD && m <= 0xCF);
}

Result<ImageHeader> probeJpeg(const ByteReader& r) {
  ImageHeader h;
  h.format = ImageFormat::Jpeg;
  std::optional<Dpi> jfifDpi;
  bool sawSof = false;
  std::size_t pos = 2, sos = 0;
  for (;;) {
    std::uint32_t ff = 0, m = 0;
    if (!r.u8(pos, ff) || !r.u8(pos + 1, m)) return truncated(h.format, "markers cut short");
    if (ff != 0xFF) return corrupt(h.format, "marker expected");
    if (m == 0xFF) { ++pos; continue; }  // fill byte
    if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { pos += 2; continue; }
    if (m == 0xD9) return corrupt(h.format, "end of image before any scan");
    std::uint32_t len = 0;
    if (!r.u16(pos + 2, len) || len < 2) return truncated(h.format, "segment length");
    const std::size_t seg = pos + 4, segLen = len - 2;
    if (!r.has(seg, segLen)) return truncated(h.format, "segment past end");
    if (m == 0xE0 && r.startsWith(seg, "JFIF\0", 5) && segLen >= 12) {
      std::uint32_t units = 0, xd = 0, yd = 0;
      r.u8(seg + 7, units);
      r.u16(seg + 8, xd);
      r.u16(seg + 10, yd);
      if (xd > 0 && yd > 0 && (units == 1 || units == 2)) {
        const double k = units == 2 ? 2.54 : 1.0;
        jfifDpi = Dpi{xd * k, yd * k};
      }
    } else if (m == 0xE1 && r.startsWith(seg, "Exif\0\0", 6)) {
      readExif(r.sub(seg + 6, segLen - 6), h, true);
    } else if (isSof(m)) {
      // libjpeg stops at a second frame header; the probe must not read another one.
      if (sawSof) return corrupt(h.format, "two frame headers");
      std::uint32_t prec = 0, hh = 0, w = 0, nc = 0;
      if (!r.u8(seg, prec) || !r.u16(seg + 1, hh) || !r.u16(seg + 3, w) || !r.u8(seg + 5, nc))
        return truncated(h.format, "frame header");
      if (m == 0xC3 || m == 0xC7 || m == 0xCB || m == 0xCF)
        return makeError(ErrorCode::UnsupportedFormat, {{"format", "lossless JPEG"}}, "lossless JPEG");
      sawSof = true;
      h.width = int(w);
      h.height = int(hh);
      h.bitDepth = int(prec);
      h.channels = int(nc);
    } else if (m == 0xDA) {
      sos = pos;
      break;
    }
    pos = seg + segLen;
  }
  if (!sawSof) return corrupt(h.format, "no frame header");
  if (h.bitDepth != 8)
    return makeError(ErrorCode::UnsupportedFormat, {{"format", "JPEG " + std::to_string(h.bitDepth) + "-bit"}},
                     "only 8-bit JPEG");
  switch (h.channels) {
    case 1: h.model = ColorModel::Grey; break;
    case 3: h.model = ColorModel::Rgb; break;
    case 4: h.model = ColorModel::Cmyk; break;  // plain CMYK or Adobe YCCK: both decode through CMYK
    default: return corrupt(h.format, "component count");
  }
  if (!h.dpi || jfifDpi) h.dpi = jfifDpi ? jfifDpi : h.dpi;
  // Inside entropy-coded data every 0xFF is stuffed or a restart marker, so an
  // FF D9 after the first scan can only be the end-of-image marker.
  const std::uint8_t* d = r.data();
  bool eoi = false;
  for (std::size_t i = r.size() - 1; i > sos + 1; --i) {
    if (d[i] == 0xD9 && d[i - 1] == 0xFF) { eoi = true; break; }
  }
  if (!eoi) return truncated(h.format, "no end-of-image marker");
  if (auto s = stbAgrees({r.data(), r.size()}, h); !s) return s.error();
  return h;
}

// [SECTION] BMP
Result<ImageHeader> probeBmp(const ByteReader& in) {
  ByteReader r({in.data(), in.size()}, true);
  ImageHeader h;
  h.format = ImageFormat::Bmp;
  std::uint32_t off = 0, dib = 0;
  if (!r.u32(10, off) || !r.u32(14, dib)) return truncated(h.format, "file header");
  std::int64_t w = 0, hh = 0;
  std::uint32_t bpp = 0, comp = 0;
  if (dib == 12) {
    std::uint32_t w16 = 0, h16 = 0;
    if (!r.u16(18, w16) || !r.u16(20, h16) || !r.u16(24, bpp)) return truncated(h.format, "core header");
    w = w16;
    hh = h16;
    // OpenCV 4.6 marks only palette core headers as colour: their 24 and
    // 32-bit pixels would come out grey, so they are refused, not misread.
    if (bpp > 8) return makeError(ErrorCode::UnsupportedFormat, {{"format", "BMP (OS/2 1.x, " + std::to_string(bpp) + "-bit)"}}, "core header");
  } else if (dib >= 40) {
    std::uint32_t uw = 0, uh = 0, xppm = 0, yppm = 0;
    if (!r.u32(18, uw) || !r.u32(22, uh) || !r.u16(28, bpp) || !r.u32(30, comp) || !r.u32(38, xppm) ||
        !r.u32(42, yppm))
      return truncated(h.format, "info header");
    w = std::int32_t(uw);
    hh = std::int32_t(uh);
    if (hh < 0) hh = -hh;  // top-down rows
    if (xppm > 0 && yppm > 0) h.dpi = fromPixelsPerMetre(xppm, yppm);
  } else {
    return corrupt(h.format, "unknown header size");
  }
  if (w < 0 || hh > INT32_MAX) return corrupt(h.format, "size");
  h.width = int(w);
  h.height = int(hh);
  switch (bpp) {
    case 1: case 4: case 8: h.model = ColorModel::Palette; h.channels = 1; h.bitDepth = int(bpp); break;
    case 16: case 24: h.model = ColorModel::Rgb; h.channels = 3; break;
    case 32: h.model = ColorModel::Rgba; h.channels = 4; break;
    default: return corrupt(h.format, "bits per pixel");
  }
  if (comp == 0 || comp == 3) {  // uncompressed rows: the file must hold them all
    const std::uint64_t stride = ((std::uint64_t(w) * bpp + 31) / 32) * 4;
    if (std::uint64_t(off) + stride * std::uint64_t(hh) > r.size()) return truncated(h.format, "pixel rows");
  }
  if (auto s = stbAgrees({r.data(), r.size()}, h); !s) return s.error();
  return h;
}

// [SECTION] TIFF
// One SHORT or LONG, as libtiff requires of the size tags (other counts it refuses).
std::optional<double> single(const TiffIfd& ifd, std::uint16_t t) {
  if (ifd.count(t) != 1) return std::nullopt;
  return ifd.value(t);
}

// TiffIfd keeps the first of duplicated tags as libtiff does (issue 20: a
// second ImageWidth, out of order, hid a 974 MP image behind a 64-pixel one).
Result<ImageHeader> probeTiff(const ByteReader& r) {
  ImageHeader h;
  h.format = ImageFormat::Tiff;
  TiffIfd ifd;
  if (!ifd.parse({r.data(), r.size()})) return truncated(h.format, "first IFD");
  auto w = single(ifd, tag::kImageWidth), hh = single(ifd, tag::kImageLength);
  if (!w || !hh) return corrupt(h.format, "no size tags");
  if (*w > INT32_MAX || *hh > INT32_MAX) return corrupt(h.format, "size out of range");
  h.width = int(*w);
  h.height = int(*hh);
  // Found by fuzzing: a tag value of 2^32 cast to int is undefined behaviour.
  const auto spp = ifd.value(tag::kSamplesPerPixel).value_or(1), bps = ifd.value(tag::kBitsPerSample).value_or(1);
  if (spp < 1 || spp > 16 || bps < 1 || bps > 64) return corrupt(h.format, "samples per pixel or bits per sample out of range");
  h.channels = int(spp);
  h.bitDepth = int(bps);
  if (ifd.value(tag::kSampleFormat).value_or(1) == 3)
    return makeError(ErrorCode::UnsupportedFormat, {{"format", "TIFF float"}}, "floating-point samples");
  const auto photometricTag = ifd.value(tag::kPhotometric).value_or(2);
  const int photometric = photometricTag > 255 ? -1 : int(photometricTag);  // out-of-range tags fall to the default case
  switch (photometric) {
    case 0: case 1: h.model = h.channels >= 2 ? ColorModel::GreyAlpha : ColorModel::Grey; break;
    case 2: h.model = h.channels >= 4 ? ColorModel::Rgba : ColorModel::Rgb; break;
    case 3: h.model = ColorModel::Palette; break;
    case 5: h.model = ColorModel::Cmyk; break;
    case 6: h.model = ColorModel::YCbCr; break;
    default:
      return makeError(ErrorCode::UnsupportedFormat, {{"format", "TIFF photometric " + std::to_string(photometric)}},
                       "photometric interpretation");
  }
  if (auto o = ifd.value(tag::kOrientation); o && *o >= 1 && *o <= 8) h.orientation = int(*o);
  h.dpi = dpiFromIfd(ifd);
  // OpenCV allocates one strip or tile as the tags give it (RowsPerStrip is
  // not cut to the height), so a tiny image can still ask for a huge buffer.
  if (ifd.has(tag::kTileWidth) || ifd.has(tag::kTileLength)) {
    auto tw = single(ifd, tag::kTileWidth), tl = single(ifd, tag::kTileLength);
    if (!tw || !tl || *tw < 1 || *tl < 1) return corrupt(h.format, "tile size");
    h.blockPixels = std::uint64_t(*tw) * std::uint64_t(*tl);
  } else if (ifd.has(tag::kRowsPerStrip)) {
    auto rps = single(ifd, tag::kRowsPerStrip);
    if (!rps) return corrupt(h.format, "rows per strip");
    // 0 and 2^32-1 both mean "one strip"; OpenCV reads them as the height.
    const std::uint64_t rows = (*rps == 0 || *rps >= 4294967295.0) ? std::uint64_t(*hh) : std::uint64_t(*rps);
    h.blockPixels = std::uint64_t(*w) * rows;
  }
  // libtiff files StripOffsets and TileOffsets (and their byte counts) in one
  // slot, the later entry winning: a file with both is ambiguous.
  if ((ifd.has(tag::kStripOffsets) && ifd.has(tag::kTileOffsets)) ||
      (ifd.has(tag::kStripByteCounts) && ifd.has(tag::kTileByteCounts)))
    return corrupt(h.format, "both strip and tile tables");
  auto end = ifd.endOfData(tag::kStripOffsets, tag::kStripByteCounts);
  if (!end) end = ifd.endOfData(tag::kTileOffsets, tag::kTileByteCounts);
  if (!end) return corrupt(h.format, "no readable strip or tile table");
  if (*end > r.size()) return truncated(h.format, "pixel data past end");
  return h;
}

// [SECTION] WebP
// libwebp reads a simple file's first chunk as the image, and in an extended
// file checks the frame against the VP8X canvas; OpenCV sizes its buffer from
// the one it sees first. Any file where these could differ is refused.
Result<ImageHeader> probeWebp(const ByteReader& in) {
  ByteReader r({in.data(), in.size()}, true);
  ImageHeader h;
  h.format = ImageFormat::WebP;
  h.channels = 3;
  h.model = ColorModel::Rgb;
  std::uint32_t riffSize = 0;
  r.u32(4, riffSize);
  if (std::uint64_t(riffSize) + 8 > r.size()) return truncated(h.format, "RIFF size past end");
  std::size_t pos = 12;
  bool canvas = false, frame = false;
  int cw = 0, ch = 0;
  const std::size_t end = std::size_t(riffSize) + 8;
  while (pos + 8 <= end) {
    std::uint32_t clen = 0;
    r.u32(pos + 4, clen);
    const std::size_t data = pos + 8;
    if (!r.has(data, clen)) return truncated(h.format, "chunk past end");
    const bool isVp8 = r.startsWith(pos, "VP8 ", 4), isVp8l = r.startsWith(pos, "VP8L", 4);
    if (r.startsWith(pos, "VP8X", 4)) {
      if (pos != 12 || clen < 10) return corrupt(h.format, "VP8X not first");
      std::uint32_t flags = 0, w = 0, hh = 0;
      r.u8(data, flags);
      r.u24le(data + 4, w);
      r.u24le(data + 7, hh);
      if (flags & 0x02) return makeError(ErrorCode::UnsupportedFormat, {{"format", "animated WebP"}}, "animation");
      cw = int(w + 1);
      ch = int(hh + 1);
      canvas = true;
      if (flags & 0x10) { h.channels = 4; h.model = ColorModel::Rgba; }
    } else if (isVp8 || isVp8l) {
      if (frame) return corrupt(h.format, "a second image chunk");
      if (!canvas && pos != 12) return corrupt(h.format, "image chunk not first");
      int fw = 0, fh = 0;
      if (isVp8) {
        std::uint32_t w = 0, hh = 0;
        if (clen < 10 || !r.startsWith(data + 3, "\x9d\x01\x2a", 3)) return corrupt(h.format, "VP8 start code");
        r.u16(data + 6, w);
        r.u16(data + 8, hh);
        fw = int(w & 0x3fff);
        fh = int(hh & 0x3fff);
      } else {
        std::uint32_t sig = 0, bits = 0;
        if (clen < 5 || !r.u8(data, sig) || sig != 0x2f) return corrupt(h.format, "VP8L signature");
        r.u32(data + 1, bits);
        fw = int((bits & 0x3fff) + 1);
        fh = int(((bits >> 14) & 0x3fff) + 1);
        if (!canvas && ((bits >> 28) & 1)) { h.channels = 4; h.model = ColorModel::Rgba; }
      }
      if (canvas && (fw != cw || fh != ch)) return corrupt(h.format, "frame size differs from the VP8X canvas");
      h.width = fw;
      h.height = fh;
      frame = true;
    } else if (r.startsWith(pos, "EXIF", 4)) {
      const std::size_t skip = r.startsWith(data, "Exif\0\0", 6) ? 6 : 0;
      readExif(r.sub(data + skip, clen - skip), h, true);
    }
    pos = data + clen + (clen & 1);
  }
  if (!frame) return corrupt(h.format, "no image chunk");
  return h;
}

}  // namespace

// [SECTION] dispatch and limits
Result<ImageHeader> probeImage(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return makeError(ErrorCode::EmptyFile, {}, "zero bytes");
  ByteReader r(bytes);
  Result<ImageHeader> res = makeError(ErrorCode::NotAnImage, {}, "unknown magic");
  if (r.startsWith(0, "\x89PNG\r\n\x1a\n", 8)) res = probePng(r);
  else if (r.startsWith(0, "\xFF\xD8\xFF", 3)) res = probeJpeg(r);
  else if (r.startsWith(0, "II*\0", 4) || r.startsWith(0, "MM\0*", 4)) res = probeTiff(r);
  else if (r.startsWith(0, "BM", 2)) res = probeBmp(r);
  else if (r.startsWith(0, "RIFF", 4) && r.startsWith(8, "WEBP", 4)) res = probeWebp(r);
  // Formats people will try (phone photos, web images) get named, not "not an image".
  else if (r.startsWith(0, "GIF8", 4)) return makeError(ErrorCode::UnsupportedFormat, {{"format", "GIF"}});
  else if (r.startsWith(4, "ftypheic", 8) || r.startsWith(4, "ftypheix", 8) || r.startsWith(4, "ftypmif1", 8))
    return makeError(ErrorCode::UnsupportedFormat, {{"format", "HEIC"}});
  else if (r.startsWith(0, "%PDF", 4)) return makeError(ErrorCode::UnsupportedFormat, {{"format", "PDF"}});
  else if (r.startsWith(0, "8BPS", 4)) return makeError(ErrorCode::UnsupportedFormat, {{"format", "PSD"}});
  else if (bytes.size() < 8) return makeError(ErrorCode::Truncated, {{"format", "?"}}, "too short to be an image");
  if (res && (res->width == 0 || res->height == 0))
    return makeError(ErrorCode::ZeroSize, {{"width", std::to_string(res->width)}, {"height", std::to_string(res->height)}});
  return res;
}

Status checkLimits(const ImageHeader& h, const LoadOptions& o) {
  if (h.width <= 0 || h.height <= 0)
    return makeError(ErrorCode::ZeroSize, {{"width", std::to_string(h.width)}, {"height", std::to_string(h.height)}});
  std::uint64_t px = std::uint64_t(h.width) * std::uint64_t(h.height);
  int shownW = h.width, shownH = h.height;
  if (h.blockPixels > px && h.blockPixels > o.maxPixels) {
    // A strip or tile larger than the image: what would be allocated is named.
    px = h.blockPixels;
    shownH = int(std::min<std::uint64_t>(INT32_MAX, px / std::uint64_t(std::max(1, h.width))));
  }
  if (px > o.maxPixels) {
    // Whole megapixels for photos; one decimal for the small limits people set in tests.
    auto fmt = [](double v) {
      char b[32];
      std::snprintf(b, sizeof b, v >= 10 ? "%.0f" : "%.1f", v);
      return std::string(b);
    };
    const std::string mp = fmt(px / 1e6), lim = fmt(o.maxPixels / 1e6);
    return makeError(ErrorCode::TooManyPixels,
                     {{"width", std::to_string(shownW)}, {"height", std::to_string(shownH)},
                      {"megapixels", mp}, {"limit", lim}});
  }
  return Ok{};
}

}  // namespace canting::imaging
