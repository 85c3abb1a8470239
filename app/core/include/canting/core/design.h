#pragma once
// A Studio Desain design: a source image, its palette, and a non-destructive
// stack of operations rendered on demand. Edits change parameters only, and
// the history stores those parameters (before and after), never pixels, so
// undo and redo give back bit-identical renders.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "canting/core/operations.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/stream_export.h"

namespace canting::core {

struct Design {
  std::filesystem::path sourcePath;
  std::vector<std::uint8_t> sourceBytes;  // the original file, for embedding in projects
  imaging::Image source;
  imaging::Palette palette;               // extracted once from the source
  std::vector<bool> locked;               // per swatch: colourways keep it
  std::vector<Operation> ops;
};

// The "open" action: an image becomes a design with its palette extracted
// (kDesignColours colours, this seed), no operations yet.
struct OpenOptions {
  int colours = kDesignColours;
  std::uint32_t seed = 1;
  imaging::LoadOptions load;
};
imaging::Result<Design> designFromFile(const std::filesystem::path& path, const OpenOptions& options = {});
imaging::Result<Design> designFromImage(imaging::Image image, std::filesystem::path path, std::vector<std::uint8_t> bytes,
                                        const OpenOptions& options = {});

// Runs the enabled operations in order on `input` (any size: the preview or
// the full image). Tone needs the shipped palettes to find its palette id.
// Runs of per-colour operations (shading-preserving recolour, adjust, tone)
// are composed in CIELAB and applied once per distinct colour.
cv::Mat renderDesign(const cv::Mat& input, const Design& design, const std::vector<imaging::Palette>& named);
// The same result from a prebuilt colour index of `input`, when every enabled
// operation is per-colour; otherwise falls back to renderDesign(input, ...).
cv::Mat renderDesign(const imaging::ColorIndex& index, const cv::Mat& input, const Design& design,
                     const std::vector<imaging::Palette>& named);

// The design's colours as they are now: each swatch with its recolour target.
imaging::Palette currentPalette(const Design& design);

// What the design makes: the tile itself, the tile repeated, or a cloth.
// The last enabled Repeat or Layout decides it.
struct DesignOutput {
  enum class Kind { Tile, Repeat, Cloth } kind = Kind::Tile;
  const RepeatOp* repeat = nullptr;  // Kind::Repeat
  const LayoutOp* layout = nullptr;  // Kind::Cloth
};
DesignOutput designOutput(const Design& design);

// What the export writes: pixels and the DPI it records (the layout's, else
// the source's, else none), for a rendered tile of `tile` pixels.
struct ExportSize {
  int width = 0, height = 0;
  std::optional<double> dpi;
};
ExportSize exportSize(const Design& design, cv::Size tile);

// The whole output as rows, ready to stream to disk: `tile` is the design's
// tile at full resolution (renderDesign of the source). Cloth motifs keep
// their physical size: the tile is scaled from the source's DPI (or 300).
imaging::StreamedImage outputImage(const Design& design, const cv::Mat& tile);
// The same at a smaller scale for the preview (long side about `maxSide`).
cv::Mat previewOutput(const Design& design, const cv::Mat& tile, int maxSide);

// The first Recolor operation, created (at the top of the stack) when missing.
RecolorOp& recolorOp(Design& design);

class DesignSession {
 public:
  struct Entry {
    std::string label;  // translation key of what was done
    std::vector<Operation> opsBefore, opsAfter;
    std::vector<bool> lockedBefore, lockedAfter;
  };
  static constexpr std::size_t kMaxHistory = 200;

  explicit DesignSession(Design design);

  Design& design() { return m_design; }
  const Design& design() const { return m_design; }
  int version() const { return m_version; }   // bumps on every change: renders key on it
  bool dirty() const { return m_dirty; }
  void markSaved() { m_dirty = false; }

  // Every edit goes through here: `change` mutates ops and locks, the
  // session records the parameters before and after under `labelKey`.
  template <class Fn>
  void edit(const std::string& labelKey, Fn change) {
    const auto opsBefore = m_design.ops;
    const auto lockedBefore = m_design.locked;
    change(m_design);
    record(labelKey, opsBefore, lockedBefore);
  }
  // For sliders: the live value changes every frame without history; the
  // drag is recorded once, with the state from before it began.
  void beginLive();
  void touch() { ++m_version; }
  // One step of a live change: begins the live edit if needed, applies `change`, bumps the version.
  template <class Fn>
  void liveEdit(Fn change) {
    beginLive();
    change(m_design);
    touch();
  }
  void endLive(const std::string& labelKey);

  bool canUndo() const { return m_pos > 0; }
  bool canRedo() const { return m_pos < m_entries.size(); }
  void undo();
  void redo();
  const std::vector<Entry>& history() const { return m_entries; }
  std::size_t position() const { return m_pos; }  // entries before this are applied

 private:
  void record(const std::string& label, std::vector<Operation> opsBefore, std::vector<bool> lockedBefore);

  Design m_design;
  std::vector<Entry> m_entries;
  std::size_t m_pos = 0;
  int m_version = 1;
  bool m_dirty = false;
  std::optional<std::pair<std::vector<Operation>, std::vector<bool>>> m_live;
};

// .canting project files: JSON holding the operations, locks, palette and
// the source image, embedded (base64) when up to `embedLimit` bytes, else
// referenced by a path relative to the project. Written atomically.
imaging::Status saveProject(const DesignSession& session, const std::filesystem::path& path,
                            std::size_t embedLimit = 16u << 20);
// All or nothing: a malformed project names the field and opens nothing.
imaging::Result<Design> loadProject(const std::filesystem::path& path);

}  // namespace canting::core
