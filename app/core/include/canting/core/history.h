#pragma once
// One undo model for the whole app: a labelled, capped list of edits, each
// holding the state before and after it, and a cursor. The Studio's design
// session and the dye lab both keep their undo here.
//
// Index:
//   [SECTION] History: the template over a state type
//   [SECTION] Mask patches: compressed parts of masks, for states that hold pixels
//
// Why a template over the state and not type-erased entries: each owner has
// one kind of state (the design's operations and locks; the lab's plan and
// mask patches), so a value type keeps entries copyable, comparable in tests
// and free of virtual calls, and the owner alone decides what a state holds.
// The history never applies a state itself: undo() and redo() hand back the
// state to restore, so a state may be partial (a patch of a mask) as long as
// the owner's before and after cover the same parts.

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>

namespace canting::core {

// [SECTION] History

// The bytes a state holds: its own bytes() when it has one, else its size.
template <class State>
std::size_t stateBytes(const State& s) {
  if constexpr (requires { { s.bytes() } -> std::convertible_to<std::size_t>; }) return s.bytes();
  else return sizeof(State);
}

template <class State>
class History {
 public:
  struct Entry {
    std::string label;  // translation key of what was done
    State before, after;
  };
  static constexpr std::size_t kDefaultCap = 200;

  // At most `cap` entries and, past the newest one, at most `byteBudget`
  // bytes: the oldest entries go first.
  explicit History(std::size_t cap = kDefaultCap, std::size_t byteBudget = std::numeric_limits<std::size_t>::max())
      : m_cap(std::max<std::size_t>(1, cap)), m_budget(byteBudget) {}

  // A finished edit. Drops the redo tail (a new edit ends that branch).
  void record(std::string label, State before, State after) {
    while (m_entries.size() > m_pos) dropAt(m_entries.size() - 1);
    m_entries.push_back(Entry{std::move(label), std::move(before), std::move(after)});
    m_bytes += entryBytes(m_entries.back());
    while (m_entries.size() > m_cap || (m_bytes > m_budget && m_entries.size() > 1)) dropAt(0);
    m_pos = m_entries.size();
    ++m_version;
  }
  // The state to go back to, or nullptr at the start.
  const State* undo() {
    if (!canUndo()) return nullptr;
    ++m_version;
    return &m_entries[--m_pos].before;
  }
  // The state to go forward to, or nullptr at the end.
  const State* redo() {
    if (!canRedo()) return nullptr;
    ++m_version;
    return &m_entries[m_pos++].after;
  }
  bool canUndo() const { return m_pos > 0; }
  bool canRedo() const { return m_pos < m_entries.size(); }
  const std::vector<Entry>& entries() const { return m_entries; }
  std::size_t position() const { return m_pos; }  // entries before this are applied
  std::size_t cap() const { return m_cap; }
  std::size_t bytes() const { return m_bytes; }   // what the entries hold, labels included
  // Bumps on every record, undo and redo, and on touch(): views key on it.
  int version() const { return m_version; }
  void touch() { ++m_version; }
  void clear() {
    m_entries.clear();
    m_pos = 0;
    m_bytes = 0;
    m_live.reset();
    ++m_version;
  }

  // Live edits (a slider drag, a brush stroke): the state from before the
  // first change is kept while the owner changes its model freely, and the
  // whole drag becomes one entry. A second begin keeps the first state.
  void beginLive(State before) {
    if (!m_live) m_live.emplace(std::move(before));
  }
  bool live() const { return m_live.has_value(); }
  // The open edit's before-state, for owners that fill it in lazily (the lab
  // keeps a mask only once the brush touches it).
  State* liveBefore() { return m_live ? &*m_live : nullptr; }
  // Closes the live edit and records it with `after`; false when none was open.
  bool commitLive(std::string label, State after) {
    auto before = endLive();
    if (!before) return false;
    record(std::move(label), std::move(*before), std::move(after));
    return true;
  }
  // Closes the live edit and hands back its before-state unrecorded, for an
  // owner that records something derived from it (a cropped patch) or nothing.
  std::optional<State> endLive() { return std::exchange(m_live, std::nullopt); }

 private:
  static std::size_t entryBytes(const Entry& e) {
    return sizeof(Entry) + e.label.capacity() + stateBytes(e.before) + stateBytes(e.after);
  }
  void dropAt(std::size_t i) {
    m_bytes -= entryBytes(m_entries[i]);
    m_entries.erase(m_entries.begin() + std::ptrdiff_t(i));
    if (m_pos > i) --m_pos;
  }

  std::vector<Entry> m_entries;
  std::size_t m_pos = 0;
  std::size_t m_cap, m_budget;
  std::size_t m_bytes = 0;
  int m_version = 0;
  std::optional<State> m_live;
};

// [SECTION] Mask patches

// A rectangle of an 8-bit mask, run-length encoded (wax masks are long runs
// of 0 and 255, so a painted stroke costs bytes, not megabytes), or the note
// that the layer does not exist in this state. A history entry holds the same
// rectangle before and after, so undo and redo give back bit-identical masks.
struct MaskPatch {
  std::string layer;
  bool present = true;
  cv::Size size;  // the whole mask's
  cv::Rect rect;  // the part stored
  std::vector<std::uint8_t> rle;

  static MaskPatch capture(std::string layer, const cv::Mat& mask, cv::Rect rect);
  static MaskPatch absent(std::string layer);
  // Writes the rectangle into masks[layer] (made, all 0, when missing), or
  // removes the layer when the patch says it is absent.
  void applyTo(std::map<std::string, cv::Mat>& masks) const;
  std::size_t bytes() const { return sizeof(MaskPatch) + layer.capacity() + rle.capacity(); }
};

// The smallest rectangle holding every pixel where two same-sized 8-bit masks
// differ; empty when they are equal.
cv::Rect changedRect(const cv::Mat& a, const cv::Mat& b);

}  // namespace canting::core
