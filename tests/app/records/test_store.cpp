#include <sqlite3.h>

#include <cctype>
#include <map>

#include <catch2/catch.hpp>

#include "canting/records/schema.h"
#include "canting/records/store.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::imaging::ErrorCode;
using canting::test::RecordsFixture;
using canting::test::TempDir;

using canting::test::rawExec;

TEST_CASE("a new database is at the latest schema with WAL and foreign keys, and reopens", "[records][sqlite]") {
  RecordsFixture f(false);
  CHECK(f.store->schemaVersion() == Store::kSchemaVersion);
  auto q = f.store->db().prepare("PRAGMA journal_mode");
  REQUIRE(q.step());
  CHECK(q.text(0) == "wal");
  auto fk = f.store->db().prepare("PRAGMA foreign_keys");
  REQUIRE(fk.step());
  CHECK(fk.i64(0) == 1);
  f.reopen();
  CHECK(f.store->schemaVersion() == Store::kSchemaVersion);
}

TEST_CASE("migrations run from every earlier schema version, keep the data and back up first", "[records][migration][sqlite]") {
  for (int from = 1; from < Store::kSchemaVersion; ++from) {
    DYNAMIC_SECTION("from version " << from) {
      TempDir dir;
      const auto file = dir.path() / "pelatihan.db";
      {
        auto db = Db::open(file);
        REQUIRE(db);
        REQUIRE(migrate(*db, from, dir.path() / "setup", "old"));  // its own backups are not counted below
        db->exec("INSERT INTO centres (uuid, name, updated_at) VALUES ('c-1', 'Kampung Batik Limbasari', '2025-01-01T00:00:00Z')");
      }
      auto s = Store::open({.file = file, .pinCost = PinCost::Minimum});
      REQUIRE(s);
      CHECK((*s)->schemaVersion() == Store::kSchemaVersion);
      auto c = (*s)->centres((*s)->systemActor());
      REQUIRE(c);
      REQUIRE(c->size() == 1);
      CHECK(c->front().name == "Kampung Batik Limbasari");
      // One backup per step, named by the version it was taken from.
      int backups = 0;
      for (const auto& e : std::filesystem::directory_iterator(dir.path() / "cadangan")) {
        CHECK(e.path().filename().string().rfind("records-v", 0) == 0);
        ++backups;
      }
      CHECK(backups == Store::kSchemaVersion - from);
    }
  }
}

TEST_CASE("a damaged or foreign file is refused with a clear error and is not changed", "[records][sqlite]") {
  TempDir dir;
  const auto file = dir.path() / "pelatihan.db";
  canting::test::writeText(file, std::string(4096, 'x'));
  auto s = Store::open({.file = file});
  REQUIRE_FALSE(s);
  CHECK(s.error().code == canting::records::RecordsError::DatabaseDamaged);
  CHECK_THAT(s.error().detail, Catch::Contains("sqlite 26/26 SQLITE_NOTADB: file is not a database"));
  CHECK(canting::test::readAll(file).size() == 4096);

  // A database from a newer Canting is not downgraded.
  const auto newer = dir.path() / "newer.db";
  rawExec(newer, "PRAGMA user_version = 99");
  auto n = Store::open({.file = newer});
  REQUIRE_FALSE(n);
  CHECK(n.error().code == canting::records::RecordsError::DatabaseDamaged);
}

