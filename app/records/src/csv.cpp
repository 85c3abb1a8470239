#include "canting/records/csv.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/base/text.h"
#include "canting/imaging/file_io.h"
#include "store_internal.h"

namespace canting::records {

namespace fs = std::filesystem;
using imaging::ErrorCode;
using imaging::makeError;

std::string csvCell(const std::string& text) {
  std::string s = text;
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) s.insert(s.begin(), '\'');
  if (s.find_first_of(",;\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::string csvRow(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += csvCell(cells[i]);
  }
  return out + "\r\n";
}

namespace {

bool validUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (n < 0 || (n == 1 && c < 0xC2) || (n == 3 && c > 0xF4)) return false;
    if (i + std::size_t(n) >= s.size()) return false;
    for (int k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + std::size_t(k)]) & 0xC0) != 0x80) return false;
    i += std::size_t(n) + 1;
  }
  return true;
}

std::string shorten(const std::string& s) { return s.size() > 40 ? s.substr(0, 40) + "…" : s; }

}  // namespace

CsvTable parseCsv(const std::string& input, std::size_t maxLineBytes) {
  CsvTable t;
  std::string text = input;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // Excel's BOM
  // The delimiter is whichever of ',' and ';' the header line uses more.
  const std::string header = text.substr(0, text.find('\n'));
  const char delim = std::count(header.begin(), header.end(), ';') > std::count(header.begin(), header.end(), ',') ? ';' : ',';
  int line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    CsvRow row;
    row.line = line;
    std::string cell;
    bool quoted = false, rowBad = false, done = false;
    const std::size_t rowStart = i;
    while (i < text.size() && !done) {
      const char c = text[i];
      if (c == '\0') {
        if (!rowBad) t.problems.push_back({line, "records.csv.nul_byte", ""});
        rowBad = true;
        ++i;
        continue;
      }
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          if (c == '\n') ++line;
          cell += c;
        }
        ++i;
      } else if (c == '"' && cell.empty()) {
        quoted = true;
        ++i;
      } else if (c == delim) {
        row.cells.push_back(cell);
        cell.clear();
        ++i;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        done = true;
      } else {
        cell += c;
        ++i;
      }
      if (i - rowStart > maxLineBytes && !rowBad) {
        t.problems.push_back({row.line, "records.csv.line_too_long", ""});
        rowBad = true;
        // Skip to the end of this physical line.
        while (i < text.size() && text[i] != '\n') ++i;
      }
    }
    if (quoted && !rowBad) {
      t.problems.push_back({row.line, "records.csv.open_quote", ""});
      rowBad = true;
    }
    row.cells.push_back(cell);
    if (rowBad) continue;
    bool utf8 = true;
    for (auto& c : row.cells) {
      if (!validUtf8(c)) utf8 = false;
      // Trim the spaces spreadsheets leave around cells.
      while (!c.empty() && (c.back() == ' ' || c.back() == '\t')) c.pop_back();
      while (!c.empty() && (c.front() == ' ' || c.front() == '\t')) c.erase(c.begin());
    }
    if (!utf8) {
      t.problems.push_back({row.line, "records.csv.bad_utf8", ""});
      continue;
    }
    if (row.cells.size() == 1 && row.cells[0].empty()) continue;  // blank line
    t.rows.push_back(std::move(row));
  }
  return t;
}

