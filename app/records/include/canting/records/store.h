#pragma once
// The training records: centres, people, certification schemes, trainees,
// bintek sessions, assessments, evidence, certificates and dye-lab attempts,
// in one SQLite file or on a PostgreSQL server (StoreOptions::pgUrl). Roles are enforced here, not in the UI: every reading
// or changing call takes the Actor that login() returned, and an Actor
// cannot be made any other way.
//
// Nothing is hard-deleted (triggers refuse DELETE); a correction is a new
// version, and every change appends a row to a hash-chained audit log.
//
// One class over one Db; its calls are defined in one source file per area
// (src/access.cpp, audit.cpp, centres.cpp, curriculum.cpp, trainees.cpp,
// sessions.cpp, assessments.cpp, certificates.cpp, progress.cpp, orders.cpp,
// attempts.cpp, backup.cpp), each marked below with its file.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "canting/core/attempts.h"
#include "canting/core/showroom.h"
#include "canting/records/db.h"
#include "canting/records/model.h"

namespace canting::records {

namespace detail {
class WrittenRecords;  // src/audit_content.h
}

// How hard PIN hashing works. Interactive is libsodium's recommended level;
// Minimum exists for tests and benchmarks that make many people.
enum class PinCost { Interactive, Minimum };

struct StoreOptions {
  std::filesystem::path file;          // the database
  // A PostgreSQL connection URL (postgresql://...): when set, the records
  // live on that server and `file` only names this computer's installation
  // key (FILE.key; default: kabupaten-server beside the evidence folder).
  std::string pgUrl;
  std::filesystem::path evidenceDir;   // managed storage; default: beside the file
  PinCost pinCost = PinCost::Interactive;
  std::function<std::int64_t()> clock; // seconds since the epoch; default: the system clock
  int maxFailedLogins = 5;
  int lockSeconds = 15 * 60;
};

class Store {
 public:
  // Opens or creates the database, migrates it (backing it up before each
  // step) and runs PRAGMA integrity_check. With pgUrl: connects (an
  // unreachable server is RecordsError::ServerUnavailable) and migrates.
  static Result<std::unique_ptr<Store>> open(StoreOptions options);
  ~Store();

  static constexpr int kSchemaVersion = 10;
  int schemaVersion();
  // A demo database (training init --demo) says so on every screen.
  bool isDemo();
  const StoreOptions& options() const { return m_opt; }

  // --- people and access (access.cpp)
  // The first administrator can be made only while there is nobody.
  Result<Id> createFirstAdmin(const std::string& name, const std::string& pin);
  Result<Actor> login(const std::string& name, const std::string& pin);
  // The names to pick from on the login screen (staff only; no trainee data).
  Result<std::vector<std::string>> loginNames();
  Result<std::vector<std::string>> loginNames(std::initializer_list<Role> roles);  // only people with one of these roles
  Result<Id> addPerson(const Actor& by, const Person& p, const std::string& pin);
  Result<std::vector<Person>> people(const Actor& by);
  Status unlock(const Actor& by, Id person);
  // The logged-in person's own PIN; their secret key is sealed again under the new one.
  Status changePin(const Actor& by, const std::string& oldPin, const std::string& newPin);

  // --- centres (centres.cpp)
  Result<Id> addCentre(const Actor& by, const Centre& c);
  Status updateCentre(const Actor& by, const Centre& c);
  Result<std::vector<Centre>> centres(const Actor& by);
  Result<Centre> centreByName(const Actor& by, const std::string& nameOrUuid);

  // --- schemes: versioned data from assets/curriculum/*.json (curriculum.cpp; the file format in scheme_file.cpp)
  Result<Id> loadScheme(const Actor& by, const std::filesystem::path& file);
  // A scheme version given whole (the regency's, pulled over the network),
  // frozen like a file's; `from` names where it came from, for the audit log.
  Result<Id> loadScheme(const Actor& by, Scheme s, const std::string& from);
  Result<int> loadCurriculum(const Actor& by, const std::filesystem::path& folder);
  Result<std::vector<Scheme>> schemes(const Actor& by);  // without the unit trees
  Result<Scheme> scheme(const Actor& by, Id id);

