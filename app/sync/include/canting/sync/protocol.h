#pragma once
// The wire between a centre and the regency's canting-server (issue 19).
//
// A centre pushes the signed bundle the USB path writes (POST /v1/push, its
// installation key named in X-Canting-Key) and gets back a receipt signed by
// the regency's installation key. It pulls the regency's key list (enrolments
// and revocations) and its schemes behind a challenge: GET /v1/challenge gives
// a one-time nonce, POST /v1/pull returns the lists when the nonce comes back
// signed by an enrolled installation key. The pull also names the scheme
// versions the centre holds ("have"); the answer lists every scheme and
// carries the whole of each one the centre lacks (the scheme file's JSON),
// which the centre loads. GET /v1/hello answers anyone, so a client can tell
// "offline" before it exports anything.
//
// Signed documents (receipts, pull answers) travel as
// {"body": "<JSON text>", "key": hex, "signature": hex}; the signature is over
// `kind + "\n" + body`, so a receipt cannot pass for a pull answer.

#include <cstdint>
#include <optional>
#include <string>

#include "canting/records/keys.h"

namespace canting::sync {

inline constexpr const char* kHelloPath = "/v1/hello";
inline constexpr const char* kPushPath = "/v1/push";
inline constexpr const char* kChallengePath = "/v1/challenge";
inline constexpr const char* kPullPath = "/v1/pull";
inline constexpr const char* kKeyHeader = "X-Canting-Key";
inline constexpr const char* kReceiptKind = "canting/receipt/v1";
inline constexpr const char* kPullKind = "canting/pull/v1";
inline constexpr const char* kChallengeKind = "canting/challenge/v1";
// A 500-trainee centre's bundle is a few MB with its evidence photos.
inline constexpr std::uint64_t kDefaultMaxUpload = 64ull << 20;

struct SignedDoc {
  std::string body, key, signature;
};
// The JSON text of a document signed by `key`.
std::string signDoc(const records::SigningKey& key, const char* kind, const std::string& body);
// The document in `text` when its signature holds under the key it names.
std::optional<SignedDoc> readSignedDoc(const std::string& text, const char* kind);
// What a centre signs to answer a challenge.
std::string challengeText(const std::string& nonce, const std::string& key);

// A loopback address (127.0.0.0/8, ::1, localhost): the only place plain HTTP is allowed.
bool isLoopback(const std::string& host);

}  // namespace canting::sync
