#include "canting/core/settings.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/core/paths.h"
#include "canting/imaging/file_io.h"

namespace canting::core {

namespace {
void pushFront(std::vector<std::string>& list, const std::string& item) {
  list.erase(std::remove(list.begin(), list.end(), item), list.end());
  list.insert(list.begin(), item);
  if (list.size() > Settings::kMaxRecent) list.resize(Settings::kMaxRecent);
}

std::vector<std::string> stringList(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key) && j[key].is_array())
    for (const auto& v : j[key])
      if (v.is_string() && out.size() < Settings::kMaxRecent) out.push_back(v.get<std::string>());
  return out;
}
}  // namespace

void Settings::addRecentFile(const std::filesystem::path& f) { pushFront(recentFiles, f.string()); }
void Settings::addRecentFolder(const std::filesystem::path& f) { pushFront(recentFolders, f.string()); }

std::filesystem::path defaultSettingsPath() { return configDir() / "settings.json"; }

SettingsLoad loadSettings(const std::filesystem::path& file) {
  SettingsLoad out;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return out;
  auto bytes = imaging::readFile(file, 1u << 20);
  if (!bytes) {
    out.warning = file.string() + ": " + bytes.error().detail;
    return out;
  }
  try {
    const auto j = nlohmann::json::parse(bytes->begin(), bytes->end());
    if (!j.is_object()) throw std::runtime_error("not an object");
    Settings& s = out.settings;
    if (j.contains("language") && j["language"].is_string()) parseLanguage(j["language"].get<std::string>(), s.language);
    // Sizes outside what a screen can show are ignored rather than trusted.
    if (j.contains("window_width") && j["window_width"].is_number_integer())
      s.windowWidth = std::clamp(j["window_width"].get<int>(), 640, 7680);
    if (j.contains("window_height") && j["window_height"].is_number_integer())
      s.windowHeight = std::clamp(j["window_height"].get<int>(), 480, 4320);
    s.recentFiles = stringList(j, "recent_files");
    s.recentFolders = stringList(j, "recent_folders");
    if (j.contains("max_megapixels") && j["max_megapixels"].is_number())
      s.maxMegapixels = std::clamp(j["max_megapixels"].get<double>(), 1.0, 2000.0);
    if (j.contains("last_folder") && j["last_folder"].is_string()) s.lastFolder = j["last_folder"].get<std::string>();
    if (j.contains("last_folders") && j["last_folders"].is_object())
      for (const auto& [kind, folder] : j["last_folders"].items())
        if (folder.is_string()) s.lastFolders[kind] = folder.get<std::string>();
  } catch (const std::exception& e) {
    out.settings = Settings{};
    out.warning = file.string() + ": " + e.what();
  }
  return out;
}

imaging::Status saveSettings(const Settings& s, const std::filesystem::path& file) {
  nlohmann::json j;
  j["language"] = languageCode(s.language);
  j["window_width"] = s.windowWidth;
  j["window_height"] = s.windowHeight;
  j["recent_files"] = s.recentFiles;
  j["recent_folders"] = s.recentFolders;
  j["last_folder"] = s.lastFolder;
  j["last_folders"] = s.lastFolders;
  j["max_megapixels"] = s.maxMegapixels;
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  return imaging::writeFileAtomic(file, base::dumpJson(j, 2) + "\n");
}

}  // namespace canting::core
