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

class DesignSession;  // design_session.h, included at the end

// .canting project files: JSON holding the operations, locks, palette and
// the source image, embedded (base64) when up to `embedLimit` bytes, else
// referenced by a path relative to the project. Written atomically.
imaging::Status saveProject(const DesignSession& session, const std::filesystem::path& path,
                            std::size_t embedLimit = 16u << 20);
// All or nothing: a malformed project names the field and opens nothing.
imaging::Result<Design> loadProject(const std::filesystem::path& path);

}  // namespace canting::core

// Callers of design.h have always had the session with it.
#include "canting/core/design_session.h"
