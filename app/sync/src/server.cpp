// The regency's side of sync (see canting/sync/server.h).
//
// [SECTION] helpers: translation, errors, the keys this server trusts
// [SECTION] push: size, key, rate, a receipt already given, import, receipt
// [SECTION] challenge and pull

#include "canting/sync/server.h"

#include <sodium.h>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/records/bundle.h"
#include "canting/records/keys.h"
#include "canting/records/wording.h"

namespace canting::sync {

namespace fs = std::filesystem;
namespace rec = records;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

std::string randomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

std::string isoNow(const rec::Store& s) {
  const std::time_t t = std::time_t(s.now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

// [SECTION] helpers: translation, errors, the keys this server trusts

SyncServer::SyncServer(rec::Store& store, ServerOptions options, const fs::path& i18n) : m_store(store), m_opt(std::move(options)) {
  m_id.load(i18n, core::Language::Indonesian);
  m_en.load(i18n, core::Language::English);
  if (m_opt.spool.empty()) m_opt.spool = fs::temp_directory_path() / ("canting-server-" + randomHex(6));
  std::error_code ec;
  fs::create_directories(m_opt.spool, ec);
}

const core::Translator& SyncServer::tr(const Request& r) const { return r.lang.rfind("en", 0) == 0 ? m_en : m_id; }

Reply SyncServer::error(const Request& r, int status, const std::string& code, const std::string& message) const {
  (void)r;
  return Reply{status, base::dumpJson(json{{"error", code}, {"message", message}})};
}

Reply SyncServer::hello() const { return Reply{200, base::dumpJson(json{{"server", "canting-server"}, {"protocol", 1}})}; }

std::optional<Reply> SyncServer::authorise(const Request& r, const std::string& key) {
  if (key.empty()) return error(r, 401, "no_key", tr(r).tr("sync.server.no_key"));
  auto keys = rec::listKeys(m_store, m_store.systemActor());
  if (!keys) return error(r, 500, "store", tr(r).message(keys.error()));
  for (const rec::KeyEntry& k : *keys) {
    if (k.publicKey != key || k.kind != "installation" || k.origin != "enrolled") continue;
    if (!k.revokedFrom.empty() && m_store.today() >= k.revokedFrom)
      return error(r, 403, "revoked", tr(r).tr("sync.server.revoked", {{"fingerprint", k.fingerprint}, {"date", k.revokedFrom}}));
    return std::nullopt;
  }
  return error(r, 401, "unknown_key", tr(r).tr("sync.server.unknown_key", {{"fingerprint", rec::keyFingerprint(key)}}));
}

// [SECTION] push: size, key, rate, a receipt already given, import, receipt

Reply SyncServer::receiptFor(const std::string& sha, const std::string& centreName, const rec::BundleSummary& sum) {
  auto centre = m_store.centreByName(m_store.systemActor(), centreName);
  auto key = rec::installationKey(m_store);
  if (!centre || !key) return Reply{500, base::dumpJson(json{{"error", "store"}, {"message", "no centre or key"}})};
  const json body = {{"format", "canting-sync-receipt"}, {"version", 1}, {"centre", {{"uuid", centre->uuid}, {"name", centre->name}}},
                     {"head", sum.head.text()}, {"held_before", sum.held.text()}, {"bundle_sha256", sha},
                     {"added", sum.added}, {"updated", sum.updated}, {"unchanged", sum.unchanged}, {"conflicts", sum.conflicts},
                     {"received_at", isoNow(m_store)}};
  const std::string doc = signDoc(**key, kReceiptKind, base::dumpJson(body));
  auto q = m_store.db().prepare(
      "INSERT OR IGNORE INTO sync_receipts (bundle_sha256, centre_uuid, head, receipt, signature, created_at) VALUES (?1, ?2, ?3, ?4, '', ?5)");
  q.bind(1, sha).bind(2, centre->uuid).bind(3, sum.head.text()).bind(4, doc).bind(5, body["received_at"].get<std::string>()).run();
  return Reply{200, base::dumpJson(json{{"receipt", doc}, {"again", false}})};
}

Reply SyncServer::push(const Request& r) {
  if (r.body.size() > m_opt.maxUpload)
    return error(r, 413, "too_large",
                 tr(r).tr("sync.server.too_large", {{"megabytes", std::to_string(r.body.size() >> 20)}, {"limit", std::to_string(m_opt.maxUpload >> 20)}}));
  std::lock_guard lock(m_mutex);
  try {
    if (auto no = authorise(r, r.key)) return *no;
    // A sliding minute per centre key: a retry loop gone wrong cannot keep the regency busy.
    auto& window = m_pushes[r.key];
    const auto now = Clock::now();
    while (!window.empty() && now - window.front() > std::chrono::minutes(1)) window.pop_front();
    if (int(window.size()) >= m_opt.pushesPerMinute) {
      const int wait = 1 + int(std::chrono::duration_cast<std::chrono::seconds>(window.front() + std::chrono::minutes(1) - now).count());
      Reply rep = error(r, 429, "too_many", tr(r).tr("sync.server.too_many", {{"seconds", std::to_string(wait)}}));
      rep.retryAfter = wait;
      return rep;
    }
    window.push_back(now);
    const std::string sha = rec::sha256Hex(r.body.data(), r.body.size());
    // The same bytes again (the receipt was lost on a cut link): the same receipt, no second import, as long as
    // the head it names is still the one held for that centre. An older upload goes on to the import, which
    // refuses it as replayed.
    {
      auto q = m_store.db().prepare(
          "SELECT r.receipt FROM sync_receipts r WHERE r.bundle_sha256 = ?1 AND r.head = "
          "(SELECT h.seq || ':' || substr(h.hash, 1, 16) FROM centre_heads h JOIN centres c ON c.id = h.centre_id "
          "WHERE c.uuid = r.centre_uuid ORDER BY h.id DESC LIMIT 1)");
      q.bind(1, sha);
      if (q.step()) return Reply{200, base::dumpJson(json{{"receipt", q.text(0)}, {"again", true}})};
    }
    const fs::path file = m_opt.spool / ("push-" + sha.substr(0, 16) + ".bundle");
    {
      std::ofstream f(file, std::ios::binary | std::ios::trunc);
      f.write(r.body.data(), std::streamsize(r.body.size()));
      if (!f) return error(r, 507, "spool", tr(r).tr("sync.server.spool_full"));
    }
    if (m_opt.fault) m_opt.fault("before-import");
    auto sum = rec::importBundle(m_store, m_store.systemActor(), file, rec::kMaxBundleInflated);
    std::error_code ec;
    fs::remove(file, ec);
    if (m_opt.fault) m_opt.fault("after-import");
    if (!sum) {
      const auto& e = sum.error();
      const std::string msg = tr(r).message(e);
      if (e.code == rec::RecordsError::BundleRefused) return error(r, 403, "refused", msg);
      if (e.code == rec::RecordsError::BundleRewritten) return error(r, 409, "rewritten", msg);
      if (e.code == imaging::ErrorCode::FileTooLarge) return error(r, 413, "too_large", msg);
      return error(r, 400, "malformed", msg);
    }
    if (sum->replayed) return error(r, 409, "replayed", rec::bundleImportedText(tr(r), *sum));
    return receiptFor(sha, sum->centre, *sum);
  } catch (const rec::DbError& e) {
    return error(r, 500, "store", e.describe());
  }
}

// [SECTION] challenge and pull

Reply SyncServer::challenge(const Request& r) {
  std::lock_guard lock(m_mutex);
  if (auto no = authorise(r, r.key)) return *no;
  const auto now = Clock::now();
  for (auto it = m_nonces.begin(); it != m_nonces.end();) it = it->second.expires < now ? m_nonces.erase(it) : std::next(it);
  const std::string nonce = randomHex(32);
  m_nonces[nonce] = Nonce{r.key, now + std::chrono::seconds(m_opt.challengeSeconds)};
  return Reply{200, base::dumpJson(json{{"nonce", nonce}, {"seconds", m_opt.challengeSeconds}})};
}

Reply SyncServer::pull(const Request& r) {
  std::lock_guard lock(m_mutex);
  const json j = json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("nonce") || !j.contains("key") || !j.contains("signature") || !j["nonce"].is_string() ||
      !j["key"].is_string() || !j["signature"].is_string())
    return error(r, 400, "malformed", tr(r).tr("sync.server.bad_request"));
  const std::string nonce = j["nonce"], key = j["key"], signature = j["signature"];
  // One use only, and only by the key it was given to: a recorded answer cannot be played again.
  auto it = m_nonces.find(nonce);
  const bool fresh = it != m_nonces.end() && it->second.key == key && it->second.expires >= Clock::now();
  if (it != m_nonces.end()) m_nonces.erase(it);
  if (!fresh || !rec::verifySignature(key, signature, challengeText(nonce, key)))
    return error(r, 401, "challenge", tr(r).tr("sync.server.challenge"));
  if (auto no = authorise(r, key)) return *no;
  auto keys = rec::listKeys(m_store, m_store.systemActor());
  auto schemes = m_store.schemes(m_store.systemActor());
  auto own = rec::installationKey(m_store);
  if (!keys || !schemes || !own) return error(r, 500, "store", "keys or schemes unreadable");
  json body = {{"issued_at", isoNow(m_store)}, {"keys", json::array()}, {"schemes", json::array()}};
  for (const rec::KeyEntry& k : *keys)
    body["keys"].push_back({{"public_key", k.publicKey}, {"fingerprint", k.fingerprint}, {"kind", k.kind}, {"owner_uuid", k.ownerUuid},
                            {"owner_name", k.ownerName}, {"role", k.role}, {"revoked_from", k.revokedFrom}});
  // Every scheme is listed; those the centre said it lacks come whole, to be
  // loaded there as a scheme file would be (a centre that names none gets all).
  std::set<std::string> has;
  if (j.contains("have") && j["have"].is_array())
    for (const json& h : j["have"])
      if (h.is_object()) has.insert(h.value("code", "") + "\n" + h.value("title", "") + "\n" + h.value("version", ""));
  for (const rec::Scheme& s : *schemes) {
    json entry = {{"code", s.code}, {"title", s.title}, {"version", s.version}};
    if (!has.count(s.code + "\n" + s.title + "\n" + s.version)) {
      auto whole = m_store.scheme(m_store.systemActor(), s.id);
      if (!whole) return error(r, 500, "store", tr(r).message(whole.error()));
      entry["scheme"] = json::parse(rec::schemeToText(*whole));
    }
    body["schemes"].push_back(std::move(entry));
  }
  return Reply{200, signDoc(**own, kPullKind, base::dumpJson(body))};
}

}  // namespace canting::sync
