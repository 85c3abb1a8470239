#pragma once
// Starts the real canting-cli binary in a child process with stdout to
// /dev/null and stderr to a file, for the tests that kill it, limit it or
// read its message. `limits` runs it under the memory and CPU caps.
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace canting::test {

inline pid_t spawnCli(const std::vector<std::string>& args, const std::filesystem::path& errFile, rlim_t memoryCap = 0, rlim_t cpuSeconds = 0) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  if (memoryCap) {
    rlimit as{memoryCap, memoryCap};
    setrlimit(RLIMIT_AS, &as);
  }
  if (cpuSeconds) {
    rlimit cpu{cpuSeconds, cpuSeconds};
    setrlimit(RLIMIT_CPU, &cpu);
  }
  if (!std::freopen(errFile.c_str(), "w", stderr) || !std::freopen("/dev/null", "w", stdout)) _exit(126);
  std::vector<char*> argv{const_cast<char*>(CANTING_CLI)};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(CANTING_CLI, argv.data());
  _exit(127);
}

}  // namespace canting::test
