#include <catch2/catch.hpp>

#include <cstdlib>

#include "canting/core/paths.h"
#include "support/image_fixtures.h"

using namespace canting;
namespace fs = std::filesystem;

namespace {
// A prefix laid out as `cmake --install` lays it: bin/ and the assets where GNUInstallDirs puts them.
fs::path installedPrefix(const test::TempDir& dir, bool withAssets) {
  const fs::path bin = dir / "prefix" / "bin";
  fs::create_directories(bin);
  if (withAssets) fs::create_directories(bin / CANTING_INSTALLED_ASSETS / "i18n");
  return bin / "canting-cli";
}
}  // namespace

TEST_CASE("an installed program reads the assets beside it before CANTING_ASSETS and the source tree", "[core][paths]") {
  test::TempDir dir;
  const fs::path exe = installedPrefix(dir, true);
  const fs::path found = core::findAssets(exe, "/elsewhere/assets", "/src/assets");
  CHECK(found == (dir / "prefix" / "share" / "canting").lexically_normal());
  CHECK(fs::is_directory(found / "i18n"));
}

TEST_CASE("without assets beside the program CANTING_ASSETS counts, then the source tree", "[core][paths]") {
  test::TempDir dir;
  const fs::path exe = installedPrefix(dir, false);
  CHECK(core::findAssets(exe, "/elsewhere/assets", "/src/assets") == "/elsewhere/assets");
  CHECK(core::findAssets(exe, "", "/src/assets") == "/src/assets");  // empty means unset, as for CANTING_DB
  CHECK(core::findAssets(exe, nullptr, "/src/assets") == "/src/assets");
  CHECK(core::findAssets({}, nullptr, "/src/assets") == "/src/assets");  // /proc/self/exe unreadable
}

TEST_CASE("a test binary in the build folder finds the source tree's assets", "[core][paths]") {
  if (const char* env = std::getenv("CANTING_ASSETS"); env && *env) {
    WARN("SKIPPED: CANTING_ASSETS is set in this shell");
    return;
  }
  CHECK(core::assetsDir() == fs::path(CANTING_ASSETS_DIR));
}
