// canting-cli showroom order add: the outlet's order from the command line,
// as the gallery makes it (#22). The flags are a contract.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "run_cli.h"
#include "support/image_fixtures.h"

using namespace canting;
using test::runCli;

namespace {
// Demo records in a temp folder, a PIN file per demo person, and the user data folder pointed there.
struct Outlet {
  test::TempDir dir;
  std::string db = (dir.path() / "pelatihan.db").string();
  std::string oldData;
  Outlet() {
    if (const char* v = std::getenv("XDG_DATA_HOME")) oldData = v;
    ::setenv("XDG_DATA_HOME", (dir.path() / "data").c_str(), 1);  // the centre's own motifs and catalogue: none
    REQUIRE(runCli({"training", "init", "--db", db, "--demo"}).code == 0);
  }
  ~Outlet() {
    if (oldData.empty()) ::unsetenv("XDG_DATA_HOME");
    else ::setenv("XDG_DATA_HOME", oldData.c_str(), 1);
  }
  std::string pinFile(const std::string& pin) const {
    const auto p = dir.path() / ("pin-" + pin);
    std::ofstream(p) << pin << "\n";
    return p.string();
  }
  // order add with every required flag; `change` replaces or adds flags.
  std::vector<std::string> add(const std::map<std::string, std::string>& change = {}) const {
    std::map<std::string, std::string> f = {{"--motif", "kawung"}, {"--colourway", "3"}, {"--product", "kemeja-pendek"}, {"--size", "M"},
                                            {"--qty", "2"}, {"--customer", "Bu Ratih"}, {"--contact", "0812 3456 7890"},
                                            {"--user", "Staf Outlet Wati (demo)"}, {"--pin-file", pinFile("5678")}};
    for (const auto& [k, v] : change) f[k] = v;
    std::vector<std::string> args = {"--lang", "en", "showroom", "order", "add", "--db", db};
    for (const auto& [k, v] : f) {
      if (v == "-") continue;  // left out
      args.push_back(k);
      args.push_back(v);
    }
    return args;
  }
  nlohmann::json orders() const {
    auto r = runCli({"showroom", "order", "list", "--json", "--db", db, "--user", "Staf Outlet Wati (demo)", "--pin", "5678"});
    REQUIRE(r.code == 0);
    return nlohmann::json::parse(r.out);
  }
};
}  // namespace

TEST_CASE("showroom order add prints the order number and keeps the order as the gallery would", "[cli][showroom]") {
  Outlet o;
  auto r = runCli(o.add());
  INFO(r.err);
  REQUIRE(r.code == 0);
  REQUIRE(r.out.size() == std::string("PSN-2026-0001\n").size());
  CHECK(r.out.rfind("PSN-", 0) == 0);
  CHECK(r.out.substr(r.out.size() - 6) == "-0001\n");
  auto second = runCli(o.add({{"--colourway", "0"}, {"--contact", "-"}, {"--size", "l"}}));  // size labels in any case
  REQUIRE(second.code == 0);
  CHECK(second.out.substr(second.out.size() - 6) == "-0002\n");
  const auto list = o.orders();
  REQUIRE(list.size() == 2);
  const auto& first = list[1];  // newest first
  CHECK(first["number"] == r.out.substr(0, r.out.size() - 1));
  CHECK(first["customer"] == "Bu Ratih");
  CHECK(first["contact"] == "0812 3456 7890");
  CHECK(first["product"] == "kemeja-pendek");
  CHECK(first["size"] == "M");
  CHECK(first["quantity"] == 2);
  CHECK(first["motif"] == "Kawung");
  CHECK_FALSE(first["colorway"].get<std::string>().empty());
  CHECK(first["swatches"].size() == 6);
  CHECK(first["staff"] == "Staf Outlet Wati (demo)");
  CHECK(first["total"].get<long long>() == 2 * first["unit_price"].get<long long>());
  CHECK(list[0]["colorway"] == "");  // 0: the motif's own colours
  CHECK(list[0]["size"] == "L");
  CHECK(list[0]["contact"] == "");
}

TEST_CASE("showroom order add refuses unknown motifs, bad colourways and quantities, wrong PINs and people who take no orders", "[cli][showroom]") {
  Outlet o;
  auto motif = runCli(o.add({{"--motif", "batik-x"}}));
  CHECK(motif.code == 2);
  CHECK(motif.err.find("Not found: motif 'batik-x'") != std::string::npos);
  CHECK(motif.err.find("kawung") != std::string::npos);  // what there is
  auto range = runCli(o.add({{"--colourway", "13"}}));
  CHECK(range.code == 1);
  CHECK(range.err.find("--colourway") != std::string::npos);
  CHECK(runCli(o.add({{"--colourway", "tiga"}})).code == 1);
  for (const char* q : {"0", "-1", "2.5", "dua", "10001"}) {
    auto qty = runCli(o.add({{"--qty", q}}));
    CHECK(qty.code == 1);
    CHECK(qty.err.find("--qty") != std::string::npos);
  }
  auto product = runCli(o.add({{"--product", "sarung"}}));
  CHECK(product.code == 2);
  CHECK(product.err.find("kemeja-pendek") != std::string::npos);
  auto size = runCli(o.add({{"--size", "XXXL"}}));
  CHECK(size.code == 2);
  CHECK(size.err.find("Not found: size 'XXXL'") != std::string::npos);
  auto pin = runCli(o.add({{"--pin-file", o.pinFile("0000")}}));
  CHECK(pin.code == 2);
  CHECK(pin.err.find("The name or the PIN is wrong") != std::string::npos);
  auto trainer = runCli(o.add({{"--user", "Pelatih Sri (demo)"}, {"--pin-file", o.pinFile("2345")}}));
  CHECK(trainer.code == 2);
  CHECK(trainer.err.find("trainer") != std::string::npos);
  auto noFile = runCli(o.add({{"--pin-file", (o.dir.path() / "none").string()}}));
  CHECK(noFile.code == 2);
  CHECK(noFile.err.find("File not found") != std::string::npos);
  for (const char* need : {"--motif", "--colourway", "--product", "--size", "--qty", "--customer", "--user", "--pin-file"}) {
    auto missing = runCli(o.add({{need, "-"}}));
    INFO(need);
    CHECK(missing.code == 1);
    CHECK(missing.err.find(need) != std::string::npos);
  }
  CHECK(runCli(o.add({{"--color", "3"}})).code == 1);  // the contract's names only
  CHECK(o.orders().empty());
  // The administrator takes orders too; Indonesian messages by default.
  CHECK(runCli(o.add({{"--user", "Admin Kabupaten (demo)"}, {"--pin-file", o.pinFile("1234")}})).code == 0);
  std::vector<std::string> id = o.add({{"--motif", "batik-x"}});
  id.erase(id.begin(), id.begin() + 2);
  CHECK(runCli(id).err.find("Tidak ditemukan: motif 'batik-x'") != std::string::npos);
}

TEST_CASE("showroom order add is in the showroom help", "[cli][showroom]") {
  auto r = runCli({"--lang", "en", "showroom", "order", "add", "--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("order add --motif ID --colourway N --product P --size S --qty Q --customer NAME [--contact C] --user U --pin-file FILE") !=
        std::string::npos);
  CHECK(runCli({"showroom", "--help"}).out.find("--pin-file") != std::string::npos);
}
