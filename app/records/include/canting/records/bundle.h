#pragma once
// Moving records between workstations. A centre exports a bundle of its
// records (gzip-compressed JSON, evidence files inside); the regency imports
// bundles from every centre into one database. Records carry UUIDs, so a
// re-import changes nothing; a record edited in two places keeps both
// versions in its history and shows the newer one. A bundle that fails
// validation changes nothing at all.

#include <filesystem>

#include "canting/records/store.h"

namespace canting::records {

struct BundleSummary {
  int added = 0, updated = 0, unchanged = 0, conflicts = 0;
  std::string centre;
};

Status exportBundle(Store& store, const Actor& by, Id centre, const std::filesystem::path& out);
// Limits against a hostile bundle (a zip bomb): bytes on disk and inflated.
constexpr std::uint64_t kMaxBundleBytes = 512ull << 20;
constexpr std::uint64_t kMaxBundleInflated = 512ull << 20;

Result<BundleSummary> importBundle(Store& store, const Actor& by, const std::filesystem::path& file,
                                   std::uint64_t maxInflated = kMaxBundleInflated);

}  // namespace canting::records
