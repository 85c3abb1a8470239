#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.h"
#include "cli_demo.h"
#include "run_cli.h"
#include "support/image_fixtures.h"

using namespace canting;

namespace {
using Run = test::CliRun;
using test::runCli;
using test::Demo;
}  // namespace

TEST_CASE("training init --demo makes a marked demo database and prints the logins", "[cli][training]") {
  test::TempDir dir;
  const std::string db = (dir.path() / "p.db").string();
  auto r = runCli({"--lang", "en", "training", "init", "--db", db, "--demo"});
  CHECK(r.code == 0);
  CHECK(r.out.find("fictitious") != std::string::npos);
  CHECK(r.out.find("Admin Kabupaten (demo)  PIN 1234") != std::string::npos);
  auto list = runCli({"training", "centre", "list", "--db", db, "--json"});
  REQUIRE(list.code == 0);
  const auto j = nlohmann::json::parse(list.out);
  REQUIRE(j.size() == 14);
  CHECK(j[0]["name"] == "Kampung Batik Limbasari");
  // A second --demo on the same file refuses rather than doubling the data.
  CHECK(runCli({"training", "init", "--db", db, "--demo"}).code == 2);
  // Without a database the commands say how to make one.
  auto none = runCli({"--lang", "en", "training", "progress", "--db", (dir.path() / "none.db").string(), "--user", "x", "--pin", "1"});
  CHECK(none.code == 2);
  CHECK(none.err.find("training init") != std::string::npos);
}

TEST_CASE("training progress as JSON, per centre, and refused to outlet staff", "[cli][training]") {
  Demo d;
  auto r = runCli(d.as("admin", {"training", "progress", "--json"}));
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j[0]["centre"] == "Kampung Batik Limbasari");
  CHECK(j[0]["trainees"] == 12);
  CHECK(j[0]["certified"] == 4);
  CHECK(j[0]["expiring_90_days"] == 1);
  auto m = runCli(d.as("trainer", {"training", "progress", "--centre", "limbasari", "--json"}));
  REQUIRE(m.code == 0);
  CHECK(nlohmann::json::parse(m.out)["units"].size() == 4);
  auto o = runCli(d.as("outlet", {"--lang", "en", "training", "progress"}));
  CHECK(o.code == 2);
  CHECK(o.err.find("outlet staff") != std::string::npos);
  auto wrong = runCli({"--lang", "en", "training", "progress", "--db", d.db, "--user", "Pelatih Sri (demo)", "--pin", "0000"});
  CHECK(wrong.code == 2);
  CHECK(wrong.err.find("4 tries left") != std::string::npos);
  CHECK(runCli({"training", "progress", "--db", d.db}).code == 1);  // --user is required
}

TEST_CASE("trainee import reports bad lines and imports nothing, then a clean file goes in", "[cli][training]") {
  Demo d;
  const auto csv = d.dir.path() / "baru.csv";
  std::ofstream(csv) << "nama,nik,persetujuan,sentra\nA,3303000000000001,ya,Galuh\nB,12345,ya,Galuh\nC,3303000000000003,tidak,Galuh\n";
  auto bad = runCli(d.as("admin", {"--lang", "en", "training", "trainee", "import", csv.string()}));
  CHECK(bad.code == 2);
  CHECK(bad.err.find("line 3: NIK must be exactly 16 digits ('12345')") != std::string::npos);
  CHECK(bad.err.find("line 4: no consent") != std::string::npos);
  CHECK(bad.err.find("nothing was imported") != std::string::npos);
  std::ofstream(csv) << "nama,nik,persetujuan,sentra\nA,3303000000000001,ya,Galuh\nB,3303000000000002,ya,Galuh\n";
  auto good = runCli(d.as("admin", {"--lang", "en", "training", "trainee", "import", csv.string()}));
  CHECK(good.code == 0);
  CHECK(good.out == "2 trainees imported.\n");
  auto list = runCli(d.as("assessor", {"training", "trainee", "list", "--centre", "Galuh", "--json"}));
  REQUIRE(list.code == 0);
  const auto j = nlohmann::json::parse(list.out);
  CHECK(j.size() == 10);
  for (const auto& t : j) CHECK(t["masked"] == true);
}

