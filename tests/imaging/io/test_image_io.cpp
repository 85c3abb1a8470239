#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/palette.h"
#include "support/image_fixtures.h"

using namespace canting::imaging;
using namespace canting::test;

namespace {

cv::Mat gradient(int w, int h) {
  cv::Mat m(h, w, CV_8UC3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      m.at<cv::Vec3b>(y, x) = cv::Vec3b(std::uint8_t(x * 255 / std::max(1, w - 1)),
                                        std::uint8_t(y * 255 / std::max(1, h - 1)), 90);
  return m;
}

Bytes encode(const cv::Mat& m, ImageFormat f, SaveOptions o = {}) {
  auto r = encodeImage(m, f, o);
  REQUIRE(r);
  return *r;
}

Code decodeError(const Bytes& b, LoadOptions o = {}) {
  auto r = decodeImage(b, o);
  REQUIRE_FALSE(r);
  return r.error().code;
}

}  // namespace

TEST_CASE("each format round-trips 8-bit pixels and reports its header", "[imaging][io]") {
  const cv::Mat src = gradient(33, 17);  // odd sizes
  for (ImageFormat f : {ImageFormat::Png, ImageFormat::Tiff, ImageFormat::Bmp, ImageFormat::WebP, ImageFormat::Jpeg}) {
    INFO(formatName(f));
    SaveOptions o;
    o.jpegQuality = 100;
    auto img = decodeImage(encode(src, f, o));
    REQUIRE(img);
    CHECK(img->source.format == f);
    CHECK(img->source.width == 33);
    CHECK(img->source.height == 17);
    CHECK(img->source.bitDepth == 8);
    CHECK(img->pixels.type() == CV_8UC3);
    const bool lossless = f == ImageFormat::Png || f == ImageFormat::Tiff || f == ImageFormat::Bmp;
    if (lossless) CHECK(cv::norm(img->pixels, src, cv::NORM_INF) == 0);
    else CHECK(cv::norm(img->pixels, src, cv::NORM_L1) / double(src.total() * 3) < 4.0);
  }
}

TEST_CASE("16-bit PNG and TIFF keep all 16 bits", "[imaging][io]") {
  cv::Mat src(9, 11, CV_16UC3);
  cv::randu(src, 0, 65536);
  for (ImageFormat f : {ImageFormat::Png, ImageFormat::Tiff}) {
    auto img = decodeImage(encode(src, f));
    REQUIRE(img);
    CHECK(img->source.bitDepth == 16);
    REQUIRE(img->pixels.type() == CV_16UC3);
    CHECK(cv::norm(img->pixels, src, cv::NORM_INF) == 0);
  }
}

TEST_CASE("grey+alpha PNG is reported as 2 channels and decoded as BGRA", "[imaging][io]") {
  Bytes rows;  // 3x2 pixels of (grey, alpha)
  for (int i = 0; i < 6; ++i) {
    rows.push_back(std::uint8_t(i * 40));
    rows.push_back(std::uint8_t(255 - i * 30));
  }
  auto img = decodeImage(makePng(3, 2, 4, 8, rows));
  REQUIRE(img);
  CHECK(img->source.channels == 2);
  CHECK(img->source.model == ColorModel::GreyAlpha);
  REQUIRE(img->pixels.channels() == 4);
  const cv::Vec4b p = img->pixels.at<cv::Vec4b>(1, 2);  // pixel 5
  CHECK(p == cv::Vec4b(200, 200, 200, 105));
}

TEST_CASE("grey, RGBA and palette files decode to grey, BGRA and BGR", "[imaging][io]") {
  Bytes grey = {0, 50, 100, 150, 200, 250};
  auto g = decodeImage(makePng(3, 2, 0, 8, grey));
  REQUIRE(g);
  CHECK(g->pixels.type() == CV_8UC1);
  CHECK(g->pixels.at<std::uint8_t>(1, 1) == 200);
  cv::Mat rgba(4, 4, CV_8UC4, cv::Scalar(10, 20, 30, 128));
  auto a = decodeImage(encode(rgba, ImageFormat::Png));
  REQUIRE(a);
  CHECK(a->source.model == ColorModel::Rgba);
  CHECK(a->pixels.type() == CV_8UC4);
  // JPEG has no alpha: half-transparent pixels are laid on white paper.
  auto j = decodeImage(encode(rgba, ImageFormat::Jpeg, SaveOptions{.jpegQuality = 100}));
  REQUIRE(j);
  const cv::Vec3b jp = j->pixels.at<cv::Vec3b>(2, 2);
  CHECK(std::abs(jp[0] - (10 * 128 + 255 * 127) / 255) <= 3);
}

TEST_CASE("CMYK JPEG decodes to the right RGB colours", "[imaging][io]") {
  // Adobe-inverted storage: 255 means no ink. Left half cyan ink, right half none.
  const int w = 16, h = 8;
  Bytes cmyk;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const bool cyan = x < w / 2;
      cmyk.insert(cmyk.end(), {std::uint8_t(cyan ? 0 : 255), 255, 255, 255});
    }
  auto img = decodeImage(makeCmykJpeg(w, h, cmyk));
  REQUIRE(img);
  CHECK(img->source.model == ColorModel::Cmyk);
  CHECK(img->source.channels == 4);
  REQUIRE(img->pixels.type() == CV_8UC3);
  const cv::Vec3b left = img->pixels.at<cv::Vec3b>(4, 2), right = img->pixels.at<cv::Vec3b>(4, 13);
  CHECK(left[2] < 20);   // no red in cyan
  CHECK(left[1] > 235);
  CHECK(left[0] > 235);
  CHECK(right[0] > 235);
  CHECK(right[1] > 235);
  CHECK(right[2] > 235);
}