TEST_CASE("PINs are stored as Argon2id hashes, wrong PINs count down and then lock the account", "[records][access]") {
  RecordsFixture f;
  auto q = f.store->db().prepare("SELECT pin_hash FROM people WHERE name = 'sri'");
  REQUIRE(q.step());
  CHECK(q.text(0).rfind("$argon2id$", 0) == 0);
  CHECK(q.text(0).find("2345") == std::string::npos);

  for (int i = 1; i < 5; ++i) {
    auto r = f.store->login("sri", "0000");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == canting::records::RecordsError::LoginFailed);
    CHECK(r.error().arg("left") == std::to_string(5 - i));
  }
  auto locked = f.store->login("sri", "0000");
  REQUIRE_FALSE(locked);
  CHECK(locked.error().code == canting::records::RecordsError::AccountLocked);
  // Even the right PIN waits out the lock.
  CHECK(f.store->login("sri", "2345").error().code == canting::records::RecordsError::AccountLocked);
  f.clock += 16 * 60;
  CHECK(f.store->login("sri", "2345"));
  // An unknown name gets the same answer as a wrong PIN.
  CHECK(f.store->login("nobody", "1234").error().code == canting::records::RecordsError::LoginFailed);
  // Short or non-digit PINs are refused when a person is made.
  CHECK_FALSE(f.store->addPerson(*f.admin, {0, "", "x", Role::Trainer, 0, "", false}, "12"));
  CHECK_FALSE(f.store->addPerson(*f.admin, {0, "", "y", Role::Trainer, 0, "", false}, "abcd"));
  // Only one first administrator.
  CHECK(f.store->createFirstAdmin("second", "9999").error().code == canting::records::RecordsError::NotAllowed);
}

TEST_CASE("roles are enforced by the store, not only by the screens", "[records][access]") {
  RecordsFixture f;
  const Id t = f.addTrainee(1, f.centreA);

  // Outlet staff see no trainee data at all.
  CHECK(f.store->trainees(*f.outlet).error().code == canting::records::RecordsError::NotAllowed);
  CHECK(f.store->trainee(*f.outlet, t).error().code == canting::records::RecordsError::NotAllowed);
  CHECK(f.store->dashboard(*f.outlet).error().code == canting::records::RecordsError::NotAllowed);
  CHECK(f.store->centres(*f.outlet));  // the list of centres is public

  // Only assessors record K/BK.
  auto sch = f.store->scheme(*f.admin, f.scheme);
  REQUIRE(sch);
  AssessmentInput in{.trainee = t, .scheme = f.scheme, .date = "2026-06-01", .units = {{sch->units[0].id, true}}};
  CHECK(f.store->recordAssessment(*f.trainer, in).error().code == canting::records::RecordsError::NotAllowed);
  CHECK(f.store->recordAssessment(*f.admin, in).error().code == canting::records::RecordsError::NotAllowed);
  CHECK(f.store->recordAssessment(*f.assessor, in));

  // A trainer works in their own centre only.
  Trainee other{.name = "Lain", .nik = "3303000000000099", .centre = f.centreB, .consent = true};
  CHECK(f.store->addTrainee(*f.trainer, other).error().code == canting::records::RecordsError::NotAllowed);
  CHECK(f.store->addSession(*f.trainer, {.date = "2026-05-01", .topic = "desain", .centre = f.centreB}).error().code == canting::records::RecordsError::NotAllowed);
  // Only the administrator issues certificates, adds centres and people.
  CHECK(f.store->addCentre(*f.trainer, {0, "", "Baru"}).error().code == canting::records::RecordsError::NotAllowed);
  CHECK(f.store->issueCertificate(*f.assessor, t, f.scheme, "X/1", "2026-07-01").error().code == canting::records::RecordsError::NotAllowed);
}

TEST_CASE("NIK and phone are masked except for administrators and the trainee's own trainer", "[records][access]") {
  RecordsFixture f;
  Trainee t{.name = "Siti", .nik = "3303123456789012", .phone = "081234567890", .centre = f.centreA, .trainer = f.trainer->id(), .consent = true};
  const Id id = *f.store->addTrainee(*f.admin, t);
  const Id other = f.addTrainee(2, f.centreA);  // no trainer assigned

  CHECK(f.store->trainee(*f.admin, id)->nik == "3303123456789012");
  CHECK(f.store->trainee(*f.trainer, id)->nik == "3303123456789012");
  CHECK(f.store->trainee(*f.trainer, id)->phone == "081234567890");
  auto seenByAssessor = f.store->trainee(*f.assessor, id);
  CHECK(seenByAssessor->nik == "************9012");
  CHECK(seenByAssessor->phone == "*********890");
  CHECK(seenByAssessor->masked);
  CHECK(f.store->trainee(*f.trainer, other)->masked);
  // The history is masked the same way.
  auto hist = f.store->traineeHistory(*f.assessor, id);
  REQUIRE(hist);
  CHECK(hist->front().find("3303123456789012") == std::string::npos);
  // A masked reader cannot edit (they would overwrite the NIK with stars).
  Trainee edit = *seenByAssessor;
  CHECK_FALSE(f.store->updateTrainee(*f.assessor, edit));
}

