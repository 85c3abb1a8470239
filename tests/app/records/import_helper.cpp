// Run by the kill -9 test: imports one trainee CSV into a records database
// and exits 0 when the import committed. The test kills it at random moments.
#include <cstdio>

#include "canting/records/csv.h"
#include "canting/records/store.h"

int main(int argc, char** argv) {
  using namespace canting::records;
  if (argc != 3) return 64;
  auto store = Store::open({.file = argv[1], .pinCost = PinCost::Minimum});
  if (!store) return 65;
  auto admin = (*store)->login("admin", "1234");
  if (!admin) return 66;
  auto rep = importTraineesCsv(**store, *admin, argv[2]);
  if (!rep || !rep->problems.empty()) return 67;
  std::printf("%d\n", rep->imported);
  return 0;
}
