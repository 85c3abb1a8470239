// SQLite's spelling to PostgreSQL's: a small tokenizer that knows string
// literals and quoted names, so that a rewrite never reaches inside them.

#include "pg_sql.h"

#include <cctype>
#include <regex>
#include <vector>

namespace canting::records::detail {

namespace {

bool wordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// The words after position `at` (skipping spaces), upper-cased comparisons.
std::string_view wordAt(std::string_view s, std::size_t& at) {
  while (at < s.size() && std::isspace(static_cast<unsigned char>(s[at]))) ++at;
  const std::size_t from = at;
  while (at < s.size() && wordChar(s[at])) ++at;
  return s.substr(from, at - from);
}

// The ON CONFLICT clause an INSERT OR REPLACE INTO t (a, b, ...) needs: the
// first column is the key (every such insert in the store names it first).
std::string replaceClause(std::string_view columns) {
  std::vector<std::string> cols;
  std::string cur;
  for (char c : columns) {
    if (c == ',' ) {
      cols.push_back(cur);
      cur.clear();
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      cur += c;
    }
  }
  if (!cur.empty()) cols.push_back(cur);
  if (cols.empty()) return " ON CONFLICT DO NOTHING";
  std::string out = " ON CONFLICT (" + cols[0] + ") DO ";
  if (cols.size() == 1) return out + "NOTHING";
  out += "UPDATE SET ";
  for (std::size_t i = 1; i < cols.size(); ++i) out += (i > 1 ? ", " : "") + cols[i] + " = EXCLUDED." + cols[i];
  return out;
}

// PostgreSQL's DROP TRIGGER names the table; the schema's trigger names say it.
std::string triggerTable(std::string_view trigger) {
  if (trigger == "audit_append_only") return "audit_log";
  if (trigger == "assessment_units_final") return "assessment_units";
  for (std::string_view prefix : {"no_delete_", "written_"})
    if (trigger.substr(0, prefix.size()) == prefix) return std::string(trigger.substr(prefix.size()));
  return {};
}

}  // namespace

std::string toPostgres(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 32);
  std::string suffix;  // the ON CONFLICT clause the current statement ends with
  auto endStatement = [&] {
    if (suffix.empty()) return;
    while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
    out += suffix;
    suffix.clear();
  };
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // a literal or a quoted name, copied whole ('' and "" escape themselves)
      std::size_t j = i + 1;
      while (j < sql.size() && !(sql[j] == c && (j + 1 >= sql.size() || sql[j + 1] != c))) j += sql[j] == c ? 2 : 1;
      out.append(sql.substr(i, j + 1 - i));
      i = j + 1;
      continue;
    }
    if (c == '$' && i + 1 < sql.size() && sql[i + 1] == '$') {  // a function body, copied whole
      const auto end = sql.find("$$", i + 2);
      const std::size_t to = end == std::string_view::npos ? sql.size() : end + 2;
      out.append(sql.substr(i, to - i));
      i = to;
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {  // a comment, to the end of the line
      const auto nl = sql.find('\n', i);
      const std::size_t end = nl == std::string_view::npos ? sql.size() : nl;
      out.append(sql.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == '?' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      out += '$';
      ++i;
      continue;
    }
    if (c == ';') {
      endStatement();
      out += c;
      ++i;
      continue;
    }
    if (wordChar(c) && (i == 0 || !wordChar(sql[i - 1]))) {
      std::size_t j = i;
      while (j < sql.size() && wordChar(sql[j])) ++j;
      const std::string_view w = sql.substr(i, j - i);
      if (same(w, "IFNULL")) {
        out += "COALESCE";
      } else if (w == "user") {
        out += "\"user\"";
      } else if (same(w, "DROP")) {
        std::size_t k = j;
        const bool trigger = same(wordAt(sql, k), "TRIGGER");
        std::size_t after = k;
        const std::string_view name = trigger ? wordAt(sql, after) : std::string_view();
        std::size_t next = after;
        const std::string table = trigger ? triggerTable(name) : std::string();
        if (trigger && !table.empty() && !same(wordAt(sql, next), "ON")) {
          out += "DROP TRIGGER ";
          out.append(name);
          out += " ON " + table;
          i = after;
          continue;
        }
        out.append(w);
      } else if (same(w, "INSERT")) {
        std::size_t k = j;
        const bool orWord = same(wordAt(sql, k), "OR");
        const std::string_view how = orWord ? wordAt(sql, k) : std::string_view();
        if (orWord && (same(how, "IGNORE") || same(how, "REPLACE"))) {
          std::size_t into = k;
          wordAt(sql, into);  // INTO
          std::size_t table = into;
          wordAt(sql, table);
          const auto open = sql.find('(', table), close = sql.find(')', table);
          if (same(how, "IGNORE")) {
            suffix = " ON CONFLICT DO NOTHING";
          } else if (open != std::string_view::npos && close != std::string_view::npos) {
            suffix = replaceClause(sql.substr(open + 1, close - open - 1));
          }
          out += "INSERT";
          i = k;
          continue;
        }
        out.append(w);
      } else {
        out.append(w);
      }
      i = j;
      continue;
    }
    out += c;
    ++i;
  }
  endStatement();
  return out;
}

std::string ddlToPostgres(std::string_view ddl) {
  std::string s(ddl);
  static const std::regex trigger(
      R"(CREATE TRIGGER (\w+) BEFORE (UPDATE|DELETE) ON (\w+)\s+BEGIN SELECT RAISE\(ABORT, '([^']*)'\); END;)");
  s = std::regex_replace(s, trigger, "CREATE TRIGGER $1 BEFORE $2 ON $3 FOR EACH ROW EXECUTE FUNCTION canting_refuse('$4');");
  static const std::regex key(R"(\bINTEGER PRIMARY KEY\b)");
  s = std::regex_replace(s, key, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  static const std::regex integer(R"(\bINTEGER\b)");
  s = std::regex_replace(s, integer, "BIGINT");
  static const std::regex real(R"(\bREAL\b)");
  s = std::regex_replace(s, real, "DOUBLE PRECISION");
  static const std::regex rowid(R"(\)\s*WITHOUT ROWID)");
  s = std::regex_replace(s, rowid, ")");
  return s;
}

}  // namespace canting::records::detail
