#pragma once
// The scheme file format (assets/curriculum/*.json): one version of a
// certification scheme (SKKNI / KKNI / occupation cluster) with its units,
// elements and criteria. Only the curriculum code reads these files.

#include <filesystem>

#include "canting/records/model.h"
#include "canting/records/db.h"

namespace canting::records::detail {

// Reads and checks a whole scheme file; the ids in the result are 0 and the
// uuid is empty when the file gives none. MalformedFile names the field.
Result<Scheme> readSchemeFile(const std::filesystem::path& file);

}  // namespace canting::records::detail
