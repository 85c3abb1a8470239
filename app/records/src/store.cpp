#include "canting/records/store.h"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "canting/records/schema.h"
#include "canting/imaging/file_io.h"
#include "store_internal.h"

namespace canting::records {

namespace fs = std::filesystem;
using imaging::ErrorCode;
using imaging::makeError;
using nlohmann::json;

// ---------------------------------------------------------------- helpers

const char* roleName(Role r) {
  switch (r) {
    case Role::Admin: return "admin";
    case Role::Trainer: return "trainer";
    case Role::Assessor: return "assessor";
    case Role::Outlet: return "outlet";
  }
  return "outlet";
}
std::optional<Role> parseRole(std::string_view t) {
  for (Role r : {Role::Admin, Role::Trainer, Role::Assessor, Role::Outlet})
    if (t == roleName(r)) return r;
  return std::nullopt;
}
const char* attendanceName(Attendance a) {
  switch (a) {
    case Attendance::Present: return "present";
    case Attendance::Absent: return "absent";
    case Attendance::Excused: return "excused";
  }
  return "absent";
}
std::optional<Attendance> parseAttendance(std::string_view t) {
  for (Attendance a : {Attendance::Present, Attendance::Absent, Attendance::Excused})
    if (t == attendanceName(a)) return a;
  return std::nullopt;
}
const char* evidenceTypeName(EvidenceType t) {
  switch (t) {
    case EvidenceType::Direct: return "direct";
    case EvidenceType::Indirect: return "indirect";
    case EvidenceType::Supplementary: return "supplementary";
  }
  return "direct";
}
std::optional<EvidenceType> parseEvidenceType(std::string_view t) {
  for (EvidenceType e : {EvidenceType::Direct, EvidenceType::Indirect, EvidenceType::Supplementary})
    if (t == evidenceTypeName(e)) return e;
  return std::nullopt;
}

bool validNik(const std::string& nik) {
  return nik.size() == 16 && std::all_of(nik.begin(), nik.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool validDate(const std::string& s) {
  int y, m, d;
  char tail;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string addYears(const std::string& ymd, int years) {
  int y = 0, m = 0, d = 0;
  std::sscanf(ymd.c_str(), "%4d-%2d-%2d", &y, &m, &d);
  y += years;
  // 29 February plus three years has no such day: the certificate runs to the 28th.
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  if (!validDate(buf)) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d - 1);
  return buf;
}

std::string newUuid() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = (b[6] & 0x0F) | 0x40;  // version 4
  b[8] = (b[8] & 0x3F) | 0x80;  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3],
                b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}

std::string sha256Hex(const void* data, std::size_t size) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, static_cast<const unsigned char*>(data), size);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string maskTail(const std::string& s, int keep) {
  if (s.empty()) return s;
  const std::size_t k = std::min<std::size_t>(std::size_t(keep), s.size() / 2);
  return std::string(s.size() - k, '*') + s.substr(s.size() - k);
}

namespace detail {

std::string isoTime(std::int64_t t) { return core::isoUtc(t); }

Error fromDb(const DbError& e, const std::string& path) {
  const int primary = e.code & 0xFF;
  if (primary == SQLITE_FULL) return makeError(ErrorCode::DiskFull, {{"path", path}}, e.message);
  if (primary == SQLITE_CONSTRAINT) return makeError(ErrorCode::InvalidArgument, {{"what", e.message}});
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    return makeError(canting::records::RecordsError::DatabaseDamaged, {{"reason", e.message}, {"path", path}, {"backups", ""}});
  if (primary == SQLITE_READONLY || primary == SQLITE_PERM || primary == SQLITE_CANTOPEN)
    return makeError(ErrorCode::PermissionDenied, {{"path", path}}, e.message);
  return makeError(ErrorCode::WriteFailed, {{"path", path}}, e.message);
}

Error invalid(const std::string& what) { return makeError(ErrorCode::InvalidArgument, {{"what", what}}); }

}  // namespace detail

using detail::fromDb;
using detail::invalid;
using detail::isoTime;

// Runs f, turning a DbError into the Result's error.
template <class F>
auto Store_guard(const Store& s, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const DbError& e) {
    return fromDb(e, s.options().file.string());
  }
}
#define GUARD(...) return Store_guard(*this, [&]() -> decltype(auto) { __VA_ARGS__ })

// ---------------------------------------------------------------- open

Result<std::unique_ptr<Store>> Store::open(StoreOptions opt) {
  if (sodium_init() < 0) return makeError(ErrorCode::OutOfMemory, {{"path", "libsodium"}});
  if (!opt.clock) opt.clock = [] { return std::int64_t(std::time(nullptr)); };
  if (opt.evidenceDir.empty()) opt.evidenceDir = opt.file.parent_path() / "bukti";
  std::error_code ec;
  if (!opt.file.parent_path().empty()) fs::create_directories(opt.file.parent_path(), ec);
  const fs::path backups = opt.file.parent_path() / "cadangan";
  auto db = Db::open(opt.file);
  if (!db) return db.error();
  try {
    // A file that is not a database fails here, before any change.
    db->exec("PRAGMA foreign_keys = ON");
    auto check = db->prepare("PRAGMA integrity_check");
    std::string first;
    if (check.step()) first = check.text(0);
    if (first != "ok")
      return makeError(canting::records::RecordsError::DatabaseDamaged, {{"reason", "integrity_check: " + first}, {"path", opt.file.string()},
                                                    {"backups", backups.string()}});
    check = Stmt();
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");
  } catch (const DbError& e) {
    return makeError(canting::records::RecordsError::DatabaseDamaged, {{"reason", e.message}, {"path", opt.file.string()}, {"backups", backups.string()}});
  }
  char stamp[32];
  const std::time_t t = std::time_t(opt.clock());
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  if (auto st = records::migrate(*db, kSchemaVersion, backups, stamp); !st) {
    auto e = st.error();
    for (auto& [k, v] : e.args)
      if (k == "path" && v.empty()) v = opt.file.string();
    if (e.arg("path").empty()) e.args.emplace_back("path", opt.file.string());
    return e;
  }
  return std::unique_ptr<Store>(new Store(std::move(opt), std::move(*db)));
}

Store::~Store() = default;

int Store::schemaVersion() {
  auto q = m_db.prepare("PRAGMA user_version");
  q.step();
  return int(q.i64(0));
}

bool Store::isDemo() {
  try {
    auto q = m_db.prepare("SELECT value FROM meta WHERE key = 'demo'");
    return q.step() && q.text(0) == "1";
  } catch (const DbError&) {
    return false;
  }
}

std::int64_t Store::now() const { return m_opt.clock(); }
std::string Store::today() const { return isoTime(now()).substr(0, 10); }

Actor Store::systemActor() const { return Actor(0, "sistem", Role::Admin, 0); }

Status Store::require(const Actor& by, std::initializer_list<Role> roles, const char* what) const {
  for (Role r : roles)
    if (by.role() == r) return imaging::Ok{};
  return makeError(canting::records::RecordsError::NotAllowed, {{"role", std::string("@records.role.") + roleName(by.role())}, {"what", std::string("@records.action.") + what}});
}

// ---------------------------------------------------------------- audit

namespace {
std::string chainHash(const std::string& prev, std::int64_t seq, const std::string& at, const std::string& user,
                      const std::string& action, const std::string& entity, const std::string& uuid, const std::string& detail) {
  // Unit separators keep "ab"+"c" and "a"+"bc" apart.
  std::string s = prev;
  for (const std::string& f : {std::to_string(seq), at, user, action, entity, uuid, detail}) {
    s += '\x1f';
    s += f;
  }
  return sha256Hex(s.data(), s.size());
}
}  // namespace

