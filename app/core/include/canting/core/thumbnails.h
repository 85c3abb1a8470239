#pragma once
// Small previews for the file browser, decoded on the task pool. Owned by the
// Workbench so that it outlives every job that writes into it.

#include <filesystem>
#include <map>
#include <string>

#include <opencv2/core.hpp>

#include "canting/core/task_pool.h"

namespace canting::core {

class ThumbnailCache {
 public:
  ThumbnailCache(TaskPool& pool, int maxEdge = 192) : m_pool(pool), m_maxEdge(maxEdge) {}

  // The 8-bit BGR(A) preview when ready; starts decoding on the first call.
  // Null while loading and for files that are not readable images.
  const cv::Mat* get(const std::filesystem::path& path);
  bool failed(const std::filesystem::path& path) const;
  std::size_t size() const { return m_entries.size(); }

  static constexpr std::size_t kMaxEntries = 400;

 private:
  struct Entry {
    enum class State { Loading, Ready, Failed } state = State::Loading;
    cv::Mat image;
  };
  TaskPool& m_pool;
  int m_maxEdge;
  std::map<std::string, Entry> m_entries;
};

// Downscales to fit `maxEdge` and converts to 8 bits, keeping alpha.
cv::Mat makeThumbnail(const cv::Mat& pixels, int maxEdge);

}  // namespace canting::core
