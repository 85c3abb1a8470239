#include "tiff_ifd.h"

#include "byte_reader.h"

namespace canting::imaging::detail {

namespace {
std::uint32_t typeSize(std::uint32_t type) {
  switch (type) {
    case 1: case 2: case 6: case 7: return 1;  // BYTE, ASCII, SBYTE, UNDEFINED
    case 3: case 8: return 2;                  // SHORT, SSHORT
    case 4: case 9: case 11: return 4;         // LONG, SLONG, FLOAT
    case 5: case 10: case 12: return 8;        // RATIONAL, SRATIONAL, DOUBLE
    default: return 0;
  }
}
}  // namespace

bool TiffIfd::parse(std::span<const std::uint8_t> tiff) {
  m_b = tiff;
  m_entries.clear();
  ByteReader r(tiff);
  if (r.startsWith(0, "II*\0", 4)) m_le = true;
  else if (r.startsWith(0, "MM\0*", 4)) m_le = false;
  else return false;
  r.setLittleEndian(m_le);
  std::uint32_t ifd = 0, n = 0;
  if (!r.u32(4, ifd) || !r.u16(ifd, n)) return false;
  if (!r.has(ifd + 2, std::size_t(n) * 12)) return false;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::size_t e = ifd + 2 + std::size_t(i) * 12;
    std::uint32_t tag = 0, type = 0, cnt = 0, v = 0;
    r.u16(e, tag);
    r.u16(e + 2, type);
    r.u32(e + 4, cnt);
    const auto key = static_cast<std::uint16_t>(tag);
    // The first entry wins, as in libtiff (which marks later duplicates
    // ignored), even when it is unreadable: a later copy never stands in for it.
    if (m_entries.count(key)) continue;
    IfdEntry entry{type, cnt, 0, false};
    const std::uint32_t ts = typeSize(type);
    const std::uint64_t bytes = std::uint64_t(ts) * cnt;
    std::uint32_t where = static_cast<std::uint32_t>(e + 8);
    bool ok = ts != 0;
    if (ok && bytes > 4) {
      ok = r.u32(e + 8, v);
      where = v;
    }
    // A tag pointing outside is kept as unreadable, not trusted.
    if (ok && r.has(where, bytes)) entry = IfdEntry{type, cnt, where, true};
    m_entries[key] = entry;
  }
  return true;
}

std::uint32_t TiffIfd::count(std::uint16_t tag) const {
  auto it = m_entries.find(tag);
  return it == m_entries.end() ? 0 : it->second.count;
}

std::optional<double> TiffIfd::value(std::uint16_t tag, std::uint32_t index) const {
  auto it = m_entries.find(tag);
  if (it == m_entries.end() || !it->second.readable || index >= it->second.count) return std::nullopt;
  const IfdEntry& e = it->second;
  ByteReader r(m_b, m_le);
  std::uint32_t a = 0, b = 0;
  switch (e.type) {
    case 1: case 7:
      if (!r.u8(e.valueOffset + index, a)) return std::nullopt;
      return double(a);
    case 3:
      if (!r.u16(e.valueOffset + 2 * index, a)) return std::nullopt;
      return double(a);
    case 4:
      if (!r.u32(e.valueOffset + 4 * index, a)) return std::nullopt;
      return double(a);
    case 5:
      if (!r.u32(e.valueOffset + 8 * index, a) || !r.u32(e.valueOffset + 8 * index + 4, b) || b == 0)
        return std::nullopt;
      return double(a) / double(b);
    default:
      return std::nullopt;
  }
}

std::optional<std::uint64_t> TiffIfd::endOfData(std::uint16_t offsetsTag, std::uint16_t countsTag) const {
  const std::uint32_t n = count(offsetsTag);
  if (n == 0 || n != count(countsTag)) return std::nullopt;
  std::uint64_t end = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    auto off = value(offsetsTag, i);
    auto len = value(countsTag, i);
    if (!off || !len) return std::nullopt;
    end = std::max<std::uint64_t>(end, std::uint64_t(*off) + std::uint64_t(*len));
  }
  return end;
}

}  // namespace canting::imaging::detail
