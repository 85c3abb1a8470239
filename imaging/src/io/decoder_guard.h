#pragma once
// What surrounds every call into OpenCV's decoders: a memory budget for the
// pixel buffers it allocates, and its words (log lines, the std::cerr lines
// imdecode prints for broken files, its error callback) kept for the error's
// detail instead of reaching the user's terminal.

#include <cstdint>
#include <string>

namespace canting::imaging::detail {

// Installs the process-wide hooks once (idempotent, thread-safe); the app and
// the CLI do it at start-up through applyDecoderLimits, the loader again lazily.
void installDecoderHooks();

// Adds a decoder library's message to the DecodeGuard of this thread; false
// when this thread is not decoding (the caller then prints it as usual).
bool noteDecoderText(const std::string& text);

// OpenCV's own pixel limit as this process's imgcodecs read it (0: its default).
std::uint64_t openCvPixelLimit();

// While alive, Mats OpenCV allocates on this thread may total `budgetBytes`;
// beyond it the allocation throws and exceeded() is true. What OpenCV says on
// this thread meanwhile is collected in text().
class DecodeGuard {
 public:
  explicit DecodeGuard(std::uint64_t budgetBytes);
  ~DecodeGuard();
  DecodeGuard(const DecodeGuard&) = delete;
  DecodeGuard& operator=(const DecodeGuard&) = delete;

  // Starts the count again, for a second decoder after the first gave up
  // (its buffers are freed by then).
  void restart() { m_used = 0; }
  bool exceeded() const { return m_exceeded; }
  std::uint64_t requested() const { return m_used; }
  const std::string& text() const { return m_text; }

 private:
  friend struct GuardAccess;
  std::uint64_t m_budget, m_used = 0;
  bool m_exceeded = false;
  std::string m_text;
  DecodeGuard* m_outer;
};

}  // namespace canting::imaging::detail
