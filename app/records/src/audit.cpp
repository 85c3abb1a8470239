// Audit: the hash-chained log every change appends to, and its check.

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "audit_content.h"
#include "store_internal.h"

namespace canting::records {

namespace {
// Entries from before schema 6 name no record and hash as they always did.
std::string chainHash(const std::string& prev, std::int64_t seq, const std::string& at, const std::string& user,
                      const std::string& action, const std::string& entity, const std::string& uuid, const std::string& detail,
                      const std::string& recordKind, const std::string& recordUuid, const std::string& contentHash) {
  // Unit separators keep "ab"+"c" and "a"+"bc" apart.
  std::string s = prev;
  for (const std::string& f : {std::to_string(seq), at, user, action, entity, uuid, detail}) {
    s += '\x1f';
    s += f;
  }
  if (!recordKind.empty() || !recordUuid.empty() || !contentHash.empty())
    for (const std::string& f : {recordKind, recordUuid, contentHash}) {
      s += '\x1f';
      s += f;
    }
  return sha256Hex(s.data(), s.size());
}

const char* const kChainColumns = "seq, at, user, action, entity, uuid, detail, prev_hash, hash, record_kind, record_uuid, content_hash";
const char* const kChainColumnsBefore6 = "seq, at, user, action, entity, uuid, detail, prev_hash, hash, '', '', ''";
}  // namespace

const char* auditProblemName(AuditProblemKind k) {
  switch (k) {
    case AuditProblemKind::ChainBroken: return "chain_broken";
    case AuditProblemKind::RecordChanged: return "record_changed";
    case AuditProblemKind::RecordMissing: return "record_missing";
    case AuditProblemKind::RecordWithoutAudit: return "record_without_audit";
    case AuditProblemKind::HeadMismatch: return "head_mismatch";
    case AuditProblemKind::HeadMissing: return "head_missing";
  }
  return "?";
}

void Store::appendAudit(const std::string& user, const std::string& action, const std::string& entity, const std::string& uuid,
                        const std::string& detail) {
  appendAudit(user, action, entity, uuid, detail, RecordRef{detail::isRecordKind(entity) ? entity : "", uuid});
}

void Store::appendAudit(const std::string& user, const std::string& action, const std::string& entity, const std::string& uuid,
                        const std::string& detail, const RecordRef& record) {
  std::string kind, recordUuid, content;
  if (auto c = detail::recordContent(m_db, record)) {
    kind = record.kind;
    recordUuid = c->uuid;
    content = c->hash;
  }
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
  m_db.prepare("INSERT INTO audit_log (seq, at, user, action, entity, uuid, detail, prev_hash, hash, record_kind, record_uuid, content_hash) "
               "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)")
      .bind(1, seq).bind(2, at).bind(3, user).bind(4, action).bind(5, entity).bind(6, uuid).bind(7, detail).bind(8, prev)
      .bind(9, chainHash(prev, seq, at, user, action, entity, uuid, detail, kind, recordUuid, content))
      .bind(10, kind).bind(11, recordUuid).bind(12, content)
      .run();
}

void Store::auditWritten(const std::string& user, const std::string& action, detail::WrittenRecords& written, const std::string& detailJson) {
  for (const RecordRef& r : written.records()) {
    auto c = detail::recordContent(m_db, r);
    if (c) appendAudit(user, action, r.kind, c->uuid, detailJson, r);
  }
}

namespace detail {
namespace {
// The latest entry that wrote each record: what the record must still be.
struct Written {
  std::int64_t seq = 0;
  std::string hash;
  bool seen = false;
};
using LatestByRecord = std::unordered_map<std::string, Written>;
std::string recordKey(const std::string& kind, const std::string& uuid) { return kind + '\x1f' + uuid; }

AuditCheck walkChain(Db& db, LatestByRecord* latest) {
  AuditCheck c;
  std::string prev(64, '0');
  // A file from before schema 6 (a backup to restore) has no record columns yet.
  bool v6 = false;
  if (db.dialect() == Dialect::Postgres) {
    v6 = true;  // a server's schema was made at version 8 or later
  } else {
    auto cols = db.prepare("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'content_hash'");
    v6 = cols.step() && cols.i64(0) == 1;
  }
  auto q = db.prepare(std::string("SELECT ") + (v6 ? kChainColumns : kChainColumnsBefore6) + " FROM audit_log ORDER BY seq");
  std::int64_t expectSeq = 1;
  while (q.step()) {
    ++c.rows;
    const std::int64_t seq = q.i64(0);
    const std::string hash = q.text(8), kind = q.text(9), recordUuid = q.text(10), content = q.text(11);
    const bool follows = seq == expectSeq && q.text(7) == prev &&
                         hash == chainHash(prev, seq, q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), kind, recordUuid, content);
    if (!follows) {
      if (c.intact) c.firstBad = seq;
      c.intact = false;
      c.problems.push_back({AuditProblemKind::ChainBroken, q.text(4), q.text(5), seq});
    }
    if (latest && !content.empty()) (*latest)[recordKey(kind, recordUuid)] = Written{seq, content};
    prev = hash;
    expectSeq = seq + 1;
  }
  return c;
}

// Rows that were there before entries carried content (schema 6) are not asked for one.
std::unordered_map<std::string, Id> coveredFrom(Db& db) {
  std::unordered_map<std::string, Id> from;
  auto q = db.prepare("SELECT key, value FROM meta WHERE key LIKE 'audit_from.%'");
  while (q.step()) from[q.text(0).substr(std::strlen("audit_from."))] = std::stoll(q.text(1));
  return from;
}

void checkRecords(Db& db, LatestByRecord& latest, AuditCheck& c) {
  const auto from = coveredFrom(db);
  allRecordContents(db, [&](const char* kind, const char* table, Id id, const std::string& uuid, const std::string& hash) {
    auto it = latest.find(recordKey(kind, uuid));
    if (it == latest.end()) {
      const auto f = from.find(table);
      if (id > (f == from.end() ? 0 : f->second)) c.problems.push_back({AuditProblemKind::RecordWithoutAudit, kind, uuid, 0});
      return;
    }
    it->second.seen = true;
    if (it->second.hash != hash) c.problems.push_back({AuditProblemKind::RecordChanged, kind, uuid, it->second.seq});
  });
  for (const auto& [key, w] : latest)
    if (!w.seen) {
      const auto sep = key.find('\x1f');
      c.problems.push_back({AuditProblemKind::RecordMissing, key.substr(0, sep), key.substr(sep + 1), w.seq});
    }
}

void checkHead(Db& db, const AuditHead& anchor, AuditCheck& c) {
  auto q = db.prepare("SELECT entity, uuid, hash FROM audit_log WHERE seq = ?1");
  q.bind(1, anchor.seq);
  if (!q.step()) {
    c.problems.push_back({AuditProblemKind::HeadMissing, "", "", anchor.seq});
    return;
  }
  if (!AuditHead{anchor.seq, q.text(2)}.matches(anchor)) c.problems.push_back({AuditProblemKind::HeadMismatch, q.text(0), q.text(1), anchor.seq});
}

struct ReadSnapshot {
  explicit ReadSnapshot(Db& db) : m_db(db), m_own(!db.inTransaction()) {
    if (m_own) m_db.beginRead();
  }
  ~ReadSnapshot() {
    if (m_own) m_db.rollbackQuietly();
  }
  Db& m_db;
  bool m_own;
};
}  // namespace

AuditCheck verifyChain(Db& db) { return walkChain(db, nullptr); }

std::string auditEntryHash(const AuditRow& r, const std::string& recordKind, const std::string& recordUuid, const std::string& contentHash) {
  return chainHash(r.prevHash, r.seq, r.at, r.user, r.action, r.entity, r.uuid, r.detail, recordKind, recordUuid, contentHash);
}
}  // namespace detail

