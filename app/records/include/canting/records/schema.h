#pragma once
// Numbered schema migrations. Each step runs in its own transaction after a
// backup copy of the database (VACUUM INTO) is written beside it.

#include <filesystem>

#include "canting/records/db.h"

namespace canting::records {

// Brings db from its PRAGMA user_version up to `target`, one step at a time.
// backupDir receives records-v<from>-<stamp>.db before each step of a
// database that held a schema when called (a new one gets none).
Status migrate(Db& db, int target, const std::filesystem::path& backupDir, const std::string& stamp);

}  // namespace canting::records
