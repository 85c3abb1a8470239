// Attempts the dye lab logged while nobody was logged in: taken into the
// records when a trainer logs in, as that trainer's, audited, once (issue #16).

#include <catch2/catch.hpp>

#include <fstream>

#include "canting/core/paths.h"
#include "canting/records/app_session.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::test::TempDir;
namespace fs = std::filesystem;

namespace {
int auditCount(Store& s, const std::string& action) {
  auto q = s.db().prepare("SELECT COUNT(*) FROM audit_log WHERE action = ?1");
  q.bind(1, action);
  q.step();
  return int(q.i64(0));
}
}  // namespace

TEST_CASE("attempts logged while nobody was logged in are added when a trainer logs in, as theirs, once", "[records][attempts]") {
  TempDir dir;
  AppSession session({dir.path(), fs::path(CANTING_ASSETS_DIR) / "curriculum"});
  Desk& d = session.desk();
  REQUIRE(d.createDatabase("Kantor Dinas", "24680"));
  REQUIRE(d.store()->addPerson(*d.actor(), {0, "", "sri", Role::Trainer, 0, "", false}, "2345"));
  REQUIRE(d.store()->addPerson(*d.actor(), {0, "", "wati", Role::Outlet, 0, "", false}, "4567"));
  d.logout();

  // Nobody logged in: the lab writes to its own log.
  REQUIRE(session.attempts().save({"Siti", "indigo-ceplok", "{\"wax\":1}", 4.0, 0.8, 3, 2, "isen", "2026-11-20T08:00:00Z"}));
  REQUIRE(session.attempts().save({"Dewi", "soga-parang", "{}", 6.5, 0.4, 4, 3, "", "2026-11-20T09:00:00Z"}));
  const fs::path log = dir.path() / "latihan-pewarnaan.jsonl";
  REQUIRE(fs::exists(log));
  std::ofstream(log, std::ios::app) << "{\"trainee\": \"cut sho";  // a line a crash cut short

  // Outlet staff logging in take nothing: attempts are a trainer's to record.
  d.loginName = "wati";
  d.pin = "4567";
  REQUIRE(d.login());
  CHECK(*session.importPendingAttempts() == 0);
  CHECK(fs::exists(log));
  d.logout();

  d.loginName = "sri";
  d.pin = "2345";
  REQUIRE(d.login());
  const int auditBefore = auditCount(*d.store(), "attempt");
  auto added = session.importPendingAttempts();
  REQUIRE(added);
  CHECK(*added == 2);
  auto siti = d.store()->attemptsOf(*d.actor(), "Siti");
  REQUIRE(siti->size() == 1);
  CHECK(siti->front().when == "2026-11-20T08:00:00Z");  // when it was made, not when it was taken in
  CHECK(siti->front().planJson == "{\"wax\":1}");
  {
    auto q = d.store()->db().prepare("SELECT COUNT(*) FROM attempts WHERE recorded_by = 'sri'");
    q.step();
    CHECK(q.i64(0) == 2);
  }
  CHECK(auditCount(*d.store(), "attempt") == auditBefore + 2);
  CHECK(d.store()->verifyAudit()->intact);
  // The log is put aside, kept (the damaged line is only there), and a second login adds nothing.
  CHECK_FALSE(fs::exists(log));
  int asideFiles = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) asideFiles += e.path().filename().string().rfind("latihan-pewarnaan.jsonl.imported-", 0) == 0;
  CHECK(asideFiles == 1);
  CHECK(*session.importPendingAttempts() == 0);
  // While logged in, the lab saves into the records directly.
  REQUIRE(session.attempts().save({"Siti", "indigo-ceplok", "{}", 3.0, 0.9, 3, 2, "", ""}));
  CHECK_FALSE(fs::exists(log));
  CHECK(d.store()->attemptsOf(*d.actor(), "Siti")->size() == 2);
}

TEST_CASE("the same logged line is never added twice, even when the log could not be put aside", "[records][attempts]") {
  canting::test::RecordsFixture f;
  const fs::path log = f.dir.path() / "log.jsonl";
  canting::core::AttemptLog logFile(log);
  REQUIRE(logFile.save({"Siti", "indigo-ceplok", "{}", 4.0, 0.8, 3, 2, "isen", "2026-11-20T08:00:00Z"}));
  const fs::path copy = f.dir.path() / "copy.jsonl";
  fs::copy_file(log, copy);
  CHECK(*f.store->importPendingAttempts(*f.trainer, log) == 1);
  CHECK(*f.store->importPendingAttempts(*f.trainer, copy) == 0);  // as if the rename had not happened
  CHECK(f.store->attemptsOf(*f.trainer, "Siti")->size() == 1);
  // Only trainers and administrators record attempts.
  REQUIRE(logFile.save({"Dewi", "indigo-ceplok", "{}", 4.0, 0.8, 3, 2, "", ""}));
  CHECK(f.store->importPendingAttempts(*f.assessor, log).error().code == RecordsError::NotAllowed);
  CHECK(f.store->importPendingAttempts(*f.outlet, log).error().code == RecordsError::NotAllowed);
  CHECK(fs::exists(log));
}