void Store::appendAudit(const std::string& user, const std::string& action, const std::string& entity, const std::string& uuid,
                        const std::string& detail) {
  std::string prev(64, '0');
  std::int64_t seq = 1;
  {
    auto q = m_db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (q.step()) {
      seq = q.i64(0) + 1;
      prev = q.text(1);
    }
  }
  const std::string at = isoTime(now());
  m_db.prepare("INSERT INTO audit_log (seq, at, user, action, entity, uuid, detail, prev_hash, hash) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)")
      .bind(1, seq).bind(2, at).bind(3, user).bind(4, action).bind(5, entity).bind(6, uuid).bind(7, detail).bind(8, prev)
      .bind(9, chainHash(prev, seq, at, user, action, entity, uuid, detail))
      .run();
}

Result<AuditCheck> Store::verifyAudit() {
  GUARD({
    AuditCheck c;
    std::string prev(64, '0');
    auto q = m_db.prepare("SELECT seq, at, user, action, entity, uuid, detail, prev_hash, hash FROM audit_log ORDER BY seq");
    std::int64_t expectSeq = 1;
    while (q.step()) {
      ++c.rows;
      const std::int64_t seq = q.i64(0);
      const bool follows = seq == expectSeq && q.text(7) == prev &&
                           q.text(8) == chainHash(prev, seq, q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6));
      if (!follows && c.intact) {
        c.intact = false;
        c.firstBad = seq;
      }
      prev = q.text(8);
      expectSeq = seq + 1;
    }
    return Result<AuditCheck>(c);
  });
}

Result<std::vector<AuditRow>> Store::audit(const Actor& by, std::int64_t limit) {
  if (auto st = require(by, {Role::Admin}, "audit"); !st) return st.error();
  GUARD({
    std::vector<AuditRow> out;
    auto q = m_db.prepare("SELECT seq, at, user, action, entity, uuid, detail, prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT ?1");
    q.bind(1, limit);
    while (q.step())
      out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7), q.text(8)});
    return Result<std::vector<AuditRow>>(std::move(out));
  });
}

// ---------------------------------------------------------------- people

