#pragma once
// Bundle files opened up and written again, for tests that hand-edit a
// bundle: the signed envelope, the payload it carries, and a re-signing with
// an installation's key so an edited bundle still reaches the check a test
// targets instead of being refused for its signature first.

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "canting/records/keys.h"

namespace canting::test {

std::string gunzipFile(const std::filesystem::path& p);
void gzipFile(const std::filesystem::path& p, const std::string& text);

struct BundleEnvelope {
  nlohmann::json outer, payload;
  static BundleEnvelope read(const std::filesystem::path& p);
  // The payload changed, the signature kept (a hand edit), or signed again with `key` (a stolen PC).
  std::filesystem::path write(const std::filesystem::path& p, const records::SigningKey* key = nullptr);
};

// The payload of a bundle file (what the exporting installation signed).
nlohmann::json readBundlePayload(const std::filesystem::path& p);
// `payload` as a bundle signed by `from`'s installation key, as if that PC had exported it.
std::filesystem::path writeSignedBundle(records::Store& from, const std::filesystem::path& p, const nlohmann::json& payload);

}  // namespace canting::test
