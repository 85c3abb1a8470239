#pragma once
// The records' value types: what the store reads and writes, by area
// (access, centres, curriculum, trainees, sessions, assessments and evidence,
// certificates, progress, audit), and the small value checks every area and
// importer shares. No database here: see store.h for the calls.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace canting::records {

class Store;
class SigningKey;  // keys.h

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
  // The person's secret key, opened with the PIN at login; null for the system actor.
  const SigningKey* signingKey() const { return m_key.get(); }

 private:
  friend class Store;
  Actor(Id id, std::string name, Role role, Id centre) : m_id(id), m_name(std::move(name)), m_role(role), m_centre(centre) {}
  Id m_id;
  std::string m_name;
  Role m_role;
  Id m_centre;
  std::shared_ptr<const SigningKey> m_key;
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
  std::string uuid, date, topic, title;  // topic: one of sessionTopics() (assets/training/topics.json)
  Id centre = 0, trainer = 0;
  std::vector<Id> units;
  std::map<Id, Attendance> attendance;  // trainee -> status
  std::vector<Id> trainees;             // who the session is for (read back: never empty unless the centre has none)
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
// The chain's head as printed on reports and carried in bundles: "SEQ:HASH",
// HASH the first 16 hex digits of the last entry's hash (enough to read aloud,
// and a forger would need a 64-bit second preimage to match it).
struct AuditHead {
  std::int64_t seq = 0;  // 0: the log is empty
  std::string hash;      // the last entry's full hash ("" when empty)
  std::string text() const;                                     // "SEQ:HASH16"
  static std::optional<AuditHead> parse(const std::string& s);  // "SEQ:HEX" with 8..64 hex digits
  bool matches(const AuditHead& printed) const;                 // same seq, and printed.hash a prefix of hash
};
// The record an audit entry wrote ("assessment", uuid); the entry keeps the
// hash of that record's canonical content as it was written (audit_content.cpp).
struct RecordRef {
  std::string kind;  // centre, person, scheme, trainee, session, assessment, evidence, certificate, attempt, order
  std::string uuid;
  Id id = 0;  // instead of uuid, when the caller holds only the row id
};
enum class AuditProblemKind {
  ChainBroken,         // the entry at seq does not follow its predecessor
  RecordChanged,       // the record's content differs from what its latest entry (seq) wrote
  RecordMissing,       // the entry at seq wrote a record that is no longer there
  RecordWithoutAudit,  // a record no entry wrote (seq 0)
  HeadMismatch,        // the entry at the anchored head's seq has another hash
  HeadMissing,         // the chain is shorter than the anchored head
};
const char* auditProblemName(AuditProblemKind k);  // "chain_broken", "record_changed", ...
struct AuditProblem {
  AuditProblemKind kind = AuditProblemKind::ChainBroken;
  std::string entity, uuid;  // the record (or, for the chain and the head, the entry's own entity and uuid)
  std::int64_t seq = 0;
};
struct AuditCheck {
  bool intact = true;  // the chain alone
  std::int64_t rows = 0;
  std::int64_t firstBad = 0;  // the first seq whose hash does not follow
  std::vector<AuditProblem> problems;  // chain, records and head, by seq
  bool ok() const { return intact && problems.empty(); }
};

// Helpers shared by the store, the CSV import and the bundles.
bool validNik(const std::string& nik);       // exactly 16 digits
bool validDate(const std::string& ymd);      // YYYY-MM-DD, a real calendar day
std::string addYears(const std::string& ymd, int years);
std::string newUuid();
std::string sha256Hex(const void* data, std::size_t size);
std::string maskTail(const std::string& s, int keep);  // "3303********0001" style

}  // namespace canting::records
