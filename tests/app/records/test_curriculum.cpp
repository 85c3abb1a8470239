#include <catch2/catch.hpp>

#include "canting/records/store.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::imaging::ErrorCode;
using canting::test::RecordsFixture;

namespace {
constexpr const char* kScheme = R"({"code": "T-1", "title": "Uji", "version": "2026", "validity_years": 2, "units": [
  {"code": "U1", "title": "Mencanting", "elements": [{"title": "Menyiapkan", "criteria": ["Lilin dipanaskan", "Canting dibersihkan"]}]},
  {"code": "U2", "title": "Mewarnai", "elements": [{"title": "Mencelup", "criteria": ["Larutan disiapkan"]}]}]})";
}  // namespace

TEST_CASE("a scheme file loads whole, in its order, and a loaded version is frozen", "[records][curriculum]") {
  RecordsFixture f;
  const auto file = f.dir.path() / "uji.json";
  canting::test::writeText(file, kScheme);
  auto id = f.store->loadScheme(*f.admin, file);
  REQUIRE(id);
  auto s = f.store->scheme(*f.admin, *id);
  REQUIRE(s);
  CHECK(s->validityYears == 2);
  CHECK_FALSE(s->uuid.empty());
  REQUIRE(s->units.size() == 2);
  CHECK(s->units[0].code == "U1");
  REQUIRE(s->units[0].elements.size() == 1);
  REQUIRE(s->units[0].elements[0].criteria.size() == 2);
  CHECK(s->units[0].elements[0].criteria[1].text == "Canting dibersihkan");
  CHECK(s->units[1].elements[0].criteria[0].text == "Larutan disiapkan");
  // The same code, title and version again: the first load stands.
  CHECK(*f.store->loadScheme(*f.admin, file) == *id);
  CHECK_FALSE(f.store->loadScheme(*f.trainer, file));  // administrators only
}

TEST_CASE("a broken scheme file names the field and loads nothing", "[records][curriculum]") {
  RecordsFixture f;
  const auto before = f.store->schemes(*f.admin)->size();
  struct Case {
    const char* text;
    const char* where;
  };
  const Case cases[] = {
      {"not json", "-"},
      {R"({"version": "1", "units": []})", "title"},
      {R"({"title": "A", "version": "1", "units": []})", "units"},
      {R"({"title": "A", "version": "1", "units": [{"title": "U"}]})", "units[0].elements"},
      {R"({"title": "A", "version": "1", "units": [{"title": "U", "elements": [{"title": "E", "criteria": [""]}]}]})",
       "units[0].elements[0].criteria[0]"},
      {R"({"title": "A", "version": "1", "validity_years": 11, "units": [{"title": "U", "elements": []}]})", "validity_years"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const auto file = f.dir.path() / "rusak.json";
    canting::test::writeText(file, c.text);
    auto r = f.store->loadScheme(*f.admin, file);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::MalformedFile);
    CHECK(r.error().arg("where") == c.where);
  }
  CHECK(f.store->loadScheme(*f.admin, f.dir.path() / "tidak-ada.json").error().code == ErrorCode::FileNotFound);
  CHECK(f.store->schemes(*f.admin)->size() == before);
}
