// Backups and restores of the records file: every table round-trips, a file
// that is not an intact Canting records database is refused without any
// change, and the reminder's rule.

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <map>

#include "canting/records/backup.h"
#include "canting/records/bundle.h"
#include "canting/records/schema.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::test::Bytes;
using canting::test::readAll;
using canting::test::RecordsFixture;
using canting::test::writeAll;
using canting::test::writeText;
namespace fs = std::filesystem;

namespace {

using Tables = std::map<std::string, std::vector<std::string>>;

// Every table of a database file, row by row in rowid order (or by the whole
// row for tables without one), read with plain SQLite so the store's own code
// is not what checks it.
Tables dumpTables(const fs::path& file) {
  Tables out;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::vector<std::string> names;
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &s, nullptr);
  while (sqlite3_step(s) == SQLITE_ROW) names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  sqlite3_finalize(s);
  for (const auto& name : names) {
    auto& rows = out[name];
    REQUIRE(sqlite3_prepare_v2(db, ("SELECT * FROM \"" + name + "\"").c_str(), -1, &s, nullptr) == SQLITE_OK);
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        const auto* t = sqlite3_column_text(s, c);
        row += (t ? std::string(reinterpret_cast<const char*>(t)) : std::string("NULL")) + '\x1f';
      }
      rows.push_back(row);
    }
    sqlite3_finalize(s);
    std::sort(rows.begin(), rows.end());
  }
  sqlite3_close(db);
  return out;
}

void execSql(const fs::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

// A record of every kind the store keeps: people, centres, schemes, trainees
// and their versions, sessions (units, trainees, attendance), assessments
// (criteria, units, derived status), evidence, certificates (revoked),
// attempts, orders and their counter, meta, and the audit log of it all.
void fillEveryTable(RecordsFixture& f) {
  const Id a = f.addTrainee(1, f.centreA, "Siti"), b = f.addTrainee(2, f.centreA, "Dewi");
  auto siti = *f.store->trainee(*f.admin, a);
  siti.phone = "081299990000";
  f.clock += 60;
  REQUIRE(f.store->updateTrainee(*f.admin, siti));
  auto sch = *f.store->scheme(*f.admin, f.scheme);
  REQUIRE(f.store->addSession(*f.trainer, {.date = "2026-05-01", .topic = "pewarnaan", .centre = f.centreA, .units = {sch.units[0].id},
                                           .attendance = {{a, Attendance::Present}, {b, Attendance::Absent}}, .trainees = {a, b}}));
  AssessmentInput in{.trainee = a, .scheme = f.scheme, .date = "2026-06-01", .methods = {"observasi"}};
  for (const auto& u : sch.units) in.units[u.id] = true;
  for (const auto& e : sch.units[0].elements)
    for (const auto& k : e.criteria) in.criteria[k.id] = true;
  REQUIRE(f.store->recordAssessment(*f.assessor, in));
  const auto photo = f.dir.path() / "kain.jpg";
  writeText(photo, "foto kain siti");
  REQUIRE(f.store->addEvidence(*f.assessor, a, sch.units[0].id, EvidenceType::Direct, photo, "2026-06-01", ""));
  auto cert = f.store->issueCertificate(*f.admin, a, f.scheme, "LSP/2026/1", "2026-07-01");
  REQUIRE(cert);
  REQUIRE(f.store->revokeCertificate(*f.admin, *cert, "salah nama"));
  REQUIRE(f.store->saveAttempt(*f.trainer, {"Siti", "indigo-ceplok", "{}", 4.0, 0.8, 3, 2, "isen", ""}));
  auto o = canting::test::sampleOrder();
  REQUIRE(f.store->saveOrder(*f.outlet, o));
  // A centre's bundle (no trainees of its own): its orders and the chain head kept for it.
  RecordsFixture centre;
  auto co = canting::test::sampleOrder();
  REQUIRE(centre.store->saveOrder(*centre.outlet, co));
  const auto bundle = centre.dir.path() / "limbasari.canting-bundle";
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, bundle));
  f.enrol(*centre.store);
  REQUIRE(importBundle(*f.store, *f.admin, bundle));
  // The network sync's receipts (app/sync writes them): one signed here as the regency, one kept as a centre.
  f.store->db().exec(
      "INSERT INTO sync_receipts (bundle_sha256, centre_uuid, head, receipt, signature, created_at) "
      "VALUES ('ab12', 'c-uuid', '7:0123456789abcdef', '{}', '', '2026-11-18T00:00:00Z');"
      "INSERT INTO sync_sent (server, centre_uuid, bundle_sha256, head, local_head, regency_key, receipt, signature, created_at) "
      "VALUES ('https://kabupaten:8443', 'c-uuid', 'ab12', '7:0123456789abcdef', '8:fedcba9876543210', 'k', '{}', 's', '2026-11-18T00:00:00Z');");
}

