// Keys: Ed25519 key pairs for installations and people, sealed under PINs,
// the installation's key file, the keys file a regency enrols from, and
// revocation by date. Signing and checking records is in the area files
// (assessments, certificates) and the bundle code.
//
// [SECTION] SigningKey, fingerprints, verification
// [SECTION] sealing under a PIN
// [SECTION] the keys table
// [SECTION] the installation's key file
// [SECTION] keys files: export, read, enrol, revoke, list

#include "canting/records/keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "canting/base/json.h"
#include "canting/imaging/file_io.h"
#include "keys_internal.h"
#include "store_internal.h"

namespace canting::records {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string toHex(const unsigned char* b, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), b, n);
  out.pop_back();
  return out;
}

bool fromHex(const std::string& hex, unsigned char* out, std::size_t n) {
  std::size_t len = 0;
  return hex.size() == n * 2 && sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

// Upper-case hex digits only: "3f2a 9c01-77b4e0d2" and "3F2A-9C01-77B4-E0D2" are the same fingerprint.
std::string normalFingerprint(const std::string& f) {
  std::string out;
  for (char c : f)
    if (std::isxdigit(static_cast<unsigned char>(c))) out += char(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

// [SECTION] SigningKey, fingerprints, verification

SigningKey::SigningKey(const unsigned char* secret, std::string ownerUuid) : m_owner(std::move(ownerUuid)) {
  std::copy(secret, secret + kSecretBytes, m_secret.begin());
  unsigned char pk[kPublicBytes];
  crypto_sign_ed25519_sk_to_pk(pk, m_secret.data());
  m_publicHex = toHex(pk, sizeof pk);
}

SigningKey::~SigningKey() { sodium_memzero(m_secret.data(), m_secret.size()); }

std::shared_ptr<SigningKey> SigningKey::generate(std::string ownerUuid) {
  unsigned char pk[kPublicBytes], sk[kSecretBytes];
  crypto_sign_keypair(pk, sk);
  auto key = std::make_shared<SigningKey>(sk, std::move(ownerUuid));
  sodium_memzero(sk, sizeof sk);
  return key;
}

std::string SigningKey::fingerprint() const { return keyFingerprint(m_publicHex); }

std::string SigningKey::sign(std::string_view message) const {
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(), m_secret.data());
  return toHex(sig, sizeof sig);
}

std::string keyFingerprint(const std::string& publicKeyHex) {
  unsigned char h[8];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(publicKeyHex.data()), publicKeyHex.size(), nullptr, 0);
  std::string hex = toHex(h, sizeof h), out;
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (i && i % 4 == 0) out += '-';
    out += char(std::toupper(static_cast<unsigned char>(hex[i])));
  }
  return out;
}

bool verifySignature(const std::string& publicKeyHex, const std::string& signatureHex, std::string_view message) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
  if (!fromHex(publicKeyHex, pk, sizeof pk) || !fromHex(signatureHex, sig, sizeof sig)) return false;
  return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(message.data()), message.size(), pk) == 0;
}

// [SECTION] sealing under a PIN

