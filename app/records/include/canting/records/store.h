#pragma once
// The training records: centres, people, certification schemes, trainees,
// bintek sessions, assessments, evidence, certificates and dye-lab attempts,
// in one SQLite file. Roles are enforced here, not in the UI: every reading
// or changing call takes the Actor that login() returned, and an Actor
// cannot be made any other way.
//
// Nothing is hard-deleted (triggers refuse DELETE); a correction is a new
// version, and every change appends a row to a hash-chained audit log.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "canting/core/attempts.h"
#include "canting/core/showroom.h"
#include "canting/records/db.h"

namespace canting::records {

using Id = std::int64_t;

enum class Role { Admin, Trainer, Assessor, Outlet };
const char* roleName(Role role);  // "admin", "trainer", ... (stable, used in files)
std::optional<Role> parseRole(std::string_view text);

// Who is acting. Only Store::login (and Store::systemActor for set-up) make one.
class Actor {
 public:
  Id id() const { return m_id; }
  const std::string& name() const { return m_name; }
  Role role() const { return m_role; }
  Id centre() const { return m_centre; }  // 0: all centres (regency office)

 private:
  friend class Store;
  Actor(Id id, std::string name, Role role, Id centre) : m_id(id), m_name(std::move(name)), m_role(role), m_centre(centre) {}
  Id m_id;
  std::string m_name;
  Role m_role;
  Id m_centre;
};

struct Centre {
  Id id = 0;
  std::string uuid, name, desa, kecamatan, note;
};

struct Person {
  Id id = 0;
  std::string uuid, name;
  Role role = Role::Trainer;
  Id centre = 0;
  std::string registration;  // the assessor's MET number; may be empty
  bool locked = false;
};

struct Trainee {
  Id id = 0;
  std::string uuid, name, nik, birthDate, sex, phone;  // sex: "L" or "P"
  Id centre = 0, trainer = 0;
  bool consent = false;
  std::string updatedAt;
  bool masked = false;  // nik and phone were masked for this actor
};

struct Criterion { Id id = 0; std::string text; };
struct Element { Id id = 0; std::string title; std::vector<Criterion> criteria; };
struct Unit { Id id = 0; std::string code, title; std::vector<Element> elements; };
struct Scheme {
  Id id = 0;
  std::string uuid, code, title, version, kind, decree, source;
  int validityYears = 3;
  std::vector<Unit> units;
};

enum class Attendance { Present, Absent, Excused };
const char* attendanceName(Attendance a);

struct Session {
  Id id = 0;
  std::string uuid, date, topic, title;  // topic: desain, pewarnaan, produk-turunan, ...
  Id centre = 0, trainer = 0;
  std::vector<Id> units;
  std::map<Id, Attendance> attendance;  // trainee -> status
};

struct AssessmentInput {
  Id trainee = 0, scheme = 0;
  std::string date, place;               // place: TUK Sewaktu / Tempat Kerja / Mandiri, and where
  std::vector<std::string> methods;      // observasi, portofolio, lisan, tertulis, ...
  std::map<Id, bool> criteria;           // criterion -> Ya (true) / Tidak
  std::map<Id, bool> units;              // unit -> K (true) / BK
  std::string followUp, appeal;
};
struct Assessment {
  Id id = 0;
  std::string uuid, date, place, followUp, appeal, assessorName;
  Id trainee = 0, scheme = 0, assessor = 0;
  std::vector<std::string> methods;
  std::map<Id, bool> criteria, units;
};

enum class EvidenceType { Direct, Indirect, Supplementary };
const char* evidenceTypeName(EvidenceType t);
struct Evidence {
  Id id = 0;
  std::string uuid, fileName, sha256, date, note;
  EvidenceType type = EvidenceType::Direct;
  Id trainee = 0, unit = 0;
  std::int64_t size = 0;
};

struct Certificate {
  Id id = 0;
  std::string uuid, number, issueDate, expiryDate, status;  // status: active, expired, revoked
  Id trainee = 0, scheme = 0;
  std::string traineeName, schemeTitle;
};

struct CentreProgress {
  Id centre = 0;
  std::string name;
  int trainees = 0, sessions = 0, unitsAchieved = 0, certified = 0, expiring90 = 0;
};

// Trainee x unit for one centre and one scheme. cell: 'K', 'B' (BK) or ' '.
struct Matrix {
  std::vector<Unit> units;  // without elements
  std::vector<std::pair<Id, std::string>> trainees;
  std::vector<std::string> cells;  // one string per trainee, one char per unit
};

struct AuditRow {
  std::int64_t seq = 0;
  std::string at, user, action, entity, uuid, detail, prevHash, hash;
};
struct AuditCheck {
  bool intact = true;
  std::int64_t rows = 0;
  std::int64_t firstBad = 0;  // the first seq whose hash does not follow
};

// How hard PIN hashing works. Interactive is libsodium's recommended level;
// Minimum exists for tests and benchmarks that make many people.
enum class PinCost { Interactive, Minimum };

struct StoreOptions {
  std::filesystem::path file;          // the database
  std::filesystem::path evidenceDir;   // managed storage; default: beside the file
  PinCost pinCost = PinCost::Interactive;
  std::function<std::int64_t()> clock; // seconds since the epoch; default: the system clock
  int maxFailedLogins = 5;
  int lockSeconds = 15 * 60;
};

class Store {
 public:
  // Opens or creates the database, migrates it (backing it up before each
  // step) and runs PRAGMA integrity_check.
  static Result<std::unique_ptr<Store>> open(StoreOptions options);
  ~Store();

