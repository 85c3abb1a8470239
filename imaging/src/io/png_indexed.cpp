// Palette ("indexed") PNG writing through libpng, which OpenCV's encoder does
// not offer: a quantised batik in 8 colours is one byte per pixel instead of
// three, so it compresses faster and smaller, as pngquant's output does.

#include <png.h>

#include <csetjmp>
#include <cmath>
#include <cstring>

#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/palette.h"

#include "png_writer.h"

namespace canting::imaging {

namespace {

struct Sink {
  std::vector<std::uint8_t>* out;
};

void writeBytes(png_structp png, png_bytep data, png_size_t len) {
  auto* sink = static_cast<Sink*>(png_get_io_ptr(png));
  sink->out->insert(sink->out->end(), data, data + len);
}
void flushNothing(png_structp) {}

// Only plain C data lives across setjmp: libpng reports errors by longjmp.
bool encodeIndexed(const cv::Mat& idx, const png_color* colours, int n, const Dpi* dpi, std::vector<std::uint8_t>& out) {
  png_structp png = nullptr;
  png_infop info = nullptr;
  if (!createPngWriter(png, info)) return false;
  Sink sink{&out};
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, &sink, writeBytes, flushNothing);
  const int depth = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
  png_set_IHDR(png, info, png_uint_32(idx.cols), png_uint_32(idx.rows), depth, PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_PLTE(png, info, colours, n);
  if (dpi)
    png_set_pHYs(png, info, png_uint_32(std::lround(dpi->x / 0.0254)), png_uint_32(std::lround(dpi->y / 0.0254)),
                 PNG_RESOLUTION_METER);
  png_set_filter(png, 0, PNG_FILTER_NONE);  // filters do not help palette images
  png_set_compression_level(png, 3);  // palette data compresses well even at a fast level
  png_write_info(png, info);
  if (depth < 8) png_set_packing(png);
  for (int y = 0; y < idx.rows; ++y) png_write_row(png, const_cast<png_bytep>(idx.ptr<std::uint8_t>(y)));
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

Status saveQuantized(const cv::Mat& image, const Palette& palette, const std::filesystem::path& path, const SaveOptions& o) {
  if (palette.swatches.empty() || palette.swatches.size() > 256)
    return makeError(ErrorCode::InvalidArgument, {{"what", "palette"}}, "1..256 colours");
  const ImageFormat f = o.format ? *o.format : formatFromExtension(path.string());
  if (f != ImageFormat::Png || image.channels() == 4) return saveImage(quantize(image, palette), path, o);
  const cv::Mat idx = assignIndices(image, palette);
  png_color colours[256];
  for (std::size_t i = 0; i < palette.swatches.size(); ++i) {
    const Rgb8 c = labToSrgb8(palette.swatches[i].lab);
    colours[i] = png_color{c.r, c.g, c.b};
  }
  if (o.dpi && (!(o.dpi->x >= 1 && o.dpi->x <= 65535) || !(o.dpi->y >= 1 && o.dpi->y <= 65535)))
    return makeError(ErrorCode::InvalidArgument, {{"what", "DPI"}}, "DPI must be 1..65535");
  std::vector<std::uint8_t> bytes;
  bytes.reserve(idx.total() / 4);
  if (!encodeIndexed(idx, colours, int(palette.swatches.size()), o.dpi ? &*o.dpi : nullptr, bytes))
    return makeError(ErrorCode::WriteFailed, {{"path", path.string()}}, "libpng failed");
  return writeFileAtomic(path, bytes);
}

}  // namespace canting::imaging