std::string sealSecret(const SigningKey& key, const std::string& pin, PinCost cost) {
  const bool fast = cost == PinCost::Minimum;
  const unsigned long long ops = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const std::size_t mem = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES], k[crypto_secretbox_KEYBYTES];
  randombytes_buf(salt, sizeof salt);
  randombytes_buf(nonce, sizeof nonce);
  if (crypto_pwhash(k, sizeof k, pin.data(), pin.size(), salt, ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw DbError{SQLITE_NOMEM, SQLITE_NOMEM, "PIN key derivation ran out of memory"};
  unsigned char box[crypto_secretbox_MACBYTES + SigningKey::kSecretBytes];
  crypto_secretbox_easy(box, key.secret(), SigningKey::kSecretBytes, nonce, k);
  sodium_memzero(k, sizeof k);
  return "v1:" + std::to_string(ops) + ":" + std::to_string(mem) + ":" + toHex(salt, sizeof salt) + ":" + toHex(nonce, sizeof nonce) + ":" +
         toHex(box, sizeof box);
}

std::shared_ptr<SigningKey> openSecret(const std::string& sealed, const std::string& pin, const std::string& ownerUuid) {
  std::vector<std::string> f;
  for (std::size_t a = 0;;) {
    const auto b = sealed.find(':', a);
    f.push_back(sealed.substr(a, b == std::string::npos ? std::string::npos : b - a));
    if (b == std::string::npos) break;
    a = b + 1;
  }
  if (f.size() != 6 || f[0] != "v1") return nullptr;
  const unsigned long long ops = std::strtoull(f[1].c_str(), nullptr, 10);
  const std::size_t mem = std::strtoull(f[2].c_str(), nullptr, 10);
  // A sealed key asking for more than libsodium's "sensitive" cost is not ours.
  if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE || mem < crypto_pwhash_MEMLIMIT_MIN ||
      mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
    return nullptr;
  unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES], k[crypto_secretbox_KEYBYTES];
  unsigned char box[crypto_secretbox_MACBYTES + SigningKey::kSecretBytes], sk[SigningKey::kSecretBytes];
  if (!fromHex(f[3], salt, sizeof salt) || !fromHex(f[4], nonce, sizeof nonce) || !fromHex(f[5], box, sizeof box)) return nullptr;
  if (crypto_pwhash(k, sizeof k, pin.data(), pin.size(), salt, ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) return nullptr;
  const bool ok = crypto_secretbox_open_easy(sk, box, sizeof box, nonce, k) == 0;
  sodium_memzero(k, sizeof k);
  if (!ok) return nullptr;
  auto key = std::make_shared<SigningKey>(sk, ownerUuid);
  sodium_memzero(sk, sizeof sk);
  return key;
}

// [SECTION] the keys table

namespace detail {

namespace {
json centresJson(const std::vector<KeyCentre>& cs) {
  json out = json::array();
  for (const auto& c : cs) out.push_back({{"uuid", c.uuid}, {"name", c.name}});
  return out;
}
std::vector<KeyCentre> centresFrom(const json& j) {
  std::vector<KeyCentre> out;
  if (j.is_array())
    for (const json& c : j)
      if (c.is_object()) out.push_back({c.value("uuid", ""), c.value("name", "")});
  return out;
}
std::vector<KeyCentre> centreOf(Db& db, Id centre) {
  auto q = db.prepare("SELECT uuid, name FROM centres WHERE id = ?1");
  q.bind(1, centre);
  if (q.step()) return {{q.text(0), q.text(1)}};
  return {};
}
void insertKey(Store& store, const KeyEntry& k, const std::string& sealed) {
  store.db()
      .prepare("INSERT INTO keys (public_key, fingerprint, kind, owner_uuid, owner_name, role, centres, origin, secret, created_at, revoked_from) "
               "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)")
      .bind(1, k.publicKey).bind(2, keyFingerprint(k.publicKey)).bind(3, k.kind).bind(4, k.ownerUuid).bind(5, k.ownerName).bind(6, k.role)
      .bind(7, base::dumpJson(centresJson(k.centres))).bind(8, k.origin).bind(9, sealed).bind(10, isoTime(store.now())).bind(11, k.revokedFrom)
      .run();
}
KeyEntry readKey(Stmt& q) {
  KeyEntry k{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), centresFrom(json::parse(q.text(6), nullptr, false)),
             q.text(7), q.text(8), q.text(9)};
  return k;
}
constexpr const char* kKeyColumns = "public_key, fingerprint, kind, owner_uuid, owner_name, role, centres, origin, created_at, revoked_from";
}  // namespace

std::shared_ptr<SigningKey> createPersonKey(Store& store, const std::string& uuid, const std::string& name, Role role, Id centre,
                                            const std::string& pin) {
  auto key = SigningKey::generate(uuid);
  insertKey(store, {key->publicKey(), "", "person", uuid, name, roleName(role), centreOf(store.db(), centre), "own", "", ""},
            sealSecret(*key, pin, store.options().pinCost));
  store.appendAudit(name, "create-key", "person", uuid, base::dumpJson(json{{"fingerprint", key->fingerprint()}}));
  return key;
}

std::shared_ptr<SigningKey> openPersonKey(Store& store, const std::string& uuid, const std::string& name, Role role, Id centre,
                                          const std::string& pin) {
  std::string sealed;
  {
    auto q = store.db().prepare("SELECT secret FROM keys WHERE owner_uuid = ?1 AND origin = 'own' AND kind = 'person' AND secret != '' "
                                "ORDER BY id DESC LIMIT 1");
    q.bind(1, uuid);
    if (q.step()) sealed = q.text(0);
  }
  if (!sealed.empty()) return openSecret(sealed, pin, uuid);
  Transaction tx(store.db());
  auto key = createPersonKey(store, uuid, name, role, centre, pin);
  tx.commit();
  return key;
}

void resealPersonKeys(Store& store, const std::string& uuid, const std::string& oldPin, const std::string& newPin) {
  std::vector<std::pair<Id, std::string>> rows;
  {
    auto q = store.db().prepare("SELECT id, secret FROM keys WHERE owner_uuid = ?1 AND origin = 'own' AND secret != ''");
    q.bind(1, uuid);
    while (q.step()) rows.emplace_back(q.i64(0), q.text(1));
  }
  for (const auto& [id, sealed] : rows)
    if (auto key = openSecret(sealed, oldPin, uuid))
      store.db().prepare("UPDATE keys SET secret = ?1 WHERE id = ?2").bind(1, sealSecret(*key, newPin, store.options().pinCost)).bind(2, id).run();
}

std::map<std::string, KeyEntry> keysByPublic(Db& db) {
  std::map<std::string, KeyEntry> out;
  auto q = db.prepare(std::string("SELECT ") + kKeyColumns + " FROM keys");
  while (q.step()) {
    KeyEntry k = readKey(q);
    out[k.publicKey] = std::move(k);
  }
  return out;
}

namespace {
// Sorted, so that the order rows come back from the database never matters.
std::string signedText(const char* kind, const json& rec, std::initializer_list<const char*> fields) {
  json o = json::object();
  for (const char* f : fields)
    if (rec.is_object() && rec.contains(f)) o[f] = rec[f];
  for (const char* list : {"units", "criteria"})
    if (o.contains(list) && o[list].is_array()) std::sort(o[list].begin(), o[list].end());
  return std::string("canting/") + kind + "/v1\n" + base::dumpJson(o);
}
}  // namespace

std::string assessmentSignedText(const json& a) {
  return signedText("assessment", a, {"uuid", "trainee", "assessor", "scheme", "date", "place", "methods", "follow_up", "appeal", "created_at", "units", "criteria"});
}

std::string certificateSignedText(const json& c) {
  return signedText("certificate", c, {"uuid", "trainee", "scheme", "number", "issue_date", "expiry_date", "signed_at"});
}

}  // namespace detail

