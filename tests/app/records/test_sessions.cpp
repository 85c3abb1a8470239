// Bintek sessions as trainers run them: a session for some of a centre's
// trainees, topics from the shipped list, the new-session form on the desk,
// and the attendance list that shows the ids `--present` takes.

#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "canting/core/paths.h"
#include "canting/records/app_session.h"
#include "canting/records/bundle.h"
#include "canting/records/demo.h"
#include "canting/records/desk.h"
#include "canting/records/reports.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::test::RecordsFixture;
using canting::test::TempDir;
using canting::test::pdfText;

namespace {
int count(Store& s, const char* table) {
  auto q = s.db().prepare(std::string("SELECT COUNT(*) FROM ") + table);
  q.step();
  return int(q.i64(0));
}

}  // namespace

TEST_CASE("a session is for the trainees chosen, or for the whole centre when none are named", "[records][sessions]") {
  RecordsFixture f;
  std::vector<Id> a;
  for (int i = 1; i <= 12; ++i) a.push_back(f.addTrainee(i, f.centreA));
  const Id galuh = f.addTrainee(20, f.centreB);

  // 8 of 12.
  Session part{.date = "2026-05-01", .topic = "pewarnaan", .centre = f.centreA};
  part.trainees.assign(a.begin(), a.begin() + 8);
  part.attendance[a[0]] = Attendance::Present;
  auto sid = f.store->addSession(*f.trainer, part);
  REQUIRE(sid);
  auto s = f.store->session(*f.trainer, *sid);
  REQUIRE(s);
  CHECK(s->trainees.size() == 8);
  auto rows = f.store->sessionTrainees(*f.trainer, *sid);
  REQUIRE(rows);
  CHECK(rows->size() == 8);
  // Attendance only for someone the session is for.
  CHECK(f.store->setAttendance(*f.trainer, *sid, a[1], Attendance::Present));
  auto notOn = f.store->setAttendance(*f.trainer, *sid, a[10], Attendance::Present);
  REQUIRE_FALSE(notOn);
  CHECK(notOn.error().code == RecordsError::NotFound);
  CHECK(notOn.error().arg("what") == "@records.entity.session_trainee");

  // No list: the whole centre at the time, and later trainees are not added to it.
  auto whole = f.store->addSession(*f.trainer, {.date = "2026-05-02", .topic = "desain", .centre = f.centreA});
  REQUIRE(whole);
  f.addTrainee(13, f.centreA);
  CHECK(f.store->session(*f.admin, *whole)->trainees.size() == 12);

  // Refused, and nothing written: an id of another centre, an unknown id, a mark for someone not on the list.
  const int sessions = count(*f.store, "sessions"), audit = count(*f.store, "audit_log");
  Session other{.date = "2026-05-03", .topic = "desain", .centre = f.centreA, .trainees = {a[0], galuh}};
  auto e1 = f.store->addSession(*f.admin, other);
  REQUIRE_FALSE(e1);
  CHECK(e1.error().arg("what") == "@records.entity.centre_trainee");
  CHECK(e1.error().arg("name") == std::to_string(galuh));
  other.trainees = {a[0], 9999};
  CHECK(f.store->addSession(*f.admin, other).error().arg("name") == "9999");
  other.trainees = {a[0]};
  other.attendance[a[1]] = Attendance::Present;
  CHECK(f.store->addSession(*f.admin, other).error().arg("what") == "@records.entity.session_trainee");
  CHECK(count(*f.store, "sessions") == sessions);
  CHECK(count(*f.store, "session_trainees") == 8 + 12);
  CHECK(count(*f.store, "audit_log") == audit);
}