  static constexpr int kSchemaVersion = 4;
  int schemaVersion();
  // A demo database (training init --demo) says so on every screen.
  bool isDemo();
  const StoreOptions& options() const { return m_opt; }

  // --- people and access
  // The first administrator can be made only while there is nobody.
  Result<Id> createFirstAdmin(const std::string& name, const std::string& pin);
  Result<Actor> login(const std::string& name, const std::string& pin);
  // The names to pick from on the login screen (staff only; no trainee data).
  Result<std::vector<std::string>> loginNames();
  Result<Id> addPerson(const Actor& by, const Person& p, const std::string& pin);
  Result<std::vector<Person>> people(const Actor& by);
  Status unlock(const Actor& by, Id person);

  // --- centres
  Result<Id> addCentre(const Actor& by, const Centre& c);
  Status updateCentre(const Actor& by, const Centre& c);
  Result<std::vector<Centre>> centres(const Actor& by);
  Result<Centre> centreByName(const Actor& by, const std::string& nameOrUuid);

  // --- schemes (versioned data from assets/curriculum/*.json)
  Result<Id> loadScheme(const Actor& by, const std::filesystem::path& file);
  Result<int> loadCurriculum(const Actor& by, const std::filesystem::path& folder);
  Result<std::vector<Scheme>> schemes(const Actor& by);  // without the unit trees
  Result<Scheme> scheme(const Actor& by, Id id);

  // --- trainees
  Result<Id> addTrainee(const Actor& by, const Trainee& t);
  Status updateTrainee(const Actor& by, const Trainee& t);  // a new version; the old one stays in history
  Result<std::vector<Trainee>> trainees(const Actor& by, Id centre = 0);
  Result<Trainee> trainee(const Actor& by, Id id);
  Result<std::vector<std::string>> traineeHistory(const Actor& by, Id id);  // JSON of every version, oldest first

  // --- bintek sessions
  Result<Id> addSession(const Actor& by, const Session& s);
  Status setAttendance(const Actor& by, Id session, Id trainee, Attendance a);
  Result<std::vector<Session>> sessions(const Actor& by, Id centre = 0);
  Result<Session> session(const Actor& by, Id id);

  // --- assessments (assessors only)
  Result<Id> recordAssessment(const Actor& by, const AssessmentInput& in);
  Result<std::vector<Assessment>> assessmentsOf(const Actor& by, Id trainee);

  // --- evidence: the file is copied into managed storage under its SHA-256
  Result<Id> addEvidence(const Actor& by, Id trainee, Id unit, EvidenceType type, const std::filesystem::path& file,
                         const std::string& date, const std::string& note);
  Result<std::vector<Evidence>> evidenceOf(const Actor& by, Id trainee);
  std::filesystem::path evidencePath(const std::string& sha256) const;

  // --- certificates
  Result<Id> issueCertificate(const Actor& by, Id trainee, Id scheme, const std::string& number, const std::string& issueDate);
  Status revokeCertificate(const Actor& by, Id certificate, const std::string& reason);
  Result<std::vector<Certificate>> certificates(const Actor& by, Id trainee = 0);
  Result<std::vector<Certificate>> expiringWithin(const Actor& by, int days);

  // --- progress
  Result<std::vector<CentreProgress>> dashboard(const Actor& by);
  Result<Matrix> matrix(const Actor& by, Id centre, Id scheme);
  // Per unit of the trainee's schemes: 'K', 'B' or ' '.
  Result<std::vector<std::pair<Unit, char>>> unitProgress(const Actor& by, Id trainee, Id scheme);

  // --- dye-lab attempts
  Result<Id> saveAttempt(const Actor& by, const core::Attempt& a);
  Result<std::vector<core::Attempt>> attemptsOf(const Actor& by, const std::string& trainee);

  // --- the outlet's orders (outlet staff and administrators)
  Result<std::string> saveOrder(const Actor& by, core::Order& order);  // fills number, createdAt, staff
  Result<std::vector<core::Order>> orders(const Actor& by);

  // --- audit
  Result<AuditCheck> verifyAudit();
  Result<std::vector<AuditRow>> audit(const Actor& by, std::int64_t limit = 200);

  std::string today() const;  // YYYY-MM-DD by the store's clock
  std::int64_t now() const;

  // For the bundle and import code in this library: raw access inside a transaction.
  Db& db() { return m_db; }
  void appendAudit(const std::string& user, const std::string& action, const std::string& entity,
                   const std::string& uuid, const std::string& detailJson);
  Status require(const Actor& by, std::initializer_list<Role> roles, const char* what) const;
  Actor systemActor() const;  // the importer acts as the system, for the audit log
  // Rebuilds the derived unit_status table for one trainee (after an import).
  void refreshUnitStatus(Id trainee);

 private:
  Store(StoreOptions opt, Db db) : m_opt(std::move(opt)), m_db(std::move(db)) {}
  Status migrate();
  std::string hashPin(const std::string& pin) const;
  bool canSeePrivate(const Actor& by, const Trainee& t) const;
  Trainee readTrainee(Stmt& s) const;

  StoreOptions m_opt;
  Db m_db;
};

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

// Helpers shared by the store, the CSV import and the bundles.
bool validNik(const std::string& nik);       // exactly 16 digits
bool validDate(const std::string& ymd);      // YYYY-MM-DD, a real calendar day
std::string addYears(const std::string& ymd, int years);
std::string newUuid();
std::string sha256Hex(const void* data, std::size_t size);
std::string maskTail(const std::string& s, int keep);  // "3303********0001" style

}  // namespace canting::records