std::string Store::hashPin(const std::string& pin) const {
  char out[crypto_pwhash_STRBYTES];
  const bool fast = m_opt.pinCost == PinCost::Minimum;
  if (crypto_pwhash_str_alg(out, pin.c_str(), pin.size(), fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw DbError{SQLITE_NOMEM, "PIN hashing ran out of memory"};
  return out;
}

namespace {
Status checkPin(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 12 || !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return invalid("PIN (4-12 angka / digits)");
  return imaging::Ok{};
}
}  // namespace

Result<Id> Store::createFirstAdmin(const std::string& name, const std::string& pin) {
  if (name.empty()) return invalid("name");
  if (auto st = checkPin(pin); !st) return st.error();
  GUARD({
    Transaction tx(m_db);
    auto q = m_db.prepare("SELECT COUNT(*) FROM people");
    q.step();
    if (q.i64(0) > 0) return Result<Id>(makeError(canting::records::RecordsError::NotAllowed, {{"role", "-"}, {"what", "@records.action.first_admin"}}));
    const std::string uuid = newUuid();
    m_db.prepare("INSERT INTO people (uuid, name, role, pin_hash, updated_at) VALUES (?1, ?2, 'admin', ?3, ?4)")
        .bind(1, uuid).bind(2, name).bind(3, hashPin(pin)).bind(4, isoTime(now())).run();
    const Id id = m_db.lastId();
    appendAudit(name, "create", "person", uuid, json{{"name", name}, {"role", "admin"}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Result<Id>(id);
  });
}

Result<Actor> Store::login(const std::string& name, const std::string& pin) {
  GUARD({
    auto q = m_db.prepare("SELECT id, uuid, role, IFNULL(centre_id, 0), pin_hash, failed, locked_until FROM people WHERE name = ?1");
    q.bind(1, name);
    // An unknown name costs the same answer as a wrong PIN.
    if (!q.step()) return Result<Actor>(makeError(canting::records::RecordsError::LoginFailed, {{"left", std::to_string(m_opt.maxFailedLogins)}}));
    const Id id = q.i64(0);
    const std::string uuid = q.text(1), hash = q.text(4);
    const Role role = parseRole(q.text(2)).value_or(Role::Outlet);
    const Id centre = q.i64(3);
    int failed = int(q.i64(5));
    const std::int64_t lockedUntil = q.i64(6);
    q = Stmt();
    if (lockedUntil > now()) return Result<Actor>(makeError(canting::records::RecordsError::AccountLocked, {{"until", isoTime(lockedUntil).substr(11, 5) + " UTC"}}));
    if (hash.empty() || crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) != 0) {
      ++failed;
      Transaction tx(m_db);
      const bool lock = failed >= m_opt.maxFailedLogins;
      m_db.prepare("UPDATE people SET failed = ?1, locked_until = ?2 WHERE id = ?3")
          .bind(1, lock ? 0 : failed).bind(2, lock ? now() + m_opt.lockSeconds : std::int64_t(0)).bind(3, id).run();
      appendAudit(name, lock ? "locked" : "login-failed", "person", uuid, "{}");
      tx.commit();
      if (lock) return Result<Actor>(makeError(canting::records::RecordsError::AccountLocked, {{"until", isoTime(now() + m_opt.lockSeconds).substr(11, 5) + " UTC"}}));
      return Result<Actor>(makeError(canting::records::RecordsError::LoginFailed, {{"left", std::to_string(m_opt.maxFailedLogins - failed)}}));
    }
    if (failed > 0) m_db.prepare("UPDATE people SET failed = 0 WHERE id = ?1").bind(1, id).run();
    return Result<Actor>(Actor(id, name, role, centre));
  });
}

Result<std::vector<std::string>> Store::loginNames() {
  GUARD({
    std::vector<std::string> out;
    // People imported from bundles have no PIN here and cannot log in.
    auto q = m_db.prepare("SELECT name FROM people WHERE pin_hash != '' ORDER BY role = 'admin' DESC, name");
    while (q.step()) out.push_back(q.text(0));
    return Result<std::vector<std::string>>(std::move(out));
  });
}

Result<Id> Store::addPerson(const Actor& by, const Person& p, const std::string& pin) {
  if (auto st = require(by, {Role::Admin}, "people"); !st) return st.error();
  if (p.name.empty()) return invalid("name");
  if (auto st = checkPin(pin); !st) return st.error();
  GUARD({
    Transaction tx(m_db);
    const std::string uuid = p.uuid.empty() ? newUuid() : p.uuid;
    m_db.prepare("INSERT INTO people (uuid, name, role, centre_id, registration, pin_hash, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7)")
        .bind(1, uuid).bind(2, p.name).bind(3, roleName(p.role)).bindIdOrNull(4, p.centre).bind(5, p.registration)
        .bind(6, hashPin(pin)).bind(7, isoTime(now())).run();
    const Id id = m_db.lastId();
    appendAudit(by.name(), "create", "person", uuid,
                json{{"name", p.name}, {"role", roleName(p.role)}, {"centre", p.centre}, {"registration", p.registration}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Result<Id>(id);
  });
}

Result<std::vector<Person>> Store::people(const Actor& by) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "people_list"); !st) return st.error();
  GUARD({
    std::vector<Person> out;
    auto q = m_db.prepare("SELECT id, uuid, name, role, IFNULL(centre_id,0), registration, locked_until FROM people ORDER BY name");
    while (q.step())
      out.push_back({q.i64(0), q.text(1), q.text(2), parseRole(q.text(3)).value_or(Role::Outlet), q.i64(4), q.text(5), q.i64(6) > now()});
    return Result<std::vector<Person>>(std::move(out));
  });
}

Status Store::unlock(const Actor& by, Id person) {
  if (auto st = require(by, {Role::Admin}, "people"); !st) return st.error();
  GUARD({
    Transaction tx(m_db);
    m_db.prepare("UPDATE people SET failed = 0, locked_until = 0 WHERE id = ?1").bind(1, person).run();
    if (m_db.changes() == 0) return Status(makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.person"}, {"name", std::to_string(person)}}));
    appendAudit(by.name(), "unlock", "person", std::to_string(person), "{}");
    tx.commit();
    return Status(imaging::Ok{});
  });
}

// ---------------------------------------------------------------- centres

Result<Id> Store::addCentre(const Actor& by, const Centre& c) {
  if (auto st = require(by, {Role::Admin}, "centres"); !st) return st.error();
  if (c.name.empty()) return invalid("@records.field.centre_name");
  GUARD({
    Transaction tx(m_db);
    auto dup = m_db.prepare("SELECT COUNT(*) FROM centres WHERE name = ?1");
    dup.bind(1, c.name).step();
    if (dup.i64(0) > 0) return Result<Id>(invalid("@records.field.centre_name_taken"));
    const std::string uuid = c.uuid.empty() ? newUuid() : c.uuid;
    m_db.prepare("INSERT INTO centres (uuid, name, desa, kecamatan, note, updated_at) VALUES (?1,?2,?3,?4,?5,?6)")
        .bind(1, uuid).bind(2, c.name).bind(3, c.desa).bind(4, c.kecamatan).bind(5, c.note).bind(6, isoTime(now())).run();
    const Id id = m_db.lastId();
    appendAudit(by.name(), "create", "centre", uuid, json{{"name", c.name}, {"desa", c.desa}, {"kecamatan", c.kecamatan}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Result<Id>(id);
  });
}

Status Store::updateCentre(const Actor& by, const Centre& c) {
  if (auto st = require(by, {Role::Admin}, "centres"); !st) return st.error();
  if (c.name.empty()) return invalid("@records.field.centre_name");
  GUARD({
    Transaction tx(m_db);
    m_db.prepare("UPDATE centres SET name=?1, desa=?2, kecamatan=?3, note=?4, updated_at=?5 WHERE id=?6")
        .bind(1, c.name).bind(2, c.desa).bind(3, c.kecamatan).bind(4, c.note).bind(5, isoTime(now())).bind(6, c.id).run();
    if (m_db.changes() == 0) return Status(makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.centre"}, {"name", c.name}}));
    appendAudit(by.name(), "update", "centre", c.uuid, json{{"name", c.name}, {"desa", c.desa}, {"kecamatan", c.kecamatan}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Status(imaging::Ok{});
  });
}

Result<std::vector<Centre>> Store::centres(const Actor&) {
  GUARD({
    std::vector<Centre> out;
    // Limbasari first, as the regency lists it; then by name.
    auto q = m_db.prepare("SELECT id, uuid, name, desa, kecamatan, note FROM centres ORDER BY id");
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
    return Result<std::vector<Centre>>(std::move(out));
  });
}

Result<Centre> Store::centreByName(const Actor& by, const std::string& key) {
  auto all = centres(by);
  if (!all) return all.error();
  for (const auto& c : *all)
    if (c.name == key || c.uuid == key || std::to_string(c.id) == key) return c;
  // Forgiving: "limbasari" finds "Kampung Batik Limbasari" when only one centre matches.
  std::vector<Centre> hits;
  auto lower = [](std::string s) {
    for (auto& ch : s) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  for (const auto& c : *all)
    if (lower(c.name).find(lower(key)) != std::string::npos) hits.push_back(c);
  if (hits.size() == 1) return hits.front();
  return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.centre"}, {"name", key}});
}

// ---------------------------------------------------------------- schemes

Result<Id> Store::loadScheme(const Actor& by, const fs::path& file) {
  if (auto st = require(by, {Role::Admin}, "curriculum"); !st) return st.error();
  std::ifstream in(file, std::ios::binary);
  if (!in) return makeError(ErrorCode::FileNotFound, {{"path", file.string()}});
  const json j = json::parse(in, nullptr, false);
  auto bad = [&](const std::string& where, const std::string& reason) {
    return makeError(ErrorCode::MalformedFile, {{"path", file.string()}, {"where", where}, {"reason", reason}});
  };
  if (!j.is_object()) return bad("-", "not JSON");
  auto str = [](const json& o, const char* k) { return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string(); };
  if (str(j, "title").empty()) return bad("title", "missing");
  if (str(j, "version").empty()) return bad("version", "missing");
  if (!j.contains("units") || !j["units"].is_array() || j["units"].empty()) return bad("units", "missing or empty");
  for (std::size_t u = 0; u < j["units"].size(); ++u) {
    const json& uj = j["units"][u];
    const std::string where = "units[" + std::to_string(u) + "]";
    if (!uj.is_object() || str(uj, "title").empty()) return bad(where + ".title", "missing");
    if (!uj.contains("elements") || !uj["elements"].is_array()) return bad(where + ".elements", "missing");
    for (std::size_t e = 0; e < uj["elements"].size(); ++e) {
      const json& ej = uj["elements"][e];
      const std::string w2 = where + ".elements[" + std::to_string(e) + "]";
      if (!ej.is_object() || str(ej, "title").empty()) return bad(w2 + ".title", "missing");
      if (!ej.contains("criteria") || !ej["criteria"].is_array()) return bad(w2 + ".criteria", "missing");
      for (std::size_t k = 0; k < ej["criteria"].size(); ++k)
        if (!ej["criteria"][k].is_string() || ej["criteria"][k].get<std::string>().empty())
          return bad(w2 + ".criteria[" + std::to_string(k) + "]", "not a text");
    }
  }
  int validity = 3;
  if (j.contains("validity_years")) {
    if (!j["validity_years"].is_number_integer() || j["validity_years"].get<int>() < 1 || j["validity_years"].get<int>() > 10)
      return bad("validity_years", "1..10");
    validity = j["validity_years"].get<int>();
  }
  GUARD({
    Transaction tx(m_db);
    auto have = m_db.prepare("SELECT id FROM schemes WHERE code = ?1 AND title = ?2 AND version = ?3");
    have.bind(1, str(j, "code")).bind(2, str(j, "title")).bind(3, str(j, "version"));
    // A scheme version, once loaded, is frozen: assessments point at it.
    if (have.step()) return Result<Id>(have.i64(0));
    const std::string uuid = str(j, "uuid").empty() ? newUuid() : str(j, "uuid");
    m_db.prepare("INSERT INTO schemes (uuid, code, title, version, kind, decree, source, validity_years, loaded_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)")
        .bind(1, uuid).bind(2, str(j, "code")).bind(3, str(j, "title")).bind(4, str(j, "version")).bind(5, str(j, "kind"))
        .bind(6, str(j, "decree")).bind(7, str(j, "source")).bind(8, validity).bind(9, isoTime(now())).run();
    const Id sid = m_db.lastId();
    auto insU = m_db.prepare("INSERT INTO units (scheme_id, code, title, sort) VALUES (?1,?2,?3,?4)");
    auto insE = m_db.prepare("INSERT INTO elements (unit_id, title, sort) VALUES (?1,?2,?3)");
    auto insC = m_db.prepare("INSERT INTO criteria (element_id, text, sort) VALUES (?1,?2,?3)");
    int us = 0;
    for (const json& uj : j["units"]) {
      insU.reset();
      insU.bind(1, sid).bind(2, str(uj, "code")).bind(3, str(uj, "title")).bind(4, us++).run();
      const Id uid = m_db.lastId();
      int es = 0;
      for (const json& ej : uj["elements"]) {
        insE.reset();
        insE.bind(1, uid).bind(2, str(ej, "title")).bind(3, es++).run();
        const Id eid = m_db.lastId();
        int cs = 0;
        for (const json& cj : ej["criteria"]) {
          insC.reset();
          insC.bind(1, eid).bind(2, cj.get<std::string>()).bind(3, cs++).run();
        }
      }
    }
    appendAudit(by.name(), "load", "scheme", uuid, json{{"title", str(j, "title")}, {"version", str(j, "version")}, {"file", file.filename().string()}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Result<Id>(sid);
  });
}

Result<int> Store::loadCurriculum(const Actor& by, const fs::path& folder) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.path().extension() == ".json") files.push_back(e.path());
  if (ec) return makeError(ErrorCode::DirectoryMissing, {{"path", folder.string()}});
  std::sort(files.begin(), files.end());
  int n = 0;
  for (const auto& f : files) {
    auto r = loadScheme(by, f);
    if (!r) return r.error();
    ++n;
  }
  return n;
}

Result<std::vector<Scheme>> Store::schemes(const Actor&) {
  GUARD({
    std::vector<Scheme> out;
    auto q = m_db.prepare("SELECT id, uuid, code, title, version, kind, decree, source, validity_years FROM schemes ORDER BY title, version");
    while (q.step()) {
      Scheme s;
      s.id = q.i64(0), s.uuid = q.text(1), s.code = q.text(2), s.title = q.text(3), s.version = q.text(4);
      s.kind = q.text(5), s.decree = q.text(6), s.source = q.text(7), s.validityYears = int(q.i64(8));
      out.push_back(std::move(s));
    }
    return Result<std::vector<Scheme>>(std::move(out));
  });
}

Result<Scheme> Store::scheme(const Actor& by, Id id) {
  auto all = schemes(by);
  if (!all) return all.error();
  auto it = std::find_if(all->begin(), all->end(), [&](const Scheme& s) { return s.id == id; });
  if (it == all->end()) return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.scheme"}, {"name", std::to_string(id)}});
  Scheme s = *it;
  GUARD({
    auto qu = m_db.prepare("SELECT id, code, title FROM units WHERE scheme_id = ?1 ORDER BY sort");
    auto qe = m_db.prepare("SELECT id, title FROM elements WHERE unit_id = ?1 ORDER BY sort");
    auto qc = m_db.prepare("SELECT id, text FROM criteria WHERE element_id = ?1 ORDER BY sort");
    qu.bind(1, id);
    while (qu.step()) {
      Unit u{qu.i64(0), qu.text(1), qu.text(2), {}};
      qe.reset();
      qe.bind(1, u.id);
      while (qe.step()) {
        Element e{qe.i64(0), qe.text(1), {}};
        qc.reset();
        qc.bind(1, e.id);
        while (qc.step()) e.criteria.push_back({qc.i64(0), qc.text(1)});
        u.elements.push_back(std::move(e));
      }
      s.units.push_back(std::move(u));
    }
    return Result<Scheme>(std::move(s));
  });
}

// ---------------------------------------------------------------- trainees

namespace {
json traineeJson(const Trainee& t) {
  return {{"uuid", t.uuid}, {"name", t.name}, {"nik", t.nik}, {"birth_date", t.birthDate}, {"sex", t.sex}, {"phone", t.phone},
          {"centre", t.centre}, {"trainer", t.trainer}, {"consent", t.consent}};
}
}  // namespace

Status detail::validateTrainee(const Trainee& t) {
  if (t.name.empty()) return invalid("@records.field.name");
  if (!validNik(t.nik)) return invalid("@records.field.nik");
  if (!t.birthDate.empty() && !validDate(t.birthDate)) return invalid("@records.field.birth_date");
  if (t.sex != "" && t.sex != "L" && t.sex != "P") return invalid("@records.field.sex");
  if (!t.phone.empty() && (t.phone.size() < 8 || t.phone.size() > 16 ||
                           !std::all_of(t.phone.begin(), t.phone.end(), [](char c) { return (c >= '0' && c <= '9') || c == '+'; })))
    return invalid("@records.field.phone");
  if (!t.consent) return invalid("@records.field.consent");
  if (t.centre <= 0) return invalid("@records.field.centre");
  return imaging::Ok{};
}

Result<Id> Store::addTrainee(const Actor& by, const Trainee& in) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "trainees"); !st) return st.error();
  if (auto st = detail::validateTrainee(in); !st) return st.error();
  if (by.role() == Role::Trainer && by.centre() != 0 && in.centre != by.centre())
    return makeError(canting::records::RecordsError::NotAllowed, {{"role", "@records.role.trainer"}, {"what", "@records.action.other_centre"}});
  GUARD({
    Transaction tx(m_db);
    auto dup = m_db.prepare("SELECT COUNT(*) FROM trainees WHERE nik = ?1");
    dup.bind(1, in.nik).step();
    if (dup.i64(0) > 0) return Result<Id>(invalid("@records.field.nik_taken"));
    Trainee t = in;
    if (t.uuid.empty()) t.uuid = newUuid();
    if (t.trainer == 0 && by.role() == Role::Trainer) t.trainer = by.id();
    t.updatedAt = isoTime(now());
    const Id id = detail::insertTrainee(m_db, t);
    detail::insertTraineeVersion(m_db, t, "local");
    appendAudit(by.name(), "create", "trainee", t.uuid, json{{"name", t.name}, {"centre", t.centre}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Result<Id>(id);
  });
}

Id detail::insertTrainee(Db& db, const Trainee& t) {
  db.prepare("INSERT INTO trainees (uuid, name, nik, birth_date, sex, centre_id, trainer_id, phone, consent, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")
      .bind(1, t.uuid).bind(2, t.name).bind(3, t.nik).bind(4, t.birthDate).bind(5, t.sex).bind(6, t.centre).bindIdOrNull(7, t.trainer)
      .bind(8, t.phone).bind(9, t.consent ? 1 : 0).bind(10, t.updatedAt).run();
  return db.lastId();
}

void detail::insertTraineeVersion(Db& db, const Trainee& t, const std::string& origin) {
  json j = traineeJson(t);
  j["updated_at"] = t.updatedAt;
  db.prepare("INSERT OR IGNORE INTO trainee_versions (trainee_uuid, updated_at, origin, data) VALUES (?1,?2,?3,?4)")
      .bind(1, t.uuid).bind(2, t.updatedAt).bind(3, origin).bind(4, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)).run();
}

Status Store::updateTrainee(const Actor& by, const Trainee& in) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "trainees"); !st) return st.error();
  if (auto st = detail::validateTrainee(in); !st) return st.error();
  auto old = trainee(by, in.id);
  if (!old) return old.error();
  if (old->masked) return makeError(canting::records::RecordsError::NotAllowed, {{"role", std::string("@records.role.") + roleName(by.role())}, {"what", "@records.action.private"}});
  GUARD({
    Transaction tx(m_db);
    Trainee t = in;
    t.uuid = old->uuid;
    t.updatedAt = isoTime(now());
    m_db.prepare("UPDATE trainees SET name=?1, nik=?2, birth_date=?3, sex=?4, centre_id=?5, trainer_id=?6, phone=?7, consent=?8, updated_at=?9 WHERE id=?10")
        .bind(1, t.name).bind(2, t.nik).bind(3, t.birthDate).bind(4, t.sex).bind(5, t.centre).bindIdOrNull(6, t.trainer)
        .bind(7, t.phone).bind(8, t.consent ? 1 : 0).bind(9, t.updatedAt).bind(10, t.id).run();
    detail::insertTraineeVersion(m_db, t, "local");
    json changed = json::object();
    const json a = traineeJson(*old), b = traineeJson(t);
    for (auto it = b.begin(); it != b.end(); ++it)
      if (a[it.key()] != it.value()) changed[it.key()] = (it.key() == "nik" || it.key() == "phone") ? json("(diubah)") : it.value();
    appendAudit(by.name(), "update", "trainee", t.uuid, changed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Status(imaging::Ok{});
  });
}

bool Store::canSeePrivate(const Actor& by, const Trainee& t) const {
  return by.role() == Role::Admin || (by.role() == Role::Trainer && t.trainer == by.id());
}

Trainee Store::readTrainee(Stmt& q) const {
  Trainee t;
  t.id = q.i64(0), t.uuid = q.text(1), t.name = q.text(2), t.nik = q.text(3), t.birthDate = q.text(4), t.sex = q.text(5);
  t.centre = q.i64(6), t.trainer = q.i64(7), t.phone = q.text(8), t.consent = q.i64(9) != 0, t.updatedAt = q.text(10);
  return t;
}

namespace {
constexpr const char* kTraineeCols = "SELECT id, uuid, name, nik, birth_date, sex, centre_id, IFNULL(trainer_id,0), phone, consent, updated_at FROM trainees";
}

Result<std::vector<Trainee>> Store::trainees(const Actor& by, Id centre) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  if (by.role() == Role::Trainer && by.centre() != 0) centre = by.centre();
  GUARD({
    std::vector<Trainee> out;
    auto q = m_db.prepare(std::string(kTraineeCols) + (centre ? " WHERE centre_id = ?1" : "") + " ORDER BY name");
    if (centre) q.bind(1, centre);
    while (q.step()) {
      Trainee t = readTrainee(q);
      if (!canSeePrivate(by, t)) {
        t.nik = maskTail(t.nik, 4);
        t.phone = maskTail(t.phone, 3);
        t.masked = true;
      }
      out.push_back(std::move(t));
    }
    return Result<std::vector<Trainee>>(std::move(out));
  });
}

Result<Trainee> Store::trainee(const Actor& by, Id id) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  GUARD({
    auto q = m_db.prepare(std::string(kTraineeCols) + " WHERE id = ?1");
    q.bind(1, id);
    if (!q.step()) return Result<Trainee>(makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.trainee"}, {"name", std::to_string(id)}}));
    Trainee t = readTrainee(q);
    if (by.role() == Role::Trainer && by.centre() != 0 && t.centre != by.centre())
      return Result<Trainee>(makeError(canting::records::RecordsError::NotAllowed, {{"role", "@records.role.trainer"}, {"what", "@records.action.other_centre"}}));
    if (!canSeePrivate(by, t)) {
      t.nik = maskTail(t.nik, 4);
      t.phone = maskTail(t.phone, 3);
      t.masked = true;
    }
    return Result<Trainee>(std::move(t));
  });
}

Result<std::vector<std::string>> Store::traineeHistory(const Actor& by, Id id) {
  auto t = trainee(by, id);
  if (!t) return t.error();
  GUARD({
    std::vector<std::string> out;
    auto q = m_db.prepare("SELECT data, origin FROM trainee_versions WHERE trainee_uuid = ?1 ORDER BY updated_at, id");
    q.bind(1, t->uuid);
    while (q.step()) {
      json j = json::parse(q.text(0), nullptr, false);
      if (t->masked && j.is_object()) {
        j["nik"] = maskTail(j.value("nik", ""), 4);
        j["phone"] = maskTail(j.value("phone", ""), 3);
      }
      if (j.is_object()) j["origin"] = q.text(1);
      out.push_back(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    return Result<std::vector<std::string>>(std::move(out));
  });
}

// ---------------------------------------------------------------- sessions

Result<Id> Store::addSession(const Actor& by, const Session& s) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "sessions"); !st) return st.error();
  if (!validDate(s.date)) return invalid("@records.field.date");
  if (s.topic.empty()) return invalid("@records.field.topic");
  if (s.centre <= 0) return invalid("@records.field.centre");
  if (by.role() == Role::Trainer && by.centre() != 0 && s.centre != by.centre())
    return makeError(canting::records::RecordsError::NotAllowed, {{"role", "@records.role.trainer"}, {"what", "@records.action.other_centre"}});
  GUARD({
    Transaction tx(m_db);
    const std::string uuid = s.uuid.empty() ? newUuid() : s.uuid;
    const Id trainer = s.trainer ? s.trainer : (by.role() == Role::Trainer ? by.id() : 0);
    m_db.prepare("INSERT INTO sessions (uuid, centre_id, trainer_id, date, topic, title, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7)")
        .bind(1, uuid).bind(2, s.centre).bindIdOrNull(3, trainer).bind(4, s.date).bind(5, s.topic).bind(6, s.title).bind(7, isoTime(now())).run();
    const Id id = m_db.lastId();
    auto insU = m_db.prepare("INSERT OR IGNORE INTO session_units (session_id, unit_id) VALUES (?1, ?2)");
    for (Id u : s.units) {
      insU.reset();
      insU.bind(1, id).bind(2, u).run();
    }
    auto insA = m_db.prepare("INSERT INTO attendance (session_id, trainee_id, status, updated_at) VALUES (?1,?2,?3,?4)");
    for (const auto& [t, a] : s.attendance) {
      insA.reset();
      insA.bind(1, id).bind(2, t).bind(3, attendanceName(a)).bind(4, isoTime(now())).run();
    }
    appendAudit(by.name(), "create", "session", uuid,
                json{{"date", s.date}, {"topic", s.topic}, {"centre", s.centre}, {"units", s.units}, {"attendance", s.attendance.size()}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Result<Id>(id);
  });
}

Status Store::setAttendance(const Actor& by, Id session, Id trainee, Attendance a) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "sessions"); !st) return st.error();
  GUARD({
    Transaction tx(m_db);
    auto q = m_db.prepare("SELECT uuid, centre_id FROM sessions WHERE id = ?1");
    q.bind(1, session);
    if (!q.step()) return Status(makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.session"}, {"name", std::to_string(session)}}));
    const std::string uuid = q.text(0);
    if (by.role() == Role::Trainer && by.centre() != 0 && q.i64(1) != by.centre())
      return Status(makeError(canting::records::RecordsError::NotAllowed, {{"role", "@records.role.trainer"}, {"what", "@records.action.other_centre"}}));
    m_db.prepare("INSERT INTO attendance (session_id, trainee_id, status, updated_at) VALUES (?1,?2,?3,?4) "
                 "ON CONFLICT (session_id, trainee_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at")
        .bind(1, session).bind(2, trainee).bind(3, attendanceName(a)).bind(4, isoTime(now())).run();
    appendAudit(by.name(), "attendance", "session", uuid, json{{"trainee", trainee}, {"status", attendanceName(a)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Status(imaging::Ok{});
  });
}

Result<std::vector<Session>> Store::sessions(const Actor& by, Id centre) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "sessions_view"); !st) return st.error();
  if (by.role() == Role::Trainer && by.centre() != 0) centre = by.centre();
  GUARD({
    std::vector<Session> out;
    auto q = m_db.prepare(std::string("SELECT id, uuid, date, topic, title, centre_id, IFNULL(trainer_id,0) FROM sessions") +
                          (centre ? " WHERE centre_id = ?1" : "") + " ORDER BY date DESC, id DESC");
    if (centre) q.bind(1, centre);
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.i64(5), q.i64(6), {}, {}});
    return Result<std::vector<Session>>(std::move(out));
  });
}

Result<Session> Store::session(const Actor& by, Id id) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "sessions_view"); !st) return st.error();
  GUARD({
    auto q = m_db.prepare("SELECT id, uuid, date, topic, title, centre_id, IFNULL(trainer_id,0) FROM sessions WHERE id = ?1");
    q.bind(1, id);
    if (!q.step()) return Result<Session>(makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.session"}, {"name", std::to_string(id)}}));
    Session s{q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.i64(5), q.i64(6), {}, {}};
    auto qu = m_db.prepare("SELECT unit_id FROM session_units WHERE session_id = ?1");
    qu.bind(1, id);
    while (qu.step()) s.units.push_back(qu.i64(0));
    auto qa = m_db.prepare("SELECT trainee_id, status FROM attendance WHERE session_id = ?1");
    qa.bind(1, id);
    while (qa.step()) s.attendance[qa.i64(0)] = parseAttendance(qa.text(1)).value_or(Attendance::Absent);
    return Result<Session>(std::move(s));
  });
}

