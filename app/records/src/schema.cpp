// The records schema: one list of migrations (kV1..kV10, SQLite's spelling)
// rendered for SQLite or PostgreSQL, and the loop that applies them.
//
// [SECTION] the steps
// [SECTION] rendering a step for a dialect
// [SECTION] migrate

#include "canting/records/schema.h"

#include <string>
#include <vector>

#include "audit_content.h"
#include "pg_sql.h"

namespace canting::records {

namespace {

// [SECTION] the steps

// Every table that holds records refuses DELETE: corrections are new rows or
// new versions, and the audit log refuses UPDATE as well.
std::string noDelete(const char* table) {
  return std::string("CREATE TRIGGER no_delete_") + table + " BEFORE DELETE ON " + table +
         " BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;\n";
}

const char* const kV1 = R"sql(
CREATE TABLE centres (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  desa TEXT NOT NULL DEFAULT '', kecamatan TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL);
CREATE TABLE people (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin','trainer','assessor','outlet')),
  centre_id INTEGER REFERENCES centres(id), registration TEXT NOT NULL DEFAULT '',
  pin_hash TEXT NOT NULL DEFAULT '', failed INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL);
CREATE TABLE schemes (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, code TEXT NOT NULL, title TEXT NOT NULL,
  version TEXT NOT NULL, kind TEXT NOT NULL DEFAULT '', decree TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '', validity_years INTEGER NOT NULL DEFAULT 3, loaded_at TEXT NOT NULL,
  UNIQUE (code, title, version));
CREATE TABLE units (
  id INTEGER PRIMARY KEY, scheme_id INTEGER NOT NULL REFERENCES schemes(id),
  code TEXT NOT NULL DEFAULT '', title TEXT NOT NULL, sort INTEGER NOT NULL);
CREATE TABLE elements (
  id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL REFERENCES units(id), title TEXT NOT NULL, sort INTEGER NOT NULL);
CREATE TABLE criteria (
  id INTEGER PRIMARY KEY, element_id INTEGER NOT NULL REFERENCES elements(id), text TEXT NOT NULL, sort INTEGER NOT NULL);
CREATE TABLE trainees (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL, nik TEXT NOT NULL,
  birth_date TEXT NOT NULL DEFAULT '', sex TEXT NOT NULL DEFAULT '' CHECK (sex IN ('','L','P')),
  centre_id INTEGER NOT NULL REFERENCES centres(id), trainer_id INTEGER REFERENCES people(id),
  phone TEXT NOT NULL DEFAULT '', consent INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL);
CREATE INDEX trainees_centre ON trainees(centre_id);
CREATE UNIQUE INDEX trainees_nik ON trainees(nik);
CREATE TABLE trainee_versions (
  id INTEGER PRIMARY KEY, trainee_uuid TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, data TEXT NOT NULL,
  UNIQUE (trainee_uuid, updated_at, data));
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL,
  uuid TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

const char* const kV2 = R"sql(
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, centre_id INTEGER NOT NULL REFERENCES centres(id),
  trainer_id INTEGER REFERENCES people(id), date TEXT NOT NULL, topic TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL);
CREATE INDEX sessions_centre ON sessions(centre_id);
CREATE TABLE session_units (
  session_id INTEGER NOT NULL REFERENCES sessions(id), unit_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (session_id, unit_id));
CREATE TABLE attendance (
  session_id INTEGER NOT NULL REFERENCES sessions(id), trainee_id INTEGER NOT NULL REFERENCES trainees(id),
  status TEXT NOT NULL CHECK (status IN ('present','absent','excused')), updated_at TEXT NOT NULL,
  PRIMARY KEY (session_id, trainee_id));
CREATE TABLE assessments (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, trainee_id INTEGER NOT NULL REFERENCES trainees(id),
  scheme_id INTEGER NOT NULL REFERENCES schemes(id), assessor_id INTEGER REFERENCES people(id),
  date TEXT NOT NULL, place TEXT NOT NULL DEFAULT '', methods TEXT NOT NULL DEFAULT '[]',
  follow_up TEXT NOT NULL DEFAULT '', appeal TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL);
CREATE INDEX assessments_trainee ON assessments(trainee_id);
CREATE TABLE assessment_criteria (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id), criterion_id INTEGER NOT NULL REFERENCES criteria(id),
  ya INTEGER NOT NULL CHECK (ya IN (0,1)), PRIMARY KEY (assessment_id, criterion_id));
