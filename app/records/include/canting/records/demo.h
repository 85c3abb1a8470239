#pragma once
// The demo database for trying the workspace and for screenshots. It is
// marked as a demo (Store::isDemo) and every person in it is fictitious:
// names are made up and NIKs start with 0000, which no region code uses.
// Centre names are the sentra named in public sources (domain/centres.md).

#include <filesystem>

#include "canting/records/store.h"

namespace canting::records {

struct DemoLogin {
  const char* name;
  const char* pin;
  Role role;
};
// The demo's people and their PINs, printed by `training init --demo`.
const std::vector<DemoLogin>& demoLogins();

// Fills an empty store. Fails if anyone already exists.
Status makeDemo(Store& store, const std::filesystem::path& curriculumDir);

}  // namespace canting::records
