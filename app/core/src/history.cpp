#include "canting/core/history.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace canting::core {

namespace {

// Runs as (value, length) with the length in 7-bit groups, low first: a run
// of a whole 1024-pixel row costs three bytes.
void putRun(std::vector<std::uint8_t>& out, std::uint8_t value, std::size_t n) {
  out.push_back(value);
  do {
    const auto low = std::uint8_t(n & 0x7F);
    n >>= 7;
    out.push_back(n ? std::uint8_t(low | 0x80) : low);
  } while (n);
}

}  // namespace

MaskPatch MaskPatch::capture(std::string layer, const cv::Mat& mask, cv::Rect rect) {
  CV_Assert(mask.type() == CV_8U);
  MaskPatch p;
  p.layer = std::move(layer);
  p.size = mask.size();
  p.rect = rect & cv::Rect({}, mask.size());
  std::size_t run = 0;
  std::uint8_t value = 0;
  for (int y = p.rect.y; y < p.rect.y + p.rect.height; ++y) {
    const std::uint8_t* row = mask.ptr<std::uint8_t>(y);
    for (int x = p.rect.x; x < p.rect.x + p.rect.width; ++x) {
      if (run && row[x] == value) {
        ++run;
        continue;
      }
      if (run) putRun(p.rle, value, run);
      value = row[x];
      run = 1;
    }
  }
  if (run) putRun(p.rle, value, run);
  p.rle.shrink_to_fit();
  return p;
}

MaskPatch MaskPatch::absent(std::string layer) {
  MaskPatch p;
  p.layer = std::move(layer);
  p.present = false;
  return p;
}

void MaskPatch::applyTo(std::map<std::string, cv::Mat>& masks) const {
  if (!present) {
    masks.erase(layer);
    return;
  }
  cv::Mat& m = masks[layer];
  if (m.size() != size || m.type() != CV_8U) m = cv::Mat(size, CV_8U, cv::Scalar(0));
  std::size_t i = 0;
  int x = rect.x, y = rect.y;
  while (i < rle.size() && y < rect.y + rect.height) {
    const std::uint8_t value = rle[i++];
    std::size_t n = 0;
    for (int shift = 0; i < rle.size(); shift += 7) {
      const std::uint8_t b = rle[i++];
      n |= std::size_t(b & 0x7F) << shift;
      if (!(b & 0x80)) break;
    }
    while (n > 0 && y < rect.y + rect.height) {
      const int k = int(std::min<std::size_t>(n, std::size_t(rect.x + rect.width - x)));
      std::uint8_t* row = m.ptr<std::uint8_t>(y);
      std::fill(row + x, row + x + k, value);
      n -= std::size_t(k);
      if ((x += k) == rect.x + rect.width) {
        x = rect.x;
        ++y;
      }
    }
  }
}

cv::Rect changedRect(const cv::Mat& a, const cv::Mat& b) {
  CV_Assert(a.size() == b.size() && a.type() == CV_8U && b.type() == CV_8U);
  cv::Mat diff;
  cv::compare(a, b, diff, cv::CMP_NE);
  return cv::boundingRect(diff);
}

}  // namespace canting::core
