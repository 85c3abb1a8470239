// The exporting installation's audit chain in a bundle, and what the
// importing database keeps of each centre's chain.
//
// Why every entry's hash and not only the head: the regency must tell a chain
// that extends what it holds from one that was rewritten, and an old bundle
// brought again from a newer one. It keeps the hashes up to the last head it
// imported (centre_chain); the two chains must agree wherever both have an
// entry. Sixteen hex digits per entry are what the printed head carries too.

#include <vector>

#include "bundle_internal.h"
#include "store_internal.h"

namespace canting::records::bundle {

using nlohmann::json;

namespace {

constexpr std::size_t kShort = 16;

bool isHex(const std::string& s) { return s.find_first_not_of("0123456789abcdef") == std::string::npos; }

AuditHead headAt(std::int64_t seq, const std::string& hash) {
  AuditHead h;
  h.seq = seq;
  h.hash = hash;
  return h;
}

// The hashes this database holds from a centre, entry 1 first.
std::vector<std::string> heldChain(Db& db, Id centre) {
  std::vector<std::string> out;
  auto q = db.prepare("SELECT seq, hash FROM centre_chain WHERE centre_id = ?1 ORDER BY seq");
  q.bind(1, centre);
  while (q.step()) {
    // A gap would be a damaged table; stop there rather than compare the wrong entries.
    if (q.i64(0) != std::int64_t(out.size()) + 1) break;
    out.push_back(q.text(1));
  }
  return out;
}

}  // namespace

json chainSection(Db& db) {
  json hashes = json::array();
  std::string last;
  std::int64_t seq = 0;
  auto q = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq");
  while (q.step()) {
    seq = q.i64(0);
    last = q.text(1);
    hashes.push_back(last.substr(0, kShort));
  }
  return json{{"head", {{"seq", seq}, {"hash", last}}}, {"hashes", std::move(hashes)}};
}

std::optional<Bad> validateChain(const json& a) {
  if (!a.is_object() || !a.contains("head") || !a["head"].is_object() || !a.contains("hashes") || !a["hashes"].is_array())
    return Bad{"audit", "missing head or hashes"};
  const json& h = a["head"];
  if (!h.contains("seq") || !h["seq"].is_number_unsigned()) return Bad{"audit.head.seq", "not a number"};
  const auto seq = h["seq"].get<std::uint64_t>();
  const std::string hash = str(h, "hash");
  if (seq != a["hashes"].size()) return Bad{"audit.hashes", "not one hash per entry up to the head"};
  if (seq == 0 ? !hash.empty() : hash.size() != 64 || !isHex(hash)) return Bad{"audit.head.hash", "not a SHA-256"};
  for (std::size_t i = 0; i < a["hashes"].size(); ++i) {
    const json& x = a["hashes"][i];
    if (!x.is_string() || x.get<std::string>().size() != kShort || !isHex(x.get<std::string>()))
      return Bad{"audit.hashes[" + std::to_string(i) + "]", "not 16 hex digits"};
  }
  if (seq > 0 && a["hashes"].back().get<std::string>() != hash.substr(0, kShort)) return Bad{"audit.head", "does not end the hashes"};
  return std::nullopt;
}

std::optional<Error> checkChain(Db& db, Id centre, const json& audit, const std::filesystem::path& file, BundleSummary& sum) {
  const json& hashes = audit["hashes"];
  sum.head = headAt(audit["head"]["seq"].get<std::int64_t>(), str(audit["head"], "hash"));
  if (centre == 0) return std::nullopt;
  {
    auto q = db.prepare("SELECT seq, hash FROM centre_heads WHERE centre_id = ?1 ORDER BY seq DESC LIMIT 1");
    q.bind(1, centre);
    if (q.step()) sum.held = headAt(q.i64(0), q.text(1));
  }
  if (sum.held.seq == 0) return std::nullopt;
  const std::vector<std::string> held = heldChain(db, centre);
  const std::size_t overlap = std::min(held.size(), hashes.size());
  for (std::size_t i = 0; i < overlap; ++i) {
    if (hashes[i].get<std::string>() == held[i]) continue;
    // Both heads, each as far as the other chain reaches: the regency's last
    // head against the bundle's entry of the same number (or the bundle's
    // head against the regency's entry, when the bundle is the shorter one).
    const std::size_t at = overlap - 1;
    const AuditHead ours = held.size() <= hashes.size() ? sum.held : headAt(std::int64_t(at) + 1, held[at]);
    const AuditHead theirs = headAt(std::int64_t(at) + 1, hashes[at].get<std::string>());
    return imaging::makeError(RecordsError::BundleRewritten, {{"path", file.string()}, {"centre", sum.centre}, {"held", ours.text()},
                                                            {"bundle", theirs.text()}, {"from", std::to_string(i + 1)}});
  }
  sum.replayed = sum.head.seq < sum.held.seq;
  return std::nullopt;
}

bool keepChain(Db& db, Id centre, const json& audit, const std::string& exportedAt, const std::string& importedAt, const std::string& file) {
  const auto seq = audit["head"]["seq"].get<std::int64_t>();
  std::int64_t heldSeq = 0;
  {
    auto q = db.prepare("SELECT IFNULL(MAX(seq), 0) FROM centre_heads WHERE centre_id = ?1");
    q.bind(1, centre);
    q.step();
    heldSeq = q.i64(0);
  }
  if (seq <= heldSeq) return false;
  auto ins = db.prepare("INSERT OR IGNORE INTO centre_chain (centre_id, seq, hash) VALUES (?1, ?2, ?3)");
  const json& hashes = audit["hashes"];
  for (std::int64_t s = heldSeq + 1; s <= seq; ++s) {
    ins.reset();
    ins.bind(1, centre).bind(2, s).bind(3, hashes[std::size_t(s - 1)].get<std::string>()).run();
  }
  db.prepare("INSERT INTO centre_heads (centre_id, seq, hash, exported_at, imported_at, file) VALUES (?1,?2,?3,?4,?5,?6)")
      .bind(1, centre).bind(2, seq).bind(3, str(audit["head"], "hash")).bind(4, exportedAt).bind(5, importedAt).bind(6, file).run();
  return true;
}

}  // namespace canting::records::bundle

namespace canting::records {

Result<std::vector<CentreHead>> centreHeads(Store& store, const Actor& by) {
  if (auto st = store.require(by, {Role::Admin}, "bundle_import"); !st) return st.error();
  try {
    std::vector<CentreHead> out;
    auto q = store.db().prepare(
        "SELECT c.id, c.name, IFNULL(h.seq, 0), IFNULL(h.hash, ''), IFNULL(h.exported_at, ''), IFNULL(h.imported_at, '') FROM centres c "
        "LEFT JOIN centre_heads h ON h.id = (SELECT id FROM centre_heads WHERE centre_id = c.id ORDER BY seq DESC LIMIT 1) ORDER BY c.name");
    while (q.step()) {
      CentreHead h;
      h.centre = q.i64(0), h.name = q.text(1), h.head.seq = q.i64(2), h.head.hash = q.text(3), h.exportedAt = q.text(4), h.importedAt = q.text(5);
      out.push_back(std::move(h));
    }
    return out;
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string(), "centreHeads");
  }
}

}  // namespace canting::records
