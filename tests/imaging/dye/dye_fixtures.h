#pragma once
// The shipped dye book and a plan that must parse, for the dye tests.

#include <catch2/catch.hpp>

#include "canting/imaging/dye.h"

namespace dye_test {

inline canting::imaging::DyeBook book() {
  auto b = canting::imaging::loadDyeBook(std::filesystem::path(CANTING_ASSETS_DIR) / "dyes" / "dyes.json");
  REQUIRE(b);
  return *b;
}

inline canting::imaging::Plan plan(const std::string& json, const canting::imaging::DyeBook& b) {
  auto p = canting::imaging::parsePlan(json, b);
  INFO(json);
  REQUIRE(p);
  return *p;
}

}  // namespace dye_test