TEST_CASE("NIK must be exactly 16 digits, unique, and consent is required", "[records]") {
  CHECK(validNik("3303123456789012"));
  CHECK_FALSE(validNik("330312345678901"));    // 15
  CHECK_FALSE(validNik("33031234567890123"));  // 17
  CHECK_FALSE(validNik("3303-23456789012"));
  CHECK_FALSE(validNik("３３０３123456789012"));  // full-width digits
  CHECK_FALSE(validNik(""));
  CHECK(validDate("2024-02-29"));
  CHECK_FALSE(validDate("2023-02-29"));
  CHECK_FALSE(validDate("2023-13-01"));
  CHECK_FALSE(validDate("23-01-01"));

  RecordsFixture f;
  Trainee t{.name = "A", .nik = "3303123456789012", .centre = f.centreA, .consent = true};
  REQUIRE(f.store->addTrainee(*f.admin, t));
  Trainee dup = t;
  dup.name = "B";
  auto r = f.store->addTrainee(*f.admin, dup);
  REQUIRE_FALSE(r);
  CHECK(r.error().arg("what") == "@records.field.nik_taken");
  Trainee bad = t;
  bad.nik = "12345";
  CHECK(f.store->addTrainee(*f.admin, bad).error().arg("what") == "@records.field.nik");
  Trainee noConsent = t;
  noConsent.nik = "3303123456789013";
  noConsent.consent = false;
  CHECK(f.store->addTrainee(*f.admin, noConsent).error().arg("what") == "@records.field.consent");
}

TEST_CASE("a database failure keeps SQLite's result codes in the Error's detail", "[records][sqlite]") {
  CHECK(sqliteCodeName(SQLITE_CONSTRAINT_UNIQUE) == "SQLITE_CONSTRAINT_UNIQUE");
  CHECK(sqliteCodeName(SQLITE_NOTADB) == "SQLITE_NOTADB");
  CHECK(sqliteCodeName(99999) == "SQLITE_99999");

  // An edit to another trainee's NIK is caught by the unique index, not by a
  // check before it: the store call, both codes and SQLite's words survive.
  RecordsFixture f;
  CHECK(f.nikClashDetail() == "updateTrainee: sqlite 19/2067 SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: trainees.nik");
}

TEST_CASE("nothing is hard-deleted and a correction keeps the earlier version", "[records]") {
  RecordsFixture f;
  const Id id = f.addTrainee(1, f.centreA, "Siti Rahayu");
  Trainee t = *f.store->trainee(*f.admin, id);
  f.clock += 60;
  t.name = "Siti Rahayu Utami";
  REQUIRE(f.store->updateTrainee(*f.admin, t));
  CHECK(f.store->trainee(*f.admin, id)->name == "Siti Rahayu Utami");
  auto hist = f.store->traineeHistory(*f.admin, id);
  REQUIRE(hist);
  REQUIRE(hist->size() == 2);
  CHECK(hist->at(0).find("\"Siti Rahayu\"") != std::string::npos);
  // The database itself refuses DELETE, whoever asks.
  CHECK_THROWS_AS(f.store->db().exec("DELETE FROM trainees"), DbError);
  CHECK_THROWS_AS(f.store->db().exec("UPDATE audit_log SET user = 'x'"), DbError);
  CHECK(f.store->trainees(*f.admin)->size() == 1);
}

TEST_CASE("the audit chain verifies, and detects an edited row even with the trigger removed", "[records][audit][sqlite]") {
  RecordsFixture f;
  f.addTrainee(1, f.centreA);
  f.addTrainee(2, f.centreA);
  auto ok = f.store->verifyAudit();
  REQUIRE(ok);
  CHECK(ok->intact);
  CHECK(ok->rows >= 8);
  const auto file = f.store->options().file;
  f.store.reset();
  rawExec(file, "DROP TRIGGER audit_append_only; UPDATE audit_log SET user = 'someone else' WHERE seq = 5;");
  f.reopen();
  auto bad = f.store->verifyAudit();
  REQUIRE(bad);
  CHECK_FALSE(bad->intact);
  CHECK(bad->firstBad == 5);
}

