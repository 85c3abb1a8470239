#pragma once
// A demo database in a temp folder (training init --demo), and the arguments
// to log in as each demo role; shared by the training and showroom CLI tests.

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "run_cli.h"
#include "support/image_fixtures.h"

namespace canting::test {

struct Demo {
  TempDir dir;
  std::string db = (dir.path() / "pelatihan.db").string();
  Demo() { REQUIRE(runCli({"training", "init", "--db", db, "--demo"}).code == 0); }
  std::vector<std::string> as(const std::string& who, std::vector<std::string> args) const {
    static const std::map<std::string, std::pair<std::string, std::string>> people = {
        {"admin", {"Admin Kabupaten (demo)", "1234"}}, {"trainer", {"Pelatih Sri (demo)", "2345"}},
        {"assessor", {"Asesor Ratna (demo)", "4567"}}, {"outlet", {"Staf Outlet Wati (demo)", "5678"}}};
    const auto& [user, pin] = people.at(who);
    args.insert(args.end(), {"--db", db, "--user", user, "--pin", pin});
    return args;
  }
};

}  // namespace canting::test
