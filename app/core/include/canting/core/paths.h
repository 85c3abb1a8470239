#pragma once
// Where things live. Settings go to $XDG_CONFIG_HOME/canting (default
// ~/.config/canting), user data to $XDG_DATA_HOME/canting. Assets are found
// through $CANTING_ASSETS, then next to the executable
// (../share/canting/assets), then the source tree the build came from.

#include <filesystem>

namespace canting::core {

std::filesystem::path configDir();
std::filesystem::path dataDir();
std::filesystem::path assetsDir();
std::filesystem::path homeDir();

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
