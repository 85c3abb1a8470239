#pragma once
// CSV in and out of the records. Writing neutralises cells a spreadsheet
// would run as a formula; reading trainees is all or nothing.

#include <filesystem>
#include <string>
#include <vector>

#include "canting/records/store.h"

namespace canting::records {

// One cell, quoted when needed. A cell starting with = + - @ (or a tab or
// CR, which spreadsheets skip before looking) gets a leading apostrophe.
std::string csvCell(const std::string& text);
std::string csvRow(const std::vector<std::string>& cells);

// Splits CSV text into rows (RFC 4180 quoting; ',' or ';' as found in the
// header). Fails on NUL bytes or invalid UTF-8, naming the line.
struct CsvRow {
  int line = 0;  // 1-based line where the row starts
  std::vector<std::string> cells;
};
struct CsvProblem {
  int line = 0;
  std::string reasonKey;  // a translation key, e.g. records.csv.bad_nik
  std::string value;      // the offending text, shortened
};
struct CsvTable {
  std::vector<CsvRow> rows;
  std::vector<CsvProblem> problems;
};
CsvTable parseCsv(const std::string& text, std::size_t maxLineBytes = 64 * 1024);

struct ImportReport {
  int imported = 0;
  std::vector<CsvProblem> problems;  // empty when everything went in
};
// Columns by header (Indonesian or English names): nama|name, nik,
// tanggal_lahir|birth_date, jenis_kelamin|sex, telepon|phone,
// persetujuan|consent, sentra|centre. Every bad row is reported; when there
// is any, nothing is imported.
Result<ImportReport> importTraineesCsv(Store& store, const Actor& by, const std::filesystem::path& file);

// The lists a trainer hands on, as CSV text.
Result<std::string> matrixCsv(Store& store, const Actor& by, Id centre, Id scheme);
Result<std::string> traineesCsv(Store& store, const Actor& by, Id centre);
Result<std::string> attendanceCsv(Store& store, const Actor& by, Id session);

}  // namespace canting::records
