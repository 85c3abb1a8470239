// What surrounds OpenCV's decoders: a memory budget per decoding thread, and
// OpenCV's own words kept in the error's detail, never on stderr.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <iostream>
#include <thread>

#include "canting/imaging/image_io.h"
#include "io/decoder_guard.h"
#include "support/image_fixtures.h"
#include "support/tiff_builder.h"

using namespace canting::imaging;
using namespace canting::test;

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
  TempDir dir;
  const auto errPath = dir / "stderr.txt";
  std::fflush(stderr);
  const int saved = dup(2);
  const int fd = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2(fd, 2);
  auto r = decodeImage(tiff);
  std::cerr.flush();
  std::fflush(stderr);
  dup2(saved, 2);
  close(fd);
  close(saved);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::CorruptImage);
  CHECK(r.error().detail.find("OpenCV(") != std::string::npos);  // kept for CANTING_DEBUG=1
  CHECK(readAll(errPath).empty());
  // Outside a decode std::cerr still reaches stderr.
  std::cerr << "";
  CHECK(std::cerr.good());
}
