#pragma once
// Moving records between workstations. A centre exports a bundle of its
// records (gzip-compressed JSON, evidence files inside); the regency imports
// bundles from every centre into one database. Records carry UUIDs, so a
// re-import changes nothing; a record edited in two places keeps both
// versions in its history and shows the newer one. A bundle that fails
// validation changes nothing at all.
//
// Every bundle carries the exporting installation's audit chain: its head and
// the hash of every entry. The importer keeps, per centre, the hashes up to
// the last head it imported; a bundle whose chain differs from them at any
// entry (history rewritten at the centre) is refused with both heads named,
// and one whose chain ends before that head (an old bundle brought again)
// imports nothing and says so.

#include <filesystem>

#include "canting/records/store.h"

namespace canting::records {

struct BundleSummary {
  int added = 0, updated = 0, unchanged = 0, conflicts = 0;
  std::string centre;
  // The exporting installation's audit chain head the bundle carries, and the
  // one this database held from the centre before (seq 0: none yet).
  AuditHead head, held;
  // The bundle's chain ends before what this database holds from the centre
  // (an old bundle brought again): nothing was imported from it.
  bool replayed = false;
};

// What this database holds of one centre's audit chain: the last head an
// import brought, when it was exported and when it came in.
struct CentreHead {
  Id centre = 0;
  std::string name;
  AuditHead head;
  std::string exportedAt, importedAt;
};
// Every centre, with the last head imported from it (seq 0 when none yet).
Result<std::vector<CentreHead>> centreHeads(Store& store, const Actor& by);

Status exportBundle(Store& store, const Actor& by, Id centre, const std::filesystem::path& out);
// Limits against a hostile bundle (a zip bomb): bytes on disk and inflated.
constexpr std::uint64_t kMaxBundleBytes = 512ull << 20;
constexpr std::uint64_t kMaxBundleInflated = 512ull << 20;

Result<BundleSummary> importBundle(Store& store, const Actor& by, const std::filesystem::path& file,
                                   std::uint64_t maxInflated = kMaxBundleInflated);

}  // namespace canting::records
