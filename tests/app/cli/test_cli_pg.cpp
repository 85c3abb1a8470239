// canting-cli training on the regency's PostgreSQL server: --pg URL in place
// of --db FILE. Runs in the cli-pg: pass, against the throw-away cluster
// (tests/support/pg_cluster.sh), each test on a database of its own.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "records_fixture.h"
#include "run_cli.h"

using namespace canting;
using test::runCli;

TEST_CASE("training commands work on PostgreSQL with --pg in place of --db", "[cli][training][pg]") {
  REQUIRE(test::onPostgres());
  test::PgDatabase pg;
  test::TempDir dir;
  const std::string pin = (dir.path() / "pin").string();
  test::writeText(pin, "9876\n");
  auto init = runCli({"--lang", "en", "training", "init", "--pg", pg.url, "--admin", "kabupaten", "--pin-file", pin});
  INFO(init.err);
  REQUIRE(init.code == 0);
  auto add = runCli({"training", "centre", "add", "Sentra Galuh", "--kecamatan", "Bojongsari", "--pg", pg.url, "--user", "kabupaten", "--pin-file", pin});
  INFO(add.err);
  REQUIRE(add.code == 0);
  auto list = runCli({"training", "centre", "list", "--pg", pg.url, "--json"});
  REQUIRE(list.code == 0);
  const auto j = nlohmann::json::parse(list.out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["name"] == "Sentra Galuh");
  auto person = runCli({"training", "person", "add", "Bu Ratna", "--role", "assessor", "--new-pin-file", pin, "--pg", pg.url, "--user", "kabupaten",
                        "--pin-file", pin});
  INFO(person.err);
  CHECK(person.code == 0);
  auto audit = runCli({"--lang", "en", "training", "verify-audit", "--pg", pg.url, "--json"});
  INFO(audit.out << audit.err);
  CHECK(audit.code == 0);
  // A server is backed up and restored where it runs, with pg_dump and pg_restore.
  auto backup = runCli({"--lang", "en", "training", "backup", "--pg", pg.url, "-o", (dir.path() / "salinan.db").string()});
  CHECK(backup.code == 2);
  CHECK(backup.err.find("pg_dump") != std::string::npos);
  auto restore = runCli({"--lang", "en", "training", "restore", (dir.path() / "salinan.db").string(), "--pg", pg.url});
  CHECK(restore.code == 2);
  CHECK(restore.err.find("pg_dump") != std::string::npos);
  // One place or the other, not both.
  CHECK(runCli({"training", "centre", "list", "--pg", pg.url, "--db", (dir.path() / "p.db").string()}).code == 1);
}

TEST_CASE("training with a --pg URL naming a server that is not there says it cannot be reached", "[cli][training]") {
  test::TempDir dir;
  const std::string url = "postgresql:///canting?host=" + (dir.path() / "none").string() + "&connect_timeout=2";
  auto r = runCli({"--lang", "en", "training", "centre", "list", "--pg", url});
  CHECK(r.code == 2);
  CHECK(r.err.find("cannot be reached") != std::string::npos);
}