// [SECTION] the installation's key file

fs::path installationKeyPath(const Store& store) { return fs::path(store.options().file.string() + ".key"); }

Result<std::shared_ptr<SigningKey>> installationKey(Store& store) {
  const fs::path path = installationKeyPath(store);
  std::shared_ptr<SigningKey> key;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    auto bytes = imaging::readFile(path, 4096);
    if (!bytes) return bytes.error();
    const std::string text(bytes->begin(), bytes->end());
    // "canting-installation-key v1\n<secret hex>\n<uuid>\n"
    const auto l1 = text.find('\n'), l2 = l1 == std::string::npos ? l1 : text.find('\n', l1 + 1);
    unsigned char sk[SigningKey::kSecretBytes];
    if (text.rfind("canting-installation-key v1\n", 0) != 0 || l2 == std::string::npos || !fromHex(text.substr(l1 + 1, l2 - l1 - 1), sk, sizeof sk))
      return makeError(ErrorCode::MalformedFile, {{"path", path.string()}, {"where", "-"}, {"reason", "@records.keys.bad_key_file"}});
    std::string uuid = text.substr(l2 + 1);
    while (!uuid.empty() && (uuid.back() == '\n' || uuid.back() == '\r')) uuid.pop_back();
    key = std::make_shared<SigningKey>(sk, uuid);
    sodium_memzero(sk, sizeof sk);
  } else {
    // O_EXCL: two programs starting at once never overwrite each other's key.
    key = SigningKey::generate(newUuid());
    const std::string text = "canting-installation-key v1\n" + toHex(key->secret(), SigningKey::kSecretBytes) + "\n" + key->owner() + "\n";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return makeError(ErrorCode::WriteFailed, {{"path", path.string()}});
    const bool ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
      fs::remove(path, ec);
      return makeError(ErrorCode::WriteFailed, {{"path", path.string()}});
    }
  }
  try {
    auto q = store.db().prepare("SELECT 1 FROM keys WHERE public_key = ?1");
    q.bind(1, key->publicKey());
    if (!q.step()) {
      q = Stmt();
      char host[256] = "";
      ::gethostname(host, sizeof host - 1);
      Transaction tx(store.db());
      detail::insertKey(store, {key->publicKey(), "", "installation", key->owner(), std::string("PC ") + host, "installation", {}, "own", "", ""}, "");
      store.appendAudit("sistem", "create-key", "installation", key->owner(), base::dumpJson(json{{"fingerprint", key->fingerprint()}}));
      tx.commit();
    }
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string(), "installationKey");
  }
  return key;
}

