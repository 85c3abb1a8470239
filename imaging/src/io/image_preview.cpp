// Header probes of any size and reduced-resolution previews.
//
// Index of this file:
// [SECTION] mapped files and the header probe
// [SECTION] box reduction
// [SECTION] TIFF strips
// [SECTION] PNG rows
// [SECTION] the preview

#include "canting/imaging/image_preview.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <png.h>
#include <tiffio.h>

#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <memory>
#include <span>
#include <vector>

#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"

namespace canting::imaging {

namespace fs = std::filesystem;

namespace {

// [SECTION] mapped files and the header probe

// A read-only mapping: the probe touches only the pages it reads (the header,
// the IFD, the last bytes for the truncation check), whatever the file's size.
class MappedFile {
 public:
  explicit MappedFile(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      void* p = ::mmap(nullptr, std::size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        m_data = static_cast<const std::uint8_t*>(p);
        m_size = std::size_t(st.st_size);
      }
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (m_data) ::munmap(const_cast<std::uint8_t*>(m_data), m_size);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  bool ok() const { return m_data != nullptr; }
  std::span<const std::uint8_t> bytes() const { return {m_data, m_size}; }

 private:
  const std::uint8_t* m_data = nullptr;
  std::size_t m_size = 0;
};

// [SECTION] box reduction

// Averages factor x factor blocks of 8-bit rows fed top to bottom; the last
// block of a row or column averages what there is.
class BoxReducer {
 public:
  BoxReducer(int width, int height, int channels, int factor)
      : m_w(width), m_ch(channels), m_f(factor), m_out((height + factor - 1) / factor, (width + factor - 1) / factor, CV_8UC(channels)),
        m_sum(std::size_t(m_out.cols) * std::size_t(channels), 0), m_height(height) {}

  // One row of `width` pixels, `channels` bytes each, in the output's channel order.
  void addRow(const std::uint8_t* row) {
    for (int x = 0; x < m_w; ++x)
      for (int c = 0; c < m_ch; ++c) m_sum[std::size_t(x / m_f) * std::size_t(m_ch) + std::size_t(c)] += row[std::size_t(x) * std::size_t(m_ch) + std::size_t(c)];
    ++m_rows;
    ++m_y;
    if (m_rows == m_f || m_y == m_height) flush();
  }
  cv::Mat take() { return std::move(m_out); }

 private:
  void flush() {
    std::uint8_t* dst = m_out.ptr<std::uint8_t>(m_outY++);
    for (int ox = 0; ox < m_out.cols; ++ox) {
      const std::uint64_t n = std::uint64_t(std::min(m_f, m_w - ox * m_f)) * std::uint64_t(m_rows);
      for (int c = 0; c < m_ch; ++c) {
        std::uint64_t& s = m_sum[std::size_t(ox) * std::size_t(m_ch) + std::size_t(c)];
        dst[ox * m_ch + c] = std::uint8_t((s + n / 2) / n);
        s = 0;
      }
    }
    m_rows = 0;
  }

