#include "bundle_files.h"

#include <zlib.h>

#include <catch2/catch.hpp>

#include "bundle_internal.h"  // the envelope's format name, as the export writes it
#include "canting/base/json.h"

namespace canting::test {

namespace fs = std::filesystem;
using nlohmann::json;

std::string gunzipFile(const fs::path& p) {
  gzFile f = gzopen(p.c_str(), "rb");
  REQUIRE(f);
  std::string out;
  char buf[1 << 16];
  for (int n; (n = gzread(f, buf, sizeof buf)) > 0;) out.append(buf, std::size_t(n));
  gzclose(f);
  return out;
}

void gzipFile(const fs::path& p, const std::string& text) {
  gzFile f = gzopen(p.c_str(), "wb");
  REQUIRE(f);
  gzwrite(f, text.data(), unsigned(text.size()));
  gzclose(f);
}

BundleEnvelope BundleEnvelope::read(const fs::path& p) {
  BundleEnvelope e;
  e.outer = json::parse(gunzipFile(p));
  e.payload = json::parse(e.outer["payload"].get<std::string>());
  return e;
}

fs::path BundleEnvelope::write(const fs::path& p, const records::SigningKey* key) {
  const std::string text = base::dumpJson(payload);
  outer["payload"] = text;
  if (key) outer["key"] = key->publicKey(), outer["signature"] = key->sign(text);
  gzipFile(p, base::dumpJson(outer));
  return p;
}

json readBundlePayload(const fs::path& p) { return BundleEnvelope::read(p).payload; }

fs::path writeSignedBundle(records::Store& from, const fs::path& p, const json& payload) {
  auto key = records::installationKey(from);
  REQUIRE(key);
  BundleEnvelope e{{{"format", records::bundle::kSignedFormat}, {"version", 1}}, payload};
  return e.write(p, key->get());
}

}  // namespace canting::test
