// The real canting-server as a child process, killed in the middle of an
// upload (before its import, or after the import committed but before the
// receipt went out), restarted, and the centre's sync tried again: the
// centre sees "offline" and keeps everything; after the retry the regency
// holds every record once. In the server-pg: pass the server serves the
// regency from PostgreSQL (serve --pg URL).

#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sync_fixture.h"

extern char** environ;

using namespace canting;
using canting::test::SyncFixture;
namespace fs = std::filesystem;

namespace {

// canting-server serve on a free loopback port; the port read from its first line.
struct ServerProcess {
  pid_t pid = 0;
  int port = 0;

  ServerProcess(const std::vector<std::string>& regency, const std::string& dieAt) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
      if (std::string(*e).rfind("CANTING_SERVER_DIE_AT=", 0) != 0 && std::string(*e).rfind("CANTING_LANG=", 0) != 0) env.emplace_back(*e);
    env.push_back("CANTING_LANG=en");
    if (!dieAt.empty()) env.push_back("CANTING_SERVER_DIE_AT=" + dieAt);
    std::vector<char*> envp, argv;
    for (auto& s : env) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = {CANTING_SERVER, "serve", "--listen", "127.0.0.1:0", "--insecure-loopback"};
    args.insert(args.end(), regency.begin(), regency.end());
    for (auto& s : args) argv.push_back(s.data());
    argv.push_back(nullptr);
    REQUIRE(posix_spawn(&pid, CANTING_SERVER, &fa, nullptr, argv.data(), envp.data()) == 0);
    posix_spawn_file_actions_destroy(&fa);
    close(out[1]);
    std::string line;
    char ch;
    while (read(out[0], &ch, 1) == 1 && ch != '\n') line += ch;
    close(out[0]);
    INFO(line);
    const auto at = line.find("127.0.0.1:");
    REQUIRE(at != std::string::npos);
    port = std::stoi(line.substr(at + 10));
  }
  // The exit status (after it died by itself, or was asked to stop).
  int stop(bool ask = true) {
    if (ask) kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    pid = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  ~ServerProcess() {
    if (pid) stop();
  }
};

sync::SyncReport syncTo(SyncFixture& f, int port) {
  auto o = f.client();
  o.endpoint.url = "http://127.0.0.1:" + std::to_string(port);
  auto r = sync::syncNow(*f.centre.store, *f.centre.trainer, o, f.tr);
  REQUIRE(r);
  return *r;
}

}  // namespace

TEST_CASE("the server killed mid-upload, restarted, and the sync retried: nothing lost, nothing doubled", "[sync][kill]") {
  SyncFixture f;
  f.fillCentre();
  const auto db = f.regencyArgs();
  const std::string stage = GENERATE(std::string("before-import"), std::string("after-import"));
  INFO(stage);
  {
    ServerProcess dying(db, stage);
    auto rep = syncTo(f, dying.port);
    CHECK(rep.state == sync::SyncState::Offline);
    CHECK(dying.stop(false) == 137);
  }
  // The centre noted nothing; the regency has all of it (killed after the commit) or none (before).
  CHECK(test::countRows(*f.centre.store, "sync_sent") == 0);
  CHECK(test::countRows(*f.regency.store, "trainees") == (stage == "after-import" ? 2 : 0));

  ServerProcess again(db, "");
  auto rep = syncTo(f, again.port);
  INFO(rep.message);
  REQUIRE(rep.state == sync::SyncState::Sent);
  CHECK(test::countRows(*f.regency.store, "trainees") == 2);
  CHECK(test::countRows(*f.regency.store, "certificates") == 1);
  CHECK(test::countRows(*f.regency.store, "assessments") == 1);
  CHECK(test::countRows(*f.centre.store, "sync_sent") == 1);
  auto check = f.regency.store->verifyAudit();
  REQUIRE(check);
  CHECK(check->ok());
  CHECK(again.stop() == 0);
}