CREATE TABLE assessment_units (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id), unit_id INTEGER NOT NULL REFERENCES units(id),
  k INTEGER NOT NULL CHECK (k IN (0,1)), PRIMARY KEY (assessment_id, unit_id));
CREATE TRIGGER assessment_units_final BEFORE UPDATE ON assessment_units
  BEGIN SELECT RAISE(ABORT, 'a recorded K/BK is final; record a new assessment'); END;
-- Derived: the latest outcome per trainee and unit, kept so the dashboard
-- reads 10^5 rows instead of 10^6. Rebuilt from assessment_units at will.
CREATE TABLE unit_status (
  trainee_id INTEGER NOT NULL REFERENCES trainees(id), unit_id INTEGER NOT NULL REFERENCES units(id),
  centre_id INTEGER NOT NULL, k INTEGER NOT NULL, date TEXT NOT NULL, PRIMARY KEY (trainee_id, unit_id));
CREATE INDEX unit_status_centre ON unit_status(centre_id, k);
CREATE TABLE evidence (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, trainee_id INTEGER NOT NULL REFERENCES trainees(id),
  unit_id INTEGER REFERENCES units(id), type TEXT NOT NULL CHECK (type IN ('direct','indirect','supplementary')),
  file_name TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, date TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL);
CREATE INDEX evidence_trainee ON evidence(trainee_id);
CREATE TABLE certificates (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, trainee_id INTEGER NOT NULL REFERENCES trainees(id),
  scheme_id INTEGER NOT NULL REFERENCES schemes(id), number TEXT NOT NULL, issue_date TEXT NOT NULL,
  expiry_date TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0, revoked_reason TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL);
CREATE INDEX certificates_expiry ON certificates(expiry_date);
)sql";

const char* const kV3 = R"sql(
CREATE TABLE attempts (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, trainee_id INTEGER REFERENCES trainees(id),
  trainee_name TEXT NOT NULL, exercise TEXT NOT NULL, plan TEXT NOT NULL, mean_de REAL NOT NULL,
  share_within_5 REAL NOT NULL, baths INTEGER NOT NULL, fewest_baths INTEGER NOT NULL,
  worst_layer TEXT NOT NULL DEFAULT '', at TEXT NOT NULL, recorded_by TEXT NOT NULL);
CREATE INDEX attempts_name ON attempts(trainee_name);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

const char* const kV4 = R"sql(
CREATE TABLE orders (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, number TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
  customer TEXT NOT NULL, contact TEXT NOT NULL DEFAULT '', motif_id TEXT NOT NULL DEFAULT '', motif_name TEXT NOT NULL,
  colorway TEXT NOT NULL DEFAULT '', swatches TEXT NOT NULL DEFAULT '[]', dyeable INTEGER NOT NULL DEFAULT 0,
  product_id TEXT NOT NULL, product_name TEXT NOT NULL, size TEXT NOT NULL DEFAULT '',
  quantity INTEGER NOT NULL CHECK (quantity > 0), unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  lead_days INTEGER NOT NULL DEFAULT 0, staff TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');
-- The running number per year; kept in the database so it survives restarts.
CREATE TABLE order_counter (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);
)sql";

// Who a session is for, chosen when it is made. A session with no rows here
// (made before version 5) is for every trainee of its centre.
const char* const kV5 = R"sql(
CREATE TABLE session_trainees (
  session_id INTEGER NOT NULL REFERENCES sessions(id), trainee_id INTEGER NOT NULL REFERENCES trainees(id),
  PRIMARY KEY (session_id, trainee_id));
)sql";

