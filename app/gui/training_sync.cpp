// *Kirim ke kabupaten* (see training_sync.h).

#include "training_sync.h"

#include <cstdlib>
#include <cstring>

#include "canting/records/desk.h"
#include "canting/records/keys.h"
#include "item_probe.h"
#include "theme.h"

namespace canting::gui {

namespace rec = records;

TrainingSync::~TrainingSync() {
  if (m_worker.joinable()) m_worker.join();
}

void TrainingSync::show(State state, sync::SyncReport report, const std::string& url) {
  m_open = true;
  m_urlLoaded = true;
  std::snprintf(m_url, sizeof m_url, "%s", url.c_str());
  m_state = state;
  m_report = std::move(report);
}

void TrainingSync::showState(UiContext& ui, const std::string& state) {
  rec::Desk& d = ui.records->desk();
  if (!d.store() || !d.actor()) return;
  if (auto all = d.store()->centres(*d.actor()); all && !all->empty()) d.openCentre(all->front().id);
  sync::SyncReport r;
  r.centre = "Kampung Batik Limbasari";
  r.head = "418:9c1f0e7a3b2d4c5e", r.receivedAt = "2026-12-02T07:40:12Z", r.added = 37, r.regencyFingerprint = "0FFF-EA68-8883-798F";
  if (state == "offline") {
    show(State::Idle, r, "http://127.0.0.1:9");
    start(ui);
    finish(ui);
    return;
  }
  if (state == "refused") {
    auto key = rec::installationKey(*d.store());
    r.message = ui.tr("sync.server.revoked", {{"fingerprint", key ? (*key)->fingerprint() : "?"}, {"date", "2026-11-30"}});
  }
  if (state == "tls") r.message = "SSLServerVerification";
  const State s = state == "sending" ? State::Sending : state == "refused" ? State::Refused : state == "tls" ? State::Untrusted : State::Sent;
  show(s, r, "https://kabupaten.purbalingga.go.id:8443");
}

void TrainingSync::drawButton(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
  if (!d.actor() || (d.actor()->role() != rec::Role::Admin && d.actor()->role() != rec::Role::Trainer)) return;
  if (ImGui::Button(label(ui, "training.sync.button", "sync_open").c_str(), ImVec2(0, ui.px(36)))) m_open = !m_open;
  probe::note("@training.sync.button");
  hoverTooltip(ui, ui.tr("training.sync.tooltip"));
  ImGui::SameLine();
}

void TrainingSync::start(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
  auto url = sync::checkUrl(m_url, true);
  if (!url || !d.store() || !d.actor()) {
    m_state = State::Refused;
    m_report = {};
    m_report.message = ui.tr("training.sync.no_server");
    return;
  }
  if (m_worker.joinable()) m_worker.join();
  sync::ClientOptions opt;
  opt.endpoint.url = *url;
  opt.endpoint.lang = core::languageCode(ui.wb.tr().language());
  opt.centre = d.centre;
  m_state = State::Sending;
  m_error.clear();
  m_running = true;
  // Its own connection: the frame keeps reading through the panel's.
  m_worker = std::thread([this, storeOpt = d.store()->options(), actor = *d.actor(), opt, tr = ui.wb.tr()] {
    rec::Result<sync::SyncReport> r = [&]() -> rec::Result<sync::SyncReport> {
      auto store = rec::Store::open(storeOpt);
      if (!store) return store.error();
      return sync::syncNow(**store, actor, opt, tr);
    }();
    std::lock_guard lock(m_mutex);
    m_done = std::move(r);
    m_running = false;
  });
}

void TrainingSync::poll(UiContext& ui) {
  std::optional<rec::Result<sync::SyncReport>> done;
  {
    std::lock_guard lock(m_mutex);
    done = std::exchange(m_done, std::nullopt);
  }
  if (!done) return;
  if (m_worker.joinable()) m_worker.join();
  m_urlLoaded = false;  // the strip reads the last receipt again (the address stays as typed)
  if (!*done) {
    m_state = State::Refused;
    m_report = {};
    m_report.message = ui.wb.tr().message(done->error());
  } else {
    m_report = **done;
    switch (m_report.state) {
      case sync::SyncState::Sent: m_state = State::Sent; break;
      case sync::SyncState::NothingNew: m_state = State::NothingNew; break;
      case sync::SyncState::Refused: m_state = State::Refused; break;
      case sync::SyncState::Offline: m_state = State::Offline; break;
      case sync::SyncState::Untrusted: m_state = State::Untrusted; break;
    }
  }
  // The export and a pulled revocation wrote to the file: the pages read again, after this frame.
  ui.wb.post([records = ui.records] { records->desk().invalidate(); });
}

void TrainingSync::finish(UiContext& ui) {
  if (m_worker.joinable()) m_worker.join();
  poll(ui);
}

void TrainingSync::drawStrip(UiContext& ui) {
  poll(ui);
  if (!m_open) return;
  rec::Desk& d = ui.records->desk();
  if (!m_urlLoaded && d.store()) {
    // The address the last receipt came from, else the office's setting in the environment.
    m_urlLoaded = true;
    m_last = sync::lastReceipt(*d.store());
    std::string url = m_last.server;
    if (url.empty())
      if (const char* env = std::getenv("CANTING_REGENCY_URL")) url = env;
    if (m_url[0] == '\0') std::snprintf(m_url, sizeof m_url, "%s", url.c_str());
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("training.sync.server").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui.px(380));
  ImGui::InputTextWithHint("##sync_url", "https://kabupaten:8443", m_url, sizeof m_url);
  probe::note("@training.sync.url");
  ImGui::SameLine();
  const bool busy = m_running || m_state == State::Sending;
  ImGui::BeginDisabled(busy);
  if (ImGui::Button(label(ui, "training.sync.button", "sync_send").c_str(), ImVec2(0, ui.px(36)))) start(ui);
  ImGui::EndDisabled();
  probe::note("@training.sync.send");
  ImGui::SameLine(0, ui.px(16));
  ImGui::AlignTextToFramePadding();
  const auto& r = m_report;
  auto line = [&](ImU32 colour, const std::string& text) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour), "%s", text.c_str());
    ImGui::PopTextWrapPos();
    probe::note("@training.sync.state");
  };
  switch (m_state) {
    case State::Idle:
      if (!m_last.head.empty()) ImGui::TextDisabled("%s", ui.tr("training.sync.last", {{"head", m_last.head}, {"at", m_last.receivedAt}}).c_str());
      break;
    case State::Sending: {
      // The text has no ellipsis of its own: these dots are the one, moving while the worker runs.
      static const char* const kDots[] = {"", ".", "..", "..."};
      line(color::kIndigo, ui.tr("training.sync.sending") + kDots[int(ImGui::GetTime() * 3) % 4]);
      break;
    }
    case State::Sent:
      line(IM_COL32(0x3E, 0x7A, 0x4A, 0xFF), ui.tr("training.sync.done", {{"head", r.head}, {"at", r.receivedAt}, {"added", std::to_string(r.added)},
                                                                        {"fingerprint", r.regencyFingerprint}}));
      break;
    case State::NothingNew: line(IM_COL32(0x3E, 0x7A, 0x4A, 0xFF), ui.tr("training.sync.nothing_new", {{"head", r.head}, {"at", r.receivedAt}})); break;
    case State::Offline: line(color::kSoga, ui.tr("training.sync.offline")); break;
    case State::Refused: line(color::kError, ui.tr("training.sync.refused", {{"reason", r.message}})); break;
    case State::Untrusted: line(color::kError, ui.tr("training.sync.untrusted", {{"server", m_url}})); break;
  }
  ImGui::Separator();
}

}  // namespace canting::gui
