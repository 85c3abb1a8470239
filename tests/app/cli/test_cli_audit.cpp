// Issue 16 on the command line: verify-audit names what was changed outside
// the app (exit 2, both languages, JSON), checks a printed head, and PINs
// never have to be typed on the command line.

#include <sqlite3.h>
#include <stdlib.h>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "audit_tamper.h"
#include "canting/records/store.h"
#include "cli_demo.h"
#include "run_cli.h"
#include "support/english_words.h"

using namespace canting;
using test::runCli;

namespace {

// An assessment of the demo with a BK in it, and that unit.
std::pair<std::string, std::string> flipOneBk(const std::string& db) {
  auto s = records::Store::open({.file = db});
  REQUIRE(s);
  auto& d = (*s)->db();
  auto q = d.prepare("SELECT a.uuid, u.assessment_id, u.unit_id FROM assessment_units u JOIN assessments a ON a.id = u.assessment_id WHERE u.k = 0 LIMIT 1");
  REQUIRE(q.step());
  const std::string uuid = q.text(0), where = "assessment_id = " + q.text(1) + " AND unit_id = " + q.text(2);
  q = records::Stmt();
  d.exec("DROP TRIGGER assessment_units_final; UPDATE assessment_units SET k = 1 WHERE " + where);
  return {uuid, where};
}

std::string headOf(const std::string& db) {
  auto j = nlohmann::json::parse(runCli({"training", "verify-audit", "--db", db, "--json"}).out);
  return std::to_string(j["head"]["seq"].get<std::int64_t>()) + ":" + j["head"]["hash"].get<std::string>();
}

}  // namespace

TEST_CASE("verify-audit prints the head it takes with --head, as text and as JSON", "[cli][training][audit]") {
  test::Demo demo;
  auto r = runCli({"--lang", "en", "training", "verify-audit", "--db", demo.db, "--json"});
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["problems"].is_array());
  CHECK(j["problems"].empty());
  CHECK(j["head"]["seq"].get<std::int64_t>() > 10);
  CHECK(j["head"]["hash"].get<std::string>().size() == 16);
  const std::string head = headOf(demo.db);
  auto text = runCli({"--lang", "en", "training", "verify-audit", "--db", demo.db});
  CHECK(text.code == 0);
  CHECK(text.out.find("Audit chain head: " + head + "\n") != std::string::npos);
  auto id = runCli({"--lang", "id", "training", "verify-audit", "--db", demo.db, "--head", head});
  CHECK(id.code == 0);
  CHECK(id.out.find("Kepala rantai audit: " + head) != std::string::npos);
  CHECK(id.out.find("Cocok dengan kepala " + head) != std::string::npos);
  // A later change through the app keeps the old head in the chain.
  REQUIRE(runCli(demo.as("admin", {"training", "centre", "add", "Sentra Baru"})).code == 0);
  CHECK(runCli({"training", "verify-audit", "--db", demo.db, "--head", head}).code == 0);
  CHECK(headOf(demo.db) != head);
  // Not a head at all: a usage error.
  CHECK(runCli({"training", "verify-audit", "--db", demo.db, "--head", "abc"}).code == 1);
}

TEST_CASE("verify-audit exits 2 and names a BK flipped to K in sqlite3, in both languages", "[cli][training][audit]") {
  test::Demo demo;
  const auto [uuid, where] = flipOneBk(demo.db);
  auto en = runCli({"--lang", "en", "training", "verify-audit", "--db", demo.db});
  CHECK(en.code == 2);
  CHECK(en.err.find("Records were changed outside the app (1 problems)") != std::string::npos);
  CHECK(en.err.find("assessment " + uuid + " changed since entry ") != std::string::npos);
  auto id = runCli({"--lang", "id", "training", "verify-audit", "--db", demo.db});
  CHECK(id.code == 2);
  CHECK(id.err.find("Catatan diubah di luar aplikasi (1 masalah)") != std::string::npos);
  CHECK(id.err.find("asesmen " + uuid + " berubah sejak entri ") != std::string::npos);
  CHECK(test::englishWords(id.out + id.err).empty());
  auto js = runCli({"training", "verify-audit", "--db", demo.db, "--json"});
  CHECK(js.code == 2);
  const auto j = nlohmann::json::parse(js.out);
  REQUIRE(j["problems"].size() == 1);
  CHECK(j["problems"][0]["kind"] == "record_changed");
  CHECK(j["problems"][0]["entity"] == "assessment");
  CHECK(j["problems"][0]["uuid"] == uuid);
  CHECK(j["problems"][0]["seq"].get<std::int64_t>() > 0);
  CHECK(j["head"]["hash"].get<std::string>().size() == 16);
}