TEST_CASE("a session made before schema 5 (no list of its own) is for its whole centre", "[records][sessions][migration]") {
  RecordsFixture f;
  const Id t1 = f.addTrainee(1, f.centreA), t2 = f.addTrainee(2, f.centreA);
  // As an older version wrote it: a session row with no session_trainees.
  f.store->db().exec("INSERT INTO sessions (uuid, centre_id, date, topic, updated_at) VALUES ('old-1', " + std::to_string(f.centreA) +
                     ", '2025-01-10', 'desain', '2025-01-10T00:00:00Z')");
  const Id old = f.store->db().lastId();
  auto s = f.store->session(*f.admin, old);
  REQUIRE(s);
  CHECK(s->trainees == std::vector<Id>{t1, t2});
  CHECK(f.store->setAttendance(*f.trainer, old, t2, Attendance::Present));
}

TEST_CASE("a session's own list travels in the centre's bundle", "[records][sessions][bundle]") {
  RecordsFixture centre;
  const Id a = centre.addTrainee(1, centre.centreA, "Siti"), b = centre.addTrainee(2, centre.centreA, "Dewi");
  centre.addTrainee(3, centre.centreA, "Ani");
  REQUIRE(centre.store->addSession(*centre.trainer, {.date = "2026-05-01", .topic = "pewarnaan", .centre = centre.centreA,
                                                     .attendance = {{a, Attendance::Present}}, .trainees = {a, b}}));
  const auto bundle = centre.dir.path() / "limbasari.canting-bundle";
  REQUIRE(exportBundle(*centre.store, *centre.trainer, centre.centreA, bundle));
  RecordsFixture regency;
  regency.enrol(*centre.store);
  REQUIRE(importBundle(*regency.store, *regency.admin, bundle));
  auto list = regency.store->sessions(*regency.admin, regency.centreA);
  REQUIRE(list->size() == 1);
  auto rows = regency.store->sessionTrainees(*regency.admin, list->front().id);
  REQUIRE(rows);
  REQUIRE(rows->size() == 2);
  CHECK(rows->at(0).name == "Dewi");
  CHECK(rows->at(1).name == "Siti");
}

TEST_CASE("the attendance list has a row per trainee of the session, with the id --present takes", "[records][sessions][reports]") {
  RecordsFixture f;
  std::vector<Id> a;
  for (int i = 1; i <= 5; ++i) a.push_back(f.addTrainee(i, f.centreA, "Peserta Nomor " + std::to_string(i)));
  auto sid = f.store->addSession(*f.trainer, {.date = "2026-05-01", .topic = "pewarnaan", .centre = f.centreA,
                                               .attendance = {{a[3], Attendance::Present}}, .trainees = {a[1], a[3]}});
  REQUIRE(sid);
  const auto pdf = f.dir.path() / "hadir.pdf";
  REQUIRE(writeAttendanceList(*f.store, *f.trainer, *sid, pdf));
  const std::string text = pdfText(pdf);
  CHECK(text.find("ID") != std::string::npos);
  CHECK(text.find("Peserta Nomor 2") != std::string::npos);
  CHECK(text.find("Peserta Nomor 4") != std::string::npos);
  CHECK(text.find("Peserta Nomor 1") == std::string::npos);  // not on this session's list
  CHECK(text.find("Peserta Nomor 5") == std::string::npos);
  // Each row starts with the trainee's id, not a running number.
  const auto at = text.find("Peserta Nomor 4");
  const auto lineStart = text.rfind('\n', at) + 1;
  CHECK(text.substr(lineStart, at - lineStart).find(std::to_string(a[3])) != std::string::npos);
  const auto at2 = text.find("Peserta Nomor 2");
  const auto line2 = text.rfind('\n', at2) + 1;
  CHECK(text.substr(line2, at2 - line2).find(std::to_string(a[1])) != std::string::npos);
  CHECK(text.substr(line2, at2 - line2).find(" 1 ") == std::string::npos);
}

