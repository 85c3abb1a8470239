#include "canting/imaging/stream_export.h"
#include "canting/imaging/file_io.h"

#include <libdeflate.h>
#include <png.h>
#include <sys/statvfs.h>
#include <tiffio.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <csignal>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <random>

#include "png_writer.h"
#include <vector>

#include <opencv2/imgproc.hpp>

namespace canting::imaging {

namespace fs = std::filesystem;

namespace {

Error writeError(const fs::path& path, int err) {
  if (err == ENOSPC || err == EFBIG || err == EDQUOT) return makeError(ErrorCode::DiskFull, {{"path", path.string()}});
  return makeError(ErrorCode::WriteFailed, {{"path", path.string()}}, std::strerror(err ? err : EIO));
}

fs::path tempPathFor(const fs::path& path) {
  std::random_device rd;
  return path.parent_path() / ("." + path.filename().string() + ".part-" + std::to_string(rd()));
}

// RGB(A) rows for the writers, from our BGR(A) bands.
void toRgb(const cv::Mat& band, cv::Mat& rgb) {
  cv::cvtColor(band, rgb, band.channels() == 4 ? cv::COLOR_BGRA2RGBA : cv::COLOR_BGR2RGB);
}

struct Progress {
  const StreamOptions& o;
  int rows;
  bool cancelled() const { return o.cancel && o.cancel->load(); }
  void report(int done) const {
    if (o.progress) o.progress(double(done) / rows);
  }
};

// --- TIFF ---------------------------------------------------------------------------

// Level 2 of libdeflate: a standard zlib stream (what TIFF's Adobe deflate
// holds), several times faster than zlib's default level 6, with files a few
// per cent larger on photographic tiles; measured in docs/PERFORMANCE.md.
constexpr int kDeflateLevel = 2;

// A compressor and buffers per thread, reused from strip to strip.
struct DeflateScratch {
  libdeflate_compressor* c = libdeflate_alloc_compressor(kDeflateLevel);
  cv::Mat rgb;
  std::vector<std::uint8_t> out;
  DeflateScratch() = default;
  DeflateScratch(const DeflateScratch&) = delete;
  DeflateScratch& operator=(const DeflateScratch&) = delete;
  ~DeflateScratch() { libdeflate_free_compressor(c); }
  std::vector<std::uint8_t> compress(const void* data, std::size_t n) {
    out.resize(libdeflate_zlib_compress_bound(c, n));
    const std::size_t len = libdeflate_zlib_compress(c, data, n, out.data(), out.size());
    return {out.begin(), out.begin() + std::ptrdiff_t(len)};
  }
};

void quietTiff(const char*, const char*, va_list) {}

Status writeTiff(const StreamedImage& img, const fs::path& tmp, const fs::path& path, const StreamOptions& o) {
  TIFFSetErrorHandler(quietTiff);
  TIFFSetWarningHandler(quietTiff);
  const int ch = CV_MAT_CN(img.type);
  const std::uint64_t raw = uncompressedBytes(img);
  // Classic TIFF stops at 4 GB; BigTIFF beyond (readers of today handle both).
  TIFF* tif = TIFFOpen(tmp.c_str(), raw > (3ull << 30) ? "w8" : "w");
  if (!tif) return writeError(path, errno);
  // Strips of 16 rows: a band is 16 strips, enough pieces for both cores to
  // stay busy when one of them is shared with another job.
  const int rowsPerStrip = 16;
  const bool deflate = o.compression == TiffCompression::Deflate;
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, std::uint32_t(img.size.width));
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, std::uint32_t(img.size.height));
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, ch);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, std::uint32_t(rowsPerStrip));
  TIFFSetField(tif, TIFFTAG_COMPRESSION, deflate ? COMPRESSION_ADOBE_DEFLATE
                                                 : o.compression == TiffCompression::Lzw ? COMPRESSION_LZW : COMPRESSION_NONE);
  if (ch == 4) {
    const std::uint16_t extra = EXTRASAMPLE_UNASSALPHA;
    TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, 1, &extra);
  }
  if (o.dpi) {
    TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
    TIFFSetField(tif, TIFFTAG_XRESOLUTION, float(o.dpi->x));
    TIFFSetField(tif, TIFFTAG_YRESOLUTION, float(o.dpi->y));
  }
  const Progress prog{o, img.size.height};
  const std::size_t rowBytes = std::size_t(img.size.width) * std::size_t(ch);
  cv::Mat band, rgb;
  int strip = 0;
  Status st = Ok{};
  // Bands are whole strips, so every strip is written once and in order.
  const int bandRows = std::max(rowsPerStrip, o.bandRows - o.bandRows % rowsPerStrip);
  for (int y0 = 0; y0 < img.size.height && st; y0 += bandRows) {
    if (prog.cancelled()) { st = makeError(ErrorCode::Cancelled, {{"path", path.string()}}); break; }
    const int y1 = std::min(img.size.height, y0 + bandRows);
    img.rows(y0, y1, band);
    const int strips = (y1 - y0 + rowsPerStrip - 1) / rowsPerStrip;
    if (deflate) {
      // Deflate is the slow part: each strip is turned to RGB and compressed
      // (libdeflate, level kDeflateLevel) on whichever core is free, into a
      // buffer of its exact size; then the strips are written in order.
      std::vector<std::vector<std::uint8_t>> packed{std::size_t(strips)};
      cv::parallel_for_(cv::Range(0, strips), [&](const cv::Range& r) {
        thread_local DeflateScratch scratch;
        for (int s = r.start; s < r.end; ++s) {
          const int sy0 = s * rowsPerStrip, sy1 = std::min(y1 - y0, sy0 + rowsPerStrip);
          toRgb(band.rowRange(sy0, sy1), scratch.rgb);
          packed[std::size_t(s)] = scratch.compress(scratch.rgb.data, rowBytes * std::size_t(sy1 - sy0));
        }
      }, strips);
      for (auto& p : packed)
        if (TIFFWriteRawStrip(tif, std::uint32_t(strip++), p.data(), tmsize_t(p.size())) < 0) { st = writeError(path, errno); break; }
    } else {
      toRgb(band, rgb);
      for (int s = 0; s < strips && st; ++s) {
        const int sy0 = s * rowsPerStrip, sy1 = std::min(y1 - y0, sy0 + rowsPerStrip);
        if (TIFFWriteEncodedStrip(tif, std::uint32_t(strip++), rgb.ptr<std::uint8_t>(sy0), tmsize_t(rowBytes) * (sy1 - sy0)) < 0)
          st = writeError(path, errno);
      }
    }
    prog.report(y1);
  }
  if (!TIFFFlush(tif) && st) st = writeError(path, errno);
  TIFFClose(tif);
  return st;
}

