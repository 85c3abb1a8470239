#include "decoder_guard.h"

#include <unistd.h>

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <streambuf>

#include "canting/imaging/image_io.h"

namespace canting::imaging {

namespace detail {

thread_local DecodeGuard* t_guard = nullptr;

struct GuardAccess {
  static void say(const char* s, std::size_t n) { t_guard->m_text.append(s, n); }
  // False when the bytes would pass the budget: OpenCV is then told "no memory".
  static bool take(std::uint64_t bytes) {
    DecodeGuard& g = *t_guard;
    g.m_used += bytes;
    if (g.m_used > g.m_budget) g.m_exceeded = true;
    return !g.m_exceeded;
  }
};

namespace {

// Counts the pixel buffers OpenCV creates on a thread that is decoding. Mats
// on other threads, and every Mat outside a decode, pass straight through.
class BudgetAllocator : public cv::MatAllocator {
 public:
  explicit BudgetAllocator(cv::MatAllocator* inner) : m_inner(inner) {}
  cv::UMatData* allocate(int dims, const int* sizes, int type, void* data, size_t* step, cv::AccessFlag flags,
                         cv::UMatUsageFlags usage) const override {
    if (!data && t_guard) {
      std::uint64_t bytes = CV_ELEM_SIZE(type);
      for (int i = 0; i < dims; ++i) bytes *= std::uint64_t(sizes[i]);
      if (!GuardAccess::take(bytes)) CV_Error(cv::Error::StsNoMem, "over the decoding budget");
    }
    return m_inner->allocate(dims, sizes, type, data, step, flags, usage);
  }
  bool allocate(cv::UMatData* u, cv::AccessFlag flags, cv::UMatUsageFlags usage) const override {
    return m_inner->allocate(u, flags, usage);
  }
  void deallocate(cv::UMatData* u) const override { m_inner->deallocate(u); }

 private:
  cv::MatAllocator* m_inner;
};

// std::cerr's buffer: on a decoding thread the text goes to the guard (imdecode
// prints "imdecode_(''): can't read data: OpenCV(4.6.0) ...cpp:704" there
// directly, past the logger); everywhere else to the real stderr.
class DecodeAwareBuf : public std::streambuf {
 public:
  explicit DecodeAwareBuf(std::streambuf* out) : m_out(out) {}

 protected:
  int overflow(int c) override {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    const char ch = char(c);
    if (t_guard) {
      GuardAccess::say(&ch, 1);
      return c;
    }
    return m_out->sputc(ch);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (t_guard) {
      GuardAccess::say(s, std::size_t(n));
      return n;
    }
    return m_out->sputn(s, n);
  }
  int sync() override { return t_guard ? 0 : m_out->pubsync(); }

 private:
  std::streambuf* m_out;
};

int keepOpenCvError(int, const char* func, const char* msg, const char* file, int line, void*) {
  if (t_guard) {
    const std::string s = std::string(" [") + (func ? func : "") + ": " + (msg ? msg : "") + " at " + (file ? file : "") +
                          ":" + std::to_string(line) + "]";
    GuardAccess::say(s.data(), s.size());
  }
  return 0;
}

constexpr const char* kPixelsVariable = "OPENCV_IO_MAX_IMAGE_PIXELS";

}  // namespace

bool codecMessagesLinked();  // codec_messages.cpp

bool noteDecoderText(const std::string& text) {
  if (!t_guard) return false;
  std::string line = (t_guard->text().empty() ? "" : " ") + text;
  while (!line.empty() && line.back() == '\n') line.pop_back();
  GuardAccess::say(line.data(), line.size());
  return true;
}

void installDecoderHooks() {
  static std::once_flag once;
  (void)codecMessagesLinked();
  std::call_once(once, [] {
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    cv::redirectError(keepOpenCvError);
    // Never freed: std::cerr may be written to by static destructors.
    cv::Mat::setDefaultAllocator(new BudgetAllocator(cv::Mat::getStdAllocator()));
    std::cerr.rdbuf(new DecodeAwareBuf(std::cerr.rdbuf()));
  });
}

std::uint64_t openCvPixelLimit() {
  // Read once: the value OpenCV read when its library was loaded, which is the
  // process's environment at start (applyDecoderLimits re-executes on change).
  static const std::uint64_t limit = [] {
    const char* v = std::getenv(kPixelsVariable);
    return v ? std::strtoull(v, nullptr, 10) : 0ull;
  }();
  return limit;
}

DecodeGuard::DecodeGuard(std::uint64_t budgetBytes) : m_budget(budgetBytes), m_outer(t_guard) {
  installDecoderHooks();
  t_guard = this;
}

DecodeGuard::~DecodeGuard() { t_guard = m_outer; }

}  // namespace detail

bool applyDecoderLimits(const LoadOptions& options, char** argv) {
  detail::installDecoderHooks();
  (void)detail::openCvPixelLimit();  // what OpenCV read, before the variable changes below
  const std::string want = std::to_string(options.maxPixels);
  const char* have = std::getenv(detail::kPixelsVariable);
  if (have && want == have) return true;
  // OpenCV 4.6 reads the variable in a static initialiser of loadsave.cpp,
  // when libopencv_imgcodecs is loaded, before main: setting it now changes
  // nothing in this process, so the program starts itself again with it set.
  ::setenv(detail::kPixelsVariable, want.c_str(), 1);
  if (argv && argv[0]) ::execv("/proc/self/exe", argv);  // returns only when it failed
  return false;
}

}  // namespace canting::imaging
