#include <catch2/catch.hpp>

#include "canting/records/csv.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::test::RecordsFixture;
using canting::test::writeText;

TEST_CASE("CSV cells that a spreadsheet would run as a formula are neutralised", "[records][csv]") {
  CHECK(csvCell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(csvCell("+62 812") == "'+62 812");
  CHECK(csvCell("-1") == "'-1");
  CHECK(csvCell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csvCell("\t=1") == "'\t=1");
  CHECK(csvCell("Siti Rahayu") == "Siti Rahayu");
  CHECK(csvCell("a,b") == "\"a,b\"");
  CHECK(csvRow({"a", "=b"}) == "a,'=b\r\n");

  RecordsFixture f;
  f.addTrainee(1, f.centreA, "=cmd|' /C calc'!A0");
  auto text = traineesCsv(*f.store, *f.admin, f.centreA);
  REQUIRE(text);
  CHECK(text->find("\n'=cmd") != std::string::npos);
  CHECK(text->find("\n=cmd") == std::string::npos);
}

TEST_CASE("CSV parsing handles quotes, semicolons, a BOM and reports broken lines", "[records][csv]") {
  auto t = parseCsv("\xEF\xBB\xBFnama;nik\r\n\"Rahayu; Siti\";3303\r\n\"two\nlines\";1\n\n");
  REQUIRE(t.problems.empty());
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].cells[0] == "nama");
  CHECK(t.rows[1].cells[0] == "Rahayu; Siti");
  CHECK(t.rows[2].cells[0] == "two\nlines");
  CHECK(t.rows[2].line == 3);

  static const char raw[] = "nama,nik\nA\0B,1\nC,\xFF\xFE\n\"open,2\n";
  auto bad = parseCsv(std::string(raw, sizeof raw - 1));
  REQUIRE(bad.problems.size() == 3);
  CHECK(bad.problems[0].line == 2);
  CHECK(bad.problems[0].reasonKey == "records.csv.nul_byte");
  CHECK(bad.problems[1].reasonKey == "records.csv.bad_utf8");
  CHECK(bad.problems[2].reasonKey == "records.csv.open_quote");

  auto longLine = parseCsv("nama\n" + std::string(200, 'x') + "\nok\n", 100);
  REQUIRE(longLine.problems.size() == 1);
  CHECK(longLine.problems[0].reasonKey == "records.csv.line_too_long");
  CHECK(longLine.rows.back().cells[0] == "ok");
}

TEST_CASE("a trainee CSV with bad rows reports every one by line and imports nothing", "[records][csv]") {
  RecordsFixture f;
  const auto file = f.dir.path() / "peserta.csv";
  writeText(file,
            "nama,nik,tanggal_lahir,jenis_kelamin,telepon,persetujuan,sentra\n"
            "Siti,3303000000000001,1990-01-02,P,081200000001,ya,Kampung Batik Limbasari\n"
            "Dewi,33030000000002,1990-01-02,P,,ya,Kampung Batik Limbasari\n"          // line 3: NIK 14 digits
            "Ani,3303000000000003,1990-02-30,P,,ya,Kampung Batik Limbasari\n"          // line 4: no such day
            "Rina,3303000000000004,1990-01-02,X,,ya,Galuh\n"                           // line 5: sex
            "Eko,3303000000000005,,L,,tidak,Galuh\n"                                   // line 6: no consent
            "Yati,3303000000000006,,P,,ya,Sokaraja\n"                                  // line 7: unknown centre
            "Sari,3303000000000001,,P,,ya,Galuh\n");                                   // line 8: same NIK as line 2
  auto rep = importTraineesCsv(*f.store, *f.admin, file);
  REQUIRE(rep);
  CHECK(rep->imported == 0);
  std::vector<std::pair<int, std::string>> got;
  for (const auto& p : rep->problems) got.emplace_back(p.line, p.reasonKey);
  CHECK(got == std::vector<std::pair<int, std::string>>{{3, "records.csv.bad_nik"},   {4, "records.csv.bad_date"},   {5, "records.csv.bad_sex"},
                                                        {6, "records.csv.no_consent"}, {7, "records.csv.bad_centre"}, {8, "records.csv.duplicate_nik"}});
  CHECK(f.store->trainees(*f.admin)->empty());
}

TEST_CASE("a good trainee CSV goes in whole, in one transaction, and a second import of it is refused whole", "[records][csv]") {
  RecordsFixture f;
  const auto file = f.dir.path() / "peserta.csv";
  std::string text = "Nama;NIK;Persetujuan;Sentra\n";
  for (int i = 0; i < 50; ++i) text += "Peserta " + std::to_string(i) + ";33030000000001" + (i < 10 ? "0" : "") + std::to_string(i) + ";ya;Galuh\n";
  writeText(file, text);
  auto rep = importTraineesCsv(*f.store, *f.admin, file);
  REQUIRE(rep);
  CHECK(rep->problems.empty());
  CHECK(rep->imported == 50);
  CHECK(f.store->trainees(*f.admin, f.centreB)->size() == 50);
  auto again = importTraineesCsv(*f.store, *f.admin, file);
  REQUIRE(again);
  CHECK(again->imported == 0);
  CHECK(again->problems.size() == 50);
  CHECK(again->problems[0].reasonKey == "records.csv.nik_in_database");
  CHECK(f.store->trainees(*f.admin)->size() == 50);
  // A trainer may not import into another centre.
  CHECK(importTraineesCsv(*f.store, *f.trainer, file)->problems.at(0).reasonKey == "records.csv.other_centre");
  CHECK(importTraineesCsv(*f.store, *f.outlet, file).error().code == canting::records::RecordsError::NotAllowed);
}

TEST_CASE("the matrix CSV marks K and BK per unit", "[records][csv]") {
  RecordsFixture f;
  const Id t = f.addTrainee(1, f.centreA, "Siti");
  auto sch = *f.store->scheme(*f.admin, f.scheme);
  REQUIRE(f.store->recordAssessment(*f.assessor, {.trainee = t, .scheme = f.scheme, .date = "2026-06-01",
                                                  .units = {{sch.units[0].id, true}, {sch.units[1].id, false}}}));
  auto csv = matrixCsv(*f.store, *f.admin, f.centreA, f.scheme);
  REQUIRE(csv);
  CHECK(csv->find("Siti,K,BK,,\r\n") != std::string::npos);
}