fs::path dbFile(const RecordsFixture& f) { return f.options().file; }

// The folder's files and their bytes: what "changes nothing" is checked against.
std::map<std::string, Bytes> folderBytes(const fs::path& dir) {
  std::map<std::string, Bytes> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) out[e.path().filename().string()] = readAll(e.path());
  return out;
}

}  // namespace

TEST_CASE("a backup holds every table row for row, and restoring it brings every record back", "[records][backup][sqlite]") {
  RecordsFixture f;
  REQUIRE(f.store->backupTo(f.dir / "first.db"));  // so meta holds a row too
  fillEveryTable(f);
  f.clock += 3600;
  const Tables before = dumpTables(dbFile(f));
  for (const auto& [table, rows] : before) {
    INFO(table);
    CHECK(!rows.empty());  // every kind of record is in the test
  }
  CHECK(before.size() >= 20);

  const fs::path copy = f.dir / "flashdisk" / "cadangan.db";
  fs::create_directories(copy.parent_path());
  REQUIRE(f.store->backupTo(copy));
  CHECK(dumpTables(copy) == before);
  CHECK(*f.store->lastBackupAt() == f.clock);
  // The copy stands alone on the flash drive: no -wal beside it, no temporary left.
  CHECK(fs::directory_iterator(copy.parent_path())->path() == copy);
  CHECK(std::distance(fs::directory_iterator(copy.parent_path()), fs::directory_iterator()) == 1);

  // Records change after the backup; the restore brings back the backup's.
  f.addTrainee(3, f.centreB, "Sesudah cadangan");
  const Tables changed = dumpTables(dbFile(f));
  f.store.reset();
  f.clock += 60;
  auto r = restoreDatabase(copy, dbFile(f), f.clock);
  REQUIRE(r);
  CHECK(r->fromVersion == Store::kSchemaVersion);
  CHECK(r->auditRows > 10);
  CHECK(r->keptAs == f.dir / ("pelatihan.db." + fileStamp(f.clock) + ".bak"));
  CHECK(r->keptAs.filename().string().size() == std::string("pelatihan.db.20261118-000000.bak").size());
  CHECK(dumpTables(dbFile(f)) == before);
  CHECK(dumpTables(r->keptAs) == changed);  // the records as they were, kept beside
  CHECK(!fs::exists(f.dir / ".pelatihan.db.part-restore"));
  f.reopen();
  CHECK(f.store->verifyAudit()->intact);
  auto admin = f.store->login("admin", "1234");
  REQUIRE(admin);
  CHECK(f.store->trainees(*admin)->size() == 2);
  CHECK(f.store->orders(*admin)->size() == 1);
}

