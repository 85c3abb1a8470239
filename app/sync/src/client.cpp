// A centre's side of sync (canting/sync/client.h).
//
// [SECTION] helpers: the transport, the centre, what was sent before
// [SECTION] push: hello, export, upload, check and keep the receipt
// [SECTION] pull: challenge, lists, revocations applied

#include "canting/sync/client.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/records/bundle.h"
#include "canting/records/keys.h"

namespace canting::sync {

namespace fs = std::filesystem;
namespace rec = records;
using nlohmann::json;

namespace {

// [SECTION] helpers: the transport, the centre, what was sent before

using Headers = std::map<std::string, std::string>;

struct Link {
  const ClientOptions& opt;
  HttpReply get(const std::string& path, const Headers& h) const {
    return opt.transport ? opt.transport(path, h, nullptr) : httpGet(opt.endpoint, path, h);
  }
  HttpReply post(const std::string& path, const Headers& h, const std::string& body, const char* type) const {
    return opt.transport ? opt.transport(path, h, &body) : httpPost(opt.endpoint, path, h, body, type);
  }
};

std::string messageOf(const HttpReply& r) {
  const json j = json::parse(r.body, nullptr, false);
  if (j.is_object() && j.contains("message") && j["message"].is_string()) return j["message"];
  return "HTTP " + std::to_string(r.status);
}

rec::Result<rec::Centre> centreOf(rec::Store& store, const rec::Actor& by, rec::Id wanted) {
  auto all = store.centres(by);
  if (!all) return all.error();
  const rec::Id id = wanted ? wanted : by.centre();
  for (const rec::Centre& c : *all)
    if (c.id == id || (id == 0 && all->size() == 1)) return c;
  return base::makeError(rec::RecordsError::NotFound, {{"what", "@records.entity.centre"}, {"name", id ? std::to_string(id) : "-"}});
}

struct Sent {
  std::string localHead, regencyKey;
};
// The last receipt kept for this centre, and the regency key the first receipt came with.
Sent lastSent(rec::Store& store, const std::string& centreUuid) {
  Sent s;
  auto q = store.db().prepare("SELECT local_head FROM sync_sent WHERE centre_uuid = ?1 ORDER BY id DESC LIMIT 1");
  q.bind(1, centreUuid);
  if (q.step()) s.localHead = q.text(0);
  auto k = store.db().prepare("SELECT regency_key FROM sync_sent ORDER BY id LIMIT 1");
  if (k.step()) s.regencyKey = k.text(0);
  return s;
}

std::string readAll(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

SyncReport refused(SyncReport r, std::string message, int status = 0) {
  r.state = SyncState::Refused;
  r.message = std::move(message);
  r.httpStatus = status;
  return r;
}

// Not reached: offline, or a certificate that did not verify (told apart: waiting will not mend that one).
SyncReport notReached(SyncReport r, const HttpReply& h) {
  r.state = h.untrusted ? SyncState::Untrusted : SyncState::Offline;
  r.message = h.error;
  return r;
}

// [SECTION] pull: challenge, lists, revocations applied

void pull(rec::Store& store, const rec::Actor& by, const Link& link, const rec::SigningKey& key, const std::string& regencyKey,
          const core::Translator& tr, SyncReport& rep) {
  auto ch = link.get(kChallengePath, {{kKeyHeader, key.publicKey()}});
  if (!ch.reached || ch.status != 200) return;
  const json c = json::parse(ch.body, nullptr, false);
  if (!c.is_object() || !c.contains("nonce") || !c["nonce"].is_string()) return;
  const std::string nonce = c["nonce"];
  json ask = {{"key", key.publicKey()}, {"nonce", nonce}, {"signature", key.sign(challengeText(nonce, key.publicKey()))}, {"have", json::array()}};
  auto schemes = store.schemes(by);
  if (schemes)
    for (const rec::Scheme& m : *schemes) ask["have"].push_back({{"code", m.code}, {"title", m.title}, {"version", m.version}});
  auto got = link.post(kPullPath, {{kKeyHeader, key.publicKey()}}, base::dumpJson(ask), "application/json");
  if (!got.reached || got.status != 200) return;
  auto doc = readSignedDoc(got.body, kPullKind);
  if (!doc || doc->key != regencyKey) {
    rep.message = tr.tr("sync.pull_untrusted");
    return;
  }
  const json body = json::parse(doc->body, nullptr, false);
  if (!body.is_object() || !body.contains("keys") || !body.contains("schemes")) return;
  rep.pulled = true;
  auto known = rec::listKeys(store, store.systemActor());
  if (known)
    for (const json& k : body["keys"]) {
      const std::string from = k.value("revoked_from", "");
      if (from.empty()) continue;
      for (const rec::KeyEntry& mine : *known) {
        if (mine.publicKey != k.value("public_key", "") || !mine.revokedFrom.empty()) continue;
        // Only an administrator revokes; a trainer's sync says one is waiting.
        if (by.role() == rec::Role::Admin && rec::revokeKey(store, by, mine.fingerprint, from)) ++rep.revocationsApplied;
        else ++rep.revocationsPending;
      }
    }
  for (const json& s : body["schemes"]) {
    if (!s.is_object()) continue;
    const std::string code = s.value("code", ""), title = s.value("title", ""), version = s.value("version", "");
    bool have = false;
    if (schemes)
      for (const rec::Scheme& m : *schemes) have = have || (m.code == code && m.title == title && m.version == version);
    if (have) continue;
    // Whole, under the regency's signature: loaded as a scheme file would be, by an administrator.
    const std::string from = "regency " + rec::keyFingerprint(regencyKey);
    bool loaded = false;
    if (by.role() == rec::Role::Admin && s.contains("scheme") && s["scheme"].is_object()) {
      auto whole = rec::schemeFromText(s["scheme"].dump(), from);
      loaded = whole && whole->code == code && whole->title == title && whole->version == version &&
               store.loadScheme(by, std::move(*whole), from);
    }
    (loaded ? rep.schemesApplied : rep.schemesMissing).push_back(code + " v" + version);
  }
}

}  // namespace

LastReceipt lastReceipt(rec::Store& store) {
  LastReceipt r;
  try {
    auto q = store.db().prepare("SELECT head, created_at, regency_key, server FROM sync_sent ORDER BY id DESC LIMIT 1");
    if (q.step()) r = {q.text(0), q.text(1), rec::keyFingerprint(q.text(2)), q.text(3)};
  } catch (const rec::DbError&) {
  }
  return r;
}

// [SECTION] push: hello, export, upload, check and keep the receipt

rec::Result<SyncReport> syncNow(rec::Store& store, const rec::Actor& by, const ClientOptions& opt, const core::Translator& tr) {
  const Link link{opt};
  SyncReport rep;
  auto centre = centreOf(store, by, opt.centre);
  if (!centre) return centre.error();
  rep.centre = centre->name;
  // Asked first, so an offline try exports nothing and writes nothing here (not even a new installation key).
  auto hello = link.get(kHelloPath, {});
  if (!hello.reached) return notReached(rep, hello);
  if (hello.status != 200) return refused(rep, messageOf(hello), hello.status);
  auto key = rec::installationKey(store);
  if (!key) return key.error();

  Sent before;
  try {
    before = lastSent(store, centre->uuid);
  } catch (const rec::DbError& e) {
    return base::makeError(rec::RecordsError::DatabaseDamaged, {{"reason", e.describe()}});
  }
  auto head = store.auditHead();
  if (!head) return head.error();
  std::string regencyKey = before.regencyKey;
  if (!before.localHead.empty() && before.localHead == head->text()) {
    rep.state = SyncState::NothingNew;
    const LastReceipt last = lastReceipt(store);
    rep.head = last.head, rep.receivedAt = last.receivedAt, rep.regencyFingerprint = last.regencyFingerprint;
  } else {
    const fs::path dir = !opt.workDir.empty() ? opt.workDir
                         : store.options().file.empty() ? fs::temp_directory_path() / "canting-sync"
                                                        : fs::path(store.options().file.string() + ".sync");
    std::error_code ec;
    fs::create_directories(dir, ec);
    const fs::path out = dir / "outgoing.bundle";
    if (auto st = rec::exportBundle(store, by, centre->id, out); !st) return st.error();
    auto localHead = store.auditHead();  // the export's own entry included: unchanged until the next real change
    if (!localHead) return localHead.error();
    const std::string bytes = readAll(out);
    const std::string sha = rec::sha256Hex(bytes.data(), bytes.size());
    auto put = link.post(kPushPath, {{kKeyHeader, (*key)->publicKey()}}, bytes, "application/octet-stream");
    if (!put.reached) return notReached(rep, put);
    if (put.status != 200) return refused(rep, messageOf(put), put.status);
    const json answer = json::parse(put.body, nullptr, false);
    if (!answer.is_object() || !answer.contains("receipt") || !answer["receipt"].is_string()) return refused(rep, tr.tr("sync.receipt_untrusted"), put.status);
    const std::string docText = answer["receipt"];
    auto doc = readSignedDoc(docText, kReceiptKind);
    const json receipt = doc ? json::parse(doc->body, nullptr, false) : json();
    // Signed, by the regency this centre has synced with before, for exactly these bytes.
    if (!doc || (!regencyKey.empty() && doc->key != regencyKey) || !receipt.is_object() || receipt.value("bundle_sha256", "") != sha)
      return refused(rep, tr.tr("sync.receipt_untrusted"), put.status);
    regencyKey = doc->key;
    rep.state = SyncState::Sent;
    rep.head = receipt.value("head", "");
    rep.receivedAt = receipt.value("received_at", "");
    rep.added = receipt.value("added", 0), rep.updated = receipt.value("updated", 0), rep.unchanged = receipt.value("unchanged", 0);
    rep.again = answer.value("again", false);
    rep.regencyFingerprint = rec::keyFingerprint(regencyKey);
    try {
      auto q = store.db().prepare(
          "INSERT INTO sync_sent (server, centre_uuid, bundle_sha256, head, local_head, regency_key, receipt, signature, created_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
      q.bind(1, opt.endpoint.url).bind(2, centre->uuid).bind(3, sha).bind(4, rep.head).bind(5, localHead->text()).bind(6, regencyKey)
          .bind(7, docText).bind(8, doc->signature).bind(9, rep.receivedAt).run();
    } catch (const rec::DbError& e) {
      return base::makeError(rec::RecordsError::DatabaseDamaged, {{"reason", e.describe()}});
    }
    fs::remove(out, ec);
  }
  if (!regencyKey.empty()) pull(store, by, link, **key, regencyKey, tr, rep);
  return rep;
}

}  // namespace canting::sync