// [SECTION] keys files: export, read, enrol, revoke, list

Result<std::string> exportKeys(Store& store) {
  auto inst = installationKey(store);
  if (!inst) return inst.error();
  try {
    Db& db = store.db();
    json centres = json::array();
    {
      auto q = db.prepare("SELECT uuid, name FROM centres ORDER BY id");
      while (q.step()) centres.push_back({{"uuid", q.text(0)}, {"name", q.text(1)}});
    }
    json out = {{"format", "canting-keys"}, {"version", 1}, {"exported_at", isoTime(store.now())}, {"keys", json::array()}};
    auto q = db.prepare(std::string("SELECT ") + detail::kKeyColumns + " FROM keys WHERE origin = 'own' AND revoked_from = '' ORDER BY id");
    while (q.step()) {
      const KeyEntry k = detail::readKey(q);
      // This PC signs bundles for the centres it holds; a person for their own centre.
      out["keys"].push_back({{"kind", k.kind}, {"public_key", k.publicKey}, {"fingerprint", k.fingerprint}, {"owner", k.ownerUuid},
                             {"name", k.ownerName}, {"role", k.role}, {"centres", k.kind == "installation" ? centres : detail::centresJson(k.centres)}});
    }
    return base::dumpJson(out, 2) + "\n";
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string(), "exportKeys");
  }
}

