#include <sstream>

#include <catch2/catch.hpp>

#include "canting/base/error.h"

// Two small domains of the test's own, with the same underlying values, to
// show that a Code keeps them apart.
namespace fruit {
enum class FruitError { Bruised, Rotten };
const canting::base::ErrorDomain& errorDomain(FruitError) {
  static constexpr canting::base::CodeKey<FruitError> kKeys[] = {{FruitError::Bruised, "error.bruised"},
                                                                  {FruitError::Rotten, "error.rotten"}};
  static const canting::base::TableDomain<FruitError> domain("fruit", kKeys);
  return domain;
}
}  // namespace fruit

namespace tool {
enum class ToolError { Blunt, Lost, Unlisted };
const canting::base::ErrorDomain& errorDomain(ToolError) {
  static constexpr canting::base::CodeKey<ToolError> kKeys[] = {{ToolError::Blunt, "error.blunt"}, {ToolError::Lost, "error.lost"}};
  static const canting::base::TableDomain<ToolError> domain("tool", kKeys);
  return domain;
}
}  // namespace tool

using canting::base::Code;
using fruit::FruitError;
using tool::ToolError;

TEST_CASE("a code equals its own enum value and no other domain's", "[base][error]") {
  const Code bruised = FruitError::Bruised;
  CHECK(bruised == FruitError::Bruised);
  CHECK(FruitError::Bruised == bruised);
  CHECK(bruised != FruitError::Rotten);
  // The same underlying value (0) in another domain is another code.
  static_assert(int(FruitError::Bruised) == int(ToolError::Blunt));
  CHECK(bruised != ToolError::Blunt);
  CHECK(Code(ToolError::Blunt) != Code(FruitError::Bruised));
  CHECK(Code(ToolError::Lost) == Code(ToolError::Lost));
  CHECK(&bruised.domain() == &Code(FruitError::Rotten).domain());
  CHECK(&bruised.domain() != &Code(ToolError::Blunt).domain());
}

TEST_CASE("a code gives its domain's translation key", "[base][error]") {
  CHECK(std::string(Code(FruitError::Rotten).key()) == "error.rotten");
  CHECK(std::string(canting::base::errorKey(ToolError::Blunt)) == "error.blunt");
  CHECK(std::string(Code(ToolError::Unlisted).key()) == "error.unknown");  // a value its table forgot
  std::ostringstream os;
  os << Code(ToolError::Lost);
  CHECK(os.str() == "tool/error.lost");
}

TEST_CASE("allCodes lists a domain's codes in order, and only its own", "[base][error]") {
  const auto fruits = Code(FruitError::Bruised).domain().allCodes();
  REQUIRE(fruits.size() == 2);
  CHECK(fruits[0] == FruitError::Bruised);
  CHECK(fruits[1] == FruitError::Rotten);
  const auto tools = Code(ToolError::Lost).domain().allCodes();
  REQUIRE(tools.size() == 2);
  CHECK(tools[0] == ToolError::Blunt);
  CHECK(tools[1] == ToolError::Lost);
  CHECK(std::string(tools[0].domain().name()) == "tool");
}

TEST_CASE("an Error carries any domain's code through Result", "[base][error]") {
  canting::base::Result<int> r = canting::base::makeError(FruitError::Rotten, {{"what", "mango"}}, "left in the sun");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == FruitError::Rotten);
  CHECK(r.error().code != ToolError::Lost);
  CHECK(r.error().arg("what") == "mango");
  CHECK(r.error().arg("none").empty());
  canting::base::Status ok = canting::base::Ok{};
  CHECK(ok);
}
