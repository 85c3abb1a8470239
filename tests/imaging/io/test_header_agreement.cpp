// The header check reads what the decoder will read (issue 20): duplicated
// and conflicting size fields in every format are either read the decoder's
// way or refused, and strips and tiles count against the pixel limit.

#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <tiffio.h>
#include <unistd.h>
#include <zlib.h>

#include <cstring>

#include <opencv2/imgcodecs.hpp>

#include "canting/imaging/image_io.h"
#include "support/image_fixtures.h"
#include "support/sanitizer.h"
#include "support/tiff_builder.h"

using namespace canting::imaging;
using namespace canting::test;

namespace {

constexpr bool kAsan = canting::test::kAddressSanitizer;

Code codeOf(const Bytes& b, LoadOptions o = {}) {
  auto r = decodeImage(b, o);
  REQUIRE_FALSE(r);
  return r.error().code;
}

Bytes pngChunk(const char* type, const Bytes& data) {
  Bytes out;
  const auto n = std::uint32_t(data.size());
  for (int s = 24; s >= 0; s -= 8) out.push_back(std::uint8_t(n >> s));
  Bytes td(type, type + 4);
  td.insert(td.end(), data.begin(), data.end());
  out.insert(out.end(), td.begin(), td.end());
  const auto crc = std::uint32_t(crc32(0, td.data(), uInt(td.size())));
  for (int s = 24; s >= 0; s -= 8) out.push_back(std::uint8_t(crc >> s));
  return out;
}

// A small uncompressed RGB TIFF; `extra` adds or overrides entries after the usual ones.
Bytes smallTiff(int w, int h, std::uint32_t rowsPerStrip) {
  TiffBuilder t;
  const std::uint32_t at = t.addData(Bytes(std::size_t(w * h * 3), 90));
  t.add(256, 3, {std::uint32_t(w)});
  t.add(257, 3, {std::uint32_t(h)});
  t.add(258, 3, {8, 8, 8});
  t.add(259, 3, {1});
  t.add(262, 3, {2});
  t.add(273, 4, {at});
  t.add(277, 3, {3});
  t.add(278, 4, {rowsPerStrip});
  t.add(279, 4, {std::uint32_t(w * h * 3)});
  return t.build();
}

std::uint32_t le32(const Bytes& b, std::size_t at) {
  return std::uint32_t(b[at]) | std::uint32_t(b[at + 1]) << 8 | std::uint32_t(b[at + 2]) << 16 | std::uint32_t(b[at + 3]) << 24;
}
void putLe32(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + std::size_t(i)] = std::uint8_t(v >> (8 * i));
}

// RIFF/WEBP around the chunks given, with the RIFF size right.
Bytes riff(const std::vector<Bytes>& chunks) {
  Bytes out{'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'};
  for (const auto& c : chunks) out.insert(out.end(), c.begin(), c.end());
  putLe32(out, 4, std::uint32_t(out.size() - 8));
  return out;
}
Bytes riffChunk(const char* tag, const Bytes& data) {
  Bytes out(tag, tag + 4);
  out.resize(8);
  putLe32(out, 4, std::uint32_t(data.size()));
  out.insert(out.end(), data.begin(), data.end());
  if (data.size() & 1) out.push_back(0);
  return out;
}

}  // namespace

TEST_CASE("the duplicate-ImageWidth TIFF bomb is read as libtiff reads it and refused as too many pixels", "[imaging][tiff][limits]") {
  const Bytes bomb = makeDuplicateWidthTiffBomb();
  CHECK(bomb.size() < 4u << 20);  // a few MB at most (a few KB: every strip shares one block)
  // libtiff itself takes the first ImageWidth: the 974 MP image OpenCV would allocate.
  {
    TempDir dir;
    writeAll(dir / "bomb.tif", bomb);
    TIFFSetWarningHandler(nullptr);
    TIFF* t = TIFFOpen((dir / "bomb.tif").c_str(), "r");
    REQUIRE(t);
    std::uint32_t w = 0, h = 0;
    TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h);
    TIFFClose(t);
    CHECK(w == 65512);
    CHECK(h == 14872);
  }
  auto header = probeImage(bomb);
  REQUIRE(header);
  CHECK(header->width == 65512);  // the first entry, as libtiff
  CHECK(header->height == 14872);
  auto r = decodeImage(bomb);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::TooManyPixels);
  CHECK(r.error().arg("width") == "65512");
  CHECK(r.error().arg("megapixels") == "974");

  // The same load in a child process whose address space is capped at 400 MB.
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (!kAsan) {  // ASan reserves terabytes of shadow memory: no RLIMIT_AS there
      const rlim_t cap = 400ull << 20;
      rlimit as{cap, cap};
      setrlimit(RLIMIT_AS, &as);
    }
    auto res = decodeImage(bomb);
    _exit(res ? 3 : res.error().code == ErrorCode::TooManyPixels ? 0 : 4);
  }
  int status = 0;
  rusage use{};
  REQUIRE(wait4(pid, &status, 0, &use) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  if (!kAsan) CHECK(use.ru_maxrss < 400 * 1024);  // KiB
  WARN("TIFF bomb: " << bomb.size() << " bytes; child peak RSS " << use.ru_maxrss / 1024 << " MB"
                     << (kAsan ? " (ASan build: no RLIMIT_AS)" : " under RLIMIT_AS = 400 MB"));
}

