// canting-cli training backup / restore on the demo records.

#include <catch2/catch.hpp>

#include "cli_demo.h"
#include "run_cli.h"
#include "support/image_fixtures.h"

using namespace canting;
namespace fs = std::filesystem;
using test::runCli;

TEST_CASE("training backup writes a checked copy and restore puts it back, keeping the current file", "[cli][training][backup]") {
  test::Demo d;
  const fs::path out = d.dir.path() / "flashdisk.db";
  auto b = runCli({"--lang", "en", "training", "backup", "--db", d.db, "-o", out.string()});
  REQUIRE(b.code == 0);
  CHECK(b.out == "Backup written and checked: " + out.string() + "\n");
  CHECK(runCli({"training", "verify-audit", "--db", out.string()}).code == 0);
  // A change after the backup, then the restore: the change is gone, and kept in the .bak.
  REQUIRE(runCli(d.as("admin", {"training", "centre", "add", "Sesudah"})).code == 0);
  auto r = runCli({"--lang", "id", "training", "restore", out.string(), "--db", d.db});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("dipulihkan ke " + d.db) != std::string::npos);
  CHECK(r.out.find("Catatan sebelumnya disimpan sebagai " + d.db + ".") != std::string::npos);
  auto list = runCli({"training", "centre", "list", "--db", d.db});
  CHECK(list.out.find("Sesudah") == std::string::npos);
  int baks = 0;
  for (const auto& e : fs::directory_iterator(d.dir.path()))
    if (e.path().extension() == ".bak") {
      ++baks;
      CHECK(runCli({"training", "centre", "list", "--db", e.path().string()}).out.find("Sesudah") != std::string::npos);
    }
  CHECK(baks == 1);
}

TEST_CASE("training restore refuses a damaged file with exit 2 in both languages and changes nothing", "[cli][training][backup]") {
  test::Demo d;
  const fs::path junk = d.dir.path() / "rusak.db";
  test::writeAll(junk, test::Bytes(5000, 0x5a));
  const auto before = test::readAll(d.db);
  auto en = runCli({"--lang", "en", "training", "restore", junk.string(), "--db", d.db});
  CHECK(en.code == 2);
  CHECK(en.err == "canting-cli: Not restored: " + junk.string() + " (not a database file). The records were not changed.\n");
  auto id = runCli({"--lang", "id", "training", "restore", junk.string(), "--db", d.db});
  CHECK(id.code == 2);
  CHECK(id.err == "canting-cli: Tidak dipulihkan: " + junk.string() + " (bukan berkas basis data). Catatan tidak diubah.\n");
  CHECK(test::readAll(d.db) == before);
  // Usage: restore needs the file, backup needs -o.
  CHECK(runCli({"training", "restore", "--db", d.db}).code == 1);
  auto noOut = runCli({"--lang", "en", "training", "backup", "--db", d.db});
  CHECK(noOut.code == 1);
  CHECK(noOut.err.find("-o") != std::string::npos);
  CHECK(runCli({"training", "backup", "--db", d.db, "-o", d.db}).code == 2);
}
