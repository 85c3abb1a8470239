#pragma once
// Small text helpers that every level needs once.

#include <string>
#include <string_view>

namespace canting::base {

// A-Z to a-z, every other byte as it is: file extensions, option names and
// search keys, never the user's prose (UTF-8 letters stay as they are).
std::string asciiLower(std::string_view text);

}  // namespace canting::base
