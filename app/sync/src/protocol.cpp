#include "canting/sync/protocol.h"

#include <nlohmann/json.hpp>

#include "canting/base/json.h"

namespace canting::sync {

using nlohmann::json;

std::string signDoc(const records::SigningKey& key, const char* kind, const std::string& body) {
  return base::dumpJson(json{{"body", body}, {"key", key.publicKey()}, {"signature", key.sign(std::string(kind) + "\n" + body)}});
}

std::optional<SignedDoc> readSignedDoc(const std::string& text, const char* kind) {
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  for (const char* k : {"body", "key", "signature"})
    if (!j.contains(k) || !j[k].is_string()) return std::nullopt;
  SignedDoc d{j["body"].get<std::string>(), j["key"].get<std::string>(), j["signature"].get<std::string>()};
  if (!records::verifySignature(d.key, d.signature, std::string(kind) + "\n" + d.body)) return std::nullopt;
  return d;
}

std::string challengeText(const std::string& nonce, const std::string& key) { return std::string(kChallengeKind) + "\n" + nonce + "\n" + key; }

bool isLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

}  // namespace canting::sync