Result<std::vector<KeyEntry>> readKeysFile(const fs::path& file) {
  auto bytes = imaging::readFile(file, 4u << 20);
  if (!bytes) return bytes.error();
  const json j = json::parse(bytes->begin(), bytes->end(), nullptr, false);
  auto bad = [&](const std::string& where, const std::string& reason) {
    return makeError(ErrorCode::MalformedFile, {{"path", file.string()}, {"where", where}, {"reason", reason}});
  };
  if (!j.is_object() || j.value("format", "") != "canting-keys" || !j.contains("keys") || !j["keys"].is_array())
    return bad("-", "@records.keys.not_keys_file");
  std::vector<KeyEntry> out;
  for (std::size_t i = 0; i < j["keys"].size(); ++i) {
    const json& k = j["keys"][i];
    const std::string w = "keys[" + std::to_string(i) + "]";
    if (!k.is_object()) return bad(w, "@records.keys.not_keys_file");
    KeyEntry e;
    e.kind = k.value("kind", ""), e.publicKey = k.value("public_key", ""), e.ownerUuid = k.value("owner", ""), e.ownerName = k.value("name", "");
    e.role = k.value("role", ""), e.centres = detail::centresFrom(k.value("centres", json::array())), e.origin = "enrolled";
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    if (!fromHex(e.publicKey, pk, sizeof pk)) return bad(w + ".public_key", "@records.keys.bad_public_key");
    e.fingerprint = keyFingerprint(e.publicKey);
    // A fingerprint that does not match its key was typed or edited by hand.
    if (k.contains("fingerprint") && normalFingerprint(k.value("fingerprint", "")) != normalFingerprint(e.fingerprint))
      return bad(w + ".fingerprint", "@records.keys.fingerprint_mismatch");
    const bool person = e.kind == "person" && parseRole(e.role);
    if (!(person || (e.kind == "installation" && e.role == "installation")) || e.ownerUuid.empty() || e.ownerName.empty())
      return bad(w, "@records.keys.bad_owner");
    out.push_back(std::move(e));
  }
  return out;
}

Result<int> enrolKeys(Store& store, const Actor& by, const std::vector<KeyEntry>& keys) {
  if (auto st = store.require(by, {Role::Admin}, "keys"); !st) return st.error();
  try {
    Transaction tx(store.db());
    int added = 0;
    for (KeyEntry k : keys) {
      auto q = store.db().prepare("SELECT 1 FROM keys WHERE public_key = ?1");
      q.bind(1, k.publicKey);
      if (q.step()) continue;
      q = Stmt();
      k.origin = "enrolled", k.revokedFrom.clear();
      detail::insertKey(store, k, "");
      store.appendAudit(by.name(), "enrol-key", k.kind, k.ownerUuid,
                        base::dumpJson(json{{"fingerprint", keyFingerprint(k.publicKey)}, {"name", k.ownerName}, {"role", k.role}}));
      ++added;
    }
    tx.commit();
    return added;
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string(), "enrolKeys");
  }
}

Status revokeKey(Store& store, const Actor& by, const std::string& fingerprint, const std::string& fromDate) {
  if (auto st = store.require(by, {Role::Admin}, "keys"); !st) return st;
  if (!validDate(fromDate)) return invalid("@records.field.date");
  const std::string want = normalFingerprint(fingerprint);
  try {
    Transaction tx(store.db());
    std::vector<std::pair<Id, std::string>> hits;
    {
      auto q = store.db().prepare("SELECT id, fingerprint, owner_uuid FROM keys");
      while (q.step())
        if (!want.empty() && normalFingerprint(q.text(1)) == want) hits.emplace_back(q.i64(0), q.text(2));
    }
    if (hits.empty())
      return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.key"}, {"name", fingerprint}});
    for (const auto& [id, owner] : hits) {
      store.db().prepare("UPDATE keys SET revoked_from = ?1 WHERE id = ?2").bind(1, fromDate).bind(2, id).run();
      store.appendAudit(by.name(), "revoke-key", "key", owner, base::dumpJson(json{{"fingerprint", fingerprint}, {"from", fromDate}}));
    }
    tx.commit();
    return imaging::Ok{};
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string(), "revokeKey");
  }
}

Result<std::vector<KeyEntry>> listKeys(Store& store, const Actor& by) {
  if (auto st = store.require(by, {Role::Admin}, "keys"); !st) return st.error();
  try {
    std::vector<KeyEntry> out;
    auto q = store.db().prepare(std::string("SELECT ") + detail::kKeyColumns + " FROM keys ORDER BY id DESC");
    while (q.step()) out.push_back(detail::readKey(q));
    return out;
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string(), "listKeys");
  }
}

}  // namespace canting::records
