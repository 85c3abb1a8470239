#pragma once
// Per-pixel colour work done once per distinct colour. A photo of 24 MP has
// around a million distinct colours, a motif a few thousand: mapping each
// distinct colour once and looking the rest up is what makes whole-image
// recolouring interactive. The cache is direct-mapped (a collision simply
// recomputes) and private to one thread.

#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

namespace canting::imaging::detail {

template <class Value, class Key = std::uint32_t>
class ColorCache {
 public:
  explicit ColorCache(int bits = 18) : m_mask((1u << bits) - 1), m_slots(std::size_t(1) << bits) {}

  // `fn(key)` computes the value for a key (a 24-bit colour, or a colour
  // with extra bits above it) when not cached.
  template <class Fn>
  const Value& get(Key key, Fn&& fn) {
    // Multiplicative hash: neighbouring colours spread over the table.
    Slot& s = m_slots[std::uint32_t((std::uint64_t(key) * 0x9E3779B97F4A7C15ull) >> 40) & m_mask];
    if (s.key != key) {
      s.value = fn(key);
      s.key = key;
    }
    return s.value;
  }

 private:
  static constexpr Key kEmpty = Key(~Key(0));
  // Key and value side by side: one memory access per lookup.
  struct Slot {
    Key key = kEmpty;
    Value value{};
  };
  std::uint32_t m_mask;
  std::vector<Slot> m_slots;
};

// Key of an 8-bit BGR pixel.
inline std::uint32_t bgrKey(const std::uint8_t* p) { return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16; }

// Runs fn(rowBegin, rowEnd) on as many stripes as there are threads, so that
// each stripe (thread) builds one cache.
template <class Fn>
void forStripes(int rows, Fn&& fn) {
  const int n = std::max(1, std::min(rows, cv::getNumThreads()));
  cv::parallel_for_(cv::Range(0, n), [&](const cv::Range& r) {
    for (int s = r.start; s < r.end; ++s) fn(rows * s / n, rows * (s + 1) / n);
  }, n);
}

// 8-bit BGR(A) view of any supported image (grey, 16-bit), for the colour paths.
cv::Mat toBgr8(const cv::Mat& image, cv::Mat* alpha = nullptr);

}  // namespace canting::imaging::detail
