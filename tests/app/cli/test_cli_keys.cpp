// training keys: the demo flow end to end (keys export at the centre, enrol
// at a second database, import), a forged bundle exiting 2 with its reason,
// revoking from a date, and the PIN from a file.
#include <zlib.h>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_demo.h"
#include "run_cli.h"
#include "support/image_fixtures.h"

using canting::test::Demo;
using canting::test::runCli;
namespace fs = std::filesystem;

namespace {

struct Regency {
  canting::test::TempDir dir;
  std::string db = (dir.path() / "kabupaten.db").string(), pinFile = (dir.path() / "pin").string();
  Regency() {
    REQUIRE(runCli({"training", "init", "--db", db, "--admin", "Kantor Kabupaten", "--pin", "9876"}).code == 0);
    canting::test::writeAll(pinFile, canting::test::Bytes{'9', '8', '7', '6', '\n'});
  }
  // The keys commands read the PIN from a file; the older commands take --pin (until they take --pin-file too).
  canting::test::CliRun as(std::vector<std::string> v) const {
    const bool keys = v.size() > 3 && (v[1] == "keys" || v[3] == "keys");
    v.insert(v.end(), {"--db", db, "--user", "Kantor Kabupaten"});
    v.insert(v.end(), {keys ? "--pin-file" : "--pin", keys ? pinFile : "9876"});
    return runCli(v);
  }
};

std::string gunzip(const fs::path& p) {
  gzFile f = gzopen(p.c_str(), "rb");
  std::string out;
  char buf[1 << 16];
  for (int n; (n = gzread(f, buf, sizeof buf)) > 0;) out.append(buf, std::size_t(n));
  gzclose(f);
  return out;
}

}  // namespace

TEST_CASE("training keys: the demo's keys enrolled at a second database let its bundle in, a forged one exits 2", "[cli][training][keys]") {
  Demo centre;
  Regency regency;
  const std::string keys = (centre.dir.path() / "kunci.json").string(), bundle = (centre.dir.path() / "limbasari.bundle").string();
  REQUIRE(runCli({"training", "keys", "export", "--db", centre.db, "-o", keys}).code == 0);
  REQUIRE(runCli(centre.as("trainer", {"training", "export-bundle", "-o", bundle})).code == 0);
  const auto file = nlohmann::json::parse(gunzip(bundle));
  CHECK(file["format"] == "canting-signed-bundle");

  // Before enrolment: refused, nothing imported, the reason in English and Indonesian.
  auto before = regency.as({"--lang", "en", "training", "import-bundle", bundle});
  CHECK(before.code == 2);
  CHECK(before.err.find("Bundle refused, nothing was imported") != std::string::npos);
  CHECK(before.err.find("signed with a key not enrolled here") != std::string::npos);
  auto id = regency.as({"--lang", "id", "training", "import-bundle", bundle});
  CHECK(id.code == 2);
  CHECK(id.err.find("Bundel ditolak, tidak ada yang diimpor") != std::string::npos);
  CHECK(regency.as({"training", "trainee", "list", "--json"}).out.find("Siti") == std::string::npos);

  // Enrolment shows each fingerprint to read aloud; a wrong PIN enrols nothing.
  canting::test::writeAll(regency.dir.path() / "wrong", canting::test::Bytes{'1', '1', '1', '1'});
  auto wrong = runCli({"training", "keys", "enrol", keys, "--db", regency.db, "--user", "Kantor Kabupaten", "--pin-file",
                       (regency.dir.path() / "wrong").string()});
  CHECK(wrong.code == 2);
  auto enrol = regency.as({"--lang", "en", "training", "keys", "enrol", keys});
  REQUIRE(enrol.code == 0);
  const auto k = nlohmann::json::parse(canting::test::readAll(keys));
  for (const auto& key : k["keys"]) CHECK(enrol.out.find(key["fingerprint"].get<std::string>()) != std::string::npos);
  CHECK(enrol.out.find("6 keys enrolled") != std::string::npos);
  auto imported = regency.as({"--lang", "en", "training", "import-bundle", bundle});
  REQUIRE(imported.code == 0);
  CHECK(imported.out.find("Kampung Batik Limbasari imported") != std::string::npos);
  auto again = regency.as({"--lang", "en", "training", "import-bundle", bundle});
  REQUIRE(again.code == 0);
  CHECK(again.out.find(": 0 added, 0 updated") != std::string::npos);

  // A certificate added by hand to the bundle: exit 2, the record named.
  auto outer = file;
  auto payload = nlohmann::json::parse(outer["payload"].get<std::string>());
  auto cert = payload["certificates"][0];
  cert["uuid"] = "00000000-0000-4000-8000-000000000001";
  cert["number"] = "FORGED/001";
  payload["certificates"].push_back(cert);
  outer["payload"] = payload.dump();
  const auto forged = (centre.dir.path() / "forged.bundle").string();
  gzFile g = gzopen(forged.c_str(), "wb");
  const std::string text = outer.dump();
  gzwrite(g, text.data(), unsigned(text.size()));
  gzclose(g);
  auto refused = regency.as({"--lang", "en", "training", "import-bundle", forged});
  CHECK(refused.code == 2);
  CHECK(refused.err.find("certificate FORGED/001") != std::string::npos);
  CHECK(refused.err.find("changed after it was signed") != std::string::npos);
  auto list = regency.as({"training", "certificate", "list"});
  CHECK(list.out.find("FORGED") == std::string::npos);
}

TEST_CASE("training keys revoke: from a date on, by fingerprint, an administrator only", "[cli][training][keys]") {
  Demo centre;
  Regency regency;
  const std::string keys = (centre.dir.path() / "kunci.json").string();
  REQUIRE(runCli({"training", "keys", "export", "--db", centre.db, "-o", keys}).code == 0);
  REQUIRE(regency.as({"training", "keys", "enrol", keys}).code == 0);
  const auto k = nlohmann::json::parse(canting::test::readAll(keys));
  std::string assessor;
  for (const auto& key : k["keys"])
    if (key["role"] == "assessor") assessor = key["fingerprint"];
  REQUIRE_FALSE(assessor.empty());
  // Read aloud it may come lower-case and without dashes.
  std::string spoken;
  for (char c : assessor)
    if (c != '-') spoken += char(std::tolower(static_cast<unsigned char>(c)));
  auto r = regency.as({"--lang", "en", "training", "keys", "revoke", spoken, "--from", "2026-11-20"});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("revoked from 2026-11-20") != std::string::npos);
  auto listed = regency.as({"--lang", "en", "training", "keys", "list"});
  CHECK(listed.out.find(assessor) != std::string::npos);
  CHECK(listed.out.find("revoked from 2026-11-20") != std::string::npos);
  CHECK(regency.as({"training", "keys", "revoke", "0000-0000-0000-0000", "--from", "2026-11-20"}).code == 2);
  CHECK(regency.as({"training", "keys", "revoke", assessor}).code == 1);  // no --from
  CHECK(runCli(centre.as("trainer", {"training", "keys", "revoke", assessor, "--from", "2026-11-20"})).code == 2);
}
