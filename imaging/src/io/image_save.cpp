#include <zlib.h>

#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"

namespace canting::imaging {

namespace {

void putU32be(std::uint8_t* p, std::uint32_t v) {
  p[0] = std::uint8_t(v >> 24);
  p[1] = std::uint8_t(v >> 16);
  p[2] = std::uint8_t(v >> 8);
  p[3] = std::uint8_t(v);
}

// OpenCV writes no pHYs, so the chunk goes in right after IHDR (it must
// precede IDAT). 8 signature bytes + 25 IHDR bytes = offset 33.
void insertPhys(std::vector<std::uint8_t>& png, Dpi dpi) {
  std::uint8_t chunk[21];
  putU32be(chunk, 9);
  std::memcpy(chunk + 4, "pHYs", 4);
  putU32be(chunk + 8, std::uint32_t(std::lround(dpi.x / 0.0254)));
  putU32be(chunk + 12, std::uint32_t(std::lround(dpi.y / 0.0254)));
  chunk[16] = 1;  // unit: metre
  putU32be(chunk + 17, std::uint32_t(crc32(crc32(0, nullptr, 0), chunk + 4, 13)));
  png.insert(png.begin() + 33, chunk, chunk + 21);
}

// libjpeg always writes a JFIF APP0 first; its density fields sit at fixed
// offsets, so setting DPI is a patch rather than a re-encode.
bool patchJfifDensity(std::vector<std::uint8_t>& jpg, Dpi dpi) {
  if (jpg.size() < 18 || jpg[2] != 0xFF || jpg[3] != 0xE0 || std::memcmp(jpg.data() + 6, "JFIF\0", 5) != 0)
    return false;
  const auto x = std::uint16_t(std::lround(dpi.x)), y = std::uint16_t(std::lround(dpi.y));
  jpg[13] = 1;  // dots per inch
  jpg[14] = std::uint8_t(x >> 8);
  jpg[15] = std::uint8_t(x);
  jpg[16] = std::uint8_t(y >> 8);
  jpg[17] = std::uint8_t(y);
  return true;
}

cv::Mat toEightBit(const cv::Mat& m) {
  if (m.depth() == CV_8U) return m;
  cv::Mat out;
  m.convertTo(out, CV_8U, 1.0 / 257.0);
  return out;
}

// Transparent areas laid on white paper, for formats without alpha.
cv::Mat flattenOnWhite(const cv::Mat& bgra8) {
  cv::Mat out(bgra8.size(), CV_8UC3);
  for (int y = 0; y < bgra8.rows; ++y) {
    const auto* s = bgra8.ptr<cv::Vec4b>(y);
    auto* d = out.ptr<cv::Vec3b>(y);
    for (int x = 0; x < bgra8.cols; ++x) {
      const int a = s[x][3];
      for (int c = 0; c < 3; ++c) d[x][c] = std::uint8_t((s[x][c] * a + 255 * (255 - a) + 127) / 255);
    }
  }
  return out;
}

}  // namespace

Result<std::vector<std::uint8_t>> encodeImage(const cv::Mat& pixels, ImageFormat format, const SaveOptions& o) {
  if (pixels.empty())
    return makeError(ErrorCode::InvalidArgument, {{"what", "image"}}, "nothing to save");
  if (pixels.depth() != CV_8U && pixels.depth() != CV_16U)
    return makeError(ErrorCode::InvalidArgument, {{"what", "depth"}}, "only 8- and 16-bit images are saved");
  const int ch = pixels.channels();
  if (ch != 1 && ch != 3 && ch != 4)
    return makeError(ErrorCode::InvalidArgument, {{"what", "channels"}}, "1, 3 or 4 channels");
  if (o.dpi && (!(o.dpi->x >= 1 && o.dpi->x <= 65535) || !(o.dpi->y >= 1 && o.dpi->y <= 65535)))
    return makeError(ErrorCode::InvalidArgument, {{"what", "DPI"}}, "DPI must be 1..65535");
  if (o.jpegQuality < 1 || o.jpegQuality > 100)
    return makeError(ErrorCode::InvalidArgument, {{"what", "quality"}}, "JPEG quality must be 1..100");

  std::vector<std::uint8_t> out;
  std::vector<int> params;
  cv::Mat src = pixels;
  const char* ext = nullptr;
  switch (format) {
    case ImageFormat::Png: ext = ".png"; break;
    case ImageFormat::Jpeg:
      ext = ".jpg";
      src = toEightBit(src);
      if (ch == 4) src = flattenOnWhite(src);
      params = {cv::IMWRITE_JPEG_QUALITY, o.jpegQuality};
      break;
    case ImageFormat::Tiff: {
      ext = ".tiff";
      const int comp = o.tiffCompression == TiffCompression::Lzw ? 5 : o.tiffCompression == TiffCompression::Deflate ? 8 : 1;
      params = {cv::IMWRITE_TIFF_COMPRESSION, comp};
      if (o.dpi)
        params.insert(params.end(), {cv::IMWRITE_TIFF_RESUNIT, 2, cv::IMWRITE_TIFF_XDPI, int(std::lround(o.dpi->x)),
                                     cv::IMWRITE_TIFF_YDPI, int(std::lround(o.dpi->y))});
      break;
    }
    case ImageFormat::Bmp:
      ext = ".bmp";
      src = toEightBit(src);
      break;
    case ImageFormat::WebP:
      ext = ".webp";
      src = toEightBit(src);
      params = {cv::IMWRITE_WEBP_QUALITY, std::min(o.jpegQuality, 100)};
      break;
    case ImageFormat::Unknown:
      return makeError(ErrorCode::UnsupportedOutputFormat, {{"format", "?"}});
  }
  try {
    if (!cv::imencode(ext, src, out, params) || out.empty())
      return makeError(ErrorCode::WriteFailed, {{"path", ext}}, "encoder failed");
  } catch (const cv::Exception& e) {
    return makeError(ErrorCode::WriteFailed, {{"path", ext}}, e.what());
  } catch (const std::bad_alloc&) {
    return makeError(ErrorCode::OutOfMemory, {});
  }
  if (o.dpi) {
    if (format == ImageFormat::Png) insertPhys(out, *o.dpi);
    else if (format == ImageFormat::Jpeg) patchJfifDensity(out, *o.dpi);
  }
  return out;
}

Status saveImage(const cv::Mat& pixels, const std::filesystem::path& path, const SaveOptions& o) {
  const ImageFormat f = o.format ? *o.format : formatFromExtension(path.string());
  if (f == ImageFormat::Unknown)
    return makeError(ErrorCode::UnsupportedOutputFormat,
                     {{"format", path.extension().string()}, {"path", path.string()}});
  auto bytes = encodeImage(pixels, f, o);
  if (!bytes) return bytes.error();
  return writeFileAtomic(path, *bytes);
}

std::uint64_t countDistinctColors(const cv::Mat& m) {
  if (m.empty()) return 0;
  const int ch = m.channels();
  if (m.depth() == CV_8U && ch <= 3) {
    // A bit per possible colour: 2 MiB covers every 8-bit RGB value.
    std::vector<std::uint64_t> bits((1u << 24) / 64, 0);
    std::uint64_t n = 0;
    for (int y = 0; y < m.rows; ++y) {
      const std::uint8_t* p = m.ptr<std::uint8_t>(y);
      for (int x = 0; x < m.cols; ++x, p += ch) {
        const std::uint32_t key = ch == 1 ? p[0] : (std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16);
        std::uint64_t& w = bits[key >> 6];
        const std::uint64_t bit = 1ull << (key & 63);
        if (!(w & bit)) { w |= bit; ++n; }
      }
    }
    return n;
  }
  // Wider keys: sort and count runs.
  std::vector<std::uint64_t> keys;
  keys.reserve(std::size_t(m.total()));
  for (int y = 0; y < m.rows; ++y) {
    if (m.depth() == CV_8U) {
      const std::uint8_t* p = m.ptr<std::uint8_t>(y);
      for (int x = 0; x < m.cols; ++x, p += ch) {
        std::uint64_t k = 0;
        for (int c = 0; c < ch; ++c) k = k << 8 | p[c];
        keys.push_back(k);
      }
    } else {
      const std::uint16_t* p = m.ptr<std::uint16_t>(y);
      for (int x = 0; x < m.cols; ++x, p += ch) {
        std::uint64_t k = 0;
        for (int c = 0; c < ch; ++c) k = k << 16 | p[c];
        keys.push_back(k);
      }
    }
  }
  std::sort(keys.begin(), keys.end());
  return std::uint64_t(std::unique(keys.begin(), keys.end()) - keys.begin());
}

}  // namespace canting::imaging
