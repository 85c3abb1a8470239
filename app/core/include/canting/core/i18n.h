#pragma once
// Every user-visible string comes from one table per language in
// assets/i18n/<lang>.json (flat "key": "text"). Texts may hold {name}
// placeholders. Indonesian is the default language; English on request.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "canting/imaging/error.h"

namespace canting::core {

enum class Language { Indonesian, English };

const char* languageCode(Language lang);            // "id", "en"
bool parseLanguage(const std::string& code, Language& out);

using Args = std::vector<std::pair<std::string, std::string>>;

class Translator {
 public:
  // Loads assets/i18n/<code>.json. On failure the translator stays usable
  // (it returns keys) and `loadError()` says what went wrong, in English,
  // since there is no table to say it with.
  bool load(const std::filesystem::path& i18nDir, Language lang);
  Language language() const { return m_lang; }
  const std::string& loadError() const { return m_loadError; }

  bool has(const std::string& key) const { return m_table.count(key) != 0; }
  // The text for `key`, or the key itself when missing (visible, never a crash).
  const std::string& tr(const std::string& key) const;
  std::string tr(const std::string& key, const Args& args) const;
  // "Berkas tidak ditemukan: /a/b.png", from an imaging error.
  std::string message(const imaging::Error& error) const;

  const std::map<std::string, std::string>& table() const { return m_table; }

 private:
  Language m_lang = Language::Indonesian;
  std::map<std::string, std::string> m_table;
  std::string m_loadError;
};

// Replaces {name} placeholders; unknown placeholders stay as they are.
std::string format(const std::string& text, const Args& args);

}  // namespace canting::core

namespace canting::core {
// Numbers as each language writes them: Indonesian "1.234,5", English "1,234.5".
std::string formatNumber(double value, int decimals, Language lang);
std::string formatCount(std::uint64_t value, Language lang);
}  // namespace canting::core
