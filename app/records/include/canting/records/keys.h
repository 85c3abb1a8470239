#pragma once
// Keys and signatures (libsodium Ed25519). Every installation (a centre's PC,
// the regency) and every person has a key pair. A person's secret key is kept
// sealed under a key derived from their PIN (Argon2id + secretbox), so it opens
// only at login; the logged-in Actor carries it and the store signs each K/BK
// outcome and certificate with it. The installation's secret key is a 0600
// file beside the database (docs/SECURITY.md says why) and signs bundles.
//
// The regency enrols the public keys of centres and assessors from a keys
// file (keys export), each shown with a short fingerprint to read aloud, and
// can revoke one from a date on: signatures dated on or after that date are
// refused at import, earlier ones stay valid.

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "canting/records/store.h"

namespace canting::records {

// An unlocked secret key; the bytes are wiped when the last holder drops it.
class SigningKey {
 public:
  static constexpr std::size_t kSecretBytes = 64, kPublicBytes = 32;
  SigningKey(const unsigned char* secret, std::string ownerUuid);
  ~SigningKey();
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;

  static std::shared_ptr<SigningKey> generate(std::string ownerUuid);
  const std::string& publicKey() const { return m_publicHex; }  // 64 hex digits
  std::string fingerprint() const;
  const std::string& owner() const { return m_owner; }  // the person's UUID, or the installation's
  std::string sign(std::string_view message) const;     // 128 hex digits
  const unsigned char* secret() const { return m_secret.data(); }

 private:
  std::array<unsigned char, kSecretBytes> m_secret{};
  std::string m_publicHex, m_owner;
};

// The first 8 bytes of the public key's BLAKE2b, as four groups of four hex
// digits ("3F2A-9C01-77B4-E0D2"): short enough to read over the phone.
std::string keyFingerprint(const std::string& publicKeyHex);
bool verifySignature(const std::string& publicKeyHex, const std::string& signatureHex, std::string_view message);

// A secret key sealed under a PIN: "v1:OPS:MEM:SALT:NONCE:BOX" (hex fields);
// the Argon2id cost travels with it. open() gives nothing for a wrong PIN.
std::string sealSecret(const SigningKey& key, const std::string& pin, PinCost cost);
std::shared_ptr<SigningKey> openSecret(const std::string& sealed, const std::string& pin, const std::string& ownerUuid);

struct KeyCentre {
  std::string uuid, name;
};
// One key as the keys table and keys files hold it.
struct KeyEntry {
  std::string publicKey, fingerprint;
  std::string kind;        // "installation" or "person"
  std::string ownerUuid, ownerName;
  std::string role;        // a person's role; "installation" for a PC
  std::vector<KeyCentre> centres;  // the centres an installation signs bundles for; a person's own centre
  std::string origin;      // "own" (made here) or "enrolled"
  std::string createdAt, revokedFrom;  // revokedFrom: YYYY-MM-DD, empty while valid
};

// The installation's key: read from its file beside the database, or made
// (file 0600 and a row in the keys table) the first time it is needed.
Result<std::shared_ptr<SigningKey>> installationKey(Store& store);
std::filesystem::path installationKeyPath(const Store& store);

// The keys file: this installation's key and its people's, public parts only.
Result<std::string> exportKeys(Store& store);
Result<std::vector<KeyEntry>> readKeysFile(const std::filesystem::path& file);
// Enrols the keys (an administrator); already-enrolled keys are left as they
// are. Returns how many were added.
Result<int> enrolKeys(Store& store, const Actor& by, const std::vector<KeyEntry>& keys);
// Signatures dated on or after `fromDate` (YYYY-MM-DD) are refused from now on.
Status revokeKey(Store& store, const Actor& by, const std::string& fingerprint, const std::string& fromDate);
// Every key this database knows, own and enrolled, newest first.
Result<std::vector<KeyEntry>> listKeys(Store& store, const Actor& by);

}  // namespace canting::records
