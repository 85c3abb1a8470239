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
  return listDirectory(dir, [&](const fs::path& p) {
    return !imagesOnly || hasImageExtension(p) || (includeProjects && asciiLower(p.extension().string()) == ".canting");
  });
}

imaging::Result<std::vector<BrowserEntry>> listDirectory(const fs::path& dir, FileKind kind) {
  return listDirectory(dir, [kind](const fs::path& p) { return dialogShows(kind, p); });
}

bool dialogShows(FileKind kind, const fs::path& file) {
  const FileKind k = fileKindOf(file);
  switch (kind) {
    case FileKind::Any: return true;
    case FileKind::Project: return k == FileKind::Project || k == FileKind::Image;  // a design opens from either
    case FileKind::Palette: return k == FileKind::Palette || k == FileKind::Image;  // the swatch sheet is a PNG
    default: return k == kind;
  }
}

imaging::Result<std::vector<BrowserEntry>> listDirectory(const fs::path& dir, const std::function<bool(const fs::path&)>& shown) {
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
      if (!shown(b.path)) continue;
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

FileKind fileKindOf(const fs::path& name) {
  const std::string n = asciiLower(name.filename().string());
  auto endsWith = [&](std::string_view e) { return n.size() > e.size() && n.compare(n.size() - e.size(), e.size(), e) == 0; };
  if (endsWith(".canting-bundle")) return FileKind::Bundle;
  if (endsWith(".canting")) return FileKind::Project;
  if (endsWith(".pdf")) return FileKind::Pdf;
  if (endsWith(".csv")) return FileKind::Csv;
  if (endsWith(".gpl") || endsWith(".json")) return FileKind::Palette;
  if (hasImageExtension(name)) return FileKind::Image;
  return FileKind::Any;
}

const char* fileKindKey(FileKind kind) {
  switch (kind) {
    case FileKind::Image: return "image";
    case FileKind::Project: return "project";
    case FileKind::Palette: return "palette";
    case FileKind::Pdf: return "pdf";
    case FileKind::Csv: return "csv";
    case FileKind::Bundle: return "bundle";
    case FileKind::Any: break;
  }
  return "any";
}

std::string emptyFolderMessageKey(FileKind kind) { return std::string("browser.empty.") + fileKindKey(kind); }

TypedPath resolveTypedPath(const fs::path& folder, const std::string& typed, const fs::path& home) {
  if (typed.empty()) return {folder, {}};
  fs::path p;
  if (typed == "~") p = home;
  else if (typed.rfind("~/", 0) == 0) p = home / typed.substr(2);
  else if (fs::path(typed).is_absolute()) p = typed;
  else p = folder / typed;
  p = p.lexically_normal();
  std::error_code ec;
  const bool folderTyped = typed.back() == '/' || typed == "~" || typed == "." || typed == ".." || fs::is_directory(p, ec);
  if (folderTyped) {
    // lexically_normal keeps a trailing separator as an empty last element.
    if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
    return {p, {}};
  }
  return {p.parent_path(), p.filename().string()};
}

}  // namespace canting::core
