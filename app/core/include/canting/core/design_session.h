#pragma once
// The Studio's open design and its undo: every edit goes through the session,
// which keeps the operations and locks from before and after it in the app's
// one History. Parameters only, never pixels, so undo and redo give back
// bit-identical renders.

#include <optional>
#include <string>
#include <vector>

#include "canting/core/design.h"
#include "canting/core/history.h"

namespace canting::core {

// What a Studio edit changes.
struct DesignState {
  std::vector<Operation> ops;
  std::vector<bool> locked;
  bool operator==(const DesignState&) const = default;
  std::size_t bytes() const { return sizeof(DesignState) + ops.capacity() * sizeof(Operation) + locked.capacity() / 8; }
};

class DesignSession {
 public:
  using Entry = History<DesignState>::Entry;  // .label is the translation key of what was done
  static constexpr std::size_t kMaxHistory = History<DesignState>::kDefaultCap;

  explicit DesignSession(Design design);

  Design& design() { return m_design; }
  const Design& design() const { return m_design; }
  int version() const { return 1 + m_history.version(); }  // bumps on every change: renders key on it
  bool dirty() const { return m_dirty; }
  void markSaved() { m_dirty = false; }

  // Every edit goes through here: `change` mutates ops and locks, the
  // session records the parameters before and after under `labelKey`.
  template <class Fn>
  void edit(const std::string& labelKey, Fn change) {
    DesignState before = state();
    change(m_design);
    record(labelKey, std::move(before));
  }
  // For sliders: the live value changes every frame without history; the
  // drag is recorded once, with the state from before it began.
  void beginLive();
  void touch() { m_history.touch(); }
  // One step of a live change: begins the live edit if needed, applies `change`, bumps the version.
  template <class Fn>
  void liveEdit(Fn change) {
    beginLive();
    change(m_design);
    touch();
  }
  void endLive(const std::string& labelKey);

  bool canUndo() const { return m_history.canUndo(); }
  bool canRedo() const { return m_history.canRedo(); }
  void undo();
  void redo();
  const std::vector<Entry>& history() const { return m_history.entries(); }
  std::size_t position() const { return m_history.position(); }  // entries before this are applied

 private:
  DesignState state() const { return {m_design.ops, m_design.locked}; }
  void record(const std::string& label, DesignState before);
  void apply(const DesignState* s);

  Design m_design;
  History<DesignState> m_history;
  bool m_dirty = false;
};

}  // namespace canting::core
