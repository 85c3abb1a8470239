// canting-cli training session add as trainers run it: the trainees of a
// session (--trainees), topics from the list, --help that says where ids come
// from, and one demo database shared with the app.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "canting/core/paths.h"
#include "canting/records/app_session.h"
#include "canting/records/desk.h"
#include "cli_demo.h"

using namespace canting;
using test::Demo;
using test::runCli;

namespace {
const std::vector<std::string> kTopicIds = {"desain", "pewarnaan", "produk-turunan", "pembatikan", "pola", "lorod"};

// The store behind a CLI run, to check what was (and was not) written.
struct Peek {
  std::unique_ptr<records::Store> store;
  std::optional<records::Actor> admin;
  explicit Peek(const std::string& db) {
    auto s = records::Store::open({.file = db});
    REQUIRE(s);
    store = std::move(*s);
    admin = *store->login("Admin Kabupaten (demo)", "1234");
  }
  std::vector<records::Session> sessions() { return *store->sessions(*admin); }
};

// Sets an environment variable for one scope and puts the old value back.
struct ScopedEnv {
  std::string name;
  std::optional<std::string> old;
  ScopedEnv(std::string n, const char* value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str())) old = v;
    if (value) ::setenv(name.c_str(), value, 1);
    else ::unsetenv(name.c_str());
  }
  ~ScopedEnv() { old ? void(::setenv(name.c_str(), old->c_str(), 1)) : void(::unsetenv(name.c_str())); }
};
}  // namespace

TEST_CASE("session add --trainees makes a session for 8 of the centre's 12, without it, for all 12", "[cli][training][sessions]") {
  Demo d;
  auto ids = nlohmann::json::parse(runCli(d.as("trainer", {"training", "trainee", "list", "--json"})).out);
  REQUIRE(ids.size() == 12);
  std::string eight, present;
  for (int i = 0; i < 8; ++i) eight += (i ? "," : "") + std::to_string(ids[std::size_t(i)]["id"].get<long>());
  present = std::to_string(ids[0]["id"].get<long>());
  auto r = runCli(d.as("trainer", {"--lang", "en", "training", "session", "add", "--centre", "limbasari", "--date", "2026-11-20", "--topic",
                                   "pewarnaan", "--trainees", eight, "--present", present}));
  INFO(r.err);
  REQUIRE(r.code == 0);
  auto all = runCli(d.as("trainer", {"training", "session", "add", "--centre", "limbasari", "--date", "2026-11-21", "--topic", "desain"}));
  REQUIRE(all.code == 0);
  Peek p(d.db);
  const auto list = p.sessions();
  const auto newest = *p.store->session(*p.admin, list[0].id), before = *p.store->session(*p.admin, list[1].id);
  CHECK(newest.date == "2026-11-21");
  CHECK(newest.trainees.size() == 12);
  CHECK(before.trainees.size() == 8);
  CHECK(before.attendance.size() == 1);
}

TEST_CASE("session add refuses unknown trainee ids and ids of another centre, and writes nothing", "[cli][training][sessions]") {
  Demo d;
  const auto galuh = nlohmann::json::parse(runCli(d.as("admin", {"training", "trainee", "list", "--centre", "galuh", "--json"})).out);
  const std::string other = std::to_string(galuh[0]["id"].get<long>());
  const std::size_t before = Peek(d.db).sessions().size();
  for (const auto& [list, lang, expect] : {std::tuple{"1,2," + other, "en", "Not found: trainee of this centre with ID '" + other + "'"},
                                           {"1,9999", "en", "trainee of this centre with ID '9999'"},
                                           {"1,9999", "id", "peserta di sentra ini dengan ID '9999'"}}) {
    auto r = runCli(d.as("trainer", {"--lang", lang, "training", "session", "add", "--centre", "limbasari", "--date", "2026-11-20", "--topic",
                                     "desain", "--trainees", list}));
    CHECK(r.code == 2);
    CHECK(r.err.find(expect) != std::string::npos);
  }
  // Marked present but not one of the session's trainees.
  auto off = runCli(d.as("trainer", {"--lang", "en", "training", "session", "add", "--centre", "limbasari", "--date", "2026-11-20", "--topic",
                                     "desain", "--trainees", "1,2", "--present", "3"}));
  CHECK(off.code == 2);
  CHECK(off.err.find("trainee of this session with ID '3'") != std::string::npos);
  CHECK(runCli(d.as("trainer", {"training", "session", "add", "--centre", "limbasari", "--date", "2026-11-20", "--topic", "desain",
                                "--trainees", "1,x"})).code == 1);
  CHECK(Peek(d.db).sessions().size() == before);
}

