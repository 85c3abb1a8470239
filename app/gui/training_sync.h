#pragma once
// Pelatihan & Sertifikasi: *Kirim ke kabupaten*, the centre's records sent to
// the regency's canting-server over the network (app/sync). The button sits in
// the top bar; it opens a strip under it with the regency's address, the send
// button and what happened: sending, received (with the receipt's head and the
// regency key's fingerprint), nothing new, offline (everything kept, for the
// next try or the flash drive), refused (the regency's reason), untrusted (the
// regency's certificate did not verify: nothing sent, the address to check).
//
// The network and the export run on a worker thread over their own connection
// to the same database file (the store is one connection per thread); the
// panel reads the result between frames and posts the refresh to the app.

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

#include "canting/sync/client.h"
#include "ui_context.h"

namespace canting::gui {

class TrainingSync {
 public:
  enum class State { Idle, Sending, Sent, NothingNew, Offline, Refused, Untrusted };
  ~TrainingSync();
  // The top bar's button (administrators and trainers of a real or demo database).
  void drawButton(UiContext& ui);
  // The strip under the top bar, while open.
  void drawStrip(UiContext& ui);
  State state() const { return m_state; }
  // For screenshots and tests: the strip open in a state, with what a sync would have said.
  void show(State state, sync::SyncReport report, const std::string& url);
  // For --show training-sync-STATE: the first centre's page with the strip
  // open; "offline" is a real sync to a closed loopback port, the others are
  // what the regency would have answered ("tls": its certificate did not verify).
  void showState(UiContext& ui, const std::string& state);
  // Waits for the worker (tests).
  void finish(UiContext& ui);

 private:
  void start(UiContext& ui);
  void poll(UiContext& ui);

  bool m_open = false;
  char m_url[256] = {};
  bool m_urlLoaded = false;
  sync::LastReceipt m_last;  // read when the strip opens and after each sync, not every frame
  State m_state = State::Idle;
  sync::SyncReport m_report;
  std::string m_error;  // a local failure (the export), translated
  std::thread m_worker;
  std::mutex m_mutex;
  std::optional<records::Result<sync::SyncReport>> m_done;
  std::atomic<bool> m_running{false};
};

}  // namespace canting::gui