TEST_CASE("an audit row removed from the middle breaks the chain", "[records][audit][sqlite]") {
  RecordsFixture f;
  f.addTrainee(1, f.centreA);
  const auto file = f.store->options().file;
  f.store.reset();
  rawExec(file, "DROP TRIGGER no_delete_audit_log; DELETE FROM audit_log WHERE seq = 3;");
  f.reopen();
  auto bad = f.store->verifyAudit();
  REQUIRE(bad);
  CHECK_FALSE(bad->intact);
  CHECK(bad->firstBad == 4);
}

TEST_CASE("the chain's head is the last entry, printed as SEQ:HASH16 and matched by its prefix", "[records][audit]") {
  RecordsFixture f;
  f.addTrainee(1, f.centreA);
  auto head = f.store->auditHead();
  REQUIRE(head);
  auto rows = f.store->audit(*f.admin, 1);
  REQUIRE(rows);
  REQUIRE(rows->size() == 1);
  CHECK(head->seq == rows->front().seq);
  CHECK(head->hash == rows->front().hash);
  const std::string printed = head->text();
  CHECK(printed == std::to_string(head->seq) + ":" + head->hash.substr(0, 16));
  auto parsed = AuditHead::parse(printed);
  REQUIRE(parsed);
  CHECK(head->matches(*parsed));
  auto upper = AuditHead::parse(std::to_string(head->seq) + ":" + head->hash.substr(0, 12));
  for (char& c : upper->hash) c = char(std::toupper(static_cast<unsigned char>(c)));
  CHECK(head->matches(*AuditHead::parse(std::to_string(head->seq) + ":" + upper->hash)));
  CHECK_FALSE(head->matches(*AuditHead::parse(std::to_string(head->seq - 1) + ":" + head->hash.substr(0, 16))));
  std::string other = head->hash.substr(0, 16);
  other[0] = other[0] == '0' ? '1' : '0';
  CHECK_FALSE(head->matches(*AuditHead::parse(std::to_string(head->seq) + ":" + other)));
  for (const char* bad : {"", "12", ":abcdef12", "12:abc", "x1:abcdef12", "12:abcdefgh", "12:abcdef12:0"})
    CHECK_FALSE(AuditHead::parse(bad));
}

TEST_CASE("an assessment is checked against its frozen scheme version and drives progress", "[records]") {
  RecordsFixture f;
  const Id t = f.addTrainee(1, f.centreA);
  auto sch = *f.store->scheme(*f.admin, f.scheme);
  const Unit& u0 = sch.units[0];
  const Id c0 = u0.elements[0].criteria[0].id;

  // K while a criterion of the unit is Tidak is refused.
  AssessmentInput in{.trainee = t, .scheme = f.scheme, .date = "2026-06-01", .criteria = {{c0, false}}, .units = {{u0.id, true}}};
  CHECK(f.store->recordAssessment(*f.assessor, in).error().arg("what") == "@records.field.k_with_tidak");
  in.units[u0.id] = false;
  REQUIRE(f.store->recordAssessment(*f.assessor, in));
  auto p = f.store->unitProgress(*f.admin, t, f.scheme);
  REQUIRE(p);
  CHECK(p->at(0).second == 'B');
  // A later assessment supersedes; the matrix and dashboard follow.
  in.date = "2026-07-01";
  in.criteria[c0] = true;
  in.units[u0.id] = true;
  REQUIRE(f.store->recordAssessment(*f.assessor, in));
  CHECK(f.store->unitProgress(*f.admin, t, f.scheme)->at(0).second == 'K');
  auto m = f.store->matrix(*f.admin, f.centreA, f.scheme);
  REQUIRE(m);
  CHECK(m->cells.at(0) == "K   ");
  auto d = f.store->dashboard(*f.admin);
  REQUIRE(d);
  CHECK(d->at(0).unitsAchieved == 1);
  CHECK(f.store->assessmentsOf(*f.admin, t)->size() == 2);

  // A criterion from another scheme version is refused.
  AssessmentInput wrong{.trainee = t, .scheme = f.scheme, .date = "2026-06-01", .criteria = {{999999, true}}, .units = {{u0.id, true}}};
  CHECK(f.store->recordAssessment(*f.assessor, wrong).error().arg("what") == "@records.field.criterion_not_in_scheme");
}

