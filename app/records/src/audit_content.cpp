// The canonical content of each kind of record, hashed for the audit log: one
// record at a time when an entry is written, every record at once when the log
// is verified. Both run the same queries (only the WHERE differs), so the two
// cannot drift apart. Local row ids stand for references: the hash is only
// ever compared inside the same database.
//
// Index of this file:
// [SECTION] the kinds of record and what their content is
// [SECTION] scanning: one record or all of them
// [SECTION] records written by an import (SQLite's update hook; triggers on PostgreSQL)

#include <sqlite3.h>

#include <cstring>
#include <map>
#include <set>

#include "audit_content.h"

namespace canting::records::detail {

namespace {

// [SECTION] the kinds of record and what their content is

// A query whose first column is the owning record's id, ordered by it; "%W"
// is replaced by the filter ("1", or "<key> = ?1" for one record).
struct Part {
  const char* sql;
  const char* key;
};
struct Kind {
  const char* kind;
  const char* table;
  Part main;  // id, uuid, then the fields
  std::vector<Part> children;
};

// People's failed-login counters change without being records; the PIN hash
// is content (whoever replaces it can log in as that person).
const std::vector<Kind>& kinds() {
  static const std::vector<Kind> k = {
      {"centre", "centres", {"SELECT id, uuid, name, desa, kecamatan, note, updated_at FROM centres WHERE %W ORDER BY id", "id"}, {}},
      {"person", "people",
       {"SELECT id, uuid, name, role, centre_id, registration, pin_hash, updated_at FROM people WHERE %W ORDER BY id", "id"}, {}},
      {"scheme", "schemes",
       {"SELECT id, uuid, code, title, version, kind, decree, source, validity_years, loaded_at FROM schemes WHERE %W ORDER BY id", "id"},
       {{"SELECT scheme_id, id, code, title, sort FROM units WHERE %W ORDER BY scheme_id, id", "scheme_id"},
        {"SELECT u.scheme_id, e.id, e.unit_id, e.title, e.sort FROM elements e JOIN units u ON u.id = e.unit_id WHERE %W ORDER BY u.scheme_id, e.id",
         "u.scheme_id"},
        {"SELECT u.scheme_id, c.id, c.element_id, c.text, c.sort FROM criteria c JOIN elements e ON e.id = c.element_id JOIN units u ON u.id = e.unit_id "
         "WHERE %W ORDER BY u.scheme_id, c.id",
         "u.scheme_id"}}},
      {"trainee", "trainees",
       {"SELECT id, uuid, name, nik, birth_date, sex, centre_id, trainer_id, phone, consent, updated_at FROM trainees WHERE %W ORDER BY id", "id"},
       {{"SELECT t.id, v.id, v.updated_at, v.origin, v.data FROM trainee_versions v JOIN trainees t ON t.uuid = v.trainee_uuid WHERE %W ORDER BY t.id, v.id",
         "t.id"}}},
      {"session", "sessions",
       {"SELECT id, uuid, centre_id, trainer_id, date, topic, title, updated_at FROM sessions WHERE %W ORDER BY id", "id"},
       {{"SELECT session_id, unit_id FROM session_units WHERE %W ORDER BY session_id, unit_id", "session_id"},
        {"SELECT session_id, trainee_id FROM session_trainees WHERE %W ORDER BY session_id, trainee_id", "session_id"},
        {"SELECT session_id, trainee_id, status, updated_at FROM attendance WHERE %W ORDER BY session_id, trainee_id", "session_id"}}},
      {"assessment", "assessments",
       {"SELECT id, uuid, trainee_id, scheme_id, assessor_id, date, place, methods, follow_up, appeal, created_at FROM assessments WHERE %W ORDER BY id",
        "id"},
       {{"SELECT assessment_id, unit_id, k FROM assessment_units WHERE %W ORDER BY assessment_id, unit_id", "assessment_id"},
        {"SELECT assessment_id, criterion_id, ya FROM assessment_criteria WHERE %W ORDER BY assessment_id, criterion_id", "assessment_id"}}},
      {"evidence", "evidence",
       {"SELECT id, uuid, trainee_id, unit_id, type, file_name, sha256, size, date, note, created_at FROM evidence WHERE %W ORDER BY id", "id"}, {}},
      {"certificate", "certificates",
       {"SELECT id, uuid, trainee_id, scheme_id, number, issue_date, expiry_date, revoked, revoked_reason, updated_at FROM certificates WHERE %W ORDER BY id",
        "id"},
       {}},
      {"attempt", "attempts",
       {"SELECT id, uuid, trainee_id, trainee_name, exercise, plan, mean_de, share_within_5, baths, fewest_baths, worst_layer, at, recorded_by "
        "FROM attempts WHERE %W ORDER BY id",
        "id"},
       {}},
      {"order", "orders",
       {"SELECT id, uuid, number, created_at, customer, contact, motif_id, motif_name, colorway, swatches, dyeable, product_id, product_name, size, "
        "quantity, unit_price, lead_days, staff, note FROM orders WHERE %W ORDER BY id",
        "id"},
       {}},
  };
  return k;
}

const Kind* findKind(const std::string& kind) {
  for (const Kind& k : kinds())
    if (kind == k.kind) return &k;
  return nullptr;
}

// [SECTION] scanning: one record or all of them

std::string withFilter(const Part& p, bool one) {
  std::string sql = p.sql;
  const auto at = sql.find("%W");
  sql.replace(at, 2, one ? std::string(p.key) + " = ?1" : std::string("1 = 1"));  // "WHERE 1" is not a boolean to PostgreSQL
  return sql;
}

// Fields from column `from` on, each after a unit separator; NULL is its own
// byte so that NULL and "" differ.
void appendRow(std::string& out, const Stmt& s, int from) {
  const int n = s.columns();
  for (int i = from; i < n; ++i) {
    out += '\x1f';
    if (s.isNull(i)) {
      out += '\x15';
      continue;
    }
    out += s.text(i);
  }
  out += '\x1e';
}

// Walks the main rows and merges each child query in by the owner's id (all
// are ordered by it), calling f(id, uuid, contentHash) once per record.
template <class F>
void scan(Db& db, const Kind& k, Id only, F&& f) {
  const bool one = only > 0;
  struct Cursor {
    Stmt s;
    bool live = false;
  };
  auto open = [&](const Part& p) {
    Stmt s = db.prepare(withFilter(p, one));
    if (one) s.bind(1, only);
    return s;
  };
  std::vector<Cursor> children;
  children.reserve(k.children.size());
  Stmt main = open(k.main);
  for (const Part& p : k.children) {
    Cursor c{open(p)};
    c.live = c.s.step();
    children.push_back(std::move(c));
  }
  std::string content;
  while (main.step()) {
    const Id id = main.i64(0);
    content.assign(k.kind);
    appendRow(content, main, 1);
    for (Cursor& c : children) {
      content += '\x1d';
      while (c.live && c.s.i64(0) < id) c.live = c.s.step();
      while (c.live && c.s.i64(0) == id) {
        appendRow(content, c.s, 1);
        c.live = c.s.step();
      }
    }
    f(id, main.text(1), sha256Hex(content.data(), content.size()));
  }
}

Id idOf(Db& db, const Kind& k, const RecordRef& r) {
  if (r.id > 0) return r.id;
  auto q = db.prepare(std::string("SELECT id FROM ") + k.table + " WHERE uuid = ?1");
  q.bind(1, r.uuid);
  return q.step() ? q.i64(0) : 0;
}

}  // namespace

bool isRecordKind(const std::string& kind) { return findKind(kind) != nullptr; }

std::optional<RecordContent> recordContent(Db& db, const RecordRef& r) {
  const Kind* k = findKind(r.kind);
  if (!k) return std::nullopt;
  const Id id = idOf(db, *k, r);
  if (id <= 0) return std::nullopt;
  std::optional<RecordContent> out;
  scan(db, *k, id, [&](Id, const std::string& uuid, const std::string& hash) { out = RecordContent{uuid, hash}; });
  return out;
}

void allRecordContents(Db& db, const std::function<void(const char* kind, const char* table, Id id, const std::string& uuid,
                                                        const std::string& hash)>& f) {
  for (const Kind& k : kinds())
    scan(db, k, 0, [&](Id id, const std::string& uuid, const std::string& hash) { f(k.kind, k.table, id, uuid, hash); });
}

// [SECTION] records written by an import (SQLite's update hook; triggers on PostgreSQL)

namespace {
// A child table's rows belong to the record its owner query names. SQLite's
// hook gives a rowid, looked up afterwards; PostgreSQL's trigger has the new
// row and names the owner at once.
struct Owner {
  const char* table;
  const char* kind;
  const char* sql;  // ?1 = rowid -> the owning record's id; nullptr: the row is the record
  const char* pg;   // the owning record's id from the trigger's NEW row
};
const std::vector<Owner>& owners() {
  static const std::vector<Owner> o = {
      {"centres", "centre", nullptr, "NEW.id"},
      {"people", "person", nullptr, "NEW.id"},
      {"schemes", "scheme", nullptr, "NEW.id"},
      {"units", "scheme", "SELECT scheme_id FROM units WHERE rowid = ?1", "NEW.scheme_id"},
      {"elements", "scheme", "SELECT u.scheme_id FROM elements e JOIN units u ON u.id = e.unit_id WHERE e.rowid = ?1",
       "(SELECT scheme_id FROM units WHERE id = NEW.unit_id)"},
      {"criteria", "scheme",
       "SELECT u.scheme_id FROM criteria c JOIN elements e ON e.id = c.element_id JOIN units u ON u.id = e.unit_id WHERE c.rowid = ?1",
       "(SELECT u.scheme_id FROM elements e JOIN units u ON u.id = e.unit_id WHERE e.id = NEW.element_id)"},
      {"trainees", "trainee", nullptr, "NEW.id"},
      {"trainee_versions", "trainee", "SELECT t.id FROM trainee_versions v JOIN trainees t ON t.uuid = v.trainee_uuid WHERE v.rowid = ?1",
       "(SELECT id FROM trainees WHERE uuid = NEW.trainee_uuid)"},
      {"sessions", "session", nullptr, "NEW.id"},
      {"session_units", "session", "SELECT session_id FROM session_units WHERE rowid = ?1", "NEW.session_id"},
      {"session_trainees", "session", "SELECT session_id FROM session_trainees WHERE rowid = ?1", "NEW.session_id"},
      {"attendance", "session", "SELECT session_id FROM attendance WHERE rowid = ?1", "NEW.session_id"},
      {"assessments", "assessment", nullptr, "NEW.id"},
      {"assessment_units", "assessment", "SELECT assessment_id FROM assessment_units WHERE rowid = ?1", "NEW.assessment_id"},
      {"assessment_criteria", "assessment", "SELECT assessment_id FROM assessment_criteria WHERE rowid = ?1", "NEW.assessment_id"},
      {"evidence", "evidence", nullptr, "NEW.id"},
      {"certificates", "certificate", nullptr, "NEW.id"},
      {"attempts", "attempt", nullptr, "NEW.id"},
      {"orders", "order", nullptr, "NEW.id"},
  };
  return o;
}

void onWrite(void* self, int op, const char*, const char* table, sqlite3_int64 rowid) {
  if (op == SQLITE_DELETE) return;
  static_cast<WrittenRecords*>(self)->note(table, rowid);
}

// The session's list of written records on PostgreSQL; the triggers add to
// it only while canting.track is on, so ordinary writes pay one setting lookup.
// No sequence in it: lastval() (Db::lastId) must still name the record just
// inserted. A table only ever appended to after TRUNCATE reads back in its
// physical (ctid) order, which is the order written.
constexpr const char* kPgWritten = "CREATE TEMP TABLE IF NOT EXISTS canting_written (kind TEXT NOT NULL, id BIGINT)";
}  // namespace

std::string pgWriteTracking(const std::string& table) {
  for (const Owner& o : owners())
    if (table == o.table)
      return std::string("CREATE FUNCTION canting_written_") + o.table + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
             "BEGIN\n  IF current_setting('canting.track', true) = 'on' THEN\n"
             "    INSERT INTO canting_written (kind, id) VALUES ('" + o.kind + "', " + o.pg + ");\n  END IF;\n  RETURN NULL;\nEND $$;\n"
             "CREATE TRIGGER written_" + o.table + " AFTER INSERT OR UPDATE ON " + o.table +
             " FOR EACH ROW EXECUTE FUNCTION canting_written_" + o.table + "();\n";
  return {};
}

WrittenRecords::WrittenRecords(Db& db) : m_db(db) {
  if (m_db.dialect() == Dialect::Sqlite) {
    sqlite3_update_hook(m_db.raw(), onWrite, this);
    return;
  }
  m_db.exec(kPgWritten);
  m_db.exec("TRUNCATE canting_written");
  m_db.exec("SELECT set_config('canting.track', 'on', false)");
}
WrittenRecords::~WrittenRecords() {
  try {
    stop();
  } catch (const DbError&) {
    // The connection is gone or its transaction failed: nothing more is noted either way.
  }
}
void WrittenRecords::stop() {
  if (m_on) {
    if (m_db.dialect() == Dialect::Sqlite)
      sqlite3_update_hook(m_db.raw(), nullptr, nullptr);
    else
      m_db.exec("SELECT set_config('canting.track', 'off', false)");
  }
  m_on = false;
}

// The hook may not touch the connection, so it only notes the row.
void WrittenRecords::note(const char* table, std::int64_t rowid) {
  for (const Owner& o : owners())
    if (std::strcmp(o.table, table) == 0) {
      m_rows.emplace_back(o.table, rowid);
      return;
    }
}

std::vector<RecordRef> WrittenRecords::records() {
  stop();
  std::set<std::pair<std::string, Id>> seen;
  std::vector<RecordRef> out;
  if (m_db.dialect() == Dialect::Postgres) {
    auto q = m_db.prepare("SELECT kind, id FROM canting_written WHERE id IS NOT NULL ORDER BY ctid");
    while (q.step())
      if (seen.insert({q.text(0), q.i64(1)}).second) out.push_back(RecordRef{q.text(0), "", q.i64(1)});
    return out;
  }
  std::map<std::string, Stmt> lookups;  // one prepared owner query per child table
  for (const auto& [table, rowid] : m_rows) {
    const Owner* o = nullptr;
    for (const Owner& c : owners())
      if (table == c.table) o = &c;
    Id id = rowid;
    if (o->sql) {
      auto it = lookups.find(table);
      if (it == lookups.end()) it = lookups.emplace(table, m_db.prepare(o->sql)).first;
      Stmt& q = it->second;
      q.reset();
      q.bind(1, rowid);
      if (!q.step()) continue;
      id = q.i64(0);
    }
    if (seen.insert({o->kind, id}).second) out.push_back(RecordRef{o->kind, "", id});
  }
  return out;
}

}  // namespace canting::records::detail