TEST_CASE("an unknown topic is refused with the list of valid ones, in either language", "[cli][training][sessions]") {
  Demo d;
  const std::size_t before = Peek(d.db).sessions().size();
  for (const char* lang : {"en", "id"}) {
    auto r = runCli(d.as("trainer", {"--lang", lang, "training", "session", "add", "--centre", "limbasari", "--date", "2026-11-20", "--topic", "bintek"}));
    CHECK(r.code == 1);
    CHECK(r.err.find("'bintek'") != std::string::npos);
    CHECK(r.err.find(std::string(lang) == "en" ? "Unknown topic" : "tidak ada dalam daftar") != std::string::npos);
    for (const auto& t : kTopicIds) CHECK(r.err.find(t) != std::string::npos);
  }
  CHECK(Peek(d.db).sessions().size() == before);
}

TEST_CASE("--help lists the session topics from the data file and says where trainee and unit ids come from", "[cli][training][sessions]") {
  auto topics = records::readSessionTopics();
  REQUIRE(topics);
  CHECK(*topics == kTopicIds);
  for (const auto& args : {std::vector<std::string>{"--lang", "en", "training", "session", "add", "--help"},
                           std::vector<std::string>{"--lang", "en", "training", "--help"}}) {
    auto h = runCli(args);
    CHECK(h.code == 0);
    CHECK(h.out.find("--trainees ID,..") != std::string::npos);
    CHECK(h.out.find("Topics (--topic), one of:") != std::string::npos);
    CHECK(h.out.find("  pewarnaan       colouring") != std::string::npos);
    for (const auto& t : *topics) CHECK(h.out.find("  " + t + " ") != std::string::npos);
    CHECK(h.out.find("training unit list") != std::string::npos);
    CHECK(h.out.find("training trainee list --centre") != std::string::npos);
  }
  auto id = runCli({"--lang", "id", "training", "session", "add", "--help"});
  CHECK(id.out.find("Topik (--topic), satu dari:") != std::string::npos);
  CHECK(id.out.find("lorod dan penyelesaian") != std::string::npos);
}

TEST_CASE("training unit list prints the unit ids --units takes", "[cli][training][sessions]") {
  Demo d;
  auto r = runCli({"--lang", "en", "training", "unit", "list", "--db", d.db});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("Scheme Membuat Batik Tulis") != std::string::npos);
  Peek p(d.db);
  const auto sch = *p.store->scheme(*p.admin, p.store->schemes(*p.admin)->front().id);
  for (const auto& u : sch.units) CHECK(r.out.find("  " + std::to_string(u.id) + "  " + u.title) != std::string::npos);
  auto j = nlohmann::json::parse(runCli({"training", "unit", "list", "--db", d.db, "--json"}).out);
  REQUIRE(j.size() == sch.units.size());
  CHECK(j[0]["id"] == sch.units[0].id);
  // An id from the list goes into --units.
  auto s = runCli(d.as("trainer", {"training", "session", "add", "--centre", "limbasari", "--date", "2026-11-20", "--topic", "pola",
                                   "--units", std::to_string(sch.units[1].id)}));
  CHECK(s.code == 0);
}

TEST_CASE("training init --demo and the app's Data demo use the same default file, and --demo opens it", "[cli][training][demo]") {
  test::TempDir dir;
  ScopedEnv data("XDG_DATA_HOME", dir.path().c_str());
  ScopedEnv db("CANTING_DB", nullptr);
  const auto demo = core::recordsDemoDatabase();
  CHECK(demo == dir.path() / "canting" / "pelatihan-demo.db");
  records::AppSession app({.data = core::dataDir(), .curriculum = core::assetsDir() / "curriculum"});
  CHECK(app.desk().demoFile() == demo);

  auto r = runCli({"--lang", "en", "training", "init", "--demo"});
  REQUIRE(r.code == 0);
  CHECK(r.out.find(demo.string()) != std::string::npos);
  CHECK(r.out.find("--demo") != std::string::npos);
  CHECK(std::filesystem::exists(demo));
  CHECK_FALSE(std::filesystem::exists(core::recordsDatabase()));  // the real records stay untouched
  // A session added from the CLI is there when the app opens its demo.
  REQUIRE(runCli({"training", "session", "add", "--demo", "--centre", "limbasari", "--date", "2026-11-30", "--topic", "lorod",
                  "--user", "Pelatih Sri (demo)", "--pin", "2345"}).code == 0);
  records::Desk& desk = app.desk();
  REQUIRE(desk.useDemo(true));
  desk.loginName = "Pelatih Sri (demo)";
  desk.pin = "2345";
  REQUIRE(desk.login());
  CHECK(desk.store()->sessions(*desk.actor(), desk.centre)->front().topic == "lorod");
  // With CANTING_DB the demo sits beside that file.
  ScopedEnv custom("CANTING_DB", (dir.path() / "kantor" / "catatan.db").c_str());
  CHECK(core::recordsDemoDatabase() == dir.path() / "kantor" / "pelatihan-demo.db");
}
