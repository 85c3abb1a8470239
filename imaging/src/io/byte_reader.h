#pragma once
// Bounds-checked reads from untrusted bytes. Every accessor returns false
// (never reads) when the range leaves the buffer: parsers of hostile headers
// are built on this and nothing else.

#include <cstddef>
#include <cstdint>
#include <span>

namespace canting::imaging::detail {

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> bytes, bool littleEndian = false)
      : m_b(bytes), m_le(littleEndian) {}

  std::size_t size() const { return m_b.size(); }
  bool has(std::size_t off, std::size_t len) const { return off <= m_b.size() && len <= m_b.size() - off; }
  void setLittleEndian(bool le) { m_le = le; }
  bool littleEndian() const { return m_le; }

  bool u8(std::size_t off, std::uint32_t& out) const {
    if (!has(off, 1)) return false;
    out = m_b[off];
    return true;
  }
  bool u16(std::size_t off, std::uint32_t& out) const {
    if (!has(off, 2)) return false;
    out = m_le ? (m_b[off] | m_b[off + 1] << 8) : (m_b[off] << 8 | m_b[off + 1]);
    return true;
  }
  bool u24le(std::size_t off, std::uint32_t& out) const {
    if (!has(off, 3)) return false;
    out = m_b[off] | m_b[off + 1] << 8 | std::uint32_t(m_b[off + 2]) << 16;
    return true;
  }
  bool u32(std::size_t off, std::uint32_t& out) const {
    if (!has(off, 4)) return false;
    const std::uint32_t b0 = m_b[off], b1 = m_b[off + 1], b2 = m_b[off + 2], b3 = m_b[off + 3];
    out = m_le ? (b0 | b1 << 8 | b2 << 16 | b3 << 24) : (b0 << 24 | b1 << 16 | b2 << 8 | b3);
    return true;
  }
  bool startsWith(std::size_t off, const char* magic, std::size_t len) const {
    if (!has(off, len)) return false;
    for (std::size_t i = 0; i < len; ++i)
      if (m_b[off + i] != static_cast<std::uint8_t>(magic[i])) return false;
    return true;
  }
  std::span<const std::uint8_t> sub(std::size_t off, std::size_t len) const {
    if (!has(off, len)) return {};
    return m_b.subspan(off, len);
  }
  const std::uint8_t* data() const { return m_b.data(); }

 private:
  std::span<const std::uint8_t> m_b;
  bool m_le;
};

}  // namespace canting::imaging::detail
