#pragma once
// User settings, kept as JSON in configDir()/settings.json. A missing file
// gives defaults; a malformed one gives defaults plus a warning, and is not
// overwritten until the user changes something.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "canting/core/i18n.h"
#include "canting/imaging/error.h"

namespace canting::core {

struct Settings {
  Language language = Language::Indonesian;
  int windowWidth = 1280;
  int windowHeight = 720;
  std::vector<std::string> recentFiles;    // newest first
  std::vector<std::string> recentFolders;  // newest first
  std::string lastFolder;                         // of any kind: where a kind never used starts
  std::map<std::string, std::string> lastFolders;  // per kind of file (fileKindKey): "pdf" -> folder
  double maxMegapixels = 200;  // images larger than this are refused before decoding

  static constexpr std::size_t kMaxRecent = 10;
  void addRecentFile(const std::filesystem::path& file);
  void addRecentFolder(const std::filesystem::path& folder);
};

struct SettingsLoad {
  Settings settings;
  std::string warning;  // empty when the file was fine or absent
};

SettingsLoad loadSettings(const std::filesystem::path& file);
imaging::Status saveSettings(const Settings& settings, const std::filesystem::path& file);
std::filesystem::path defaultSettingsPath();

}  // namespace canting::core