Result<ImportReport> importTraineesCsv(Store& store, const Actor& by, const fs::path& file) {
  if (auto st = store.require(by, {Role::Admin, Role::Trainer}, "trainees"); !st) return st.error();
  auto bytes = imaging::readFile(file, 256ull << 20);
  if (!bytes) return bytes.error();
  CsvTable table = parseCsv(std::string(bytes->begin(), bytes->end()));
  ImportReport rep;
  rep.problems = table.problems;
  if (table.rows.empty()) {
    rep.problems.push_back({1, "records.csv.no_header", ""});
    return rep;
  }
  // Header names in either language, any case.
  const std::map<std::string, std::string> aliases = {
      {"nama", "name"}, {"name", "name"}, {"nik", "nik"}, {"tanggal_lahir", "birth_date"}, {"tgl_lahir", "birth_date"},
      {"birth_date", "birth_date"}, {"jenis_kelamin", "sex"}, {"jk", "sex"}, {"sex", "sex"}, {"telepon", "phone"},
      {"hp", "phone"}, {"phone", "phone"}, {"persetujuan", "consent"}, {"consent", "consent"}, {"sentra", "centre"}, {"centre", "centre"}};
  std::map<std::string, std::size_t> col;
  for (std::size_t c = 0; c < table.rows[0].cells.size(); ++c) {
    std::string h = base::asciiLower(table.rows[0].cells[c]);
    std::replace(h.begin(), h.end(), ' ', '_');
    if (auto it = aliases.find(h); it != aliases.end()) col[it->second] = c;
  }
  for (const char* need : {"name", "nik", "consent"})
    if (!col.count(need)) rep.problems.push_back({table.rows[0].line, "records.csv.missing_column", need});
  if (!col.count("centre") && by.centre() == 0) rep.problems.push_back({table.rows[0].line, "records.csv.missing_column", "centre"});
  if (!rep.problems.empty() && col.size() < 2) return rep;

  auto centres = store.centres(by);
  if (!centres) return centres.error();
  std::map<std::string, Id> centreIds;
  for (const auto& c : *centres) centreIds[c.name] = c.id;

  std::map<std::string, int> nikLine;
  std::vector<Trainee> good;
  good.reserve(table.rows.size());
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    auto get = [&](const char* k) { return col.count(k) && col[k] < row.cells.size() ? row.cells[col[k]] : std::string(); };
    Trainee t;
    t.name = get("name");
    t.nik = get("nik");
    t.birthDate = get("birth_date");
    t.sex = get("sex");
    if (t.sex == "l" || t.sex == "Laki-laki" || t.sex == "laki-laki" || t.sex == "M") t.sex = "L";
    if (t.sex == "p" || t.sex == "Perempuan" || t.sex == "perempuan" || t.sex == "F") t.sex = "P";
    t.phone = get("phone");
    const std::string consent = base::asciiLower(get("consent"));
    t.consent = consent == "ya" || consent == "yes" || consent == "1" || consent == "y";
    const std::string centreName = get("centre");
    t.centre = centreName.empty() ? by.centre() : (centreIds.count(centreName) ? centreIds[centreName] : 0);
    const std::size_t before = rep.problems.size();
    if (t.name.empty()) rep.problems.push_back({row.line, "records.csv.bad_name", ""});
    if (!validNik(t.nik)) rep.problems.push_back({row.line, "records.csv.bad_nik", shorten(t.nik)});
    else if (nikLine.count(t.nik)) rep.problems.push_back({row.line, "records.csv.duplicate_nik", std::to_string(nikLine[t.nik])});
    if (!t.birthDate.empty() && !validDate(t.birthDate)) rep.problems.push_back({row.line, "records.csv.bad_date", shorten(t.birthDate)});
    if (!t.sex.empty() && t.sex != "L" && t.sex != "P") rep.problems.push_back({row.line, "records.csv.bad_sex", shorten(t.sex)});
    if (!t.consent) rep.problems.push_back({row.line, "records.csv.no_consent", shorten(get("consent"))});
    if (t.centre == 0) rep.problems.push_back({row.line, "records.csv.bad_centre", shorten(centreName)});
    else if (by.role() == Role::Trainer && by.centre() != 0 && t.centre != by.centre())
      rep.problems.push_back({row.line, "records.csv.other_centre", shorten(centreName)});
    if (rep.problems.size() == before) {
      if (auto st = detail::validateTrainee(t); !st) rep.problems.push_back({row.line, "records.csv.bad_field", st.error().arg("what")});
    }
    if (validNik(t.nik) && !nikLine.count(t.nik)) nikLine[t.nik] = row.line;
    if (rep.problems.size() == before) good.push_back(std::move(t));
  }
  if (!rep.problems.empty()) return rep;

  try {
    Db& db = store.db();
    Transaction tx(db);
    {
      auto existing = db.prepare("SELECT nik FROM trainees");
      std::map<std::string, bool> have;
      while (existing.step()) have[existing.text(0)] = true;
      for (std::size_t r = 1; r < table.rows.size(); ++r)
        if (have.count(good[r - 1].nik)) rep.problems.push_back({table.rows[r].line, "records.csv.nik_in_database", maskTail(good[r - 1].nik, 4)});
      if (!rep.problems.empty()) return rep;  // the guard rolls back: nothing changed
    }
    const std::string now = detail::isoTime(store.now());
    for (auto& t : good) {
      t.uuid = newUuid();
      t.updatedAt = now;
      if (t.trainer == 0 && by.role() == Role::Trainer) t.trainer = by.id();
      detail::insertTrainee(db, t);
      detail::insertTraineeVersion(db, t, "csv");
      store.appendAudit(by.name(), "import", "trainee", t.uuid, base::dumpJson(nlohmann::json{{"name", t.name}, {"file", file.filename().string()}}));
    }
    tx.commit();
    rep.imported = int(good.size());
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string(), "importTrainees");
  }
  return rep;
}

Result<std::string> matrixCsv(Store& store, const Actor& by, Id centre, Id scheme) {
  auto m = store.matrix(by, centre, scheme);
  if (!m) return m.error();
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> head = {"peserta"};
  for (const auto& u : m->units) head.push_back(u.code.empty() ? u.title : u.code + " " + u.title);
  out += csvRow(head);
  for (std::size_t r = 0; r < m->trainees.size(); ++r) {
    std::vector<std::string> row = {m->trainees[r].second};
    for (char c : m->cells[r]) row.push_back(c == 'K' ? "K" : c == 'B' ? "BK" : "");
    out += csvRow(row);
  }
  return out;
}

Result<std::string> traineesCsv(Store& store, const Actor& by, Id centre) {
  auto list = store.trainees(by, centre);
  if (!list) return list.error();
  auto centres = store.centres(by);
  if (!centres) return centres.error();
  std::map<Id, std::string> cname;
  for (const auto& c : *centres) cname[c.id] = c.name;
  std::string out = "\xEF\xBB\xBF" + csvRow({"nama", "nik", "tanggal_lahir", "jenis_kelamin", "telepon", "persetujuan", "sentra"});
  for (const auto& t : *list) out += csvRow({t.name, t.nik, t.birthDate, t.sex, t.phone, t.consent ? "ya" : "tidak", cname[t.centre]});
  return out;
}

Result<std::string> attendanceCsv(Store& store, const Actor& by, Id sessionId) {
  auto s = store.session(by, sessionId);
  if (!s) return s.error();
  auto list = store.sessionTrainees(by, sessionId);
  if (!list) return list.error();
  std::string out = "\xEF\xBB\xBF" + csvRow({"tanggal", "topik", "peserta", "kehadiran"});
  for (const auto& t : *list) {
    auto it = s->attendance.find(t.id);
    if (it == s->attendance.end()) continue;
    const char* st = it->second == Attendance::Present ? "hadir" : it->second == Attendance::Excused ? "izin" : "tidak hadir";
    out += csvRow({s->date, s->topic, t.name, st});
  }
  return out;
}

}  // namespace canting::records
