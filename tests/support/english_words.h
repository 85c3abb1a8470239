#pragma once
// The language scan of issue 22: English words in what the Indonesian CLI
// and GUI print. The list holds words a user reads as English and Indonesian
// never uses (no "data", "format", "motif", "status", "folder", "demo",
// "no"); syntax is skipped, since option names, ids, file names and values
// (--scheme harmony|random, *.png, max_megapixels) are typed as they are.

#include <set>
#include <string>
#include <vector>

namespace canting::test {

// The words of `text` found in the list, each once, lower case. Hyphenated
// words count whole ("export-bundle" is not "export"); `ignore` holds words
// that are the program's own vocabulary, such as canting-cli's command names.
std::set<std::string> englishWords(const std::string& text, const std::set<std::string>& ignore = {});

}  // namespace canting::test