// ---------------------------------------------------------------- assessments

void Store::refreshUnitStatus(Id trainee) {
  m_db.prepare("DELETE FROM unit_status WHERE trainee_id = ?1").bind(1, trainee).run();
  // The latest outcome per unit: by assessment date, then by the order recorded.
  m_db.prepare(
          "INSERT INTO unit_status (trainee_id, unit_id, centre_id, k, date) "
          "SELECT trainee_id, unit_id, centre_id, k, date FROM ("
          "  SELECT a.trainee_id, au.unit_id, t.centre_id, au.k, a.date, "
          "         ROW_NUMBER() OVER (PARTITION BY au.unit_id ORDER BY a.date DESC, a.id DESC) AS n "
          "  FROM assessments a JOIN assessment_units au ON au.assessment_id = a.id JOIN trainees t ON t.id = a.trainee_id "
          "  WHERE a.trainee_id = ?1) WHERE n = 1")
      .bind(1, trainee)
      .run();
}

Result<Id> Store::recordAssessment(const Actor& by, const AssessmentInput& in) {
  // Only an assessor decides K/BK (BNSP: the assessor signs FR.AK.02).
  if (auto st = require(by, {Role::Assessor}, "assess"); !st) return st.error();
  if (!validDate(in.date)) return invalid("@records.field.date");
  if (in.units.empty()) return invalid("@records.field.units");
  auto sch = scheme(by, in.scheme);
  if (!sch) return sch.error();
  auto tr = trainee(by, in.trainee);
  if (!tr) return tr.error();
  // Every criterion and unit must belong to the frozen scheme version; a unit
  // is K only when all its criteria observed are Ya.
  std::map<Id, const Unit*> units;
  std::map<Id, Id> criterionUnit;
  for (const auto& u : sch->units) {
    units[u.id] = &u;
    for (const auto& e : u.elements)
      for (const auto& c : e.criteria) criterionUnit[c.id] = u.id;
  }
  for (const auto& [c, ya] : in.criteria)
    if (!criterionUnit.count(c)) return invalid("@records.field.criterion_not_in_scheme");
  for (const auto& [u, k] : in.units) {
    if (!units.count(u)) return invalid("@records.field.unit_not_in_scheme");
    if (!k) continue;
    for (const auto& [c, ya] : in.criteria)
      if (criterionUnit[c] == u && !ya) return invalid("@records.field.k_with_tidak");
  }
  GUARD({
    Transaction tx(m_db);
    const std::string uuid = newUuid();
    const Id id = detail::insertAssessment(m_db, uuid, in, by.id(), isoTime(now()));
    refreshUnitStatus(in.trainee);
    json units = json::object();
    for (const auto& [u, k] : in.units) units[std::to_string(u)] = k ? "K" : "BK";
    appendAudit(by.name(), "assess", "trainee", tr->uuid, json{{"assessment", uuid}, {"scheme", in.scheme}, {"units", units}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Result<Id>(id);
  });
}

Id detail::insertAssessment(Db& db, const std::string& uuid, const AssessmentInput& in, Id assessor, const std::string& created) {
  db.prepare("INSERT INTO assessments (uuid, trainee_id, scheme_id, assessor_id, date, place, methods, follow_up, appeal, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")
      .bind(1, uuid).bind(2, in.trainee).bind(3, in.scheme).bindIdOrNull(4, assessor).bind(5, in.date).bind(6, in.place)
      .bind(7, json(in.methods).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)).bind(8, in.followUp).bind(9, in.appeal).bind(10, created).run();
  const Id id = db.lastId();
  auto insC = db.prepare("INSERT INTO assessment_criteria (assessment_id, criterion_id, ya) VALUES (?1,?2,?3)");
  for (const auto& [c, ya] : in.criteria) {
    insC.reset();
    insC.bind(1, id).bind(2, c).bind(3, ya ? 1 : 0).run();
  }
  auto insU = db.prepare("INSERT INTO assessment_units (assessment_id, unit_id, k) VALUES (?1,?2,?3)");
  for (const auto& [u, k] : in.units) {
    insU.reset();
    insU.bind(1, id).bind(2, u).bind(3, k ? 1 : 0).run();
  }
  return id;
}

Result<std::vector<Assessment>> Store::assessmentsOf(const Actor& by, Id traineeId) {
  auto tr = trainee(by, traineeId);
  if (!tr) return tr.error();
  GUARD({
    std::vector<Assessment> out;
    auto q = m_db.prepare("SELECT a.id, a.uuid, a.date, a.place, a.follow_up, a.appeal, IFNULL(p.name,''), a.trainee_id, a.scheme_id, "
                          "IFNULL(a.assessor_id,0), a.methods FROM assessments a LEFT JOIN people p ON p.id = a.assessor_id "
                          "WHERE a.trainee_id = ?1 ORDER BY a.date, a.id");
    q.bind(1, traineeId);
    auto qc = m_db.prepare("SELECT criterion_id, ya FROM assessment_criteria WHERE assessment_id = ?1");
    auto qu = m_db.prepare("SELECT unit_id, k FROM assessment_units WHERE assessment_id = ?1");
    while (q.step()) {
      Assessment a;
      a.id = q.i64(0), a.uuid = q.text(1), a.date = q.text(2), a.place = q.text(3), a.followUp = q.text(4), a.appeal = q.text(5);
      a.assessorName = q.text(6), a.trainee = q.i64(7), a.scheme = q.i64(8), a.assessor = q.i64(9);
      const json m = json::parse(q.text(10), nullptr, false);
      if (m.is_array())
        for (const auto& x : m)
          if (x.is_string()) a.methods.push_back(x.get<std::string>());
      qc.reset();
      qc.bind(1, a.id);
      while (qc.step()) a.criteria[qc.i64(0)] = qc.i64(1) != 0;
      qu.reset();
      qu.bind(1, a.id);
      while (qu.step()) a.units[qu.i64(0)] = qu.i64(1) != 0;
      out.push_back(std::move(a));
    }
    return Result<std::vector<Assessment>>(std::move(out));
  });
}

Result<std::vector<std::pair<Unit, char>>> Store::unitProgress(const Actor& by, Id traineeId, Id schemeId) {
  auto tr = trainee(by, traineeId);
  if (!tr) return tr.error();
  auto sch = scheme(by, schemeId);
  if (!sch) return sch.error();
  GUARD({
    std::map<Id, char> st;
    auto q = m_db.prepare("SELECT unit_id, k FROM unit_status WHERE trainee_id = ?1");
    q.bind(1, traineeId);
    while (q.step()) st[q.i64(0)] = q.i64(1) ? 'K' : 'B';
    std::vector<std::pair<Unit, char>> out;
    for (const auto& u : sch->units) out.emplace_back(u, st.count(u.id) ? st[u.id] : ' ');
    return Result<std::vector<std::pair<Unit, char>>>(std::move(out));
  });
}

// ---------------------------------------------------------------- evidence

fs::path Store::evidencePath(const std::string& sha) const { return m_opt.evidenceDir / sha.substr(0, 2) / sha; }

Result<Id> Store::addEvidence(const Actor& by, Id traineeId, Id unit, EvidenceType type, const fs::path& file, const std::string& date,
                              const std::string& note) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "evidence"); !st) return st.error();
  if (!validDate(date)) return invalid("@records.field.date");
  auto tr = trainee(by, traineeId);
  if (!tr) return tr.error();
  auto bytes = imaging::readFile(file, detail::kMaxEvidenceBytes);
  if (!bytes) return bytes.error();
  const std::string sha = sha256Hex(bytes->data(), bytes->size());
  if (auto st = detail::storeBlob(evidencePath(sha), *bytes); !st) return st.error();
  // Only the last path component is kept: a name from another machine never becomes a path here.
  const std::string name = detail::safeFileName(file.filename().string());
  GUARD({
    Transaction tx(m_db);
    const std::string uuid = newUuid();
    m_db.prepare("INSERT INTO evidence (uuid, trainee_id, unit_id, type, file_name, sha256, size, date, note, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")
        .bind(1, uuid).bind(2, traineeId).bindIdOrNull(3, unit).bind(4, evidenceTypeName(type)).bind(5, name).bind(6, sha)
        .bind(7, std::int64_t(bytes->size())).bind(8, date).bind(9, note).bind(10, isoTime(now())).run();
    const Id id = m_db.lastId();
    appendAudit(by.name(), "evidence", "trainee", tr->uuid, json{{"evidence", uuid}, {"file", name}, {"sha256", sha}, {"type", evidenceTypeName(type)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Result<Id>(id);
  });
}

Result<std::vector<Evidence>> Store::evidenceOf(const Actor& by, Id traineeId) {
  auto tr = trainee(by, traineeId);
  if (!tr) return tr.error();
  GUARD({
    std::vector<Evidence> out;
    auto q = m_db.prepare("SELECT id, uuid, file_name, sha256, date, note, type, trainee_id, IFNULL(unit_id,0), size FROM evidence WHERE trainee_id = ?1 ORDER BY date, id");
    q.bind(1, traineeId);
    while (q.step())
      out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), parseEvidenceType(q.text(6)).value_or(EvidenceType::Direct),
                     q.i64(7), q.i64(8), q.i64(9)});
    return Result<std::vector<Evidence>>(std::move(out));
  });
}

