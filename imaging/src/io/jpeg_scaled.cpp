#include "jpeg_scaled.h"

#include <cstdio>

#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"
#include "jpeg_cmyk.h"
#include "jpeg_reader.h"

namespace canting::imaging {

namespace detail {

bool readJpegRows(std::span<const std::uint8_t> bytes, JpegErrorJump& e, int width, int height, int components, int scale,
                  const JpegRows& rows) {
  jpeg_decompress_struct d{};
  useJpegErrorJump(d, e);
  if (setjmp(e.jump)) {
    jpeg_destroy_decompress(&d);
    return false;
  }
  jpeg_create_decompress(&d);
  jpeg_mem_src(&d, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&d, TRUE);
  if (d.num_components != components || int(d.image_width) != width || int(d.image_height) != height) {
    std::snprintf(e.text, sizeof e.text, "libjpeg reads %d components at %ux%u", d.num_components, d.image_width,
                  d.image_height);
    jpeg_destroy_decompress(&d);
    return false;
  }
  d.out_color_space = rows.space;
  d.scale_num = 1;
  d.scale_denom = unsigned(scale);
  jpeg_start_decompress(&d);
  if (d.output_width != JDIMENSION((width + scale - 1) / scale) || d.output_height != JDIMENSION((height + scale - 1) / scale)) {
    std::snprintf(e.text, sizeof e.text, "libjpeg scales %ux%u to %ux%u", d.image_width, d.image_height, d.output_width,
                  d.output_height);
    jpeg_destroy_decompress(&d);
    return false;
  }
  while (d.output_scanline < d.output_height) {
    const int y = int(d.output_scanline);
    JSAMPROW r = rows.target(rows.ctx, y);
    jpeg_read_scanlines(&d, &r, 1);
    if (rows.done) rows.done(rows.ctx, y, r, int(d.output_width), d.saw_Adobe_marker);
  }
  jpeg_finish_decompress(&d);
  jpeg_destroy_decompress(&d);
  return true;
}

cv::Mat decodeJpegScaled(std::span<const std::uint8_t> bytes, const ImageHeader& h, int scale, std::string& why) {
  if (h.channels == 4) return decodeCmykJpeg(bytes, h, why, scale);
  if (h.channels != 1 && h.channels != 3) {
    why = std::to_string(h.channels) + " components";
    return {};
  }
  // A cv::Mat, so that the caller's DecodeGuard counts it.
  cv::Mat out((h.height + scale - 1) / scale, (h.width + scale - 1) / scale, CV_8UC(h.channels));
  const JpegRows rows{h.channels == 1 ? JCS_GRAYSCALE : JCS_EXT_BGR,
                      [](void* ctx, int y) { return static_cast<cv::Mat*>(ctx)->ptr<std::uint8_t>(y); }, nullptr, &out};
  JpegErrorJump e{};
  if (!readJpegRows(bytes, e, h.width, h.height, h.channels, scale, rows)) {
    why = std::string("libjpeg: ") + e.text;
    return {};
  }
  return out;
}

}  // namespace detail

int jpegScaleFor(int width, int height, int minEdge) {
  const int edge = std::max(width, height);
  if (minEdge <= 0) return 8;
  for (int s : {8, 4, 2})
    if ((edge + s - 1) / s >= minEdge) return s;
  return 1;
}

Result<ScaledImage> decodeImageScaled(std::span<const std::uint8_t> bytes, int minEdge, const LoadOptions& options) {
  auto header = probeImage(bytes);
  if (!header) return header.error();
  const ImageHeader& h = *header;
  if (auto lim = checkLimits(h, options); !lim) return lim.error();
  const int scale = h.format == ImageFormat::Jpeg ? jpegScaleFor(h.width, h.height, minEdge) : 1;
  if (scale == 1) {
    auto whole = decodeImage(bytes, options);
    if (!whole) return whole.error();
    return ScaledImage{std::move(*whole), 1};
  }
  detail::installDecoderHooks();
  ScaledImage out;
  {
    const std::uint64_t px = std::uint64_t((h.width + scale - 1) / scale) * std::uint64_t((h.height + scale - 1) / scale);
    // The reduced pixels (at most 3 bytes each), their turned copy, libjpeg's rows.
    detail::DecodeGuard guard(px * 8 + (1u << 20));
    std::string why;
    try {
      out.image.pixels = detail::decodeJpegScaled(bytes, h, scale, why);
      if (!out.image.pixels.empty()) detail::applyOrientation(out.image.pixels, h.orientation);
    } catch (const cv::Exception& e) {
      why = e.what();
    } catch (const std::bad_alloc&) {
      return makeError(ErrorCode::OutOfMemory, {});
    }
    if (!guard.text().empty()) why += (why.empty() ? "" : " | ") + guard.text();
    if (out.image.pixels.empty())
      return makeError(ErrorCode::CorruptImage, {{"format", formatName(h.format)}}, why.empty() ? "decoder returned nothing" : why);
  }
  out.image.source = h;
  if (h.dpi) out.image.dpi = Dpi{h.dpi->x / scale, h.dpi->y / scale};
  out.scale = scale;
  return out;
}

Result<ScaledImage> loadImageScaled(const std::filesystem::path& path, int minEdge, const LoadOptions& options) {
  auto bytes = readFile(path, options.maxFileBytes);
  if (!bytes) return bytes.error();
  auto img = decodeImageScaled(*bytes, minEdge, options);
  if (!img) {
    Error e = img.error();
    e.args.emplace_back("path", path.string());
    return e;
  }
  return img;
}

}  // namespace canting::imaging