TEST_CASE("EXIF orientation 1 to 8 turns phone photos upright", "[imaging][io][exif]") {
  // Stored image 40x20: red block top-left, green block top-right.
  cv::Mat src(20, 40, CV_8UC3, cv::Scalar(255, 255, 255));
  src(cv::Rect(0, 0, 6, 6)).setTo(cv::Scalar(0, 0, 255));
  src(cv::Rect(34, 0, 6, 6)).setTo(cv::Scalar(0, 255, 0));
  const Bytes jpeg = encode(src, ImageFormat::Jpeg, SaveOptions{.jpegQuality = 100});
  enum Corner { TL, TR, BL, BR };
  const Corner red[9] = {TL, TL, TR, BR, BL, TL, TR, BR, BL};
  const Corner green[9] = {TR, TR, TL, BL, BR, BL, BR, TR, TL};
  for (int o = 1; o <= 8; ++o) {
    INFO("orientation " << o);
    auto img = decodeImage(withExifOrientation(jpeg, o));
    REQUIRE(img);
    CHECK(img->source.orientation == o);
    const cv::Mat& p = img->pixels;
    CHECK(p.cols == (o >= 5 ? 20 : 40));
    CHECK(p.rows == (o >= 5 ? 40 : 20));
    auto at = [&](Corner c) {
      const int x = (c == TR || c == BR) ? p.cols - 3 : 2, y = (c == BL || c == BR) ? p.rows - 3 : 2;
      return p.at<cv::Vec3b>(y, x);
    };
    CHECK(at(red[o])[2] > 200);
    CHECK(at(red[o])[1] < 60);
    CHECK(at(green[o])[1] > 200);
    CHECK(at(green[o])[2] < 60);
  }
}

TEST_CASE("DPI is written and read back for PNG, JPEG and TIFF", "[imaging][io][dpi]") {
  const cv::Mat src = gradient(10, 10);
  for (ImageFormat f : {ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Tiff}) {
    INFO(formatName(f));
    SaveOptions o;
    o.dpi = Dpi{300, 150};
    auto img = decodeImage(encode(src, f, o));
    REQUIRE(img);
    REQUIRE(img->source.dpi);
    CHECK(img->source.dpi->x == Approx(300).margin(0.01));
    CHECK(img->source.dpi->y == Approx(150).margin(0.01));
    auto none = decodeImage(encode(src, f));
    REQUIRE(none);
    CHECK_FALSE(none->source.dpi);  // libjpeg's default JFIF says "aspect 1:1", not a DPI
  }
  SaveOptions bad;
  bad.dpi = Dpi{0, 0};
  auto r = encodeImage(src, ImageFormat::Png, bad);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("truncated files of every format are refused as truncated", "[imaging][io][hostile]") {
  const cv::Mat src = gradient(64, 48);
  for (ImageFormat f : {ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Tiff, ImageFormat::Bmp, ImageFormat::WebP}) {
    INFO(formatName(f));
    Bytes b = encode(src, f, SaveOptions{.tiffCompression = TiffCompression::None});
    b.resize(b.size() / 2);
    auto r = decodeImage(b);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Truncated);
  }
}

