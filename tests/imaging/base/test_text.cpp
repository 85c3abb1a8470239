#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/base/text.h"

using namespace canting::base;

TEST_CASE("asciiLower lowers A-Z only", "[base][text]") {
  CHECK(asciiLower("Kawung.PNG") == "kawung.png");
  CHECK(asciiLower("") == "");
  CHECK(asciiLower("ÉLAN 09-_") == "Élan 09-_");  // UTF-8 letters are left as they are
}

TEST_CASE("dumpJson writes one line or indented, and replaces invalid UTF-8", "[base][json]") {
  const nlohmann::json j = {{"a", 1}};
  CHECK(dumpJson(j) == "{\"a\":1}");
  CHECK(dumpJson(j, 2) == "{\n  \"a\": 1\n}");
  const nlohmann::json bad = std::string("ok\xff");
  CHECK(dumpJson(bad) == "\"ok\xEF\xBF\xBD\"");  // U+FFFD, not an exception
}
