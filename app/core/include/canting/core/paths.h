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

}  // namespace canting::core
