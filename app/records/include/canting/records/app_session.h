#pragma once
// The running app's one connection to the training records: the Desk (which
// database, who is logged in, the pages) and the stores the other workspaces
// write through while someone is logged in — the dye lab's attempts and the
// outlet's orders. The App owns one AppSession; panels borrow it through their
// UiContext and never from each other, so logging out in one workspace is seen
// by all of them on the next frame.

#include <filesystem>
#include <memory>

#include "canting/core/attempts.h"
#include "canting/records/desk.h"

namespace canting::records {

// Who keeps the outlet's orders: outlet staff and administrators.
bool takesOrders(const Actor* actor);
// The people of the desk's records who take orders, and so may open and leave
// the outlet's kiosk. Empty when the records do not exist yet: a kiosk then
// would trap whoever starts it.
std::vector<std::string> orderTakers(Desk& desk);

class AppSession {
 public:
  struct Folders {
    std::filesystem::path data;        // the user's data folder: the database, the demo and the attempt log
    std::filesystem::path curriculum;  // the certification schemes (assets/curriculum)
  };
  explicit AppSession(Folders folders) : m_folders(std::move(folders)) {}

  // Opened on first use, so a start without records touches no file.
  Desk& desk();
  bool opened() const { return m_desk != nullptr; }
  // For tests and --show: a desk on files of their own.
  void setDesk(std::unique_ptr<Desk> desk) { m_desk = std::move(desk); }

  // Where the dye lab saves attempts: into the records while a trainer or an
  // administrator is logged in, else into the lab's own log file. The store
  // asks the desk on every call, so it follows logins made later.
  core::AttemptStore& attempts();
  // After a login: the attempts the lab logged while nobody was, taken into the
  // records as the logged-in trainer's or administrator's (never into the
  // demo, whose people are made up). How many were added; 0 for anyone else.
  Result<int> importPendingAttempts();
  // The outlet's orders, for the logged-in outlet staff or administrator; null otherwise.
  std::unique_ptr<core::OrderStore> orders();

 private:
  std::filesystem::path attemptLog() const { return m_folders.data / "latihan-pewarnaan.jsonl"; }
  Folders m_folders;
  std::unique_ptr<Desk> m_desk;
  std::unique_ptr<core::AttemptStore> m_attempts;
  const Desk* m_attemptsDesk = nullptr;
};

}  // namespace canting::records