// The audit log names the record each entry wrote and the hash of its content
// (audit_content.cpp). Rows already there when this ran were written before
// entries carried content; their highest ids are kept so that verify-audit
// asks an entry only of the records made after.
const char* const kV6 = R"sql(
ALTER TABLE audit_log ADD COLUMN record_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN record_uuid TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
INSERT OR REPLACE INTO meta (key, value) SELECT 'audit_from.centres', COALESCE(MAX(id), 0) FROM centres;
INSERT OR REPLACE INTO meta (key, value) SELECT 'audit_from.people', COALESCE(MAX(id), 0) FROM people;
INSERT OR REPLACE INTO meta (key, value) SELECT 'audit_from.schemes', COALESCE(MAX(id), 0) FROM schemes;
INSERT OR REPLACE INTO meta (key, value) SELECT 'audit_from.trainees', COALESCE(MAX(id), 0) FROM trainees;
INSERT OR REPLACE INTO meta (key, value) SELECT 'audit_from.sessions', COALESCE(MAX(id), 0) FROM sessions;
INSERT OR REPLACE INTO meta (key, value) SELECT 'audit_from.assessments', COALESCE(MAX(id), 0) FROM assessments;
INSERT OR REPLACE INTO meta (key, value) SELECT 'audit_from.evidence', COALESCE(MAX(id), 0) FROM evidence;
INSERT OR REPLACE INTO meta (key, value) SELECT 'audit_from.certificates', COALESCE(MAX(id), 0) FROM certificates;
INSERT OR REPLACE INTO meta (key, value) SELECT 'audit_from.attempts', COALESCE(MAX(id), 0) FROM attempts;
INSERT OR REPLACE INTO meta (key, value) SELECT 'audit_from.orders', COALESCE(MAX(id), 0) FROM orders;
)sql";

// Keys and signatures: every key this database knows (its own, sealed under
// a PIN or kept in the installation's key file, and those it enrolled), and
// the signature on each K/BK outcome and certificate. Rows written before
// version 7 keep an empty signature: legacy, see docs/SECURITY.md.
const char* const kV7 = R"sql(
CREATE TABLE keys (
  id INTEGER PRIMARY KEY, public_key TEXT NOT NULL UNIQUE, fingerprint TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('installation','person')), owner_uuid TEXT NOT NULL, owner_name TEXT NOT NULL,
  role TEXT NOT NULL, centres TEXT NOT NULL DEFAULT '[]', origin TEXT NOT NULL CHECK (origin IN ('own','enrolled')),
  secret TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, revoked_from TEXT NOT NULL DEFAULT '');
CREATE INDEX keys_owner ON keys(owner_uuid);
ALTER TABLE assessments ADD COLUMN signer TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN signature TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN signed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN signer TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN signature TEXT NOT NULL DEFAULT '';
)sql";

// What the regency holds of each centre's audit chain: the hash (first 16 hex
// digits) of every entry up to the last head it imported, so a later bundle
// can be checked to extend it, and one row per import that moved the head.
// Orders taken at a centre's outlet, as they came in its bundles (numbers
// repeat from centre to centre, so they are kept apart from this outlet's
// own). Attempts keep which centre's bundle brought them.
const char* const kV8 = R"sql(
CREATE TABLE centre_chain (
  centre_id INTEGER NOT NULL REFERENCES centres(id), seq INTEGER NOT NULL, hash TEXT NOT NULL,
  PRIMARY KEY (centre_id, seq)) WITHOUT ROWID;
CREATE TABLE centre_heads (
  id INTEGER PRIMARY KEY, centre_id INTEGER NOT NULL REFERENCES centres(id), seq INTEGER NOT NULL, hash TEXT NOT NULL,
  exported_at TEXT NOT NULL, imported_at TEXT NOT NULL, file TEXT NOT NULL DEFAULT '');
CREATE INDEX centre_heads_centre ON centre_heads(centre_id, seq);
CREATE TABLE centre_orders (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, centre_id INTEGER NOT NULL REFERENCES centres(id),
  number TEXT NOT NULL, created_at TEXT NOT NULL, customer TEXT NOT NULL, contact TEXT NOT NULL DEFAULT '',
  motif_id TEXT NOT NULL DEFAULT '', motif_name TEXT NOT NULL, colorway TEXT NOT NULL DEFAULT '',
  swatches TEXT NOT NULL DEFAULT '[]', dyeable INTEGER NOT NULL DEFAULT 0, product_id TEXT NOT NULL,
  product_name TEXT NOT NULL, size TEXT NOT NULL DEFAULT '', quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0), lead_days INTEGER NOT NULL DEFAULT 0, staff TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '', UNIQUE (centre_id, number));