TEST_CASE("wrong magic, zero bytes and named unsupported formats get their own errors", "[imaging][io][hostile]") {
  CHECK(decodeError(Bytes{}) == ErrorCode::EmptyFile);
  CHECK(decodeError(Bytes{'h', 'e', 'l', 'l', 'o', ' ', 'b', 'a', 't', 'i', 'k', '!'}) == ErrorCode::NotAnImage);
  CHECK(decodeError(Bytes{'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0}) == ErrorCode::UnsupportedFormat);
  Bytes heic = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};
  auto r = decodeImage(heic);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::UnsupportedFormat);
  CHECK(r.error().arg("format") == "HEIC");
  // A PNG signature followed by garbage.
  Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const Code e = decodeError(png);
  CHECK((e == ErrorCode::CorruptImage || e == ErrorCode::Truncated));
}

TEST_CASE("a PNG header claiming 100000x100000 is refused before decoding", "[imaging][io][hostile]") {
  Bytes rows(3 * 2 * 3, 7);
  const Bytes bomb = makePng(3, 2, 2, 8, rows, 100000, 100000);
  auto hdr = probeImage(bomb);
  REQUIRE(hdr);
  CHECK(hdr->width == 100000);
  auto r = decodeImage(bomb);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::TooManyPixels);
  CHECK(r.error().arg("megapixels") == "10000");
  CHECK(r.error().arg("limit") == "200");
  // The limit is configurable.
  const Bytes ok = makePng(3, 2, 2, 8, rows);
  CHECK(decodeError(ok, LoadOptions{.maxPixels = 5}) == ErrorCode::TooManyPixels);
  CHECK(decodeImage(ok, LoadOptions{.maxPixels = 6}));
}

TEST_CASE("a header with zero width is refused as empty", "[imaging][io][hostile]") {
  Bytes rows(3 * 2 * 3, 7);
  Bytes png = makePng(3, 2, 2, 8, rows);
  png[16] = png[17] = png[18] = png[19] = 0;  // IHDR width = 0
  CHECK(decodeError(png) == ErrorCode::ZeroSize);
  cv::Mat one(1, 1, CV_8UC3, cv::Scalar(1, 2, 3));
  Bytes bmp = encode(one, ImageFormat::Bmp);
  bmp[18] = bmp[19] = bmp[20] = bmp[21] = 0;  // biWidth = 0
  CHECK(decodeError(bmp) == ErrorCode::ZeroSize);
}

TEST_CASE("loading from a path reports missing files, directories and empty files", "[imaging][io][hostile]") {
  TempDir dir;
  auto missing = loadImage(dir / "nope.png");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::FileNotFound);
  CHECK(missing.error().arg("path") == (dir / "nope.png").string());
  auto isDir = loadImage(dir.path());
  REQUIRE_FALSE(isDir);
  CHECK(isDir.error().code == ErrorCode::IsDirectory);
  writeAll(dir / "empty.jpg", {});
  auto empty = loadImage(dir / "empty.jpg");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().code == ErrorCode::EmptyFile);
  writeAll(dir / "big.png", Bytes(4096, 0));
  auto big = loadImage(dir / "big.png", LoadOptions{.maxFileBytes = 1024});
  REQUIRE_FALSE(big);
  CHECK(big.error().code == ErrorCode::FileTooLarge);
  // A good file loads from its path the same as from memory.
  const Bytes png = encode(gradient(5, 4), ImageFormat::Png);
  writeAll(dir / "ok.png", png);
  auto fromPath = loadImage(dir / "ok.png");
  auto fromMem = decodeImage(png);
  REQUIRE(fromPath);
  REQUIRE(fromMem);
  CHECK(cv::norm(fromPath->pixels, fromMem->pixels, cv::NORM_INF) == 0);
}

TEST_CASE("saving picks the format by extension and refuses unknown ones", "[imaging][io]") {
  TempDir dir;
  const cv::Mat src = gradient(12, 8);
  for (const char* name : {"a.png", "a.JPG", "a.jpeg", "a.tif", "a.tiff", "a.bmp", "a.webp"}) {
    INFO(name);
    REQUIRE(saveImage(src, dir / name));
    auto img = loadImage(dir / name);
    REQUIRE(img);
    CHECK(img->source.format == formatFromExtension(name));
  }
  auto r = saveImage(src, dir / "a.gif");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::UnsupportedOutputFormat);
  SaveOptions lzw;
  lzw.tiffCompression = TiffCompression::Lzw;
  REQUIRE(saveImage(src, dir / "lzw.tif", lzw));
  CHECK(loadImage(dir / "lzw.tif"));
}

