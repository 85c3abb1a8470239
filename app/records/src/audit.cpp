// Audit: the hash-chained log every change appends to, and its check.

#include "store_internal.h"

namespace canting::records {

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

namespace detail {
AuditCheck verifyChain(Db& db) {
  AuditCheck c;
  std::string prev(64, '0');
  auto q = db.prepare("SELECT seq, at, user, action, entity, uuid, detail, prev_hash, hash FROM audit_log ORDER BY seq");
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
  return c;
}
}  // namespace detail

Result<AuditCheck> Store::verifyAudit() {
  return guarded("verifyAudit", [&]() -> Result<AuditCheck> { return detail::verifyChain(m_db); });
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