  int m_w, m_ch, m_f;
  cv::Mat m_out;
  std::vector<std::uint64_t> m_sum;
  int m_height, m_rows = 0, m_y = 0, m_outY = 0;
};

bool hasAlpha(const ImageHeader& h) {
  return h.model == ColorModel::Rgba || h.model == ColorModel::GreyAlpha || h.model == ColorModel::PaletteAlpha;
}

Error corrupt(const fs::path& path, const char* format, std::string detail) {
  return makeError(ErrorCode::CorruptImage, {{"format", format}, {"path", path.string()}}, std::move(detail));
}

// A strip holding more than this many pixels is not one of ours, and not worth the memory.
constexpr std::uint64_t kMaxStripPixels = 64ull << 20;

// [SECTION] TIFF strips

int quietTiffR(TIFF*, void*, const char*, const char*, va_list) { return 1; }

Result<cv::Mat> reduceTiff(const fs::path& path, const ImageHeader& h, int factor) {
  std::unique_ptr<TIFFOpenOptions, void (*)(TIFFOpenOptions*)> opts(TIFFOpenOptionsAlloc(), TIFFOpenOptionsFree);
  TIFFOpenOptionsSetErrorHandlerExtR(opts.get(), quietTiffR, nullptr);
  TIFFOpenOptionsSetWarningHandlerExtR(opts.get(), quietTiffR, nullptr);
  std::unique_ptr<TIFF, void (*)(TIFF*)> t(TIFFOpenExt(path.c_str(), "r", opts.get()), TIFFClose);
  if (!t) return corrupt(path, "TIFF", "libtiff cannot open it");
  if (TIFFIsTiled(t.get())) return makeError(ErrorCode::UnsupportedFormat, {{"format", "TIFF (tiled)"}, {"path", path.string()}});
  std::uint32_t w = 0, hh = 0, rps = 0;
  TIFFGetField(t.get(), TIFFTAG_IMAGEWIDTH, &w);
  TIFFGetField(t.get(), TIFFTAG_IMAGELENGTH, &hh);
  TIFFGetFieldDefaulted(t.get(), TIFFTAG_ROWSPERSTRIP, &rps);
  rps = std::min(rps, hh);
  char emsg[1024] = "";
  if (int(w) != h.width || int(hh) != h.height || !TIFFRGBAImageOK(t.get(), emsg))
    return corrupt(path, "TIFF", std::string("libtiff: ") + (emsg[0] ? emsg : "size differs from the header"));
  if (std::uint64_t(w) * rps > kMaxStripPixels) return makeError(ErrorCode::UnsupportedFormat, {{"format", "TIFF (strips too large)"}, {"path", path.string()}});
  const int ch = hasAlpha(h) ? 4 : 3;
  BoxReducer box(int(w), int(hh), ch, factor);
  std::vector<std::uint32_t> raster(std::size_t(w) * rps);
  std::vector<std::uint8_t> row(std::size_t(w) * std::size_t(ch));
  for (std::uint32_t y0 = 0; y0 < hh; y0 += rps) {
    if (!TIFFReadRGBAStrip(t.get(), y0, raster.data())) return corrupt(path, "TIFF", "strip at row " + std::to_string(y0));
    // libtiff gives the strip bottom-up: its first row is the last in the raster.
    const std::uint32_t rows = std::min(rps, hh - y0);
    for (std::uint32_t r = 0; r < rows; ++r) {
      const std::uint32_t* src = raster.data() + std::size_t(rows - 1 - r) * w;
      for (std::uint32_t x = 0; x < w; ++x) {
        std::uint8_t* d = row.data() + std::size_t(x) * std::size_t(ch);
        d[0] = std::uint8_t(TIFFGetB(src[x]));
        d[1] = std::uint8_t(TIFFGetG(src[x]));
        d[2] = std::uint8_t(TIFFGetR(src[x]));
        if (ch == 4) d[3] = std::uint8_t(TIFFGetA(src[x]));
      }
      box.addRow(row.data());
    }
  }
  return box.take();
}

// [SECTION] PNG rows

struct PngErr {
  std::jmp_buf jump;
  char text[256] = "";
};

void pngError(png_structp png, png_const_charp msg) {
  auto* e = static_cast<PngErr*>(png_get_error_ptr(png));
  std::snprintf(e->text, sizeof e->text, "%s", msg ? msg : "libpng error");
  std::longjmp(e->jump, 1);
}
void pngWarning(png_structp, png_const_charp) {}

struct PngRead {
  png_structp png = nullptr;
  png_infop info = nullptr;
  std::FILE* file = nullptr;
  ~PngRead() {
    if (png) png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
    if (file) std::fclose(file);
  }
};

// libpng reports errors by longjmp: everything that owns memory lives in the
// caller's frame (`r`, `box`, `row`), so the jump skips no destructor.
bool readPngRows(PngRead& r, PngErr& err, const ImageHeader& h, int factor, int& ch, std::unique_ptr<BoxReducer>& box,
                 std::vector<std::uint8_t>& row, std::string& why) {
  if (setjmp(err.jump)) {
    why = err.text;
    return false;
  }
  png_init_io(r.png, r.file);
  png_read_info(r.png, r.info);
  if (png_get_interlace_type(r.png, r.info) != PNG_INTERLACE_NONE) {
    why = "interlaced";
    return false;
  }
  // Any PNG to 8-bit BGR or BGRA.
  png_set_strip_16(r.png);
  png_set_palette_to_rgb(r.png);
  png_set_expand_gray_1_2_4_to_8(r.png);
  if (png_get_valid(r.png, r.info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(r.png);
  png_set_gray_to_rgb(r.png);
  png_set_bgr(r.png);
  png_read_update_info(r.png, r.info);
  ch = int(png_get_channels(r.png, r.info));
  if (ch != 3 && ch != 4) {
    why = "unexpected channel count";
    return false;
  }
  row.resize(std::size_t(h.width) * std::size_t(ch));
  box = std::make_unique<BoxReducer>(h.width, h.height, ch, factor);
  for (int y = 0; y < h.height; ++y) {
    png_read_row(r.png, row.data(), nullptr);
    box->addRow(row.data());
  }
  return true;
}

Result<cv::Mat> reducePng(const fs::path& path, const ImageHeader& h, int factor) {
  PngRead r;
  PngErr err;
  r.file = std::fopen(path.c_str(), "rb");
  if (!r.file) return corrupt(path, "PNG", "cannot open");
  r.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &err, pngError, pngWarning);
  if (r.png) r.info = png_create_info_struct(r.png);
  if (!r.png || !r.info) return makeError(ErrorCode::OutOfMemory, {{"path", path.string()}});
  png_set_user_limits(r.png, 0x7fffffff, 0x7fffffff);
  int ch = 0;
  std::unique_ptr<BoxReducer> box;
  std::vector<std::uint8_t> row;
  std::string why;
  if (!readPngRows(r, err, h, factor, ch, box, row, why)) {
    if (why == "interlaced") return makeError(ErrorCode::UnsupportedFormat, {{"format", "PNG (interlaced)"}, {"path", path.string()}});
    return corrupt(path, "PNG", why);
  }
  return box->take();
}

}  // namespace

// [SECTION] the preview

Result<ImageHeader> probeImageFile(const fs::path& path) {
  const MappedFile file(path);
  // Not mappable (missing, a folder, empty, unreadable): readFile names the reason the same way the loader does.
  if (!file.ok()) {
    auto bytes = readFile(path);
    if (!bytes) return bytes.error();
    return probeImage(*bytes);
  }
  auto header = probeImage(file.bytes());
  if (!header) {
    Error e = header.error();
    e.args.push_back({"path", path.string()});
    return e;
  }
  return header;
}

int reductionFactor(int width, int height, std::uint64_t maxPixels) {
  if (width <= 0 || height <= 0 || maxPixels == 0) return 1;
  const auto fits = [&](int f) {
    return std::uint64_t((width + f - 1) / f) * std::uint64_t((height + f - 1) / f) <= maxPixels;
  };
  int f = std::max(1, int(std::sqrt(double(width) * double(height) / double(maxPixels))));
  while (!fits(f)) ++f;
  return f;
}

Result<ReducedImage> loadImageReduced(const fs::path& path, std::uint64_t maxPixels) {
  auto header = probeImageFile(path);
  if (!header) return header.error();
  const ImageHeader& h = *header;
  if (auto st = checkLimits(h, {.maxPixels = ~std::uint64_t(0)}); !st) return st.error();
  ReducedImage out;
  out.factor = reductionFactor(h.width, h.height, maxPixels);
  Result<cv::Mat> px = h.format == ImageFormat::Tiff ? reduceTiff(path, h, out.factor)
                       : h.format == ImageFormat::Png ? reducePng(path, h, out.factor)
                                                      : Result<cv::Mat>(makeError(ErrorCode::UnsupportedFormat,
                                                                                  {{"format", formatName(h.format)}, {"path", path.string()}},
                                                                                  "no reduced decoder"));
  if (!px) return px.error();
  out.image.pixels = std::move(*px);
  out.image.source = h;
  if (h.dpi) out.image.dpi = Dpi{h.dpi->x / out.factor, h.dpi->y / out.factor};
  return out;
}

}  // namespace canting::imaging
