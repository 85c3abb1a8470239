#pragma once
// The training records' own error codes: a damaged database, a right the
// logged-in role lacks, a failed or locked login, a record that is not there.
// Imaging keeps the file and image codes; these travel in the same
// base::Error, and translate through the same error.* keys.

#include "canting/base/error.h"

namespace canting::records {

enum class RecordsError {
  DatabaseDamaged,  // integrity_check failed or the file is not a database
  NotAllowed,       // the logged-in role may not do this
  LoginFailed,
  AccountLocked,
  NotFound,         // a record named by id, uuid or name does not exist
  BackupFailed,     // the copy could not be written, or did not verify; no backup was kept
  RestoreRefused,   // the file to restore is not an intact Canting records database
  NoSigningKey,     // the logged-in person's key is not open: nothing can be signed
  BundleRefused,    // a bundle's signature or a record's in it does not hold; nothing was imported
  BundleRewritten,  // a bundle's audit chain contradicts what this database holds from its centre
  ServerUnavailable,  // the PostgreSQL server (or the regency's sync server) cannot be reached
};

// Header-only so that a test can walk its codes without linking the store.
inline const base::ErrorDomain& errorDomain(RecordsError) {
  static constexpr base::CodeKey<RecordsError> kKeys[] = {
      {RecordsError::DatabaseDamaged, "error.database_damaged"},
      {RecordsError::NotAllowed, "error.not_allowed"},
      {RecordsError::LoginFailed, "error.login_failed"},
      {RecordsError::AccountLocked, "error.account_locked"},
      {RecordsError::NotFound, "error.not_found"},
      {RecordsError::BackupFailed, "error.backup_failed"},
      {RecordsError::RestoreRefused, "error.restore_refused"},
      {RecordsError::NoSigningKey, "error.no_signing_key"},
      {RecordsError::BundleRefused, "error.bundle_refused"},
      {RecordsError::BundleRewritten, "error.bundle_rewritten"},
      {RecordsError::ServerUnavailable, "error.server_unavailable"},
  };
  static const base::TableDomain<RecordsError> domain("records", kKeys);
  return domain;
}

}  // namespace canting::records
