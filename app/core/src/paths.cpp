#include "canting/core/paths.h"

#include <cstdlib>

namespace canting::core {

namespace fs = std::filesystem;

namespace {
fs::path xdg(const char* var, const char* fallback) {
  if (const char* v = std::getenv(var); v && *v && fs::path(v).is_absolute()) return fs::path(v) / "canting";
  return homeDir() / fallback / "canting";
}
}  // namespace

fs::path homeDir() {
  if (const char* h = std::getenv("HOME"); h && *h) return h;
  return fs::temp_directory_path();
}

fs::path configDir() { return xdg("XDG_CONFIG_HOME", ".config"); }
fs::path dataDir() { return xdg("XDG_DATA_HOME", ".local/share"); }

fs::path recordsDatabase() { return recordsDatabase(dataDir()); }

fs::path recordsDatabase(const fs::path& dataFolder) {
  if (const char* env = std::getenv("CANTING_DB"); env && *env) return env;  // empty means unset, as for a shell's VAR=
  return dataFolder / "pelatihan.db";
}

fs::path recordsDemoDatabase() { return recordsDemoDatabase(dataDir()); }

fs::path recordsDemoDatabase(const fs::path& dataFolder) { return recordsDatabase(dataFolder).parent_path() / "pelatihan-demo.db"; }

fs::path findAssets(const fs::path& exe, const char* env, const fs::path& sourceTree) {
  std::error_code ec;
  // The install's own files before the variable: a CANTING_ASSETS left in a
  // shell profile from building must not make an installed program read an
  // older checkout.
  if (!exe.empty()) {
    const fs::path installed = (exe.parent_path() / CANTING_INSTALLED_ASSETS).lexically_normal();
    if (fs::is_directory(installed / "i18n", ec)) return installed;
  }
  if (env && *env) return env;
  return sourceTree;
}

fs::path assetsDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return findAssets(ec ? fs::path() : exe, std::getenv("CANTING_ASSETS"), CANTING_ASSETS_DIR);
}

}  // namespace canting::core