TEST_CASE("the fuzzer's sub-kilobyte duplicate-width TIFF asking for 2.9 GB is refused as too many pixels", "[imaging][tiff][limits]") {
  const Bytes bomb = makeTinyDuplicateWidthTiffBomb();
  CHECK(bomb.size() <= 916);
  auto r = decodeImage(bomb);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::TooManyPixels);
  CHECK(r.error().arg("megapixels") == "974");
  // With the limit raised past it the strip (2.9 GB claimed, 64 bytes present) is refused before any allocation of that size.
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (!kAsan) {
      const rlim_t cap = 400ull << 20;
      rlimit as{cap, cap};
      setrlimit(RLIMIT_AS, &as);
    }
    auto res = decodeImage(bomb, {.maxPixels = 2'000'000'000ull});
    _exit(res ? 3 : 0);
  }
  int status = 0;
  rusage use{};
  REQUIRE(wait4(pid, &status, 0, &use) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  if (!kAsan) CHECK(use.ru_maxrss < 400 * 1024);
  WARN("tiny TIFF bomb: " << bomb.size() << " bytes; child peak RSS " << use.ru_maxrss / 1024 << " MB");
}

TEST_CASE("TIFF strips and tiles count against the pixel limit", "[imaging][tiff][limits]") {
  // RowsPerStrip is taken as given by OpenCV, which sizes its strip buffer from it.
  CHECK(codeOf(smallTiff(64, 16, 4'000'000)) == ErrorCode::TooManyPixels);
  CHECK(codeOf(smallTiff(64, 16, 100), {.maxPixels = 64 * 50}) == ErrorCode::TooManyPixels);
  // The common values still decode: one strip spelt 2^32-1, and a strip taller than a small image.
  for (std::uint32_t rps : {4294967295u, 16u, 24u}) {
    INFO("RowsPerStrip " << rps);
    auto img = decodeImage(smallTiff(64, 16, rps));
    REQUIRE(img);
    CHECK(img->pixels.cols == 64);
    CHECK(img->pixels.at<cv::Vec3b>(15, 63) == cv::Vec3b(90, 90, 90));
  }
  // A tile of 16384 x 16384 for a 16 x 16 image.
  TiffBuilder t;
  const std::uint32_t at = t.addData(Bytes(64, 0));
  t.add(256, 3, {16});
  t.add(257, 3, {16});
  t.add(258, 3, {8});
  t.add(259, 3, {1});
  t.add(262, 3, {1});
  t.add(277, 3, {1});
  t.add(322, 4, {16384});
  t.add(323, 4, {16384});
  t.add(324, 4, {at});
  t.add(325, 4, {64});
  CHECK(codeOf(t.build()) == ErrorCode::TooManyPixels);
}

TEST_CASE("TIFF directories libtiff would read otherwise are read its way or refused", "[imaging][tiff]") {
  // The first ImageWidth is unreadable (type 99): libtiff stops there; a later good one must not stand in.
  {
    TiffBuilder t;
    const std::uint32_t at = t.addData(Bytes(16 * 4 * 3, 1));
    t.add(256, 99, {16});
    t.add(257, 3, {4});
    t.add(258, 3, {8, 8, 8});
    t.add(262, 3, {2});
    t.add(273, 4, {at});
    t.add(277, 3, {3});
    t.add(279, 4, {16 * 4 * 3});
    t.add(256, 3, {16});
    CHECK(codeOf(t.build()) == ErrorCode::CorruptImage);
  }
  // ImageWidth with two values: libtiff refuses a count other than one.
  {
    Bytes b = smallTiff(8, 8, 8);
    auto ifd = le32(b, 4);
    // The first entry is ImageWidth (SHORT, inline): give it a count of 2.
    putLe32(b, ifd + 2 + 4, 2);
    CHECK(codeOf(b) == ErrorCode::CorruptImage);
  }
  // Both a strip and a tile table: libtiff keeps whichever comes later in one slot.
  {
    TiffBuilder t;
    const std::uint32_t at = t.addData(Bytes(64, 0));
    t.add(256, 3, {8});
    t.add(257, 3, {8});
    t.add(258, 3, {8});
    t.add(262, 3, {1});
    t.add(273, 4, {at});
    t.add(279, 4, {64});
    t.add(324, 4, {at});
    t.add(325, 4, {64});
    CHECK(codeOf(t.build()) == ErrorCode::CorruptImage);
  }
  // A duplicated tag that does not change the size: the first wins and the file decodes.
  {
    TiffBuilder t;
    const std::uint32_t at = t.addData(Bytes(8 * 8, 200));
    t.add(256, 3, {8});
    t.add(257, 3, {8});
    t.add(258, 3, {8});
    t.add(259, 3, {1});
    t.add(262, 3, {1});
    t.add(273, 4, {at});
    t.add(277, 3, {1});
    t.add(278, 3, {8});
    t.add(279, 4, {64});
    t.add(262, 3, {0});  // a second Photometric, out of order: libtiff ignores it
    auto img = decodeImage(t.build());
    REQUIRE(img);
    CHECK(img->pixels.at<std::uint8_t>(3, 3) == 200);  // BlackIsZero, as the first entry says
  }
}

TEST_CASE("a PNG with a second IHDR is refused", "[imaging][png]") {
  Bytes png = makePng(4, 4, 0, 8, Bytes(16, 7));
  REQUIRE(decodeImage(png));
  // A second IHDR after the first, claiming 60000 x 60000.
  Bytes ihdr{0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60, 8, 0, 0, 0, 0};
  const Bytes c = pngChunk("IHDR", ihdr);
  png.insert(png.begin() + 33, c.begin(), c.end());
  CHECK(codeOf(png) == ErrorCode::CorruptImage);
  // A chunk type that is not four letters: libpng stops there (and prints), so the probe refuses it.
  Bytes odd = makePng(4, 4, 0, 8, Bytes(16, 7));
  const Bytes c2 = pngChunk("p1Ys", Bytes(9, 0));
  odd.insert(odd.begin() + 33, c2.begin(), c2.end());
  CHECK(codeOf(odd) == ErrorCode::CorruptImage);
}

TEST_CASE("a JPEG with a second frame header is refused", "[imaging][jpeg]") {
  auto enc = encodeImage(cv::Mat(16, 24, CV_8UC3, cv::Scalar(10, 200, 30)), ImageFormat::Jpeg);
  REQUIRE(enc);
  Bytes jpg = *enc;
  REQUIRE(decodeImage(jpg));
  std::size_t sof = 0;
  for (std::size_t i = 2; i + 1 < jpg.size(); ++i)
    if (jpg[i] == 0xFF && jpg[i + 1] == 0xC0) { sof = i; break; }
  REQUIRE(sof > 0);
  const std::size_t len = std::size_t(jpg[sof + 2]) << 8 | jpg[sof + 3];
  Bytes second(jpg.begin() + std::ptrdiff_t(sof), jpg.begin() + std::ptrdiff_t(sof + 2 + len));
  second[5] = 0x7F;  // height 32767 ...
  second[7] = 0x7F;  // ... and width 32767 in the copy
  jpg.insert(jpg.begin() + std::ptrdiff_t(sof + 2 + len), second.begin(), second.end());
  CHECK(codeOf(jpg) == ErrorCode::CorruptImage);
}

TEST_CASE("BMP header variants are read as OpenCV reads them or refused", "[imaging][bmp]") {
  cv::Mat m(3, 5, CV_8UC3);
  cv::randu(m, 0, 255);
  auto enc = encodeImage(m, ImageFormat::Bmp);
  REQUIRE(enc);
  const Bytes bmp = *enc;
  REQUIRE(le32(bmp, 14) == 40);
  // Top-down rows (negative height): same size, rows in file order.
  {
    Bytes b = bmp;
    putLe32(b, 22, std::uint32_t(-3));
    auto img = decodeImage(b);
    INFO((img ? std::string() : img.error().detail));
    REQUIRE(img);
    CHECK(img->pixels.rows == 3);
    CHECK(img->pixels.at<cv::Vec3b>(0, 0) == m.at<cv::Vec3b>(2, 0));
  }
  // A height of INT_MIN has no positive size.
  {
    Bytes b = bmp;
    putLe32(b, 22, 0x80000000u);
    CHECK(codeOf(b) == ErrorCode::CorruptImage);
  }
  // An info header of 36 bytes: OpenCV would read it, the probe does not know it: refused, not guessed.
  {
    Bytes b = bmp;
    putLe32(b, 14, 36);
    CHECK(codeOf(b) != ErrorCode::TooManyPixels);
  }
  // The OS/2 core header (12 bytes, 16-bit sizes) with 24-bit pixels: OpenCV 4.6 would
  // give them grey, so the file is named unsupported instead of losing its colours.
  {
    const int w = 3, h = 2, stride = 12;
    Bytes core{'B', 'M'};
    core.resize(26 + std::size_t(stride * h), 0);
    putLe32(core, 2, std::uint32_t(core.size()));
    putLe32(core, 10, 26);
    putLe32(core, 14, 12);
    core[18] = w;
    core[20] = h;
    core[22] = 1;
    core[24] = 24;
    CHECK(codeOf(core) == ErrorCode::UnsupportedFormat);
  }
}

TEST_CASE("WebP files whose sizes could be read two ways are refused", "[imaging][webp]") {
  auto enc = encodeImage(cv::Mat(20, 30, CV_8UC3, cv::Scalar(40, 80, 120)), ImageFormat::WebP);
  REQUIRE(enc);
  const Bytes webp = *enc;
  REQUIRE(decodeImage(webp));
  const Bytes frame(webp.begin() + 12, webp.end());  // the VP8 or VP8L chunk
  auto vp8x = [](int w, int h, std::uint8_t flags) {
    Bytes d(10, 0);
    d[0] = flags;
    for (int i = 0; i < 3; ++i) {
      d[4 + std::size_t(i)] = std::uint8_t((w - 1) >> (8 * i));
      d[7 + std::size_t(i)] = std::uint8_t((h - 1) >> (8 * i));
    }
    return riffChunk("VP8X", d);
  };
  // A canvas of 16000 x 16000 around a 30 x 20 frame.
  CHECK(codeOf(riff({vp8x(16000, 16000, 0), frame})) == ErrorCode::CorruptImage);
  // Two image chunks.
  CHECK(codeOf(riff({frame, frame})) == ErrorCode::CorruptImage);
  // No VP8X and the image not first: libwebp would not find it.
  CHECK(codeOf(riff({riffChunk("XTRA", Bytes(6, 1)), frame})) == ErrorCode::CorruptImage);
  // Animation is named, not half-read.
  CHECK(codeOf(riff({vp8x(30, 20, 0x02), frame})) == ErrorCode::UnsupportedFormat);
  // A matching canvas is accepted by the probe with the frame's size.
  auto h = probeImage(riff({vp8x(30, 20, 0), frame}));
  REQUIRE(h);
  CHECK(h->width == 30);
  CHECK(h->height == 20);
}

TEST_CASE("OpenCV's own pixel limit is the second belt, set from the pixel limit at start-up", "[imaging][limits]") {
  const char* env = std::getenv("OPENCV_IO_MAX_IMAGE_PIXELS");
  if (!env) {
    WARN("OPENCV_IO_MAX_IMAGE_PIXELS not set: run through ctest, which sets it as the app and the CLI do");
    return;
  }
  CHECK(std::string(env) == "200000000");
  CHECK(applyDecoderLimits({}));  // already in effect: no restart needed
  // Straight into OpenCV, past the probe: 20000 x 15000 is over 200 MP but under OpenCV's default 1 GP.
  const Bytes bomb = makePng(1, 1, 0, 8, Bytes(1, 0), 20000, 15000);
  const cv::Mat buf(1, int(bomb.size()), CV_8U, const_cast<std::uint8_t*>(bomb.data()));
  std::string what;
  try {
    (void)cv::imdecode(buf, cv::IMREAD_UNCHANGED);
  } catch (const cv::Exception& e) {
    what = e.what();
  }
  CHECK(what.find("CV_IO_MAX_IMAGE_PIXELS") != std::string::npos);
  // A larger limit asked of the loader than OpenCV was started with is reported as the limit, not as damage.
  auto r = decodeImage(bomb, {.maxPixels = 1'000'000'000});
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::TooManyPixels);
  CHECK(r.error().arg("limit") == "200");
}