namespace {
// What the dashboard's K count must equal: a count over the latest outcomes.
std::map<Id, int> achievedByCount(Store& s) {
  std::map<Id, int> n;
  auto q = s.db().prepare("SELECT centre_id, COUNT(*) FROM unit_status WHERE k = 1 GROUP BY centre_id");
  while (q.step()) n[q.i64(0)] = int(q.i64(1));
  return n;
}
std::map<Id, int> achievedOnDashboard(Store& s, const Actor& by) {
  std::map<Id, int> n;
  auto d = s.dashboard(by);
  REQUIRE(d);
  for (const CentreProgress& p : *d)
    if (p.unitsAchieved) n[p.centre] = p.unitsAchieved;
  return n;
}
}  // namespace

TEST_CASE("the dashboard's K per centre, kept by triggers, follows every later assessment and equals a count", "[records]") {
  RecordsFixture f;
  const Id a1 = f.addTrainee(1, f.centreA), a2 = f.addTrainee(2, f.centreA), b1 = f.addTrainee(3, f.centreB);
  auto sch = *f.store->scheme(*f.admin, f.scheme);
  REQUIRE(sch.units.size() >= 3);
  auto assess = [&](Id t, const char* date, int kUnits) {
    AssessmentInput in{.trainee = t, .scheme = f.scheme, .date = date};
    for (std::size_t i = 0; i < sch.units.size(); ++i) in.units[sch.units[i].id] = int(i) < kUnits;
    REQUIRE(f.store->recordAssessment(*f.assessor, in));
  };
  const int all = int(sch.units.size());
  assess(a1, "2026-06-01", all);
  assess(a2, "2026-06-01", 2);
  assess(b1, "2026-06-01", 1);
  CHECK(achievedOnDashboard(*f.store, *f.admin) == std::map<Id, int>{{f.centreA, all + 2}, {f.centreB, 1}});
  // A later BK replaces a K, an older assessment recorded late changes nothing, a later K adds.
  assess(a1, "2026-07-01", all - 1);
  assess(a2, "2026-05-01", all);
  assess(b1, "2026-07-01", 3);
  CHECK(achievedOnDashboard(*f.store, *f.admin) == std::map<Id, int>{{f.centreA, all - 1 + 2}, {f.centreB, 3}});
  CHECK(achievedOnDashboard(*f.store, *f.admin) == achievedByCount(*f.store));
}

TEST_CASE("schema 10 counts the latest outcomes already there, on either backend", "[records][migration]") {
  TempDir dir;
  std::unique_ptr<canting::test::PgDatabase> pg;
  StoreOptions o{.file = dir.path() / "pelatihan.db", .pinCost = PinCost::Minimum};
  if (canting::test::onPostgres()) {
    pg = std::make_unique<canting::test::PgDatabase>();
    o.pgUrl = pg->url, o.evidenceDir = dir.path() / "bukti";
  }
  {
    auto db = pg ? Db::openPostgres(pg->url) : Db::open(o.file);
    REQUIRE(db);
    REQUIRE(migrate(*db, 9, dir.path() / "setup", "old"));
    db->exec("INSERT INTO centres (id, uuid, name, updated_at) VALUES (1, 'c-1', 'Limbasari', '2025-01-01'), (2, 'c-2', 'Galuh', '2025-01-01');"
             "INSERT INTO schemes (id, uuid, code, title, version, loaded_at) VALUES (1, 's-1', 'S', 'Skema', '1', '2025-01-01');"
             "INSERT INTO units (id, scheme_id, title, sort) VALUES (1, 1, 'U1', 0), (2, 1, 'U2', 1);"
             "INSERT INTO trainees (id, uuid, name, nik, centre_id, updated_at) VALUES (1, 't-1', 'A', '3303000000000001', 1, '2025-01-01'),"
             " (2, 't-2', 'B', '3303000000000002', 2, '2025-01-01');"
             "INSERT INTO unit_status (trainee_id, unit_id, centre_id, k, date) VALUES (1, 1, 1, 1, '2025-02-01'), (1, 2, 1, 1, '2025-02-01'),"
             " (2, 1, 2, 0, '2025-02-01'), (2, 2, 2, 1, '2025-02-01')");
  }
  auto s = Store::open(o);
  REQUIRE(s);
  CHECK((*s)->schemaVersion() == 10);
  CHECK(achievedOnDashboard(**s, (*s)->systemActor()) == std::map<Id, int>{{1, 2}, {2, 1}});
}

