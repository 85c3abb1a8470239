#pragma once
// The model behind the in-app file browser: one directory's entries, folders
// first, images marked, hidden files left out. No GUI code here, so the
// browser's behaviour is tested without a window.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "canting/imaging/error.h"

namespace canting::core {

struct BrowserEntry {
  std::filesystem::path path;
  std::string name;
  bool isDirectory = false;
  bool isImage = false;  // by extension; the loader still checks the bytes
  std::uint64_t size = 0;
};

bool hasImageExtension(const std::filesystem::path& p);

// Entries of `dir`, sorted: folders, then files, each by name (case-insensitive).
// With `imagesOnly`, other files are left out.
// With `includeProjects`, .canting project files are listed too.
imaging::Result<std::vector<BrowserEntry>> listDirectory(const std::filesystem::path& dir, bool imagesOnly,
                                                         bool includeProjects = false);

// The folder to show first: the last one used if it still exists, else home.
std::filesystem::path startFolder(const std::string& lastFolder);

}  // namespace canting::core
