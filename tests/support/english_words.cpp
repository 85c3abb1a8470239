#include "support/english_words.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace canting::test {

namespace {

const std::set<std::string>& wordList() {
  static const std::set<std::string> words = {
      // colourways and images
      "complementary", "split-complementary", "analogous", "triadic", "harmony", "dyeable", "succession", "colour", "colours", "color", "colors",
      "layer", "layers", "image", "images", "pixels", "preview", "width", "height", "size", "print", "repeat", "seamless",
      // files and actions
      "export", "exported", "open", "opened", "save", "saved", "file", "files", "close", "cancel", "delete", "undo", "redo",
      "load", "loading", "drag", "click", "select", "choose", "settings", "usage", "options", "default", "output", "input",
      // messages
      "error", "errors", "warning", "unknown", "invalid", "missing", "failed", "cannot", "please", "ready", "limit",
      // places and people
      "library", "gallery", "training", "trainee", "trainees", "session", "sessions", "report", "order", "orders",
      "customer", "language", "window", "random", "new", "name",
      // small words no Indonesian sentence holds
      "the", "and", "with", "from", "not", "this", "that", "for", "is", "are", "of", "to", "in", "on", "or", "by",
  };
  return words;
}

// Chunks that are syntax, not prose: options, ids with separators, paths,
// file names, placeholders in braces, hex colours.
bool isSyntax(const std::string& chunk) {
  for (const char* mark : {"--", "|", "=", "/", ".", "_", "#", "@", "{", "}", "<", ">", "[", "]"})
    if (chunk.find(mark) != std::string::npos) {
      // A sentence's own full stop or a closing bracket is not syntax.
      if (std::string(mark) == "." && chunk.find('.') == chunk.size() - 1) continue;
      return true;
    }
  return false;
}

}  // namespace

std::set<std::string> englishWords(const std::string& text, const std::set<std::string>& ignore) {
  std::set<std::string> found;
  std::istringstream in(text);
  std::string chunk;
  while (in >> chunk) {
    if (isSyntax(chunk)) continue;
    std::string word;
    auto flush = [&] {
      std::string lower = word;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
      while (!lower.empty() && lower.back() == '-') lower.pop_back();
      if (wordList().count(lower) && !ignore.count(lower)) found.insert(lower);
      word.clear();
    };
    for (char c : chunk) {
      if (std::isalpha(static_cast<unsigned char>(c)) || (c == '-' && !word.empty())) word += c;
      else flush();
    }
    flush();
  }
  return found;
}

}  // namespace canting::test
