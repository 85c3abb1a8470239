#pragma once
// Timing shared by the benchmarks: one warm-up, then the median of `runs`.

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace canting::bench {

// Process CPU time in ms (all threads).
inline double cpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// The median wall time; `cpu`, if given, gets the median process CPU time of the same runs.
inline double medianMs(int runs, const std::function<void()>& fn, double* cpu = nullptr) {
  std::vector<double> t, c;
  fn();
  for (int i = 0; i < runs; ++i) {
    const double c0 = cpuMs();
    const auto a = std::chrono::steady_clock::now();
    fn();
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
    c.push_back(cpuMs() - c0);
  }
  std::sort(t.begin(), t.end());
  std::sort(c.begin(), c.end());
  if (cpu) *cpu = c[c.size() / 2];
  return t[t.size() / 2];
}

// The records benchmarks' scheme: `units` units of one element with two
// criteria each, as a scheme file in `dir`.
inline std::filesystem::path writeBenchScheme(const std::filesystem::path& dir, int units) {
  std::string j = R"({"code":"","title":"Skema uji 30 unit","version":"bench","units":[)";
  for (int u = 0; u < units; ++u) {
    j += (u ? "," : "");
    j += R"({"code":"","title":"Unit )" + std::to_string(u + 1) + R"(","elements":[{"title":"Elemen","criteria":["KUK satu","KUK dua"]}]})";
  }
  j += "]}";
  const auto p = dir / "scheme.json";
  std::ofstream(p) << j;
  return p;
}

}  // namespace canting::bench
