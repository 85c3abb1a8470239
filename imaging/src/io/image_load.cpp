#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>

#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"
#include "decoder_guard.h"
#include "jpeg_cmyk.h"
#include "jpeg_scaled.h"
#include "png_colour_key.h"
#include "tiff_rgba.h"

#include <algorithm>

namespace canting::imaging {

namespace {

// The most OpenCV may allocate for a file whose header the probe accepted:
// its pixels at up to 4 channels of the stored sample size, and a margin for
// the small buffers some decoders add. A decoder that reads a larger size than
// the probe did (the disagreement of issue 20) is stopped at its allocation.
std::uint64_t decodeBudget(const ImageHeader& h) {
  const std::uint64_t px = std::uint64_t(h.width) * std::uint64_t(h.height);
  const std::uint64_t sample = std::uint64_t(std::max(1, (h.bitDepth + 7) / 8));
  return px * std::uint64_t(std::max(4, h.channels)) * sample + (1u << 20);
}

std::string withDecoderText(std::string what, const detail::DecodeGuard& g) {
  if (!g.text().empty()) what += " | " + g.text();
  while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
  return what;
}

}  // namespace

namespace detail {

void applyOrientation(cv::Mat& m, int orientation) {
  switch (orientation) {
    case 2: cv::flip(m, m, 1); break;
    case 3: cv::rotate(m, m, cv::ROTATE_180); break;
    case 4: cv::flip(m, m, 0); break;
    case 5: cv::transpose(m, m); break;
    case 6: cv::rotate(m, m, cv::ROTATE_90_CLOCKWISE); break;
    case 7: cv::transpose(m, m); cv::rotate(m, m, cv::ROTATE_180); break;
    case 8: cv::rotate(m, m, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: break;
  }
}

}  // namespace detail

Result<Image> decodeImage(std::span<const std::uint8_t> bytes, const LoadOptions& options) {
  detail::installDecoderHooks();
  auto header = probeImage(bytes);
  if (!header) return header.error();
  if (auto lim = checkLimits(*header, options); !lim) return lim.error();
  const ImageHeader& h = *header;
  // OpenCV's own limit was fixed at start-up; a file between it and a larger
  // limit set since gets the same message rather than "damaged".
  if (const std::uint64_t cvLimit = detail::openCvPixelLimit(); cvLimit != 0 && cvLimit < options.maxPixels) {
    LoadOptions belt = options;
    belt.maxPixels = cvLimit;
    if (auto lim = checkLimits(h, belt); !lim) return lim.error();
  }
  // OpenCV picks its decoder by signature, and its DICOM reader (GDCM) looks
  // for "DICM" at byte 128, ahead of the TIFF reader and of a WebP file its
  // own check turns down. A file that is both would be read by GDCM, which
  // trusts a length field and allocates gigabytes (found by fuzzing). None of
  // the formats we read puts that there on purpose, so such a file is refused.
  if (bytes.size() >= 132 && std::equal(bytes.begin() + 128, bytes.begin() + 132, "DICM"))
    return makeError(ErrorCode::UnsupportedFormat, {{"format", "DICOM"}}, "a DICOM signature at byte 128");
  // The same for GDAL, which Debian's OpenCV asks first about "NITF" at byte 0
  // or "DTED" at byte 140: it cannot read from memory, so imdecode writes the
  // file to /tmp for it, and GDAL prints "ERROR 4: ... not recognized" on
  // stderr when it cannot read it either (found by fuzzing, in a WebP).
  if (bytes.size() >= 144 && std::equal(bytes.begin() + 140, bytes.begin() + 144, "DTED"))
    return makeError(ErrorCode::UnsupportedFormat, {{"format", "DTED"}}, "a DTED signature at byte 140");
  if (bytes.size() >= 4 && std::equal(bytes.begin(), bytes.begin() + 4, "NITF"))
    return makeError(ErrorCode::UnsupportedFormat, {{"format", "NITF"}}, "a NITF signature at byte 0");

  cv::Mat pixels;
  {
    detail::DecodeGuard guard(decodeBudget(h));
    // What OpenCV 4.6 refuses or scrambles in TIFF (see tiff_rgba.h) goes
    // straight to libtiff; what it fails on otherwise gets a second try there.
    const bool tiff = h.format == ImageFormat::Tiff, libtiffFirst = tiff && detail::openCvMisreadsTiff(bytes);
    const bool cmykJpeg = h.format == ImageFormat::Jpeg && h.channels == 4;
    std::string why;
    try {
      const cv::Mat buf(1, int(bytes.size()), CV_8U, const_cast<std::uint8_t*>(bytes.data()));
      if (cmykJpeg) {
        pixels = detail::decodeCmykJpeg(bytes, h, why);
      } else if (!libtiffFirst) {
        // A strip that fails to decompress would come back blank from OpenCV.
        if (tiff && !detail::tiffDataDecodes(bytes, why))
          return makeError(ErrorCode::CorruptImage, {{"format", formatName(h.format)}}, withDecoderText(why, guard));
        pixels = cv::imdecode(buf, cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
      }
    } catch (const cv::Exception& e) {
      if (guard.exceeded())
        return makeError(ErrorCode::CorruptImage, {{"format", formatName(h.format)}},
                         withDecoderText("the decoder asked for " + std::to_string(guard.requested()) +
                                             " bytes, more than the header allows",
                                         guard));
      return makeError(ErrorCode::CorruptImage, {{"format", formatName(h.format)}}, withDecoderText(e.what(), guard));
    } catch (const std::bad_alloc&) {
      return makeError(ErrorCode::OutOfMemory, {});
    }
    if (tiff && pixels.empty()) {
      guard.restart();  // whatever OpenCV allocated before giving up is freed
      try {
        pixels = detail::decodeTiffWithLibtiff(bytes, h, why);
      } catch (const cv::Exception& e) {
        why = e.what();
      }
      if (pixels.empty())
        return makeError(ErrorCode::CorruptImage, {{"format", formatName(h.format)}},
                         withDecoderText("decoder returned nothing; " + why, guard));
    }
    if (pixels.empty())
      return makeError(ErrorCode::CorruptImage, {{"format", formatName(h.format)}},
                       withDecoderText(why.empty() ? "decoder returned nothing" : why, guard));
  }
  if (pixels.cols != h.width || pixels.rows != h.height)
    return makeError(ErrorCode::CorruptImage, {{"format", formatName(h.format)}}, "decoded size differs from header");

  // Normalise to 8U or 16U with 1, 3 or 4 channels.
  try {
    if (pixels.depth() != CV_8U && pixels.depth() != CV_16U) {
      cv::Mat tmp;
      double scale = 1.0;
      if (pixels.depth() == CV_32F || pixels.depth() == CV_64F) scale = 65535.0;
      pixels.convertTo(tmp, CV_16U, scale);
      pixels = tmp;
    }
    if (pixels.channels() == 2) {  // grey+alpha from a decoder that keeps it
      cv::Mat g, a, bgra;
      cv::extractChannel(pixels, g, 0);
      cv::extractChannel(pixels, a, 1);
      cv::merge(std::vector<cv::Mat>{g, g, g, a}, bgra);
      pixels = bgra;
    }
    if (h.format == ImageFormat::Png)
      if (auto key = detail::pngColourKey(bytes)) pixels = detail::applyColourKey(pixels, *key);
    detail::applyOrientation(pixels, h.orientation);
  } catch (const cv::Exception& e) {
    return makeError(ErrorCode::CorruptImage, {{"format", formatName(h.format)}}, e.what());
  } catch (const std::bad_alloc&) {
    return makeError(ErrorCode::OutOfMemory, {});
  }
  Image img;
  img.pixels = pixels;
  img.source = h;
  img.dpi = h.dpi;
  return img;
}

Result<Image> loadImage(const std::filesystem::path& path, const LoadOptions& options) {
  auto bytes = readFile(path, options.maxFileBytes);
  if (!bytes) return bytes.error();
  auto img = decodeImage(*bytes, options);
  if (!img) {
    Error e = img.error();
    e.args.emplace_back("path", path.string());
    return e;
  }
  return img;
}

}  // namespace canting::imaging
