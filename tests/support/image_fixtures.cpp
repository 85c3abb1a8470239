#include "image_fixtures.h"

#include <cstdio>
#include <jpeglib.h>
#include <zlib.h>

#include <fstream>
#include <random>
#include <stdexcept>

namespace canting::test {

namespace {
void putBe32(Bytes& b, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) b.push_back(std::uint8_t(v >> s));
}
void chunk(Bytes& out, const char* type, const Bytes& data) {
  putBe32(out, std::uint32_t(data.size()));
  Bytes td(type, type + 4);
  td.insert(td.end(), data.begin(), data.end());
  out.insert(out.end(), td.begin(), td.end());
  putBe32(out, std::uint32_t(crc32(0, td.data(), uInt(td.size()))));
}
}  // namespace

Bytes makePng(int w, int h, int colorType, int bitDepth, const Bytes& rows, int lieW, int lieH) {
  Bytes out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  Bytes ihdr;
  putBe32(ihdr, std::uint32_t(lieW ? lieW : w));
  putBe32(ihdr, std::uint32_t(lieH ? lieH : h));
  ihdr.insert(ihdr.end(), {std::uint8_t(bitDepth), std::uint8_t(colorType), 0, 0, 0});
  chunk(out, "IHDR", ihdr);
  const int channels = colorType == 0 ? 1 : colorType == 2 ? 3 : colorType == 4 ? 2 : colorType == 6 ? 4 : 1;
  const std::size_t stride = std::size_t(w) * std::size_t(channels) * std::size_t(bitDepth) / 8;
  Bytes raw;
  for (int y = 0; y < h; ++y) {
    raw.push_back(0);  // filter: none
    raw.insert(raw.end(), rows.begin() + std::ptrdiff_t(y * stride), rows.begin() + std::ptrdiff_t((y + 1) * stride));
  }
  uLongf zlen = compressBound(uLong(raw.size()));
  Bytes z(zlen);
  compress(z.data(), &zlen, raw.data(), uLong(raw.size()));
  z.resize(zlen);
  chunk(out, "IDAT", z);
  chunk(out, "IEND", {});
  return out;
}

Bytes makeJpeg(int w, int h, int components, const std::uint8_t* samples, const JpegOptions& o) {
  jpeg_compress_struct c{};
  jpeg_error_mgr err{};
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  unsigned char* mem = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &mem, &size);
  c.image_width = JDIMENSION(w);
  c.image_height = JDIMENSION(h);
  c.input_components = components;
  c.in_color_space = components == 1 ? JCS_GRAYSCALE : components == 3 ? JCS_RGB : JCS_CMYK;
  jpeg_set_defaults(&c);
  jpeg_set_quality(&c, o.quality, TRUE);
  if (components == 4 && o.ycck) jpeg_set_colorspace(&c, JCS_YCCK);
  if (components == 3 || (components == 4 && o.ycck)) {
    c.comp_info[0].h_samp_factor = o.hSamp;
    c.comp_info[0].v_samp_factor = o.vSamp;
  }
  if (o.progressive) jpeg_simple_progression(&c);
  c.restart_in_rows = o.restartRows;
  jpeg_start_compress(&c, TRUE);
  while (c.next_scanline < c.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(samples + std::size_t(c.next_scanline) * std::size_t(w) * std::size_t(components));
    jpeg_write_scanlines(&c, &row, 1);
  }
  jpeg_finish_compress(&c);
  Bytes out(mem, mem + size);
  jpeg_destroy_compress(&c);
  std::free(mem);
  return out;
}

Bytes makeCmykJpeg(int w, int h, const Bytes& cmyk) { return makeJpeg(w, h, 4, cmyk.data(), {.quality = 95}); }

Bytes withExifOrientation(const Bytes& jpeg, int orientation) {
  // Big-endian TIFF: header, IFD0 with one SHORT entry (274 = Orientation).
  Bytes tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
                0, std::uint8_t(orientation), 0, 0, 0, 0, 0, 0};
  Bytes seg = {'E', 'x', 'i', 'f', 0, 0};
  seg.insert(seg.end(), tiff.begin(), tiff.end());
  Bytes out(jpeg.begin(), jpeg.begin() + 2);
  out.push_back(0xFF);
  out.push_back(0xE1);
  const std::size_t len = seg.size() + 2;
  out.push_back(std::uint8_t(len >> 8));
  out.push_back(std::uint8_t(len));
  out.insert(out.end(), seg.begin(), seg.end());
  out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
  return out;
}

Bytes readAll(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

void writeAll(const std::filesystem::path& p, const Bytes& b) {
  std::ofstream f(p, std::ios::binary);
  f.write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
}

TempDir::TempDir() {
  std::random_device rd;
  m_path = std::filesystem::temp_directory_path() / ("canting-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

}  // namespace canting::test
