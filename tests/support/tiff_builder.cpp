#include "support/tiff_builder.h"

#include <zlib.h>

#include <utility>

namespace canting::test {

namespace {
void put16(Bytes& b, std::uint32_t v) {
  b.push_back(std::uint8_t(v));
  b.push_back(std::uint8_t(v >> 8));
}
void put32(Bytes& b, std::uint32_t v) {
  put16(b, v & 0xffff);
  put16(b, v >> 16);
}
}  // namespace

std::uint32_t TiffBuilder::addData(const Bytes& data) {
  const auto off = std::uint32_t(8 + m_data.size());
  m_data.insert(m_data.end(), data.begin(), data.end());
  if (m_data.size() & 1) m_data.push_back(0);
  return off;
}

Bytes TiffBuilder::build() const {
  Bytes out{'I', 'I', 42, 0};
  // Layout: header, data, out-of-line values, then the IFD.
  Bytes extra;
  const std::uint32_t extraStart = std::uint32_t(8 + m_data.size());
  std::vector<std::uint32_t> where(m_entries.size(), 0);
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    const auto& e = m_entries[i];
    const std::size_t bytes = e.values.size() * (e.type == 3 ? 2 : 4);
    if (bytes <= 4) continue;
    where[i] = extraStart + std::uint32_t(extra.size());
    for (auto v : e.values) e.type == 3 ? put16(extra, v) : put32(extra, v);
  }
  const std::uint32_t ifd = extraStart + std::uint32_t(extra.size());
  put32(out, ifd);
  out.insert(out.end(), m_data.begin(), m_data.end());
  out.insert(out.end(), extra.begin(), extra.end());
  put16(out, std::uint32_t(m_entries.size()));
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    const auto& e = m_entries[i];
    put16(out, e.tag);
    put16(out, e.type);
    put32(out, std::uint32_t(e.values.size()));
    const std::size_t bytes = e.values.size() * (e.type == 3 ? 2 : 4);
    if (bytes > 4) {
      put32(out, where[i]);
    } else {
      Bytes inl;
      for (auto v : e.values) e.type == 3 ? put16(inl, v) : put32(inl, v);
      inl.resize(4, 0);
      out.insert(out.end(), inl.begin(), inl.end());
    }
  }
  put32(out, 0);
  return out;
}

Bytes deflateBytes(const Bytes& raw) {
  uLongf n = compressBound(uLong(raw.size()));
  Bytes out(n);
  compress2(out.data(), &n, raw.data(), uLong(raw.size()), 9);
  out.resize(n);
  return out;
}

namespace {

// An RGB deflate TIFF whose every strip of `rows` rows is the one compressed
// block `strip`; the last, shorter one is `last` when given.
TiffBuilder sameStripTiff(std::uint32_t width, std::uint32_t height, std::uint32_t rows, const Bytes& strip, const Bytes* last = nullptr) {
  const std::uint32_t strips = (height + rows - 1) / rows;
  TiffBuilder t;
  const std::uint32_t at = t.addData(strip);
  std::vector<std::uint32_t> offsets(strips, at), counts(strips, std::uint32_t(strip.size()));
  if (last) {
    offsets.back() = t.addData(*last);
    counts.back() = std::uint32_t(last->size());
  }
  t.add(256, 4, {width});
  t.add(257, 4, {height});
  t.add(258, 3, {8, 8, 8});
  t.add(259, 3, {8});  // deflate
  t.add(262, 3, {2});  // RGB
  t.add(273, 4, offsets);
  t.add(277, 3, {3});
  t.add(278, 4, {rows});
  t.add(279, 4, counts);
  t.add(284, 3, {1});
  return t;
}

}  // namespace

Bytes makeDuplicateWidthTiffBomb() {
  constexpr std::uint32_t kWidth = 65512, kHeight = 14872, kRows = 16;
  TiffBuilder t = sameStripTiff(kWidth, kHeight, kRows, deflateBytes(Bytes(std::size_t(kWidth) * 3 * kRows, 0)));
  t.add(256, 4, {64});  // the second ImageWidth, out of order: what the old header check read
  return t.build();
}

Bytes makeTinyDuplicateWidthTiffBomb() {
  constexpr std::uint32_t kWidth = 65512, kHeight = 14872;
  TiffBuilder t;
  const std::uint32_t at = t.addData(Bytes(64, 0x5a));
  t.add(256, 4, {kWidth});
  t.add(257, 4, {kHeight});
  t.add(258, 3, {8, 8, 8});
  t.add(259, 3, {1});
  t.add(262, 3, {2});
  t.add(273, 4, {at});
  t.add(277, 3, {3});
  t.add(278, 4, {kHeight});
  t.add(279, 4, {64});  // the image itself needs 2,922,902,592 bytes
  t.add(256, 4, {64});
  return t.build();
}

Bytes makeUniformTiff(std::uint32_t width, std::uint32_t height, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  constexpr std::uint32_t kRows = 64;
  Bytes raw(std::size_t(width) * 3 * kRows);
  for (std::size_t i = 0; i < raw.size(); i += 3) {
    raw[i] = r;
    raw[i + 1] = g;
    raw[i + 2] = b;
  }
  // The last strip holds its own rows only: decoders read a longer block short at its end.
  const Bytes last = deflateBytes(Bytes(raw.begin(), raw.begin() + std::ptrdiff_t(std::size_t(width) * 3 * ((height - 1) % kRows + 1))));
  return sameStripTiff(width, height, kRows, deflateBytes(raw), &last).build();
}

Bytes makeFiveBitTiff() {
  TiffBuilder t;
  const std::uint32_t at = t.addData(Bytes(40, 0));
  for (auto [tag, v] : {std::pair<std::uint16_t, std::uint32_t>{256, 8}, {257, 8}, {258, 5}, {259, 1}, {262, 1}}) t.add(tag, 3, {v});
  t.add(273, 4, {at});
  t.add(277, 3, {1});
  t.add(279, 4, {40});
  return t.build();
}

}  // namespace canting::test
