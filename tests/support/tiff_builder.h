#pragma once
// A little-endian TIFF made entry by entry, in the order given (duplicates and
// out-of-order tags included), for the header-agreement and hostile tests.

#include <cstdint>
#include <vector>

#include "support/image_fixtures.h"

namespace canting::test {

struct TiffEntry {
  std::uint16_t tag;
  std::uint16_t type;  // 3 SHORT, 4 LONG
  std::vector<std::uint32_t> values;
};

class TiffBuilder {
 public:
  // Appends pixel (or compressed) data and returns its offset in the file.
  std::uint32_t addData(const Bytes& data);
  void add(std::uint16_t tag, std::uint16_t type, std::vector<std::uint32_t> values) {
    m_entries.push_back({tag, type, std::move(values)});
  }
  Bytes build() const;

 private:
  Bytes m_data;
  std::vector<TiffEntry> m_entries;
};

// zlib (TIFF "deflate", compression 8) of the bytes.
Bytes deflateBytes(const Bytes& raw);

// The issue-20 bomb: ImageWidth 65512 (first) and 64 (last, out of order),
// height 14872, RGB, deflate; every strip points at the same compressed block,
// so the file stays a few KB while libtiff would decode 974 MP.
Bytes makeDuplicateWidthTiffBomb();
// The fuzzer's form of it, under 1 KB: the same duplicate width and height,
// uncompressed, one strip of 64 bytes for an image of 2.9 GB.
Bytes makeTinyDuplicateWidthTiffBomb();

// A valid RGB deflate TIFF of one colour at any size, a few KB on disk: every
// strip of 64 rows points at the same compressed block (a 366 MP kain in 10 KB).
Bytes makeUniformTiff(std::uint32_t width, std::uint32_t height, std::uint8_t r, std::uint8_t g, std::uint8_t b);

// An 8 x 8 grey TIFF of 5 bits per sample, which OpenCV's reader throws on
// (and whose exception imdecode printed to stderr).
Bytes makeFiveBitTiff();

}  // namespace canting::test
