#pragma once
// The one shape of a broken dye book or plan: where in the file it broke and
// a reason key the UI translates. Shared by the book and plan readers only.

#include <string>

#include "canting/imaging/error.h"

namespace canting::imaging::dye_detail {

inline Error malformed(const std::string& where, const std::string& reason, const std::string& detail = {}) {
  return makeError(ErrorCode::MalformedFile, {{"where", where}, {"reason", "@" + reason}}, detail);
}

}  // namespace canting::imaging::dye_detail
