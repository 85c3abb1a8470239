#include "canting/core/i18n.h"

#include <cstdio>
#include <mutex>
#include <set>

#include <nlohmann/json.hpp>

#include "canting/imaging/file_io.h"

namespace canting::core {

const char* languageCode(Language lang) { return lang == Language::English ? "en" : "id"; }

bool parseLanguage(const std::string& code, Language& out) {
  if (code == "id" || code == "ind" || code == "indonesia") { out = Language::Indonesian; return true; }
  if (code == "en" || code == "eng" || code == "english") { out = Language::English; return true; }
  return false;
}

bool Translator::load(const std::filesystem::path& dir, Language lang) {
  m_lang = lang;
  m_table.clear();
  m_loadError.clear();
  const auto path = dir / (std::string(languageCode(lang)) + ".json");
  auto bytes = imaging::readFile(path, 16u << 20);
  if (!bytes) {
    m_loadError = "cannot read translation table " + path.string() + ": " + bytes.error().detail;
    return false;
  }
  try {
    const auto j = nlohmann::json::parse(bytes->begin(), bytes->end());
    if (!j.is_object()) throw std::runtime_error("top level is not an object");
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!it.value().is_string()) throw std::runtime_error("value of '" + it.key() + "' is not text");
      m_table[it.key()] = it.value().get<std::string>();
    }
  } catch (const std::exception& e) {
    m_table.clear();
    m_loadError = "malformed translation table " + path.string() + ": " + e.what();
    return false;
  }
  return true;
}

const std::string& Translator::tr(const std::string& key) const {
  auto it = m_table.find(key);
  if (it != m_table.end()) return it->second;
  // Never a reference to `key`: it is often a temporary made from a literal
  // (found by the random-input test under ASan when a key went missing).
  // Missing keys are few and the same in every translator: one set for all,
  // whose elements stay where they are. Panels and workers translate at once.
  static std::mutex mutex;
  static std::set<std::string> missing;
  std::lock_guard lock(mutex);
  return *missing.insert(key).first;
}

std::string Translator::tr(const std::string& key, const Args& args) const { return format(tr(key), args); }

std::string Translator::message(const imaging::Error& e) const {
  Args args = e.args;
  for (auto& [k, v] : args)
    if (v.size() > 1 && v[0] == '@') v = tr(v.substr(1));
  return format(tr(imaging::errorKey(e.code)), args);
}

std::string format(const std::string& text, const Args& args) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      const auto close = text.find('}', i);
      if (close != std::string::npos) {
        const std::string name = text.substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& [k, v] : args)
          if (k == name) { out += v; found = true; break; }
        if (found) { i = close + 1; continue; }
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace canting::core

namespace canting::core {

std::string formatNumber(double value, int decimals, Language lang) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf, sign;
  if (!s.empty() && s[0] == '-') { sign = "-"; s.erase(0, 1); }
  const auto dot = s.find('.');
  std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  const char group = lang == Language::Indonesian ? '.' : ',';
  const char point = lang == Language::Indonesian ? ',' : '.';
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += group;
    grouped += whole[i];
  }
  return sign + grouped + (frac.empty() ? "" : std::string(1, point) + frac);
}

std::string formatCount(std::uint64_t value, Language lang) { return formatNumber(double(value), 0, lang); }

}  // namespace canting::core
