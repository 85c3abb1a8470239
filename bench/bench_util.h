#pragma once
// Timing shared by the benchmarks: one warm-up, then the median of `runs`.

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace canting::bench {

inline double medianMs(int runs, const std::function<void()>& fn) {
  std::vector<double> t;
  fn();
  for (int i = 0; i < runs; ++i) {
    const auto a = std::chrono::steady_clock::now();
    fn();
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace canting::bench