  // --- trainees (trainees.cpp)
  Result<Id> addTrainee(const Actor& by, const Trainee& t);
  Status updateTrainee(const Actor& by, const Trainee& t);  // a new version; the old one stays in history
  Result<std::vector<Trainee>> trainees(const Actor& by, Id centre = 0);
  Result<Trainee> trainee(const Actor& by, Id id);
  Result<std::vector<std::string>> traineeHistory(const Actor& by, Id id);  // JSON of every version, oldest first

  // --- bintek sessions (sessions.cpp)
  // The session is for s.trainees (all of the centre's trainees when empty); every
  // one of them, and every trainee in s.attendance, must be of s.centre and on that list.
  Result<Id> addSession(const Actor& by, const Session& s);
  Status setAttendance(const Actor& by, Id session, Id trainee, Attendance a);  // a trainee the session is for
  // The trainees the session is for, by name: the attendance list's rows.
  Result<std::vector<Trainee>> sessionTrainees(const Actor& by, Id session);
  Result<std::vector<Session>> sessions(const Actor& by, Id centre = 0);
  Result<Session> session(const Actor& by, Id id);

  // --- assessments, assessors only (assessments.cpp)
  Result<Id> recordAssessment(const Actor& by, const AssessmentInput& in);
  Result<std::vector<Assessment>> assessmentsOf(const Actor& by, Id trainee);

  // --- evidence: the file is copied into managed storage under its SHA-256 (assessments.cpp)
  Result<Id> addEvidence(const Actor& by, Id trainee, Id unit, EvidenceType type, const std::filesystem::path& file,
                         const std::string& date, const std::string& note);
  Result<std::vector<Evidence>> evidenceOf(const Actor& by, Id trainee);
  std::filesystem::path evidencePath(const std::string& sha256) const;

  // --- certificates (certificates.cpp)
  Result<Id> issueCertificate(const Actor& by, Id trainee, Id scheme, const std::string& number, const std::string& issueDate);
  Status revokeCertificate(const Actor& by, Id certificate, const std::string& reason);
  Result<std::vector<Certificate>> certificates(const Actor& by, Id trainee = 0);
  Result<std::vector<Certificate>> expiringWithin(const Actor& by, int days);

  // --- progress (progress.cpp)
  Result<std::vector<CentreProgress>> dashboard(const Actor& by);
  Result<Matrix> matrix(const Actor& by, Id centre, Id scheme);
  // Per unit of the trainee's schemes: 'K', 'B' or ' '.
  Result<std::vector<std::pair<Unit, char>>> unitProgress(const Actor& by, Id trainee, Id scheme);

  // --- dye-lab attempts (attempts.cpp)
  Result<Id> saveAttempt(const Actor& by, const core::Attempt& a);
  Result<std::vector<core::Attempt>> attemptsOf(const Actor& by, const std::string& trainee);
  // The attempts the lab logged to `log` (a core::AttemptLog) while nobody was
  // logged in, recorded as `by`'s and audited; the log is then renamed aside
  // (LOG.imported-DATE-TIME). Returns how many were added; a line seen before
  // (same text) is not added twice.
  Result<int> importPendingAttempts(const Actor& by, const std::filesystem::path& log);

  // --- the outlet's orders, outlet staff and administrators (orders.cpp)
  Result<std::string> saveOrder(const Actor& by, core::Order& order);  // fills number, createdAt, staff
  Result<std::vector<core::Order>> orders(const Actor& by);
  // The orders a centre's outlet took, as its bundles brought them (numbers are the centre's own).
  Result<std::vector<core::Order>> centreOrders(const Actor& by, Id centre);

