#pragma once
// The model behind the in-app file browser: one directory's entries, folders
// first, images marked, hidden files left out. No GUI code here, so the
// browser's behaviour is tested without a window.

#include <cstdint>
#include <filesystem>
#include <functional>
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

// Entries of `dir` whose files pass `shown` (folders always do).
imaging::Result<std::vector<BrowserEntry>> listDirectory(const std::filesystem::path& dir,
                                                         const std::function<bool(const std::filesystem::path&)>& shown);

// The folder to show first: the last one used if it still exists, else home.
std::filesystem::path startFolder(const std::string& lastFolder);

// What a dialog is for, so each kind of file keeps its own last folder (a PDF
// report is not saved where the motif photos are) and its own wording.
enum class FileKind { Image, Project, Palette, Pdf, Csv, Bundle, Any };
// By the name's extension: .pdf, .csv, .canting, .canting-bundle, images; else Any.
FileKind fileKindOf(const std::filesystem::path& name);
// The settings key ("image", "pdf", ...) and the translation key of the empty-folder message.
const char* fileKindKey(FileKind kind);
std::string emptyFolderMessageKey(FileKind kind);
// Whether a dialog for `kind` lists this file (folders are always listed).
bool dialogShows(FileKind kind, const std::filesystem::path& file);
// Entries of `dir` that a dialog for `kind` lists.
imaging::Result<std::vector<BrowserEntry>> listDirectory(const std::filesystem::path& dir, FileKind kind);

// What the user typed into a dialog's name field, read against the folder
// shown: an absolute path, "~" or "~/..." (from `home`), or a path relative to
// `folder`. A typed folder (an existing one, or one ending in "/") comes back
// with an empty name: the dialog opens it instead of saving.
struct TypedPath {
  std::filesystem::path folder;
  std::string name;
  bool isFolder() const { return name.empty(); }
};
TypedPath resolveTypedPath(const std::filesystem::path& folder, const std::string& typed,
                           const std::filesystem::path& home);

}  // namespace canting::core