TEST_CASE("session topics are data, each with a label in both languages", "[records][sessions]") {
  auto topics = readSessionTopics(std::filesystem::path(CANTING_ASSETS_DIR) / "training" / "topics.json");
  REQUIRE(topics);
  CHECK(topics->size() >= 6);
  CHECK(topics->front() == "desain");
  CHECK(std::find(topics->begin(), topics->end(), "bintek") == topics->end());
  for (const char* lang : {"id", "en"}) {
    std::ifstream in(std::filesystem::path(CANTING_ASSETS_DIR) / "i18n" / (std::string(lang) + ".json"));
    const auto j = nlohmann::json::parse(in);
    for (const auto& t : *topics) {
      INFO(lang << " " << t);
      CHECK(j.contains("training.topic." + t));
    }
  }
  TempDir dir;
  CHECK(readSessionTopics(dir.path() / "none.json").error().code == canting::imaging::ErrorCode::FileNotFound);
  canting::test::writeText(dir.path() / "bad.json", R"({"topics": []})");
  CHECK(readSessionTopics(dir.path() / "bad.json").error().code == canting::imaging::ErrorCode::MalformedFile);
}

TEST_CASE("the new-session form asks for a topic, ticks every trainee at first and saves the ticked ones", "[records][sessions][desk]") {
  TempDir dir;
  Desk desk{dir.path() / "pelatihan.db", dir.path() / "pelatihan-demo.db", std::filesystem::path(CANTING_ASSETS_DIR) / "curriculum"};
  REQUIRE(desk.useDemo(true));
  const auto& l = demoLogins()[1];
  desk.loginName = l.name;
  for (const char* p = l.pin; *p; ++p) desk.keypad(*p);
  REQUIRE(desk.login());
  SessionForm& f = desk.sessionFormFor(desk.centre);
  CHECK(f.topic.empty());  // nothing chosen until the trainer chooses
  CHECK(f.date == desk.store()->today());
  const auto all = *desk.store()->trainees(*desk.actor(), desk.centre);
  REQUIRE(all.size() == 12);
  for (const auto& t : all) CHECK(f.ticked(t.id));
  const auto before = desk.store()->sessions(*desk.actor(), desk.centre)->size();
  auto noTopic = desk.submitSession();
  REQUIRE_FALSE(noTopic);
  CHECK(noTopic.error().arg("what") == "@records.field.topic_choose");
  REQUIRE(f.error);  // kept for the form to show until it changes
  f.tick(all[0].id, true);
  CHECK_FALSE(f.error);
  f.topic = "bintek";
  CHECK(desk.submitSession().error().arg("what") == "@records.field.topic_choose");
  f.topic = desk.topics().at(1);
  for (std::size_t i = 8; i < all.size(); ++i) f.tick(all[i].id, false);
  // The form survives a redraw for the same centre.
  CHECK_FALSE(desk.sessionFormFor(desk.centre).ticked(all[9].id));
  auto id = desk.submitSession();
  REQUIRE(id);
  CHECK(desk.page() == Desk::Page::Session);
  CHECK(desk.session == *id);
  CHECK(desk.store()->session(*desk.actor(), *id)->trainees.size() == 8);
  CHECK(desk.store()->session(*desk.actor(), *id)->topic == "pewarnaan");
  CHECK(desk.store()->sessions(*desk.actor(), desk.centre)->size() == before + 1);
  // A fresh form afterwards; and none ticked is refused.
  SessionForm& g = desk.sessionFormFor(desk.centre);
  CHECK(g.topic.empty());
  g.topic = "desain";
  for (const auto& t : all) g.tick(t.id, false);
  CHECK(desk.submitSession().error().arg("what") == "@records.field.session_trainees");
}

TEST_CASE("the CLI's demo and the app's Data demo are the same file", "[records][sessions][demo]") {
  TempDir dir;
  const auto data = dir.path() / "data";
  AppSession app({.data = data, .curriculum = std::filesystem::path(CANTING_ASSETS_DIR) / "curriculum"});
  CHECK(app.desk().demoFile() == canting::core::recordsDemoDatabase(data));
  CHECK(canting::core::recordsDemoDatabase(data) == data / "pelatihan-demo.db");
  CHECK(canting::core::recordsDemoDatabase(data).parent_path() == canting::core::recordsDatabase(data).parent_path());
}
