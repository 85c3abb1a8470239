#pragma once
// A Studio Desain design: a source image, its palette, and a non-destructive
// stack of operations rendered on demand. Edits change parameters only, and
// the history stores those parameters (before and after), never pixels, so
// undo and redo give back bit-identical renders.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "canting/imaging/cloth_layout.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/palette.h"
#include "canting/imaging/recolor.h"

namespace canting::core {

struct Operation {
  // Colour operations change the tile's colours; Transform and Symmetry
  // change its geometry; Repeat and Layout decide what is made of the tile
  // (a repeated length, a whole cloth) for the preview and the export.
  enum class Kind { Recolor, Adjust, Quantize, Tone, Transform, Symmetry, Repeat, Layout };
  Kind kind = Kind::Recolor;
  bool enabled = true;
  imaging::RecolorMode mode = imaging::RecolorMode::ShadingPreserving;   // Recolor
  std::vector<std::optional<imaging::Lab>> targets;                      // Recolor: one per design swatch
  imaging::LchAdjust adjust;                                             // Adjust
  int colours = 8;                                                       // Quantize
  std::string paletteId;                                                 // Tone: a shipped palette's id
  double strength = 0.5;                                                 // Tone
  int quarterTurns = 0;                                                  // Transform: clockwise
  bool flipH = false, flipV = false;                                     // Transform
  double scale = 1.0;                                                    // Transform
  bool seamless = false;                                                 // Transform: the make-seamless aid
  std::string group = "p4m";                                             // Symmetry: wallpaper group or kaleido-N
  imaging::RepeatSpec repeat;                                            // Repeat and Layout (the body)
  int across = 3, down = 3;                                              // Repeat: tiles
  std::string cloth = "kain-panjang";                                    // Layout
  double lengthCm = 250, heightCm = 105, dpi = 300;                      // Layout: size and print DPI

  bool operator==(const Operation& o) const;
};

const char* operationKey(Operation::Kind kind);  // translation key, e.g. "studio.op.recolor"

struct Design {
  std::filesystem::path sourcePath;
  std::vector<std::uint8_t> sourceBytes;  // the original file, for embedding in projects
  imaging::Image source;
  imaging::Palette palette;               // extracted once from the source
  std::vector<bool> locked;               // per swatch: colourways keep it
  std::vector<Operation> ops;
};

// Builds a design from an image file: loads it and extracts up to 6 colours.
imaging::Result<Design> designFromFile(const std::filesystem::path& path);
imaging::Result<Design> designFromImage(imaging::Image image, std::filesystem::path path, std::vector<std::uint8_t> bytes);

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
struct DesignOutput {
  enum class Kind { Tile, Repeat, Cloth } kind = Kind::Tile;
  const Operation* op = nullptr;  // the enabled Repeat or Layout that decides it (the last one)
};
DesignOutput designOutput(const Design& design);

// The whole output as rows, ready to stream to disk: `tile` is the design's
// tile at full resolution (renderDesign of the source). Cloth motifs keep
// their physical size: the tile is scaled from the source's DPI (or 300).
imaging::StreamedImage outputImage(const Design& design, const cv::Mat& tile);
// The same at a smaller scale for the preview (long side about `maxSide`).
cv::Mat previewOutput(const Design& design, const cv::Mat& tile, int maxSide);

// The first Recolor operation, created (at the top of the stack) when missing.
Operation& recolorOp(Design& design);

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
