// Bundles carry the exporting installation's audit chain; the regency keeps
// each centre's chain up to the last head it imported (issue #16). Also the
// outlet's orders and the dye lab's attempts travelling in bundles.

#include <functional>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "canting/core/i18n.h"
#include "canting/records/bundle.h"
#include "canting/records/wording.h"
#include "bundle_files.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::imaging::ErrorCode;
using canting::test::RecordsFixture;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

int count(Store& s, const std::string& table) {
  auto q = s.db().prepare("SELECT COUNT(*) FROM " + table);
  q.step();
  return int(q.i64(0));
}

// Every table an import writes to, and the audit log: equal before and after means nothing changed.
std::string fingerprint(Store& s) {
  std::string out;
  for (const char* t : {"centres", "people", "trainees", "trainee_versions", "sessions", "assessments", "certificates", "attempts",
                        "centre_orders", "centre_chain", "centre_heads", "audit_log"})
    out += std::string(t) + "=" + std::to_string(count(s, t)) + " ";
  return out + s.auditHead()->text();
}

canting::core::Translator translator(canting::core::Language lang) {
  canting::core::Translator tr;
  REQUIRE(tr.load(fs::path(CANTING_ASSETS_DIR) / "i18n", lang));
  return tr;
}

json readBundle(const fs::path& p) { return canting::test::readBundlePayload(p); }

// Edits a copy of the bundle, signs it again as the centre's PC would, imports
// it and expects it refused whole as malformed; returns where the refusal points.
std::string refusedWhere(RecordsFixture& regency, RecordsFixture& centre, const fs::path& bundle, const std::function<void(json&)>& edit) {
  const std::string before = fingerprint(*regency.store);
  json j = readBundle(bundle);
  edit(j);
  canting::test::writeSignedBundle(*centre.store, regency.dir.path() / "x.bundle", j);
  auto r = importBundle(*regency.store, *regency.admin, regency.dir.path() / "x.bundle");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::MalformedFile);
  CHECK(fingerprint(*regency.store) == before);
  return r.error().arg("where");
}

}  // namespace

TEST_CASE("every bundle carries its installation's chain head, and the regency keeps it per centre", "[records][bundle][chain]") {
  RecordsFixture centre;
  centre.addTrainee(1, centre.centreA, "Siti");
  const auto b1 = centre.dir.path() / "1.bundle";
  const AuditHead atExport = *centre.store->auditHead();
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, b1));
  const json j = readBundle(b1);
  CHECK(j["audit"]["head"]["seq"] == atExport.seq);
  CHECK(j["audit"]["head"]["hash"] == atExport.hash);
  CHECK(j["audit"]["hashes"].size() == std::size_t(atExport.seq));

  RecordsFixture regency;
  regency.enrol(*centre.store);
  auto sum = importBundle(*regency.store, *regency.admin, b1);
  REQUIRE(sum);
  CHECK(sum->head.text() == atExport.text());
  CHECK(sum->held.seq == 0);
  auto heads = centreHeads(*regency.store, *regency.admin);
  REQUIRE(heads);
  REQUIRE(heads->size() == 2);
  const auto& limbasari = heads->at(1).name == "Kampung Batik Limbasari" ? heads->at(1) : heads->at(0);
  CHECK(limbasari.head.text() == atExport.text());
  CHECK_FALSE(limbasari.importedAt.empty());
  CHECK(count(*regency.store, "centre_chain") == int(atExport.seq));
  // Only the regency office reads them.
  CHECK(centreHeads(*regency.store, *regency.trainer).error().code == RecordsError::NotAllowed);

  // A later bundle extends the chain: accepted, the head moves on.
  centre.addTrainee(2, centre.centreA, "Dewi");
  const auto b2 = centre.dir.path() / "2.bundle";
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, b2));
  auto sum2 = importBundle(*regency.store, *regency.admin, b2);
  REQUIRE(sum2);
  CHECK_FALSE(sum2->replayed);
  CHECK(sum2->held.text() == atExport.text());
  CHECK(sum2->head.seq > atExport.seq);
  CHECK(count(*regency.store, "centre_heads") == 2);
  CHECK(regency.store->verifyAudit()->intact);
}

