// The issue-20 TIFF bomb through the real CLI: a file of a few KB whose first
// ImageWidth makes libtiff decode 974 MP (2.9 GB) is refused by `convert`
// with the too-many-pixels message while the process stays under 400 MB.

#include <sys/resource.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <fstream>

#include "spawn_cli.h"
#include "support/image_fixtures.h"
#include "support/sanitizer.h"
#include "support/tiff_builder.h"

namespace {
constexpr bool kAsan = canting::test::kAddressSanitizer;
}  // namespace

TEST_CASE("canting-cli convert refuses the duplicate-width TIFF bomb as too many pixels within 400 MB", "[hostile][limits]") {
  canting::test::TempDir dir;
  canting::test::writeAll(dir / "bomb.tif", canting::test::makeDuplicateWidthTiffBomb());
  const rlim_t cap = kAsan ? 0 : rlim_t(400) << 20;  // ASan reserves terabytes: no RLIMIT_AS there
  const pid_t pid = canting::test::spawnCli({"--lang", "en", "convert", (dir / "bomb.tif").string(), (dir / "out.png").string()},
                                            dir / "stderr.txt", cap, 60);
  int status = 0;
  rusage use{};
  REQUIRE(wait4(pid, &status, 0, &use) == pid);
  std::ifstream in(dir / "stderr.txt");
  const std::string err((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  INFO(err);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(err.find("The image is too large: 65512 × 14872 pixels (974 MP; limit 200 MP)") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "out.png"));
  if (!kAsan) CHECK(use.ru_maxrss < 400 * 1024);
  WARN("convert of the TIFF bomb: exit " << WEXITSTATUS(status) << ", peak RSS " << use.ru_maxrss / 1024 << " MB"
                                         << (kAsan ? " (ASan: no RLIMIT_AS)" : ", RLIMIT_AS 400 MB"));
}
