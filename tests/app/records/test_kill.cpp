// kill -9 during bulk imports: the database must stay consistent and every
// import must be either whole or absent, never half.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <thread>

#include "canting/records/store.h"
#include "records_fixture.h"

using namespace canting::records;

TEST_CASE("kill -9 during bulk CSV imports leaves each import whole or absent and the database intact", "[records][crash][sqlite]") {
  canting::test::RecordsFixture f;
  const auto dbFile = f.store->options().file;
  f.store.reset();  // the helper is the only writer while it runs
  constexpr int kRows = 800;
  std::mt19937 rng(20261128);
  int committed = 0, killed = 0, rounds = 0;
  // Round 0 runs to the end and times an import; later rounds are killed at a
  // random moment measured in that time, so a slow (sanitizer, loaded) machine
  // sees kills before, during and after the commit just as a fast one does.
  // Odd rounds kill within the first half of an import, so some kill lands
  // mid-run whatever the machine; a fixed count (not a wall-clock budget) keeps
  // the test the same on every machine.
  std::chrono::microseconds importTime{0};
  for (; rounds < 10 || (killed == 0 && rounds < 30); ++rounds) {
    const auto csv = f.dir.path() / ("batch" + std::to_string(rounds) + ".csv");
    std::string text = "nama,nik,persetujuan,sentra\n";
    for (int i = 0; i < kRows; ++i) {
      char nik[17];
      std::snprintf(nik, sizeof nik, "33%014d", rounds * kRows + i);
      text += "Peserta " + std::to_string(i) + "," + nik + ",ya,Galuh\n";
    }
    canting::test::writeText(csv, text);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      execl(CANTING_IMPORT_HELPER, CANTING_IMPORT_HELPER, dbFile.c_str(), csv.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    int status = 0;
    if (rounds == 0) {
      const auto start = std::chrono::steady_clock::now();
      waitpid(pid, &status, 0);
      importTime = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    } else {
      const auto limit = int(importTime.count() * (rounds % 2 ? 0.5 : 2.0));
      std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, limit)(rng)));
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    const bool finished = WIFEXITED(status);
    if (finished) REQUIRE(WEXITSTATUS(status) == 0);
    else ++killed;

    auto s = Store::open(f.options());  // runs integrity_check
    REQUIRE(s);
    auto admin = (*s)->login("admin", "1234");
    REQUIRE(admin);
    const auto n = int((*s)->trainees(*admin)->size());
    INFO("round " << rounds << ", trainees " << n);
    REQUIRE(n % kRows == 0);                       // whole or absent
    REQUIRE((n == committed || n == committed + kRows));  // nothing committed is lost
    if (finished) REQUIRE(n == committed + kRows);
    committed = n;
    REQUIRE((*s)->verifyAudit()->intact);
  }
  WARN("one import " << importTime.count() / 1000 << " ms; kill -9 rounds: " << rounds << ", killed mid-run: " << killed << ", imports committed: " << committed / kRows);
  CHECK(killed > 0);
  CHECK(committed > 0);
}
