// libFuzzer: what the training records read from outside: a trainee CSV and
// a centre bundle (gzip JSON), imported into one store made at start-up. The
// first byte picks which. After each input the audit chain must still hold.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>

#include "canting/records/bundle.h"
#include "canting/records/csv.h"
#include "canting/records/store.h"

namespace rec = canting::records;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("canting-fuzz-records-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
  }();
  static std::unique_ptr<rec::Store> store;
  static std::optional<rec::Actor> admin;
  if (!store) {
    auto s = rec::Store::open({.file = dir / "p.db", .pinCost = rec::PinCost::Minimum});
    if (!s) __builtin_trap();
    store = std::move(*s);
    if (!store->createFirstAdmin("admin", "1234")) __builtin_trap();
    admin = *store->login("admin", "1234");
    if (!store->addCentre(*admin, {0, "", "Galuh"})) __builtin_trap();
    if (!store->loadCurriculum(*admin, std::string(CANTING_ASSETS_DIR) + "/curriculum")) __builtin_trap();
  }
  if (size == 0) return 0;
  const auto file = dir / "input";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data) + 1, std::streamsize(size - 1));
  }
  if (data[0] & 1) (void)rec::importBundle(*store, *admin, file, 64u << 20);
  else (void)rec::importTraineesCsv(*store, *admin, file);
  auto audit = store->verifyAudit();
  if (!audit || !audit->intact) __builtin_trap();
  return 0;
}
