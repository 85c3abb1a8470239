// What surrounds OpenCV's decoders: a memory budget per decoding thread, and
// OpenCV's, libjpeg's, libpng's and libtiff's words kept in the error's detail,
// never on stderr; a strip that fails to decompress refuses the file.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <tiffio.h>

#include <iostream>
#include <thread>

#include <opencv2/imgcodecs.hpp>

#include "canting/imaging/image_io.h"
#include "io/decoder_guard.h"
#include "support/image_fixtures.h"
#include "support/tiff_builder.h"

using namespace canting::imaging;
using namespace canting::test;

namespace {

// stderr of `fn`, at the file descriptor, where libjpeg and libpng print.
template <class Fn>
std::string stderrOf(Fn fn) {
  TempDir dir;
  const auto errPath = dir / "stderr.txt";
  std::fflush(stderr);
  const int saved = dup(2);
  const int fd = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2(fd, 2);
  fn();
  std::fflush(stderr);
  dup2(saved, 2);
  close(fd);
  close(saved);
  const Bytes b = readAll(errPath);
  return std::string(b.begin(), b.end());
}

}  // namespace

TEST_CASE("the decoding budget stops an allocation past it, on the decoding thread only", "[imaging][limits]") {
  detail::DecodeGuard guard(100 * 100 * 3);
  CHECK_NOTHROW(cv::Mat(100, 100, CV_8UC3));
  CHECK_FALSE(guard.exceeded());
  CHECK_THROWS_AS(cv::Mat(100, 100, CV_8UC3), cv::Exception);  // the budget counts what was asked, not what is left
  CHECK(guard.exceeded());
  bool otherThread = false;
  std::thread([&] { otherThread = cv::Mat(1000, 1000, CV_8UC3).total() == 1000000; }).join();
  CHECK(otherThread);
}

TEST_CASE("OpenCV's error text goes to the error's detail, not to stderr", "[imaging][quiet]") {
  // 5 bits per sample: OpenCV's TIFF reader throws and imdecode prints the exception to std::cerr.
  const Bytes tiff = makeFiveBitTiff();
  Result<Image> r = Image{};
  const std::string err = stderrOf([&] {
    r = decodeImage(tiff);
    std::cerr.flush();
  });
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::CorruptImage);
  CHECK(r.error().detail.find("OpenCV(") != std::string::npos);  // kept for CANTING_DEBUG=1
  CHECK(err.empty());
  // Outside a decode std::cerr still reaches stderr.
  std::cerr << "";
  CHECK(std::cerr.good());
}


TEST_CASE("libjpeg's and libpng's warnings for files that still decode stay off stderr", "[imaging][quiet]") {
  SECTION("a JPEG whose scan ends early (libjpeg: premature end of data segment)") {
    cv::Mat rgb(40, 48, CV_8UC3, cv::Scalar(40, 90, 160));
    Bytes jpg = makeJpeg(rgb.cols, rgb.rows, 3, rgb.data, {});
    jpg.erase(jpg.end() - 2 - 40, jpg.end() - 2);  // the scan loses its tail, EOI stays
    Result<Image> r = makeError(ErrorCode::CorruptImage, {});
    const std::string err = stderrOf([&] { r = decodeImage(jpg); });
    CHECK(r);
    CHECK(err.empty());
    // Outside a decode libjpeg prints as it always does: the handler is only swapped, not silenced.
    const std::string direct = stderrOf([&] { (void)cv::imdecode(cv::Mat(1, int(jpg.size()), CV_8U, jpg.data()), cv::IMREAD_COLOR); });
    CHECK(direct.find("Corrupt JPEG data") != std::string::npos);
  }
  SECTION("a PNG with a damaged ancillary chunk (libpng: CRC error)") {
    Bytes png = makePng(4, 4, 0, 8, Bytes(16, 128));
    Bytes text{0, 0, 0, 5, 't', 'E', 'X', 't', 'a', 0, 'b', 'c', 'd', 1, 2, 3, 4};  // wrong CRC
    png.insert(png.end() - 12, text.begin(), text.end());
    Result<Image> r = makeError(ErrorCode::CorruptImage, {});
    const std::string err = stderrOf([&] { r = decodeImage(png); });
    CHECK(r);
    CHECK(err.empty());
  }
}

TEST_CASE("a TIFF whose deflate or LZW strip is damaged is refused, not opened blank", "[imaging][tiff]") {
  for (int compression : {COMPRESSION_ADOBE_DEFLATE, COMPRESSION_LZW}) {
    INFO("compression " << compression);
    TempDir dir;
    const auto file = dir / "damaged.tif";
    {
      TIFF* t = TIFFOpen(file.c_str(), "w");
      REQUIRE(t);
      TIFFSetField(t, TIFFTAG_IMAGEWIDTH, 64);
      TIFFSetField(t, TIFFTAG_IMAGELENGTH, 64);
      TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
      TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 3);
      TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
      TIFFSetField(t, TIFFTAG_COMPRESSION, compression);
      TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 64);
      std::vector<std::uint8_t> line(64 * 3);
      for (std::uint32_t y = 0; y < 64; ++y) {
        for (std::size_t i = 0; i < line.size(); ++i) line[i] = std::uint8_t(i * 7 + y * 3);
        REQUIRE(TIFFWriteScanline(t, line.data(), y, 0) >= 0);
      }
      TIFFClose(t);
    }
    Bytes good = readAll(file);
    auto ok = decodeImage(good);
    REQUIRE(ok);
    CHECK(cv::mean(ok->pixels)[0] > 50);
    Bytes bad = good;
    for (std::size_t i = 40; i < 400 && i + 300 < bad.size(); ++i) bad[i] ^= 0x5a;  // inside the one strip
    Result<Image> r = makeError(ErrorCode::CorruptImage, {});
    const std::string err = stderrOf([&] { r = decodeImage(bad); });
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::CorruptImage);
    CHECK(r.error().detail.find("libtiff") != std::string::npos);
    CHECK(err.empty());
  }
}

TEST_CASE("a file with GDAL's DTED signature is refused before OpenCV hands it to GDAL through /tmp", "[imaging][quiet]") {
  // Found by fuzz_image: a damaged WebP with "DTED" at byte 140. Debian's OpenCV
  // gave it to GDAL, which needs a file: imdecode wrote one to /tmp and GDAL
  // printed "ERROR 4: `/tmp/__opencv_temp.XXXX' not recognized" on stderr.
  const Bytes webp = readAll(std::filesystem::path(CANTING_SOURCE_DIR) / "tests/fuzz/regressions/image/webp-with-dted-signature");
  Result<Image> r = Image{};
  const std::string err = stderrOf([&] { r = decodeImage(webp); });
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::UnsupportedFormat);
  CHECK(err.empty());
}