TEST_CASE("a failed write leaves the old file intact and no temporary behind", "[imaging][io][atomic]") {
  TempDir dir;
  const cv::Mat small = gradient(4, 4);
  REQUIRE(saveImage(small, dir / "keep.png"));
  const Bytes before = readAll(dir / "keep.png");

  auto noDir = saveImage(small, dir / "no-such-dir" / "x.png");
  REQUIRE_FALSE(noDir);
  CHECK(noDir.error().code == ErrorCode::DirectoryMissing);
  auto intoDir = saveImage(small, dir.path() / ".");
  REQUIRE_FALSE(intoDir);

  // A full disk, simulated with a file-size limit in a child process so the
  // test needs no mount: the 2 MB write must fail and the old file survive.
  cv::Mat big(1024, 1024, CV_8UC3);
  cv::randu(big, 0, 256);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    rlimit lim{64 * 1024, 64 * 1024};
    setrlimit(RLIMIT_FSIZE, &lim);
    auto st = saveImage(big, dir / "keep.png");
    _exit(!st && st.error().code == ErrorCode::DiskFull ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(readAll(dir / "keep.png") == before);
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++files;
  }
  CHECK(files == 1);  // only keep.png: the temporary was removed
}

TEST_CASE("distinct colours are counted for 8-bit, 16-bit, grey and alpha images", "[imaging][stats]") {
  cv::Mat m(4, 4, CV_8UC3, cv::Scalar(1, 2, 3));
  m.at<cv::Vec3b>(0, 0) = cv::Vec3b(9, 9, 9);
  m.at<cv::Vec3b>(3, 3) = cv::Vec3b(9, 9, 8);
  CHECK(countDistinctColors(m) == 3);
  cv::Mat g(2, 2, CV_8UC1, cv::Scalar(5));
  CHECK(countDistinctColors(g) == 1);
  cv::Mat a(2, 2, CV_8UC4, cv::Scalar(1, 2, 3, 4));
  a.at<cv::Vec4b>(1, 1)[3] = 5;
  CHECK(countDistinctColors(a) == 2);
  cv::Mat w(2, 2, CV_16UC3, cv::Scalar(1000, 2, 3));
  w.at<cv::Vec3w>(0, 1)[0] = 1001;
  CHECK(countDistinctColors(w) == 2);
}

TEST_CASE("inputs the fuzzers found are refused cleanly and stay fixed (tests/fuzz/regressions)", "[imaging][fuzz]") {
  const std::filesystem::path dir = std::filesystem::path(CANTING_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir / "image")) {
    const auto bytes = canting::test::readAll(e.path());
    auto img = canting::imaging::decodeImage(bytes, {.maxPixels = 4'000'000});  // UBSan once fired in the TIFF probe here
    CHECK_FALSE(img);
    ++n;
  }
  for (const auto& e : std::filesystem::directory_iterator(dir / "palette")) {
    const auto bytes = canting::test::readAll(e.path());
    const std::string text(bytes.begin() + 1, bytes.end());  // the fuzzer's first byte picks the format
    auto p = (bytes[0] & 1) ? canting::imaging::parsePaletteGpl(text) : canting::imaging::parsePaletteJson(text);
    if (p) {
      // Writing a palette whose name is not UTF-8 used to throw out of nlohmann::json and end the program.
      const std::string json = canting::imaging::paletteToJson(*p);
      auto again = canting::imaging::parsePaletteJson(json);
      REQUIRE(again);
      CHECK(again->swatches.size() == p->swatches.size());
    }
    ++n;
  }
  CHECK(n >= 3);
}

TEST_CASE("a save sweeps temporaries a crashed save left behind, but not ones that may still be in use", "[imaging][files]") {
  canting::test::TempDir dir;
  const auto target = dir / "cetak.png";
  const auto stale = dir / ".cetak.png.tmp-AbC123", staleStream = dir / ".cetak.png.part-42", fresh = dir / ".cetak.png.tmp-XyZ789";
  const auto other = dir / ".lain.png.tmp-000000";
  for (const auto& p : {stale, staleStream, fresh, other}) canting::test::writeAll(p, canting::test::Bytes(10, 1));
  const auto old = std::filesystem::file_time_type::clock::now() - std::chrono::hours(2);
  for (const auto& p : {stale, staleStream, other}) std::filesystem::last_write_time(p, old);
  REQUIRE(canting::imaging::saveImage(cv::Mat(4, 4, CV_8UC3, cv::Scalar(1, 2, 3)), target));
  CHECK_FALSE(std::filesystem::exists(stale));
  CHECK_FALSE(std::filesystem::exists(staleStream));
  CHECK(std::filesystem::exists(fresh));  // younger than an hour: perhaps another save still running
  CHECK(std::filesystem::exists(other));  // another file's: not ours to touch
  CHECK(std::filesystem::exists(target));
}