ALTER TABLE attempts ADD COLUMN centre_id INTEGER REFERENCES centres(id);
)sql";

// Network sync (issue 19). At the regency: every receipt it signed, by the
// bundle's SHA-256, so a push sent again (its receipt lost on a cut link) gets
// the same receipt back without a second import. At a centre: every receipt
// it got, with the regency's key (the first one seen is kept and later
// receipts must be signed by it) and the local head right after the export,
// so a sync with nothing new sends nothing.
const char* const kV9 = R"sql(
CREATE TABLE sync_receipts (
  id INTEGER PRIMARY KEY, bundle_sha256 TEXT NOT NULL UNIQUE, centre_uuid TEXT NOT NULL, head TEXT NOT NULL,
  receipt TEXT NOT NULL, signature TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE sync_sent (
  id INTEGER PRIMARY KEY, server TEXT NOT NULL, centre_uuid TEXT NOT NULL, bundle_sha256 TEXT NOT NULL,
  head TEXT NOT NULL, local_head TEXT NOT NULL, regency_key TEXT NOT NULL, receipt TEXT NOT NULL,
  signature TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX sync_sent_server ON sync_sent(server, centre_uuid, id);
)sql";

// The regency's dashboard at a district's scale (issue 19): each centre's K
// outcomes counted as unit_status changes, by triggers in the same
// transaction (kV10Sqlite / kV10Postgres below), so the dashboard reads one
// row per centre instead of counting 10^5 latest outcomes. Derived, like
// unit_status: filled here from what is there.
const char* const kV10 = R"sql(
CREATE TABLE centre_progress (centre_id INTEGER NOT NULL PRIMARY KEY, units_achieved INTEGER NOT NULL);
INSERT INTO centre_progress (centre_id, units_achieved) SELECT centre_id, COUNT(*) FROM unit_status WHERE k = 1 GROUP BY centre_id;
)sql";

// SQLite has row triggers only: one step per latest outcome written.
const char* const kV10Sqlite = R"sql(
CREATE TRIGGER centre_progress_insert AFTER INSERT ON unit_status WHEN NEW.k = 1 BEGIN
  INSERT INTO centre_progress (centre_id, units_achieved) VALUES (NEW.centre_id, 1)
    ON CONFLICT (centre_id) DO UPDATE SET units_achieved = units_achieved + 1;
END;
CREATE TRIGGER centre_progress_delete AFTER DELETE ON unit_status WHEN OLD.k = 1 BEGIN
  UPDATE centre_progress SET units_achieved = units_achieved - 1 WHERE centre_id = OLD.centre_id;
END;
CREATE TRIGGER centre_progress_update AFTER UPDATE ON unit_status BEGIN
  UPDATE centre_progress SET units_achieved = units_achieved - 1 WHERE centre_id = OLD.centre_id AND OLD.k = 1;
  INSERT INTO centre_progress (centre_id, units_achieved) SELECT NEW.centre_id, 1 WHERE NEW.k = 1
    ON CONFLICT (centre_id) DO UPDATE SET units_achieved = units_achieved + 1;
END;
)sql";

// PostgreSQL counts per statement over its transition tables: a trainee's
// refresh (one DELETE, one INSERT ... SELECT) or a bulk load is one step each.
const char* const kV10Postgres = R"sql(
CREATE FUNCTION canting_progress_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE centre_progress p SET units_achieved = p.units_achieved - o.n
      FROM (SELECT centre_id, COUNT(*) AS n FROM old_rows WHERE k = 1 GROUP BY centre_id) o WHERE p.centre_id = o.centre_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO centre_progress (centre_id, units_achieved)
      SELECT centre_id, COUNT(*) FROM new_rows WHERE k = 1 GROUP BY centre_id
      ON CONFLICT (centre_id) DO UPDATE SET units_achieved = centre_progress.units_achieved + EXCLUDED.units_achieved;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER centre_progress_insert AFTER INSERT ON unit_status REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION canting_progress_add();
