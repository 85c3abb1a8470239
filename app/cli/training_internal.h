#pragma once
// Shared by the training command files (training.cpp, training_sessions.cpp):
// which database, opening it, logging in, and reading ids and names from
// the arguments. Each returns nothing after writing the exit status into
// `status` (and the message to the user).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "canting/records/store.h"
#include "cli_internal.h"

namespace canting::cli::training {

// --db, else the demo (core::recordsDemoDatabase) with --demo, else core::recordsDatabase().
std::filesystem::path dbPath(const ParsedArgs& a);
// Where the records are: --pg URL (the regency's PostgreSQL server) or the file dbPath names.
records::StoreOptions storeOptions(const ParsedArgs& a);
// Opens the records of --pg, or of an existing file (a missing file says `training init` first).
std::unique_ptr<records::Store> openStore(Ctx& c, const ParsedArgs& a, int& status);
std::string askPin(Ctx& c, const std::string& prompt = "cli.training.pin_prompt");  // on a terminal only, unechoed; empty otherwise
// A PIN never has to be typed on the command line: --pin-file F, else --pin
// (with a warning that others can see it), else $CANTING_PIN, else the prompt.
// `option` "new-pin" reads --new-pin-file / --new-pin (no environment). None
// (with `status` set) when the file cannot be read.
std::optional<std::string> pinFrom(Ctx& c, const ParsedArgs& a, int& status, const char* option = "pin");
// The store and the actor --user/--pin logged in as.
std::pair<std::unique_ptr<records::Store>, std::optional<records::Actor>> openAndLogin(Ctx& c, const ParsedArgs& a, const std::string& help,
                                                                                     int& status);
std::optional<records::Id> readId(Ctx& c, const std::string& text, const char* arg, const std::string& help, int& status);
std::optional<std::vector<records::Id>> readIds(Ctx& c, const std::string& list, const char* arg, const std::string& help, int& status);  // "3,5,8"
std::optional<records::Centre> centreFrom(Ctx& c, records::Store& s, const records::Actor& by, const std::string& key, int& status);
// The scheme named by --scheme (id), or the first one loaded.
std::optional<records::Id> schemeFrom(Ctx& c, records::Store& s, const records::Actor& by, const ParsedArgs& a, const std::string& help, int& status);
// To -o (atomically, saying so), or to stdout when -o is absent or "-".
int writeText(Ctx& c, const std::string& text, const std::optional<std::string>& out);

// training_sessions.cpp: `training session add`, `training unit list`, and
// the lines --help adds for a session (the topics, where ids come from).
int cmdSessionAdd(Ctx& c, const ParsedArgs& a);
int cmdUnitList(Ctx& c, const ParsedArgs& a);
std::string sessionHelp(Ctx& c);

// training_keys.cpp: `training keys export | enrol | revoke | list`.
std::vector<Command> keyCommands();
// training_sync.cpp: `training sync`.
std::vector<Command> syncCommands();

}  // namespace canting::cli::training
