#pragma once
// What the store's area files and the bundle code share about keys; not
// public API (see canting/records/keys.h).

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "canting/records/keys.h"

namespace canting::records::detail {

// A person's key, sealed under their PIN, in the keys table. The caller holds the transaction.
std::shared_ptr<SigningKey> createPersonKey(Store& store, const std::string& uuid, const std::string& name, Role role, Id centre,
                                            const std::string& pin);
// The person's own key opened with the PIN; a person from before keys (schema
// v7) gets one now. Null when the sealed key does not open (it was altered).
std::shared_ptr<SigningKey> openPersonKey(Store& store, const std::string& uuid, const std::string& name, Role role, Id centre,
                                          const std::string& pin);
// Seals the person's own keys under the new PIN (a PIN change). Caller holds the transaction.
void resealPersonKeys(Store& store, const std::string& uuid, const std::string& oldPin, const std::string& newPin);

// The exact text a record's signature covers, from the record as a bundle
// carries it (UUIDs, scheme by code/title/version, units by position).
std::string assessmentSignedText(const nlohmann::json& a);
std::string certificateSignedText(const nlohmann::json& c);

// Every key this database knows, by public key.
std::map<std::string, KeyEntry> keysByPublic(Db& db);

}  // namespace canting::records::detail
