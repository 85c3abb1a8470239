#pragma once
// Where things live. Settings go to $XDG_CONFIG_HOME/canting (default
// ~/.config/canting), user data to $XDG_DATA_HOME/canting. Assets are found
// from the program's own location first (../share/canting beside bin/, so an
// installed copy, wherever its prefix, reads its own files), then
// $CANTING_ASSETS, then the source tree the build came from. Assets are only
// read: an installed share/canting is read-only, and everything the programs
// write goes to the config and data folders.

#include <filesystem>

namespace canting::core {

std::filesystem::path configDir();
std::filesystem::path dataDir();
std::filesystem::path assetsDir();
std::filesystem::path homeDir();

// assetsDir()'s rule on its parts, for the tests: `exe` the running program,
// `env` $CANTING_ASSETS (null or empty: unset), `sourceTree` the build's
// assets. A folder counts as assets when it holds i18n/.
std::filesystem::path findAssets(const std::filesystem::path& exe, const char* env, const std::filesystem::path& sourceTree);

// The training records database the GUI and the CLI share: $CANTING_DB when
// set and not empty, else pelatihan.db in the data folder (dataDir(), or the
// one given).
std::filesystem::path recordsDatabase();
std::filesystem::path recordsDatabase(const std::filesystem::path& dataFolder);
// The demo records, beside the real ones and never in them: pelatihan-demo.db
// in the folder of recordsDatabase(). `canting-cli training init --demo`, the
// CLI's `--demo` and the app's *Data demo* all open this one file.
std::filesystem::path recordsDemoDatabase();
std::filesystem::path recordsDemoDatabase(const std::filesystem::path& dataFolder);

}  // namespace canting::core