TEST_CASE("certificates need every unit K, expire after the scheme's years, and warn 90 days ahead", "[records]") {
  RecordsFixture f;
  const Id t = f.addTrainee(1, f.centreA);
  auto sch = *f.store->scheme(*f.admin, f.scheme);
  CHECK(f.store->issueCertificate(*f.admin, t, f.scheme, "LSP/1", "2024-01-10").error().arg("what") == "@records.field.not_all_k");
  AssessmentInput in{.trainee = t, .scheme = f.scheme, .date = "2024-01-05"};
  for (const auto& u : sch.units) in.units[u.id] = true;
  REQUIRE(f.store->recordAssessment(*f.assessor, in));
  auto id = f.store->issueCertificate(*f.admin, t, f.scheme, "LSP/1", "2024-01-10");
  REQUIRE(id);
  auto certs = f.store->certificates(*f.admin, t);
  REQUIRE(certs->size() == 1);
  CHECK(certs->front().expiryDate == "2027-01-10");
  CHECK(certs->front().status == "active");
  CHECK(addYears("2024-02-29", 3) == "2027-02-28");

  // The fixture's clock is 2026-11-18: 53 days before expiry.
  CHECK(f.store->expiringWithin(*f.admin, 90)->size() == 1);
  CHECK(f.store->expiringWithin(*f.admin, 30)->empty());
  CHECK(f.store->dashboard(*f.admin)->at(0).expiring90 == 1);
  f.clock += 60 * 86400;  // past the expiry
  CHECK(f.store->certificates(*f.admin, t)->front().status == "expired");
  CHECK(f.store->expiringWithin(*f.admin, 90)->empty());
  REQUIRE(f.store->revokeCertificate(*f.admin, *id, "salah terbit"));
  CHECK(f.store->certificates(*f.admin, t)->front().status == "revoked");
}

TEST_CASE("sessions keep attendance, and evidence is copied under its content hash", "[records]") {
  RecordsFixture f;
  const Id a = f.addTrainee(1, f.centreA), b = f.addTrainee(2, f.centreA);
  auto sid = f.store->addSession(*f.trainer, {.date = "2026-05-01", .topic = "pewarnaan", .centre = f.centreA,
                                               .attendance = {{a, Attendance::Present}, {b, Attendance::Excused}}});
  REQUIRE(sid);
  REQUIRE(f.store->setAttendance(*f.trainer, *sid, b, Attendance::Present));
  auto s = f.store->session(*f.admin, *sid);
  REQUIRE(s);
  CHECK(s->trainer == f.trainer->id());
  CHECK(s->attendance.at(b) == Attendance::Present);
  CHECK(f.store->addSession(*f.trainer, {.date = "2026-13-01", .topic = "x", .centre = f.centreA}).error().arg("what") == "@records.field.date");

  const auto photo = f.dir.path() / "..%2f..evil name.jpg";
  canting::test::writeText(photo, "foto kain");
  auto ev = f.store->addEvidence(*f.assessor, a, 0, EvidenceType::Direct, photo, "2026-05-02", "hasil praktik");
  REQUIRE(ev);
  auto list = f.store->evidenceOf(*f.admin, a);
  REQUIRE(list->size() == 1);
  CHECK(list->front().sha256 == sha256Hex("foto kain", 9));
  CHECK(list->front().fileName.find('/') == std::string::npos);
  CHECK(list->front().fileName.front() != '.');
  CHECK(canting::test::readAll(f.store->evidencePath(list->front().sha256)).size() == 9);
  CHECK(f.store->addEvidence(*f.assessor, a, 0, EvidenceType::Direct, f.dir.path() / "missing.jpg", "2026-05-02", "").error().code == ErrorCode::FileNotFound);
}