// --- PNG ----------------------------------------------------------------------------

bool pngWriteAll(FILE* f, const StreamedImage& img, const StreamOptions& o, const Progress& prog, bool& cancelled) {
  png_structp png = nullptr;
  png_infop info = nullptr;
  if (!createPngWriter(png, info)) return false;
  // Only C data across setjmp: libpng reports errors by longjmp.
  cv::Mat* band = new cv::Mat;
  cv::Mat* rgb = new cv::Mat;
  if (setjmp(png_jmpbuf(png))) {
    delete band;
    delete rgb;
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_init_io(png, f);
  const int ch = CV_MAT_CN(img.type);
  png_set_IHDR(png, info, png_uint_32(img.size.width), png_uint_32(img.size.height), 8,
               ch == 4 ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (o.dpi)
    png_set_pHYs(png, info, png_uint_32(std::lround(o.dpi->x / 0.0254)), png_uint_32(std::lround(o.dpi->y / 0.0254)),
                 PNG_RESOLUTION_METER);
  png_set_compression_level(png, 3);
  png_write_info(png, info);
  for (int y0 = 0; y0 < img.size.height; y0 += o.bandRows) {
    if (prog.cancelled()) {
      cancelled = true;
      break;
    }
    const int y1 = std::min(img.size.height, y0 + o.bandRows);
    img.rows(y0, y1, *band);
    toRgb(*band, *rgb);
    for (int y = 0; y < y1 - y0; ++y) png_write_row(png, rgb->ptr<png_byte>(y));
    prog.report(y1);
  }
  if (!cancelled) png_write_end(png, info);
  delete band;
  delete rgb;
  png_destroy_write_struct(&png, &info);
  return true;
}

Status writePng(const StreamedImage& img, const fs::path& tmp, const fs::path& path, const StreamOptions& o) {
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return writeError(path, errno);
  bool cancelled = false;
  const bool ok = pngWriteAll(f, img, o, Progress{o, img.size.height}, cancelled);
  const int err = errno;
  const bool flushed = std::fflush(f) == 0 && fsync(fileno(f)) == 0;
  const int err2 = errno;
  std::fclose(f);
  if (cancelled) return makeError(ErrorCode::Cancelled, {{"path", path.string()}});
  if (!ok) return writeError(path, err);
  if (!flushed) return writeError(path, err2);
  return Ok{};
}

}  // namespace

std::uint64_t uncompressedBytes(const StreamedImage& img) {
  return std::uint64_t(img.size.width) * std::uint64_t(img.size.height) * std::uint64_t(CV_MAT_CN(img.type));
}

Status writeStreamed(const StreamedImage& img, const fs::path& path, const StreamOptions& o) {
  if (img.size.width <= 0 || img.size.height <= 0 || !img.rows)
    return makeError(ErrorCode::InvalidArgument, {{"what", "size"}}, "nothing to write");
  if (img.type != CV_8UC3 && img.type != CV_8UC4)
    return makeError(ErrorCode::InvalidArgument, {{"what", "type"}}, "8-bit BGR or BGRA");
  const ImageFormat f = o.format ? *o.format : formatFromExtension(path.string());
  if (f != ImageFormat::Png && f != ImageFormat::Tiff)
    return makeError(ErrorCode::UnsupportedOutputFormat, {{"format", path.extension().string()}, {"path", path.string()}});
  if (img.size.width > 0x7FFFFFFF / 4 || img.size.height > 0x7FFFFFFF)
    return makeError(ErrorCode::InvalidArgument, {{"what", "size"}}, "too large for PNG/TIFF");
  std::error_code ec;
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) return makeError(ErrorCode::DirectoryMissing, {{"path", path.string()}});
  // Refuse up front what the disk cannot hold: compression usually saves a
  // lot, but a photo-like cloth can need nearly its raw size.
  struct statvfs sv {};
  if (statvfs(dir.c_str(), &sv) == 0) {
    const std::uint64_t freeBytes = std::uint64_t(sv.f_bavail) * std::uint64_t(sv.f_frsize);
    const std::uint64_t need = uncompressedBytes(img) + uncompressedBytes(img) / 50;
    if (need > freeBytes)
      return makeError(ErrorCode::DiskFull,
                       {{"path", path.string()}, {"need", std::to_string(need >> 20)}, {"free", std::to_string(freeBytes >> 20)}},
                       "not enough free space for the worst case");
  }
  // A file-size limit would otherwise kill us with SIGXFSZ before the write
  // can report EFBIG and the temporary file be removed.
  std::signal(SIGXFSZ, SIG_IGN);
  sweepStaleTemporaries(path);
  const fs::path tmp = tempPathFor(path);
  const Status st = f == ImageFormat::Tiff ? writeTiff(img, tmp, path, o) : writePng(img, tmp, path, o);
  if (!st) {
    fs::remove(tmp, ec);
    return st;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    fs::remove(tmp, ec);
    return writeError(path, err);
  }
  return Ok{};
}

}  // namespace canting::imaging