  // --- backups (backup.cpp; restoring a file is records/backup.h)
  // A copy through SQLite's online backup API, written beside `out`, checked
  // (integrity_check, schema version, the audit chain) and only then renamed
  // to `out`; the time is kept in meta as the last backup.
  Status backupTo(const std::filesystem::path& out);
  std::optional<std::int64_t> lastBackupAt();  // seconds since the epoch; none before the first backup
  bool hasRecords();                            // anything at all was ever written (the audit log is not empty)

  // --- audit (audit.cpp)
  // The chain, then every record against the content its latest entry wrote
  // (and every entry against its record), then the anchored head when given.
  // Reads only.
  Result<AuditCheck> verifyAudit(const std::optional<AuditHead>& anchor = std::nullopt);
  Result<AuditHead> auditHead();  // the last entry of the chain, as reports print it
  Result<std::vector<AuditRow>> audit(const Actor& by, std::int64_t limit = 200);

  std::string today() const;  // YYYY-MM-DD by the store's clock
  std::int64_t now() const;

  // For the bundle and import code in this library: raw access inside a transaction.
  Db& db() { return m_db; }
  void appendAudit(const std::string& user, const std::string& action, const std::string& entity,
                   const std::string& uuid, const std::string& detailJson);
  // The same, for an entry that wrote `record` (entity/uuid name what the entry
  // is about: "assess" is about a trainee, and wrote an assessment). The plain
  // form above records entity/uuid itself when they name a record.
  void appendAudit(const std::string& user, const std::string& action, const std::string& entity,
                   const std::string& uuid, const std::string& detailJson, const RecordRef& record);
  // One entry per record the writes noted by `written` touched (an import).
  void auditWritten(const std::string& user, const std::string& action, detail::WrittenRecords& written, const std::string& detailJson);
  Status require(const Actor& by, std::initializer_list<Role> roles, const char* what) const;
  Actor systemActor() const;  // the importer acts as the system, for the audit log
  // Rebuilds the derived unit_status table for one trainee (after an import).
  void refreshUnitStatus(Id trainee);

 private:
  Store(StoreOptions opt, Db db) : m_opt(std::move(opt)), m_db(std::move(db)) {}
  static Result<std::unique_ptr<Store>> openServer(StoreOptions opt);
  std::string where() const;  // the file, or the server's URL without its password, for errors
  // The one boundary where a DbError becomes an Error (defined in src/store_internal.h).
  template <class F>
  auto guarded(const char* what, F&& f) -> decltype(f());
  std::string hashPin(const std::string& pin) const;
  Trainee readTrainee(const Actor& by, Stmt& s) const;  // masked as `by` may see it

  StoreOptions m_opt;
  Db m_db;
};

// A scheme (with its units) as the scheme file's JSON, and back; `origin`
// names where the text came from in a MalformedFile error.
std::string schemeToText(const Scheme& s);
Result<Scheme> schemeFromText(const std::string& text, const std::string& origin);

// Implements the dye lab's AttemptStore over the records, as one logged-in actor.
class RecordsAttemptStore final : public core::AttemptStore {
 public:
  RecordsAttemptStore(Store& store, Actor actor) : m_store(store), m_actor(std::move(actor)) {}
  imaging::Status save(const core::Attempt& attempt) override;
  imaging::Result<std::vector<core::Attempt>> attemptsOf(const std::string& trainee) const override;

 private:
  Store& m_store;
  Actor m_actor;
};

// Implements the outlet's OrderStore over the records, as one logged-in actor.
class RecordsOrderStore final : public core::OrderStore {
 public:
  RecordsOrderStore(Store& store, Actor actor) : m_store(store), m_actor(std::move(actor)) {}
  imaging::Result<std::string> place(core::Order& order) override { return m_store.saveOrder(m_actor, order); }
  imaging::Result<std::vector<core::Order>> list() const override { return m_store.orders(m_actor); }

 private:
  Store& m_store;
  Actor m_actor;
};

}  // namespace canting::records