TEST_CASE("sessions, assessments, certificates and reports from the command line", "[cli][training]") {
  Demo d;
  auto s = runCli(d.as("trainer", {"--lang", "en", "training", "session", "add", "--centre", "limbasari", "--date", "2026-11-20",
                                   "--topic", "desain", "--title", "Isen cecek", "--present", "9,10", "--absent", "11"}));
  REQUIRE(s.code == 0);
  CHECK(s.out.find("Session added") != std::string::npos);
  // Only the assessor records K/BK.
  auto t = runCli(d.as("trainer", {"training", "assess", "record", "--trainee", "9", "--date", "2026-11-21", "--units", "1=K"}));
  CHECK(t.code == 2);
  auto a = runCli(d.as("assessor", {"training", "assess", "record", "--trainee", "9", "--date", "2026-11-21", "--units", "1=K,2=K,3=K,4=K",
                                    "--methods", "observasi,lisan", "--place", "TUK Sewaktu"}));
  CHECK(a.code == 0);
  auto bad = runCli(d.as("assessor", {"training", "assess", "record", "--trainee", "9", "--date", "2026-11-21", "--units", "7=K"}));
  CHECK(bad.code == 1);
  auto c = runCli(d.as("admin", {"training", "certificate", "issue", "--trainee", "9", "--number", "LSP/9", "--date", "2026-11-22"}));
  CHECK(c.code == 0);
  auto exp = runCli(d.as("admin", {"training", "certificate", "list", "--expiring", "90"}));
  CHECK(exp.code == 0);
  CHECK(exp.out.find("DEMO/LSP-BATIK") != std::string::npos);
  for (auto [kind, which] : {std::pair{"centre", "limbasari"}, {"trainee", "9"}, {"session", "1"}, {"certificate", "1"}}) {
    const auto pdf = d.dir.path() / (std::string(kind) + ".pdf");
    auto r = runCli(d.as("admin", {"training", "report", kind, which, "-o", pdf.string()}));
    INFO(kind << ": " << r.err);
    CHECK(r.code == 0);
    CHECK(std::filesystem::file_size(pdf) > 1000);
  }
  const auto att = d.dir.path() / "hadir.csv";
  REQUIRE(runCli(d.as("admin", {"training", "report", "session", "1", "-o", att.string()})).code == 0);
  std::ifstream in(att);
  const std::string attText((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(attText.find("tanggal,topik,peserta,kehadiran") != std::string::npos);
  CHECK(attText.find(",hadir\r\n") != std::string::npos);
  auto csv = runCli(d.as("admin", {"training", "progress", "--centre", "limbasari", "--csv"}));
  CHECK(csv.out.rfind("\xEF\xBB\xBFpeserta,", 0) == 0);
}

TEST_CASE("a centre's bundle moves to the regency once, and verify-audit catches nothing amiss", "[cli][training]") {
  Demo centre;
  const auto bundle = (centre.dir.path() / "limbasari.bundle").string();
  REQUIRE(runCli(centre.as("trainer", {"training", "export-bundle", "-o", bundle})).code == 0);
  test::TempDir rdir;
  const std::string rdb = (rdir.path() / "kabupaten.db").string();
  REQUIRE(runCli({"training", "init", "--db", rdb, "--admin", "Kantor Kabupaten", "--pin", "9876"}).code == 0);
  const std::vector<std::string> login = {"--db", rdb, "--user", "Kantor Kabupaten", "--pin", "9876"};
  auto cmd = [&](std::vector<std::string> v) {
    v.insert(v.end(), login.begin(), login.end());
    return runCli(v);
  };
  // The regency enrols the centre's keys first (training keys, test_cli_keys.cpp).
  const std::string keys = (centre.dir.path() / "kunci.json").string();
  REQUIRE(runCli({"training", "keys", "export", "--db", centre.db, "-o", keys}).code == 0);
  REQUIRE(cmd({"training", "keys", "enrol", keys}).code == 0);
  auto first = cmd({"--lang", "en", "training", "import-bundle", bundle});
  REQUIRE(first.code == 0);
  CHECK(first.out.find("Kampung Batik Limbasari imported") != std::string::npos);
  auto second = cmd({"--lang", "en", "training", "import-bundle", bundle});
  REQUIRE(second.code == 0);
  CHECK(second.out.find(": 0 added, 0 updated") != std::string::npos);
  auto p = nlohmann::json::parse(cmd({"training", "progress", "--json"}).out);
  CHECK(p[0]["trainees"] == 12);
  auto v = runCli({"--lang", "en", "training", "verify-audit", "--db", rdb});
  CHECK(v.code == 0);
  CHECK(v.out.find("Audit log intact") != std::string::npos);
}

TEST_CASE("showroom mockup writes a product preview whose DPI is its true scale", "[cli][showroom]") {
  test::TempDir dir;
  const auto out = dir.path() / "kemeja.png";
  auto r = runCli({"--lang", "en", "showroom", "mockup", std::string(CANTING_ASSETS_DIR) + "/motifs/kawung.png", "--product", "kemeja",
                   "--motif-cm", "10", "--height-px", "600", "-o", out.string()});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("px per cm") != std::string::npos);
  auto info = runCli({"info", out.string(), "--json"});
  REQUIRE(info.code == 0);
  const auto j = nlohmann::json::parse(info.out);
  CHECK(j["height"] == 600);
  CHECK(runCli({"showroom", "mockup", std::string(CANTING_ASSETS_DIR) + "/motifs/kawung.png", "--product", "sarung-bantal", "-o", out.string()}).code == 1);
  CHECK(runCli({"showroom", "mockup", std::string(CANTING_ASSETS_DIR) + "/motifs/kawung.png", "--motif-cm", "0", "-o", out.string()}).code == 2);
  CHECK(runCli({"showroom", "mockup", (dir.path() / "none.png").string(), "-o", out.string()}).code == 2);
}

TEST_CASE("showroom order list shows the outlet's orders to staff only", "[cli][showroom]") {
  Demo d;
  auto empty = runCli(d.as("outlet", {"--lang", "en", "showroom", "order", "list"}));
  CHECK(empty.code == 0);
  CHECK(empty.out == "No orders yet.\n");
  CHECK(runCli(d.as("trainer", {"showroom", "order", "list"})).code == 2);
  CHECK(runCli(d.as("outlet", {"showroom", "order", "list", "--json"})).out == "[]\n");
}
