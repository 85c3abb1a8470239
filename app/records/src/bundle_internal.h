#pragma once
// What the bundle's export, import and validation share; not public API.
// The format: gzip-compressed JSON, {"format": "canting-signed-bundle",
// "version": 1, "key" (the exporting installation's public key, hex),
// "signature" (Ed25519 over the payload's exact bytes), "payload"}: the
// payload is the text of {"format": "canting-bundle", "version": 1,
// "centre", "people", "schemes", "trainees", "sessions", "assessments",
// "evidence" (files inside, base64), "certificates", "attempts", "orders",
// "audit" (the exporting installation's chain: bundle_chain.cpp)}. Records
// refer to each other by UUID, to scheme units and criteria by position;
// assessments and certificates carry "key" and "signature" (certificates
// also "signed_at"), absent on legacy records made before keys.

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "canting/records/db.h"
#include "canting/records/bundle.h"

namespace canting::records::bundle {

constexpr const char* kFormat = "canting-bundle";
constexpr const char* kSignedFormat = "canting-signed-bundle";

inline std::string str(const nlohmann::json& o, const char* k) {
  return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
}

struct Bad {
  std::string where, reason;
};

// Checks the whole bundle's shape before anything touches the database.
std::optional<Bad> validate(const nlohmann::json& b);
std::optional<Bad> validateChain(const nlohmann::json& audit);   // the "audit" section
std::optional<Bad> validateOrders(const nlohmann::json& orders);  // the "orders" list

// The "audit" section (bundle_chain.cpp): {"head": {"seq", "hash"}, "hashes":
// [the first 16 hex digits of entry 1, 2, ... head.seq]}.
nlohmann::json chainSection(Db& db);
// Compares the bundle's chain with what the database holds from the centre
// (0: a centre not in the database yet). Fills sum.head and sum.held; sets
// sum.replayed for a chain that ends before the held head. A chain that
// differs from the held one is the error (RecordsError::BundleRewritten).
std::optional<Error> checkChain(Db& db, Id centre, const nlohmann::json& audit, const std::filesystem::path& file, BundleSummary& sum);
// Keeps the bundle's chain and head for the centre when it moved past the
// held one; returns whether it did. Runs inside the import's transaction.
bool keepChain(Db& db, Id centre, const nlohmann::json& audit, const std::string& exportedAt, const std::string& importedAt,
               const std::string& file);

// Why a signature does not hold: the record (an i18n entity key and its
// name), the reason (an i18n key) and the key's fingerprint ("-" for none).
struct Refusal {
  std::string what, name, reason, key;
};
// Checks the bundle's signature (over `payload`, its exact text) and every
// signed record in `b` against the keys this database knows, before anything
// is written. Unsigned (legacy) records pass only when this database already
// holds them. Reads the database; throws DbError.
std::optional<Refusal> verifySignatures(Db& db, const nlohmann::json& b, const std::string& payload, const std::string& key,
                                        const std::string& signature);

}  // namespace canting::records::bundle