TEST_CASE("a replayed old bundle imports nothing and says so, with both heads, in both languages", "[records][bundle][chain]") {
  RecordsFixture centre;
  const Id siti = centre.addTrainee(1, centre.centreA, "Siti");
  const auto old = centre.dir.path() / "old.bundle";
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, old));
  // The trainee is corrected afterwards; the old bundle still has the old name.
  centre.clock += 100;
  Trainee t = *centre.store->trainee(*centre.admin, siti);
  t.name = "Siti Rahayu";
  REQUIRE(centre.store->updateTrainee(*centre.admin, t));
  const auto fresh = centre.dir.path() / "new.bundle";
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, fresh));

  RecordsFixture regency;
  regency.enrol(*centre.store);
  REQUIRE(importBundle(*regency.store, *regency.admin, old));
  REQUIRE(importBundle(*regency.store, *regency.admin, fresh));
  const std::string before = fingerprint(*regency.store);
  auto replay = importBundle(*regency.store, *regency.admin, old);
  REQUIRE(replay);
  CHECK(replay->replayed);
  CHECK(replay->added == 0);
  CHECK(replay->head.seq < replay->held.seq);
  CHECK(fingerprint(*regency.store) == before);  // not even a history row for the older name
  CHECK(regency.store->trainees(*regency.admin, regency.centreA)->front().name == "Siti Rahayu");

  const std::string id = bundleImportedText(translator(canting::core::Language::Indonesian), *replay);
  const std::string en = bundleImportedText(translator(canting::core::Language::English), *replay);
  for (const std::string& text : {id, en}) {
    CHECK(text.find(replay->head.text()) != std::string::npos);
    CHECK(text.find(replay->held.text()) != std::string::npos);
  }
  CHECK(id.find("Tidak ada yang diimpor") != std::string::npos);
  CHECK(en.find("Nothing was imported") != std::string::npos);

  // The newest bundle again is the ordinary idempotent re-import.
  auto again = importBundle(*regency.store, *regency.admin, fresh);
  REQUIRE(again);
  CHECK_FALSE(again->replayed);
  CHECK(again->added == 0);
  CHECK(fingerprint(*regency.store) == before);
}

TEST_CASE("a bundle whose chain was rewritten at the centre is refused with both heads, and nothing changes", "[records][bundle][chain]") {
  RecordsFixture centre;
  centre.addTrainee(1, centre.centreA, "Siti");
  centre.addTrainee(2, centre.centreA, "Dewi");
  const auto b1 = centre.dir.path() / "1.bundle";
  const AuditHead held = *centre.store->auditHead();  // the bundle's head: the export's own entry comes after
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, b1));
  RecordsFixture regency;
  regency.enrol(*centre.store);
  REQUIRE(importBundle(*regency.store, *regency.admin, b1));

  // Someone with the file drops the triggers, takes the last entries out of
  // the log and carries on: the chain is whole again, but another history.
  centre.store->db().exec("DROP TRIGGER no_delete_audit_log");
  centre.store->db().prepare("DELETE FROM audit_log WHERE seq > ?1").bind(1, held.seq - 2).run();
  centre.clock += 60;
  centre.addTrainee(3, centre.centreA, "Ani");
  centre.addTrainee(4, centre.centreA, "Yuli");
  centre.addTrainee(5, centre.centreA, "Rina");
  REQUIRE(centre.store->verifyAudit()->intact);
  const auto b2 = centre.dir.path() / "2.bundle";
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, b2));
  const json j = readBundle(b2);
  REQUIRE(j["audit"]["head"]["seq"].get<std::int64_t>() > held.seq);
  const std::string theirs = std::to_string(held.seq) + ":" + j["audit"]["hashes"][std::size_t(held.seq - 1)].get<std::string>();

  const std::string before = fingerprint(*regency.store);
  auto r = importBundle(*regency.store, *regency.admin, b2);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == RecordsError::BundleRewritten);
  CHECK(r.error().arg("held") == held.text());
  CHECK(r.error().arg("bundle") == theirs);
  CHECK(r.error().arg("from") == std::to_string(held.seq - 1));
  CHECK(fingerprint(*regency.store) == before);
  for (auto lang : {canting::core::Language::Indonesian, canting::core::Language::English}) {
    const std::string text = translator(lang).message(r.error());
    INFO(text);
    CHECK(text.find(held.text()) != std::string::npos);
    CHECK(text.find(theirs) != std::string::npos);
    CHECK(text.find("Kampung Batik Limbasari") != std::string::npos);
  }

  // A shorter rewritten chain (the old bundle's length, other hashes) is refused too, not taken for a replay.
  json shorter = readBundle(b1);
  shorter["audit"]["hashes"][0] = "0123456789abcdef";
  canting::test::writeSignedBundle(*centre.store, centre.dir.path() / "3.bundle", shorter);
  auto r3 = importBundle(*regency.store, *regency.admin, centre.dir.path() / "3.bundle");
  REQUIRE_FALSE(r3);
  CHECK(r3.error().code == RecordsError::BundleRewritten);
  CHECK(r3.error().arg("from") == "1");
  CHECK(fingerprint(*regency.store) == before);
}

TEST_CASE("a bundle without a chain, or with a damaged one, is refused whole", "[records][bundle][chain]") {
  RecordsFixture centre;
  centre.addTrainee(1, centre.centreA, "Siti");
  const auto b = centre.dir.path() / "b.bundle";
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, b));
  RecordsFixture regency;
  regency.enrol(*centre.store);
  auto refusedFor = [&](const std::function<void(json&)>& edit) { return refusedWhere(regency, centre, b, edit); };
  CHECK(refusedFor([](json& j) { j.erase("audit"); }) == "audit");
  CHECK(refusedFor([](json& j) { j["audit"]["hashes"].erase(j["audit"]["hashes"].size() - 1); }) == "audit.hashes");
  CHECK(refusedFor([](json& j) { j["audit"]["hashes"][0] = "xyz"; }) == "audit.hashes[0]");
  CHECK(refusedFor([](json& j) { j["audit"]["head"]["hash"] = std::string(64, 'a'); }) == "audit.head");
}