// ---------------------------------------------------------------- certificates

Result<Id> Store::issueCertificate(const Actor& by, Id traineeId, Id schemeId, const std::string& number, const std::string& issueDate) {
  if (auto st = require(by, {Role::Admin}, "certificates"); !st) return st.error();
  if (number.empty()) return invalid("@records.field.certificate_number");
  if (!validDate(issueDate)) return invalid("@records.field.date");
  auto tr = trainee(by, traineeId);
  if (!tr) return tr.error();
  auto sch = scheme(by, schemeId);
  if (!sch) return sch.error();
  auto prog = unitProgress(by, traineeId, schemeId);
  if (!prog) return prog.error();
  for (const auto& [u, s] : *prog)
    if (s != 'K') return invalid("@records.field.not_all_k");
  GUARD({
    Transaction tx(m_db);
    const std::string uuid = newUuid();
    m_db.prepare("INSERT INTO certificates (uuid, trainee_id, scheme_id, number, issue_date, expiry_date, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7)")
        .bind(1, uuid).bind(2, traineeId).bind(3, schemeId).bind(4, number).bind(5, issueDate)
        .bind(6, addYears(issueDate, sch->validityYears)).bind(7, isoTime(now())).run();
    const Id id = m_db.lastId();
    appendAudit(by.name(), "certify", "trainee", tr->uuid, json{{"certificate", uuid}, {"number", number}, {"issued", issueDate}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Result<Id>(id);
  });
}

Status Store::revokeCertificate(const Actor& by, Id certificate, const std::string& reason) {
  if (auto st = require(by, {Role::Admin}, "certificates"); !st) return st.error();
  if (reason.empty()) return invalid("@records.field.reason");
  GUARD({
    Transaction tx(m_db);
    m_db.prepare("UPDATE certificates SET revoked = 1, revoked_reason = ?1, updated_at = ?2 WHERE id = ?3")
        .bind(1, reason).bind(2, isoTime(now())).bind(3, certificate).run();
    if (m_db.changes() == 0) return Status(makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.certificate"}, {"name", std::to_string(certificate)}}));
    appendAudit(by.name(), "revoke", "certificate", std::to_string(certificate), json{{"reason", reason}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Status(imaging::Ok{});
  });
}

Result<std::vector<Certificate>> Store::certificates(const Actor& by, Id traineeId) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  GUARD({
    std::vector<Certificate> out;
    const std::string today = this->today();
    auto q = m_db.prepare(std::string("SELECT c.id, c.uuid, c.number, c.issue_date, c.expiry_date, c.revoked, c.trainee_id, c.scheme_id, t.name, s.title "
                                      "FROM certificates c JOIN trainees t ON t.id = c.trainee_id JOIN schemes s ON s.id = c.scheme_id") +
                          (traineeId ? " WHERE c.trainee_id = ?1" : "") + " ORDER BY c.expiry_date");
    if (traineeId) q.bind(1, traineeId);
    while (q.step()) {
      Certificate c{q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), "", q.i64(6), q.i64(7), q.text(8), q.text(9)};
      c.status = q.i64(5) ? "revoked" : (c.expiryDate < today ? "expired" : "active");
      out.push_back(std::move(c));
    }
    return Result<std::vector<Certificate>>(std::move(out));
  });
}

Result<std::vector<Certificate>> Store::expiringWithin(const Actor& by, int days) {
  auto all = certificates(by, 0);
  if (!all) return all.error();
  const std::string today = this->today(), limit = isoTime(now() + std::int64_t(days) * 86400).substr(0, 10);
  std::vector<Certificate> out;
  for (auto& c : *all)
    if (c.status == "active" && c.expiryDate >= today && c.expiryDate <= limit) out.push_back(c);
  return out;
}

// ---------------------------------------------------------------- progress

Result<std::vector<CentreProgress>> Store::dashboard(const Actor& by) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  GUARD({
    std::vector<CentreProgress> out;
    std::map<Id, std::size_t> at;
    auto qc = m_db.prepare("SELECT id, name FROM centres ORDER BY id");
    while (qc.step()) {
      at[qc.i64(0)] = out.size();
      out.push_back({qc.i64(0), qc.text(1)});
    }
    auto each = [&](const char* sql, int CentreProgress::*field, bool bindDates = false) {
      auto q = m_db.prepare(sql);
      if (bindDates) q.bind(1, today());
      while (q.step())
        if (auto it = at.find(q.i64(0)); it != at.end()) out[it->second].*field = int(q.i64(1));
    };
    each("SELECT centre_id, COUNT(*) FROM trainees GROUP BY centre_id", &CentreProgress::trainees);
    each("SELECT centre_id, COUNT(*) FROM sessions GROUP BY centre_id", &CentreProgress::sessions);
    each("SELECT centre_id, COUNT(*) FROM unit_status WHERE k = 1 GROUP BY centre_id", &CentreProgress::unitsAchieved);
    each("SELECT t.centre_id, COUNT(DISTINCT c.trainee_id) FROM certificates c JOIN trainees t ON t.id = c.trainee_id "
         "WHERE c.revoked = 0 AND c.expiry_date >= ?1 GROUP BY t.centre_id", &CentreProgress::certified, true);
    {
      auto q = m_db.prepare("SELECT t.centre_id, COUNT(*) FROM certificates c JOIN trainees t ON t.id = c.trainee_id "
                            "WHERE c.revoked = 0 AND c.expiry_date >= ?1 AND c.expiry_date <= ?2 GROUP BY t.centre_id");
      q.bind(1, today()).bind(2, isoTime(now() + 90 * 86400).substr(0, 10));
      while (q.step())
        if (auto it = at.find(q.i64(0)); it != at.end()) out[it->second].expiring90 = int(q.i64(1));
    }
    if (by.role() == Role::Trainer && by.centre() != 0)
      out.erase(std::remove_if(out.begin(), out.end(), [&](const CentreProgress& p) { return p.centre != by.centre(); }), out.end());
    return Result<std::vector<CentreProgress>>(std::move(out));
  });
}

Result<Matrix> Store::matrix(const Actor& by, Id centre, Id schemeId) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  if (by.role() == Role::Trainer && by.centre() != 0 && centre != by.centre())
    return makeError(canting::records::RecordsError::NotAllowed, {{"role", "@records.role.trainer"}, {"what", "@records.action.other_centre"}});
  GUARD({
    Matrix m;
    std::map<Id, std::size_t> col;
    auto qu = m_db.prepare("SELECT id, code, title FROM units WHERE scheme_id = ?1 ORDER BY sort");
    qu.bind(1, schemeId);
    while (qu.step()) {
      col[qu.i64(0)] = m.units.size();
      m.units.push_back({qu.i64(0), qu.text(1), qu.text(2), {}});
    }
    std::map<Id, std::size_t> row;
    auto qt = m_db.prepare("SELECT id, name FROM trainees WHERE centre_id = ?1 ORDER BY name, id");
    qt.bind(1, centre);
    while (qt.step()) {
      row[qt.i64(0)] = m.trainees.size();
      m.trainees.emplace_back(qt.i64(0), qt.text(1));
    }
    m.cells.assign(m.trainees.size(), std::string(m.units.size(), ' '));
    auto qs = m_db.prepare("SELECT trainee_id, unit_id, k FROM unit_status WHERE centre_id = ?1");
    qs.bind(1, centre);
    while (qs.step()) {
      auto r = row.find(qs.i64(0));
      auto c = col.find(qs.i64(1));
      if (r != row.end() && c != col.end()) m.cells[r->second][c->second] = qs.i64(2) ? 'K' : 'B';
    }
    return Result<Matrix>(std::move(m));
  });
}

// ---------------------------------------------------------------- orders

Result<std::string> Store::saveOrder(const Actor& by, core::Order& o) {
  if (auto st = require(by, {Role::Outlet, Role::Admin}, "orders"); !st) return st.error();
  if (o.customer.empty()) return invalid("@showroom.field.customer");
  if (o.productId.empty() || o.productName.empty()) return invalid("@showroom.field.product");
  if (o.motifName.empty()) return invalid("@showroom.field.motif");
  if (o.quantity < 1 || o.quantity > 10000) return invalid("@showroom.field.quantity");
  if (o.unitPrice < 0) return invalid("@showroom.field.price");
  GUARD({
    Transaction tx(m_db);
    const std::string now = isoTime(this->now());
    const int year = std::stoi(now.substr(0, 4));
    m_db.prepare("INSERT INTO order_counter (year, last) VALUES (?1, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1").bind(1, year).run();
    auto q = m_db.prepare("SELECT last FROM order_counter WHERE year = ?1");
    q.bind(1, year).step();
    char number[32];
    std::snprintf(number, sizeof number, "PSN-%d-%04lld", year, static_cast<long long>(q.i64(0)));
    json sw = json::array();
    for (const auto& x : o.swatches) sw.push_back({{"hex", x.hex}, {"dye", x.dye}});
    const std::string uuid = newUuid();
    m_db.prepare("INSERT INTO orders (uuid, number, created_at, customer, contact, motif_id, motif_name, colorway, swatches, dyeable, product_id, "
                 "product_name, size, quantity, unit_price, lead_days, staff, note) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)")
        .bind(1, uuid).bind(2, number).bind(3, now).bind(4, o.customer).bind(5, o.contact).bind(6, o.motifId).bind(7, o.motifName)
        .bind(8, o.colorway).bind(9, sw.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)).bind(10, o.dyeable ? 1 : 0).bind(11, o.productId).bind(12, o.productName).bind(13, o.size)
        .bind(14, o.quantity).bind(15, std::int64_t(o.unitPrice)).bind(16, o.leadDays).bind(17, by.name()).bind(18, o.note).run();
    appendAudit(by.name(), "order", "order", uuid, json{{"number", number}, {"product", o.productId}, {"quantity", o.quantity}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    o.number = number;
    o.createdAt = now;
    o.staff = by.name();
    return Result<std::string>(std::string(number));
  });
}

Result<std::vector<core::Order>> Store::orders(const Actor& by) {
  if (auto st = require(by, {Role::Outlet, Role::Admin}, "orders"); !st) return st.error();
  GUARD({
    std::vector<core::Order> out;
    auto q = m_db.prepare("SELECT number, created_at, customer, contact, motif_id, motif_name, colorway, swatches, dyeable, product_id, product_name, "
                          "size, quantity, unit_price, lead_days, staff, note FROM orders ORDER BY id DESC");
    while (q.step()) {
      core::Order o;
      o.number = q.text(0), o.createdAt = q.text(1), o.customer = q.text(2), o.contact = q.text(3), o.motifId = q.text(4), o.motifName = q.text(5);
      o.colorway = q.text(6);
      const json sw = json::parse(q.text(7), nullptr, false);
      if (sw.is_array())
        for (const auto& x : sw)
          if (x.is_object()) o.swatches.push_back({x.value("hex", std::string()), x.value("dye", std::string())});
      o.dyeable = q.i64(8) != 0, o.productId = q.text(9), o.productName = q.text(10), o.size = q.text(11), o.quantity = int(q.i64(12));
      o.unitPrice = q.i64(13), o.leadDays = int(q.i64(14)), o.staff = q.text(15), o.note = q.text(16);
      out.push_back(std::move(o));
    }
    return Result<std::vector<core::Order>>(std::move(out));
  });
}

// ---------------------------------------------------------------- attempts

Result<Id> Store::saveAttempt(const Actor& by, const core::Attempt& a) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "attempts"); !st) return st.error();
  if (a.trainee.empty()) return invalid("@records.field.name");
  GUARD({
    Transaction tx(m_db);
    Id traineeId = 0;
    auto q = m_db.prepare("SELECT id FROM trainees WHERE name = ?1 OR uuid = ?1 LIMIT 2");
    q.bind(1, a.trainee);
    int hits = 0;
    while (q.step()) {
      traineeId = q.i64(0);
      ++hits;
    }
    if (hits != 1) traineeId = 0;  // an unknown or ambiguous name is kept as typed
    const std::string uuid = newUuid();
    m_db.prepare("INSERT INTO attempts (uuid, trainee_id, trainee_name, exercise, plan, mean_de, share_within_5, baths, fewest_baths, worst_layer, at, recorded_by) "
                 "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)")
        .bind(1, uuid).bindIdOrNull(2, traineeId).bind(3, a.trainee).bind(4, a.exercise).bind(5, a.planJson).bind(6, a.meanDeltaE)
        .bind(7, a.shareWithin5).bind(8, a.baths).bind(9, a.fewestBaths).bind(10, a.worstLayer)
        .bind(11, a.when.empty() ? isoTime(now()) : a.when).bind(12, by.name()).run();
    const Id id = m_db.lastId();
    appendAudit(by.name(), "attempt", "attempt", uuid, json{{"trainee", a.trainee}, {"exercise", a.exercise}, {"mean_de00", a.meanDeltaE}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
    return Result<Id>(id);
  });
}

Result<std::vector<core::Attempt>> Store::attemptsOf(const Actor& by, const std::string& traineeName) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  GUARD({
    std::vector<core::Attempt> out;
    auto q = m_db.prepare("SELECT trainee_name, exercise, plan, mean_de, share_within_5, baths, fewest_baths, worst_layer, at FROM attempts "
                          "WHERE trainee_name = ?1 ORDER BY at, id");
    q.bind(1, traineeName);
    while (q.step())
      out.push_back({q.text(0), q.text(1), q.text(2), q.f64(3), q.f64(4), int(q.i64(5)), int(q.i64(6)), q.text(7), q.text(8)});
    return Result<std::vector<core::Attempt>>(std::move(out));
  });
}

imaging::Status RecordsAttemptStore::save(const core::Attempt& a) {
  auto r = m_store.saveAttempt(m_actor, a);
  if (!r) return r.error();
  return imaging::Ok{};
}
imaging::Result<std::vector<core::Attempt>> RecordsAttemptStore::attemptsOf(const std::string& trainee) const {
  return m_store.attemptsOf(m_actor, trainee);
}

}  // namespace canting::records