TEST_CASE("dye-lab attempts are saved through the lab's AttemptStore interface", "[records]") {
  RecordsFixture f;
  f.addTrainee(1, f.centreA, "Siti Rahayu");
  RecordsAttemptStore lab(*f.store, *f.trainer);
  canting::core::AttemptStore& s = lab;
  REQUIRE(s.save({"Siti Rahayu", "indigo-ceplok", "{\"steps\":[]}", 3.5, 0.9, 3, 2, "isen", "2026-11-18T10:00:00Z"}));
  REQUIRE(s.save({"Tamu", "sogan-kawung", "{}", 9.0, 0.2, 5, 3, "latar", ""}));
  auto mine = s.attemptsOf("Siti Rahayu");
  REQUIRE(mine);
  REQUIRE(mine->size() == 1);
  CHECK(mine->front().meanDeltaE == Approx(3.5));
  CHECK(mine->front().exercise == "indigo-ceplok");
  auto q = f.store->db().prepare("SELECT COUNT(*) FROM attempts WHERE trainee_id IS NOT NULL");
  q.step();
  CHECK(q.i64(0) == 1);  // the known name is linked to the trainee
  RecordsAttemptStore outletLab(*f.store, *f.outlet);
  CHECK_FALSE(outletLab.save({"Siti Rahayu", "x", "{}", 1, 1, 1, 1, "", ""}));
}

TEST_CASE("order numbers are unique, run on per year and survive a restart, only outlet staff and admins see orders", "[records][orders]") {
  RecordsFixture f;
  auto order = canting::test::sampleOrder;
  auto a = order(), b = order();
  auto na = f.store->saveOrder(*f.outlet, a);
  auto nb = f.store->saveOrder(*f.admin, b);
  REQUIRE(na);
  REQUIRE(nb);
  CHECK(*na == "PSN-2026-0001");
  CHECK(*nb == "PSN-2026-0002");
  CHECK(a.staff == "wati");
  f.reopen();
  auto outlet = *f.store->login("wati", "4567");
  auto c = order();
  CHECK(*f.store->saveOrder(outlet, c) == "PSN-2026-0003");
  f.clock += 60 * 86400;  // into 2027
  auto d = order();
  CHECK(*f.store->saveOrder(outlet, d) == "PSN-2027-0001");
  auto list = f.store->orders(outlet);
  REQUIRE(list->size() == 4);
  CHECK(list->back().number == "PSN-2026-0001");
  CHECK(list->back().total() == 700000);
  CHECK(list->back().swatches.at(0).dye == "Soga tingi");
  CHECK(f.store->orders(*f.trainer).error().code == canting::records::RecordsError::NotAllowed);
  auto e = order();
  CHECK(f.store->saveOrder(*f.assessor, e).error().code == canting::records::RecordsError::NotAllowed);
  e.customer.clear();
  CHECK(f.store->saveOrder(outlet, e).error().arg("what") == "@showroom.field.customer");
  e = order();
  e.quantity = 0;
  CHECK(f.store->saveOrder(outlet, e).error().arg("what") == "@showroom.field.quantity");
  // The database refuses a second order with the same number, whoever writes it.
  CHECK_THROWS_AS(f.store->db().exec("INSERT INTO orders (uuid, number, created_at, customer, motif_name, product_id, product_name, quantity, unit_price, staff) "
                                     "VALUES ('x', 'PSN-2026-0001', 'now', 'c', 'm', 'p', 'p', 1, 1, 's')"), DbError);
}