TEST_CASE("orders and dye-lab attempts travel in bundles, once, and on to the next database", "[records][bundle][orders]") {
  RecordsFixture centre;
  const Id siti = centre.addTrainee(1, centre.centreA, "Siti");
  (void)siti;
  auto order = canting::test::sampleOrder();
  REQUIRE(centre.store->saveOrder(*centre.outlet, order));
  REQUIRE(centre.store->saveAttempt(*centre.trainer, {"Siti", "indigo-ceplok", "{}", 4.0, 0.8, 3, 2, "isen", ""}));
  REQUIRE(centre.store->saveAttempt(*centre.trainer, {"Tamu dari Solo", "soga-parang", "{}", 6.5, 0.4, 4, 3, "", ""}));
  const auto b = centre.dir.path() / "b.bundle";
  REQUIRE(exportBundle(*centre.store, *centre.trainer, centre.centreA, b));
  const json j = readBundle(b);
  REQUIRE(j["orders"].size() == 1);
  CHECK(j["orders"][0]["number"] == order.number);
  CHECK(j["attempts"].size() == 2);  // the guest's too: a trainer of this centre logged it

  RecordsFixture regency;
  regency.enrol(*centre.store);
  // The regency's own outlet has its own PSN numbers; the centre's do not clash with them.
  auto own = canting::test::sampleOrder();
  REQUIRE(regency.store->saveOrder(*regency.admin, own));  // the office itself, of no centre
  REQUIRE(own.number == order.number);
  auto sum = importBundle(*regency.store, *regency.admin, b);
  REQUIRE(sum);
  auto orders = regency.store->centreOrders(*regency.admin, regency.centreA);
  REQUIRE(orders);
  REQUIRE(orders->size() == 1);
  CHECK(orders->front().number == order.number);
  CHECK(orders->front().customer == "Bu Ratih");
  CHECK(orders->front().swatches.size() == 2);
  CHECK(orders->front().staff == "wati");
  CHECK(regency.store->orders(*regency.admin)->size() == 1);  // its own list stays its own
  CHECK(regency.store->attemptsOf(*regency.admin, "Siti")->size() == 1);
  CHECK(regency.store->attemptsOf(*regency.admin, "Tamu dari Solo")->size() == 1);

  const std::string before = fingerprint(*regency.store);
  auto again = importBundle(*regency.store, *regency.admin, b);
  REQUIRE(again);
  CHECK(again->added == 0);
  CHECK(fingerprint(*regency.store) == before);

  // From the regency on to a third database (the province, a new regency PC): they go along.
  const auto b2 = regency.dir.path() / "b2.bundle";
  REQUIRE(exportBundle(*regency.store, *regency.admin, regency.centreA, b2));
  const json j2 = readBundle(b2);
  CHECK(j2["orders"].size() == 1);
  CHECK(j2["attempts"].size() == 2);
}

TEST_CASE("a malformed order or attempt refuses the whole bundle, naming the field", "[records][bundle][orders]") {
  RecordsFixture centre;
  centre.addTrainee(1, centre.centreA, "Siti");
  auto order = canting::test::sampleOrder();
  REQUIRE(centre.store->saveOrder(*centre.outlet, order));
  REQUIRE(centre.store->saveAttempt(*centre.trainer, {"Siti", "indigo-ceplok", "{}", 4.0, 0.8, 3, 2, "isen", ""}));
  const auto b = centre.dir.path() / "b.bundle";
  REQUIRE(exportBundle(*centre.store, *centre.trainer, centre.centreA, b));
  RecordsFixture regency;
  regency.enrol(*centre.store);
  auto whereRefused = [&](const std::function<void(json&)>& edit) { return refusedWhere(regency, centre, b, edit); };
  CHECK(whereRefused([](json& j) { j["orders"][0]["quantity"] = 0; }) == "orders[0].quantity");
  CHECK(whereRefused([](json& j) { j["orders"][0]["unit_price"] = "350000"; }) == "orders[0].unit_price");
  CHECK(whereRefused([](json& j) { j["orders"][0]["created_at"] = "kemarin"; }) == "orders[0].created_at");
  CHECK(whereRefused([](json& j) { j["orders"].push_back(j["orders"][0]); }) == "orders[1].number");
  CHECK(whereRefused([](json& j) { j["attempts"][0]["baths"] = -1; }) == "attempts[0]");
  CHECK(whereRefused([](json& j) { j["attempts"][0]["trainee"] = "not-a-trainee"; }) == "attempts[0].trainee");
  // The message names the field in both languages.
  json j = readBundle(b);
  j["orders"][0]["quantity"] = 0;
  canting::test::writeSignedBundle(*centre.store, regency.dir.path() / "y.bundle", j);
  auto r = importBundle(*regency.store, *regency.admin, regency.dir.path() / "y.bundle");
  REQUIRE_FALSE(r);
  for (auto lang : {canting::core::Language::Indonesian, canting::core::Language::English})
    CHECK(translator(lang).message(r.error()).find("orders[0].quantity") != std::string::npos);
}