TEST_CASE("restoring a damaged or foreign file is refused and changes no byte", "[records][backup][sqlite]") {
  RecordsFixture f;
  fillEveryTable(f);
  const fs::path good = f.dir / "cadangan" / "baik.db";
  fs::create_directories(good.parent_path());
  REQUIRE(f.store->backupTo(good));
  f.store.reset();  // the records file is closed: its bytes are all there is
  const Bytes goodBytes = readAll(good);

  auto bad = [&](const std::string& name, Bytes bytes) {
    const fs::path p = f.dir / "cadangan" / name;
    writeAll(p, bytes);
    return p;
  };
  Bytes truncated(goodBytes.begin(), goodBytes.begin() + std::ptrdiff_t(goodBytes.size() / 2));
  Bytes pageFlipped = goodBytes;
  pageFlipped[4096] ^= 0x04;  // page 2's b-tree page type: not a page kind any more
  // A bit of one audit hash flipped: the pages are fine, the chain is not.
  Bytes hashFlipped = goodBytes;
  {
    const std::string sql = "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1";
    sqlite3* db = nullptr;
    sqlite3_open_v2(good.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    const std::string hash = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(db);
    const auto at = std::search(hashFlipped.begin(), hashFlipped.end(), hash.begin(), hash.end());
    REQUIRE(at != hashFlipped.end());
    at[10] = at[10] == 'a' ? 'b' : 'a';
  }
  const fs::path notOurs = f.dir / "cadangan" / "lain.db";
  execSql(notOurs, "CREATE TABLE kas (tanggal TEXT, jumlah INTEGER); INSERT INTO kas VALUES ('2026-01-01', 5000);");
  const fs::path newer = f.dir / "cadangan" / "baru.db";
  writeAll(newer, goodBytes);
  execSql(newer, "PRAGMA user_version = 99");
  const std::vector<std::pair<fs::path, std::string>> cases = {
      {bad("terpotong.db", truncated), "@records.restore.damaged"},
      {bad("halaman.db", pageFlipped), "@records.restore.damaged"},
      {bad("hash.db", hashFlipped), "@records.restore.audit_broken"},
      {bad("catatan.txt", Bytes{'b', 'u', 'k', 'a', 'n', '\n'}), "@records.restore.not_sqlite"},
      {bad("kosong.db", Bytes{}), "@records.restore.not_sqlite"},
      {notOurs, "@records.restore.not_ours"},
      {newer, "@records.newer_schema"},
  };
  const auto records = folderBytes(f.dir.path());
  const auto candidates = folderBytes(good.parent_path());
  for (const auto& [file, reason] : cases) {
    INFO(file.filename().string());
    auto r = restoreDatabase(file, dbFile(f), f.clock);
    REQUIRE(!r);
    CHECK(r.error().code == RecordsError::RestoreRefused);
    CHECK(r.error().arg("reason") == reason);
    CHECK(folderBytes(f.dir.path()) == records);
    CHECK(folderBytes(good.parent_path()) == candidates);
  }
  auto missing = restoreDatabase(f.dir / "tidak-ada.db", dbFile(f), f.clock);
  CHECK(missing.error().code == canting::imaging::ErrorCode::FileNotFound);
  CHECK(folderBytes(f.dir.path()) == records);
  // The good one, after all that, restores.
  CHECK(restoreDatabase(good, dbFile(f), f.clock));
}

TEST_CASE("a backup refuses the records file itself, a folder and a missing folder, and keeps nothing half-written", "[records][backup][sqlite]") {
  RecordsFixture f;
  auto self = f.store->backupTo(dbFile(f));
  CHECK(self.error().code == RecordsError::BackupFailed);
  CHECK(f.store->backupTo(f.dir.path()).error().code == canting::imaging::ErrorCode::IsDirectory);
  CHECK(f.store->backupTo(f.dir / "tidak-ada" / "x.db").error().code == canting::imaging::ErrorCode::DirectoryMissing);
  CHECK(fs::directory_iterator(f.dir.path()) != fs::directory_iterator());
  for (const auto& e : fs::directory_iterator(f.dir.path())) CHECK(e.path().filename().string().find("part-backup") == std::string::npos);
  CHECK(!f.store->lastBackupAt());
  CHECK(f.store->verifyAudit()->intact);
}

TEST_CASE("the backup reminder: records and no backup, or a backup older than a week", "[records][backup][sqlite]") {
  const std::int64_t now = 1795000000, day = 86400;
  CHECK(!backupDue(std::nullopt, now, false));  // an empty database has nothing to lose
  CHECK(backupDue(std::nullopt, now, true));
  CHECK(!backupDue(now - 6 * day, now, true));
  CHECK(!backupDue(now - 7 * day, now, true));
  CHECK(backupDue(now - 7 * day - 1, now, true));
  CHECK(backupFileName("/data/pelatihan.db", now) == "pelatihan-" + fileStamp(now) + ".db");
  CHECK(fileStamp(0) == "19700101-000000");

  RecordsFixture empty(false);
  CHECK(!empty.store->hasRecords());
  CHECK(!backupDue(empty.store->lastBackupAt(), empty.clock, empty.store->hasRecords()));
  RecordsFixture f;
  CHECK(f.store->hasRecords());
  CHECK(backupDue(f.store->lastBackupAt(), f.clock, f.store->hasRecords()));
  REQUIRE(f.store->backupTo(f.dir / "c.db"));
  CHECK(!backupDue(f.store->lastBackupAt(), f.clock, true));
  f.clock += 8 * day;
  f.reopen();  // kept in the database, not in memory
  CHECK(backupDue(f.store->lastBackupAt(), f.clock, f.store->hasRecords()));
}

TEST_CASE("restoring a backup made by an older Canting migrates it, as opening does", "[records][backup][sqlite]") {
  RecordsFixture f;
  const fs::path old = f.dir / "lama" / "v4.db";
  fs::create_directories(old.parent_path());
  {
    auto db = Db::open(old);
    REQUIRE(db);
    REQUIRE(migrate(*db, 4, f.dir / "lama" / "cadangan", "20250101-000000"));
  }
  f.store.reset();
  auto r = restoreDatabase(old, dbFile(f), f.clock);
  REQUIRE(r);
  CHECK(r->fromVersion == 4);
  f.reopen();
  CHECK(f.store->schemaVersion() == Store::kSchemaVersion);
  auto q = f.store->db().prepare("SELECT count(*) FROM sqlite_master WHERE name = 'session_trainees'");
  q.step();
  CHECK(q.i64(0) == 1);
}
