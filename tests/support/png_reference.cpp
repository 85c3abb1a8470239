#include "support/png_reference.h"

#include <png.h>

#include <algorithm>
#include <cstring>

namespace canting::test {

namespace {
struct Reader {
  const Bytes* in;
  std::size_t pos = 0;
};
void readFn(png_structp p, png_bytep out, png_size_t n) {
  auto* r = static_cast<Reader*>(png_get_io_ptr(p));
  if (r->pos + n > r->in->size()) png_error(p, "past end");
  std::memcpy(out, r->in->data() + r->pos, n);
  r->pos += n;
}
void writeFn(png_structp p, png_bytep data, png_size_t n) {
  auto* out = static_cast<Bytes*>(png_get_io_ptr(p));
  out->insert(out->end(), data, data + n);
}
void flushFn(png_structp) {}
}  // namespace

Bytes writePngWithLibpng(const PngSpec& s, const Bytes& rows) {
  Bytes out;
  png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(p);
  if (setjmp(png_jmpbuf(p))) {
    png_destroy_write_struct(&p, &info);
    return {};
  }
  png_set_write_fn(p, &out, writeFn, flushFn);
  png_set_IHDR(p, info, png_uint_32(s.width), png_uint_32(s.height), s.bitDepth, s.colorType,
               s.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_color palette[256];
  png_byte alphas[256];
  if (s.colorType == 3) {
    const int n = 1 << s.bitDepth;
    for (int i = 0; i < n; ++i) palette[i] = png_color{png_byte(i * 37), png_byte(255 - i * 11), png_byte(i * 5 + 3)};
    png_set_PLTE(p, info, palette, n);
    for (int i = 0; i < s.paletteAlphas; ++i) alphas[i] = png_byte(i * 60 % 256);
    if (s.paletteAlphas > 0) png_set_tRNS(p, info, alphas, s.paletteAlphas, nullptr);
  }
  if (s.colourKey) {
    png_color_16 key{};
    key.gray = (*s.colourKey)[0];
    key.red = (*s.colourKey)[0];
    key.green = (*s.colourKey)[1];
    key.blue = (*s.colourKey)[2];
    png_set_tRNS(p, info, nullptr, 0, &key);
  }
  if (s.gamma) png_set_gAMA(p, info, 1.0 / 2.2);
  if (s.sbit) {
    png_color_8 bits{};
    const png_byte b = png_byte(s.colorType == 3 ? 8 : std::max(1, s.bitDepth - 1));
    bits.red = bits.green = bits.blue = bits.gray = bits.alpha = b;
    png_set_sBIT(p, info, &bits);
  }
  if (s.text) {
    png_text t{};
    t.compression = PNG_TEXT_COMPRESSION_NONE;
    t.key = const_cast<char*>("Title");
    t.text = const_cast<char*>("Kawung");
    png_set_text(p, info, &t, 1);
  }
  png_write_info(p, info);
  const std::size_t stride = rows.size() / std::size_t(s.height);
  std::vector<png_bytep> ptrs(std::size_t(s.height));
  for (int y = 0; y < s.height; ++y) ptrs[std::size_t(y)] = const_cast<png_bytep>(rows.data() + stride * std::size_t(y));
  png_write_image(p, ptrs.data());
  png_write_end(p, info);
  png_destroy_write_struct(&p, &info);
  return out;
}

cv::Mat readPngWithLibpng(const Bytes& png) {
  png_structp p = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(p);
  Reader r{&png};
  cv::Mat out;
  if (setjmp(png_jmpbuf(p))) {
    png_destroy_read_struct(&p, &info, nullptr);
    return {};
  }
  png_set_read_fn(p, &r, readFn);
  png_read_info(p, info);
  const int ct = png_get_color_type(p, info), depth = png_get_bit_depth(p, info);
  const bool trns = png_get_valid(p, info, PNG_INFO_tRNS) != 0;
  if (ct == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(p);
  if (ct == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(p);
  if (trns) png_set_tRNS_to_alpha(p);
  const bool alpha = trns || (ct & PNG_COLOR_MASK_ALPHA);
  if (!(ct & PNG_COLOR_MASK_COLOR) && alpha) png_set_gray_to_rgb(p);
  if ((ct & PNG_COLOR_MASK_COLOR) || alpha) png_set_bgr(p);
  if (depth == 16) png_set_swap(p);
  png_set_interlace_handling(p);
  png_read_update_info(p, info);
  const int channels = png_get_channels(p, info);
  const int outDepth = png_get_bit_depth(p, info);
  out.create(int(png_get_image_height(p, info)), int(png_get_image_width(p, info)),
             CV_MAKETYPE(outDepth == 16 ? CV_16U : CV_8U, channels));
  std::vector<png_bytep> ptrs(std::size_t(out.rows));
  for (int y = 0; y < out.rows; ++y) ptrs[std::size_t(y)] = out.ptr(y);
  png_read_image(p, ptrs.data());
  png_read_end(p, nullptr);
  png_destroy_read_struct(&p, &info, nullptr);
  return out;
}

}  // namespace canting::test
