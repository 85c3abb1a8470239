// libFuzzer: dye plans, and simulating the ones that parse on a small cloth.
#include <cstddef>
#include <cstdint>
#include <string>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/dye.h"

namespace im = canting::imaging;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const im::DyeBook book = [] {
    auto b = im::loadDyeBook(std::string(CANTING_ASSETS_DIR) + "/dyes/dyes.json");
    if (!b) __builtin_trap();
    return *b;
  }();
  static const im::Layers layers = [] {
    im::Layers l;
    l.outline = cv::Mat(48, 48, CV_8U, cv::Scalar(0));
    cv::rectangle(l.outline, cv::Rect(8, 8, 32, 32), cv::Scalar(255), 3);
    l.isen = cv::Mat(48, 48, CV_8U, cv::Scalar(0));
    l.isen(cv::Rect(20, 20, 6, 6)).setTo(255);
    l.ground = ~(l.outline | l.isen);
    return l;
  }();
  auto plan = im::parsePlan(std::string(reinterpret_cast<const char*>(data), size), book);
  if (plan && plan->steps.size() <= 16) {
    auto states = im::simulate(*plan, layers, book, {.dpi = 72, .planDir = "/nonexistent"});
    if (states && states->size() != plan->steps.size() + 1) __builtin_trap();
  }
  return 0;
}
