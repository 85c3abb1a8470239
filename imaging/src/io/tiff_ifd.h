#pragma once
// Reads the first IFD of a TIFF structure: a whole TIFF file, or the EXIF
// block inside a JPEG APP1, a PNG eXIf or a WebP EXIF chunk (EXIF is TIFF).

#include <cstdint>
#include <map>
#include <optional>
#include <span>

namespace canting::imaging::detail {

struct IfdEntry {
  std::uint32_t type = 0;
  std::uint32_t count = 0;
  std::uint32_t valueOffset = 0;  // position of the value(s) inside the TIFF bytes
  bool readable = true;           // false: a type we do not know, or values outside the buffer
};

class TiffIfd {
 public:
  // False when the bytes are not a TIFF structure or IFD0 leaves the buffer.
  bool parse(std::span<const std::uint8_t> tiff);

  bool has(std::uint16_t tag) const { return m_entries.count(tag) != 0; }
  std::uint32_t count(std::uint16_t tag) const;
  // The index-th value of a SHORT, LONG, BYTE or RATIONAL tag.
  std::optional<double> value(std::uint16_t tag, std::uint32_t index = 0) const;
  // Bytes of the data that an offsets/byte-counts pair of tags point at,
  // e.g. StripOffsets/StripByteCounts; nullopt when the tags are unreadable.
  std::optional<std::uint64_t> endOfData(std::uint16_t offsetsTag, std::uint16_t countsTag) const;

 private:
  std::span<const std::uint8_t> m_b;
  bool m_le = true;
  std::map<std::uint16_t, IfdEntry> m_entries;
};

namespace tiff_tag {
constexpr std::uint16_t kImageWidth = 256, kImageLength = 257, kBitsPerSample = 258,
                        kCompression = 259, kPhotometric = 262, kStripOffsets = 273,
                        kOrientation = 274, kSamplesPerPixel = 277, kRowsPerStrip = 278,
                        kStripByteCounts = 279, kPlanarConfig = 284, kTileWidth = 322, kTileLength = 323,
                        kXResolution = 282, kYResolution = 283, kResolutionUnit = 296,
                        kTileOffsets = 324, kTileByteCounts = 325, kExtraSamples = 338,
                        kSampleFormat = 339;
}

}  // namespace canting::imaging::detail