Result<AuditCheck> Store::verifyAudit(const std::optional<AuditHead>& anchor) {
  return guarded("verifyAudit", [&]() -> Result<AuditCheck> {
    // One read transaction, rolled back: the chain and the records are seen as
    // of one moment, and nothing is written.
    detail::ReadSnapshot snap(m_db);
    detail::LatestByRecord latest;
    AuditCheck c = detail::walkChain(m_db, &latest);
    detail::checkRecords(m_db, latest, c);
    if (anchor) detail::checkHead(m_db, *anchor, c);
    std::stable_sort(c.problems.begin(), c.problems.end(), [](const AuditProblem& a, const AuditProblem& b) { return a.seq < b.seq; });
    return c;
  });
}

std::string AuditHead::text() const { return std::to_string(seq) + ":" + hash.substr(0, 16); }

std::optional<AuditHead> AuditHead::parse(const std::string& s) {
  const auto colon = s.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 18) return std::nullopt;
  AuditHead h;
  for (std::size_t i = 0; i < colon; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    h.seq = h.seq * 10 + (s[i] - '0');
  }
  h.hash = s.substr(colon + 1);
  if (h.hash.size() < 8 || h.hash.size() > 64) return std::nullopt;
  for (char& c : h.hash) {
    if (c >= 'A' && c <= 'F') c = char(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  return h;
}

bool AuditHead::matches(const AuditHead& printed) const {
  return seq == printed.seq && !printed.hash.empty() && hash.compare(0, printed.hash.size(), printed.hash) == 0;
}

Result<AuditHead> Store::auditHead() {
  return guarded("auditHead", [&]() -> Result<AuditHead> {
    AuditHead h;
    auto q = m_db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (q.step()) {
      h.seq = q.i64(0);
      h.hash = q.text(1);
    }
    return h;
  });
}

Result<std::vector<AuditRow>> Store::audit(const Actor& by, std::int64_t limit) {
  if (auto st = require(by, {Role::Admin}, "audit"); !st) return st.error();
  return guarded("audit", [&]() -> Result<std::vector<AuditRow>> {
    std::vector<AuditRow> out;
    auto q = m_db.prepare("SELECT seq, at, user, action, entity, uuid, detail, prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT ?1");
    q.bind(1, limit);
    while (q.step())
      out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7), q.text(8)});
    return out;
  });
}

}  // namespace canting::records
