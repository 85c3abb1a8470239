#include "canting/core/design_session.h"

namespace canting::core {

DesignSession::DesignSession(Design design) : m_design(std::move(design)) {}

void DesignSession::record(const std::string& label, DesignState before) {
  DesignState after = state();
  if (before == after) return;  // nothing changed, nothing to undo
  m_history.record(label, std::move(before), std::move(after));
  m_dirty = true;
}

void DesignSession::beginLive() { m_history.beginLive(state()); }

void DesignSession::endLive(const std::string& label) {
  if (auto before = m_history.endLive()) record(label, std::move(*before));
}

void DesignSession::apply(const DesignState* s) {
  if (!s) return;
  m_design.ops = s->ops;
  m_design.locked = s->locked;
  m_dirty = true;
}

void DesignSession::undo() { apply(m_history.undo()); }

void DesignSession::redo() { apply(m_history.redo()); }

}  // namespace canting::core