TEST_CASE("a chain recomputed after an edit passes alone and is caught by the head printed before", "[cli][training][audit]") {
  test::Demo demo;
  const std::string printed = headOf(demo.db);
  flipOneBk(demo.db);
  {
    auto s = records::Store::open({.file = demo.db});
    REQUIRE(s);
    test::rewriteAuditChain((*s)->db());
  }
  CHECK(runCli({"training", "verify-audit", "--db", demo.db}).code == 0);  // the unkeyed chain alone cannot tell
  auto en = runCli({"--lang", "en", "training", "verify-audit", "--db", demo.db, "--head", printed});
  CHECK(en.code == 2);
  const std::string seq = printed.substr(0, printed.find(':'));
  CHECK(en.err.find("entry " + seq + " is no longer the printed head " + printed + ": the chain was rewritten") != std::string::npos);
  auto id = runCli({"--lang", "id", "training", "verify-audit", "--db", demo.db, "--head", printed});
  CHECK(id.code == 2);
  CHECK(id.err.find("entri " + seq + " bukan lagi kepala " + printed + " yang dicetak: rantai telah ditulis ulang") != std::string::npos);
  CHECK(test::englishWords(id.out + id.err).empty());
  auto js = nlohmann::json::parse(runCli({"training", "verify-audit", "--db", demo.db, "--head", printed, "--json"}).out);
  REQUIRE(js["problems"].size() == 1);
  CHECK(js["problems"][0]["kind"] == "head_mismatch");
}

TEST_CASE("a PIN from --pin-file or CANTING_PIN, and --pin warns that others can see it", "[cli][training][pin]") {
  test::Demo demo;
  const auto pinFile = demo.dir.path() / "pin.txt";
  test::writeAll(pinFile, {'1', '2', '3', '4', '\n'});
  const std::vector<std::string> admin = {"--db", demo.db, "--user", "Admin Kabupaten (demo)"};
  auto withLogin = [&](std::vector<std::string> v, std::vector<std::string> extra) {
    v.insert(v.end(), admin.begin(), admin.end());
    v.insert(v.end(), extra.begin(), extra.end());
    return runCli(v);
  };
  auto file = withLogin({"--lang", "en", "training", "centre", "add", "Sentra A"}, {"--pin-file", pinFile.string()});
  CHECK(file.code == 0);
  CHECK(file.err.empty());
  ::setenv("CANTING_PIN", "1234", 1);
  auto env = withLogin({"--lang", "en", "training", "centre", "add", "Sentra B"}, {});
  ::setenv("CANTING_PIN", "9999", 1);
  auto wrongEnv = withLogin({"--lang", "en", "training", "centre", "add", "Sentra C"}, {});
  ::unsetenv("CANTING_PIN");
  CHECK(env.code == 0);
  CHECK(env.err.empty());
  CHECK(wrongEnv.code == 2);
  // The new person's PIN from a file too.
  const auto newPin = demo.dir.path() / "baru.txt";
  test::writeAll(newPin, {'7', '7', '7', '7'});
  auto person = withLogin({"training", "person", "add", "Asesor Baru", "--role", "assessor"}, {"--pin-file", pinFile.string(), "--new-pin-file", newPin.string()});
  CHECK(person.code == 0);
  CHECK(runCli({"training", "centre", "list", "--db", demo.db}).code == 0);
  auto asNew = runCli({"training", "certificate", "list", "--db", demo.db, "--user", "Asesor Baru", "--pin-file", newPin.string()});
  CHECK(asNew.err.find("PIN") == std::string::npos);
  // --pin still works, and says so in both languages.
  auto en = withLogin({"--lang", "en", "training", "centre", "add", "Sentra D"}, {"--pin", "1234"});
  CHECK(en.code == 0);
  CHECK(en.err.find("Warning: a PIN typed as --pin can be seen by other users of this computer") != std::string::npos);
  auto id = withLogin({"--lang", "id", "training", "centre", "add", "Sentra E"}, {"--pin", "1234"});
  CHECK(id.code == 0);
  CHECK(id.err.find("Peringatan: PIN yang diketik sebagai --pin dapat dilihat pengguna lain komputer ini") != std::string::npos);
  CHECK(test::englishWords(id.err).empty());
  // A missing PIN file is an error, not an empty PIN.
  auto missing = withLogin({"--lang", "en", "training", "centre", "add", "Sentra F"}, {"--pin-file", (demo.dir.path() / "none.txt").string()});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("none.txt") != std::string::npos);
}
