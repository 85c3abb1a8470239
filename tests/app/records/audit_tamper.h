#pragma once
// The tamperer of issue 16, who holds the file and knows the (unkeyed)
// algorithms: after editing records behind the app's back, they re-hash each
// record's latest audit entry and then the whole chain, so that the chain and
// the records agree again. Only a head anchored outside the file tells.
// Needs app/records/src on the include path.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "audit_content.h"
#include "store_internal.h"

namespace canting::test {

inline void rewriteAuditChain(records::Db& db) {
  using namespace canting::records;
  db.exec("DROP TRIGGER IF EXISTS audit_append_only");
  std::vector<std::pair<std::int64_t, RecordRef>> latest;
  {
    auto q = db.prepare("SELECT MAX(seq), record_kind, record_uuid FROM audit_log WHERE content_hash != '' GROUP BY record_kind, record_uuid");
    while (q.step()) latest.push_back({q.i64(0), RecordRef{q.text(1), q.text(2)}});
  }
  for (const auto& [seq, ref] : latest)
    if (auto c = detail::recordContent(db, ref)) db.prepare("UPDATE audit_log SET content_hash = ?1 WHERE seq = ?2").bind(1, c->hash).bind(2, seq).run();
  std::vector<std::pair<std::int64_t, std::pair<std::string, std::string>>> rehashed;
  {
    std::string prev(64, '0');
    auto q = db.prepare("SELECT seq, at, user, action, entity, uuid, detail, record_kind, record_uuid, content_hash FROM audit_log ORDER BY seq");
    while (q.step()) {
      AuditRow r{q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), prev, ""};
      const std::string hash = detail::auditEntryHash(r, q.text(7), q.text(8), q.text(9));
      rehashed.push_back({r.seq, {prev, hash}});
      prev = hash;
    }
  }
  for (const auto& [seq, h] : rehashed)
    db.prepare("UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE seq = ?3").bind(1, h.first).bind(2, h.second).bind(3, seq).run();
}

}  // namespace canting::test
