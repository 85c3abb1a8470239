#pragma once
// The user actions the Studio and canting-cli both offer, each once. The
// stack actions (recolour, adjust, quantise, tone, transform, symmetry,
// repeat, layout) are the Operation structs of operations.h: the CLI puts
// them in a design's stack and renders it with renderDesign(), exactly as
// the Studio does. The rest are here: opening (design.h's OpenOptions),
// recolouring by a map of colours, colourways, and the export of a design's
// output. Parameters are structs of enums and numbers whose initialisers are
// the defaults; validate() returns the Error a caller shows.

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "canting/core/design.h"
#include "canting/imaging/colorway.h"
#include "canting/imaging/dye.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/pola.h"
#include "canting/imaging/stream_export.h"

namespace canting::core {

// Recolouring by "FROM=TO" pairs (canting-cli recolor --map): every design
// swatch within `absorb` (CIEDE2000) of a FROM gets TO as its target; a FROM
// near no swatch becomes a swatch of its own. The result is an ordinary
// RecolorOp on the design, the one the Studio's swatch editor makes.
struct RecolorMapAction {
  std::vector<std::pair<imaging::Lab, imaging::Lab>> pairs;
  imaging::RecolorMode mode = imaging::RecolorMode::ShadingPreserving;
  double absorb = 10.0;
  imaging::Status validate() const;
  // Adds the swatches it needs to `design` and returns the operation.
  RecolorOp run(Design& design) const;
};

// Colourways of the design's palette: its locked swatches keep the colour
// they have now.
struct ColorwaysAction {
  enum class Scheme { Harmony, Sogan, Indigo, Pesisiran, Natural, Random };
  Scheme scheme = Scheme::Harmony;
  int count = 9;
  std::uint32_t seed = 1;
  static constexpr int kMaxCount = 64;
  imaging::Status validate() const;
  imaging::Result<std::vector<imaging::Colorway>> run(const Design& design, const std::vector<imaging::Palette>& named) const;
  // The palette the colourways vary: the design's, with locked swatches at their current colour.
  static imaging::Palette base(const Design& design);
  // The recolour targets of one colourway (every swatch).
  static std::vector<std::optional<imaging::Lab>> targets(const imaging::Colorway& colorway);
};
const char* schemeName(ColorwaysAction::Scheme scheme);  // "harmony", "sogan", ...: the CLI's --scheme
std::optional<ColorwaysAction::Scheme> parseScheme(const std::string& name);
const std::vector<ColorwaysAction::Scheme>& schemes();

// Writes a design's output (or any rows) to a file: PNG and TIFF stream band
// by band; other formats are assembled in memory up to 2 GiB.
struct ExportAction {
  std::filesystem::path path;
  imaging::SaveOptions options;                // format, compression, quality, DPI
  std::function<void(double)> progress;        // 0..1, from the writing thread
  const std::atomic<bool>* cancel = nullptr;
  imaging::Status validate() const;            // a format canting can write
  imaging::Status run(const imaging::StreamedImage& rows) const;
};

// The pola: an image's line art printed 1:1 at `widthCm`, as a PDF over
// A4/F4 pages or one SVG (by the output's extension). `repeats` tiles the
// image first; a photo of cloth is tiled by its raport (photo_raport.h's
// repeatSource), the whole image only when no repeat is found in it.
struct PolaAction {
  double widthCm = 0;                  // required: the printed width of the whole pola
  imaging::PolaOptions pola;           // style, line width, detail
  imaging::PrintOptions print;         // paper, margins
  cv::Size repeats{1, 1};              // tiles across and down
  static constexpr double kMaxWidthCm = 500, kMaxLineMm = imaging::PolaOptions::kMaxLineMm;
  static constexpr int kMaxRepeats = 20;
  imaging::Status validate() const;
  // The vectors alone (the GUI's export traces first, then writes).
  imaging::Result<imaging::PolaArt> trace(const cv::Mat& image, const imaging::PolaProgress& progress = {}) const;
  // Writes `art` as PDF or SVG; returns how the pages tile the print (one page for an SVG).
  imaging::Result<imaging::PagePlan> write(const imaging::PolaArt& art, const std::filesystem::path& out) const;
  imaging::Result<imaging::PagePlan> run(const cv::Mat& image, const std::filesystem::path& out, const imaging::PolaProgress& progress = {}) const;
};

// Wax-and-dye simulation of a plan on a motif's layers: every state, bath after bath.
struct DyeSimulateAction {
  double dpi = 150;                    // sizes seepage and cracks in mm
  std::filesystem::path planDir;       // for the plan's "mask:" layers
  static constexpr double kMinDpi = 10, kMaxDpi = 2400;
  imaging::Status validate() const;
  imaging::Result<std::vector<imaging::ClothState>> run(const imaging::Plan& plan, const imaging::Layers& layers,
                                                        const imaging::DyeBook& book) const;
};

// A plan's recipe for a weight of cloth: grams of every dye, auxiliary and fixer.
struct DyeRecipeAction {
  double clothGrams = 300;             // a 2 m mori of about 300 g
  double liquorRatio = 20;             // the usual 1:20
  static constexpr double kMaxGrams = 1e7, kMinRatio = 5, kMaxRatio = 100;
  imaging::Status validate() const;
  imaging::Result<imaging::Recipe> run(const imaging::Plan& plan, const imaging::DyeBook& book) const;
};

// The design's tile at full resolution and what it makes of it: the rows an
// export writes. The Studio's export and the CLI's stack commands use this.
imaging::StreamedImage renderOutput(const Design& design, const std::vector<imaging::Palette>& named);

// The DPI an export of this design records: the layout's, else the source's.
std::optional<imaging::Dpi> exportDpi(const Design& design);

}  // namespace canting::core
