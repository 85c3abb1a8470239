#pragma once
// Shared by the command files of canting-cli.

#include <cstdlib>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "args.h"
#include "canting/core/i18n.h"
#include "cli.h"

namespace canting::cli {

struct Ctx {
  core::Translator tr;
  std::ostream& out;
  std::ostream& err;

  int fail(const imaging::Error& e) {
    err << "canting-cli: " << tr.message(e) << "\n";
    // The technical detail (SQLite's own words, say) for whoever debugs a report.
    if (std::getenv("CANTING_DEBUG") && !e.detail.empty()) err << "  (" << e.detail << ")\n";
    return kBadInput;
  }
  int usage(const std::string& key, const core::Args& args, const std::string& helpKey) {
    err << "canting-cli: " << tr.tr(key, args) << "\n\n" << tr.tr(helpKey) << "\n";
    return kUsage;
  }
};

struct Command {
  std::string name;     // "info", "color delta-e", "training centre list"
  ArgSpec spec;
  std::string helpKey;
  std::function<int(Ctx&, const ParsedArgs&)> run;
};

// app/cli/training.cpp, app/cli/showroom.cpp
std::vector<Command> trainingCommands();
std::vector<Command> showroomCommands();

}  // namespace canting::cli
