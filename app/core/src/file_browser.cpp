#include "canting/core/file_browser.h"

#include <algorithm>
#include <cctype>

#include "canting/base/text.h"
#include "canting/core/paths.h"

namespace canting::core {

namespace fs = std::filesystem;

using base::asciiLower;

bool hasImageExtension(const fs::path& p) {
  const std::string e = asciiLower(p.extension().string());
  return e == ".png" || e == ".jpg" || e == ".jpeg" || e == ".jpe" || e == ".tif" || e == ".tiff" || e == ".bmp" ||
         e == ".webp";
}

imaging::Result<std::vector<BrowserEntry>> listDirectory(const fs::path& dir, bool imagesOnly, bool includeProjects) {
  using imaging::ErrorCode;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return imaging::makeError(ErrorCode::FileNotFound, {{"path", dir.string()}});
  if (!fs::is_directory(dir, ec)) return imaging::makeError(ErrorCode::InvalidArgument, {{"what", dir.string()}}, "not a folder");
  std::vector<BrowserEntry> out;
  fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return imaging::makeError(ErrorCode::PermissionDenied, {{"path", dir.string()}}, ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::directory_entry& e = *it;
    BrowserEntry b;
    b.path = e.path();
    b.name = e.path().filename().string();
    if (b.name.empty() || b.name[0] == '.') continue;
    std::error_code ec2;
    b.isDirectory = e.is_directory(ec2);
    if (!b.isDirectory) {
      b.isImage = hasImageExtension(b.path);
      const bool project = includeProjects && asciiLower(b.path.extension().string()) == ".canting";
      if (imagesOnly && !b.isImage && !project) continue;
      b.size = e.file_size(ec2);
      if (ec2) b.size = 0;
    }
    out.push_back(std::move(b));
  }
  std::sort(out.begin(), out.end(), [](const BrowserEntry& a, const BrowserEntry& b) {
    if (a.isDirectory != b.isDirectory) return a.isDirectory;
    return asciiLower(a.name) < asciiLower(b.name);
  });
  return out;
}

fs::path startFolder(const std::string& last) {
  std::error_code ec;
  if (!last.empty() && fs::is_directory(last, ec)) return last;
  return homeDir();
}

}  // namespace canting::core