CREATE TRIGGER centre_progress_delete AFTER DELETE ON unit_status REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION canting_progress_add();
CREATE TRIGGER centre_progress_update AFTER UPDATE ON unit_status REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION canting_progress_add();
)sql";

// [SECTION] rendering a step for a dialect

// The tables each version makes that hold records (and so refuse DELETE).
std::vector<const char*> recordTables(int to) {
  switch (to) {
    case 1: return {"centres", "people", "schemes", "units", "elements", "criteria", "trainees", "trainee_versions", "audit_log"};
    case 2: return {"sessions", "session_units", "attendance", "assessments", "assessment_criteria", "assessment_units", "evidence", "certificates"};
    case 3: return {"attempts"};
    case 4: return {"orders"};
    case 5: return {"session_trainees"};
    case 7: return {"keys"};
    case 8: return {"centre_chain", "centre_heads", "centre_orders"};
    case 9: return {"sync_receipts", "sync_sent"};
    default: return {};
  }
}

const char* const kSteps[] = {kV1, kV2, kV3, kV4, kV5, kV6, kV7, kV8, kV9, kV10};

// PostgreSQL's own pieces: the function every refusing trigger calls, made
// with the first version.
const char* const kPgRefuse = R"sql(
CREATE FUNCTION canting_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'P0001'; END $$;
)sql";

// One description, two renderings: the SQLite text as it always was, or the
// same text through ddlToPostgres with the triggers that note written records
// (SQLite's update hook does that there; see audit_content.cpp).
std::string step(int to, Dialect dialect) {
  std::string sql = kSteps[to - 1];
  for (const char* t : recordTables(to)) sql += noDelete(t);
  if (dialect == Dialect::Sqlite) return to == 10 ? sql + kV10Sqlite : sql;
  std::string pg = to == 1 ? kPgRefuse : "";
  pg += detail::ddlToPostgres(sql);
  for (const char* t : recordTables(to)) pg += detail::pgWriteTracking(t);
  return to == 10 ? pg + kV10Postgres : pg;
}

}  // namespace

// [SECTION] migrate

Status migrate(Db& db, int target, const std::filesystem::path& backupDir, const std::string& stamp) {
  try {
    int version = db.userVersion();
    if (version > target)
      return imaging::makeError(canting::records::RecordsError::DatabaseDamaged,
                                {{"reason", "@records.newer_schema"}, {"backups", backupDir.string()}},
                                "schema " + std::to_string(version) + " is newer than this program");
    // A database made by this very call holds nothing yet to keep: backing up
    // each of its steps would only write copies of an empty schema (and fill a
    // small disk before the first record).
    const bool hadSchema = version > 0;
    for (; version < target; ++version) {
      // PostgreSQL is backed up with pg_dump, by its administrator (docs/DEPLOY.md).
      if (hadSchema && db.dialect() == Dialect::Sqlite) {
        std::error_code ec;
        std::filesystem::create_directories(backupDir, ec);
        const auto copy = backupDir / ("records-v" + std::to_string(version) + "-" + stamp + ".db");
        std::filesystem::remove(copy, ec);
        db.prepare("VACUUM INTO ?1").bind(1, copy.string()).run();
      }
      Transaction tx(db);
      // Another connection may have taken this step while this one waited for the lock.
      if (db.userVersion() != version) {
        version = db.userVersion() - 1;
        continue;
      }
      db.exec(step(version + 1, db.dialect()));
      db.setUserVersion(version + 1);
      tx.commit();
    }
  } catch (const DbError& e) {
    return imaging::makeError(canting::records::RecordsError::DatabaseDamaged, {{"reason", e.message}, {"backups", backupDir.string()}},
                              "migrate: " + e.describe());
  }
  return imaging::Ok{};
}

}  // namespace canting::records
