#pragma once
// The pola: the line pattern an artisan traces onto cloth before waxing.
//
// The line pola (`makePola`): a photo of cloth, a drawing or a generator's
// picture is reduced to a few colour regions (the palette code's clustering,
// not a brightness threshold), texture and specks under `detailMm` are
// dropped, and the boundaries between the regions become the lines: a thin
// region (a klowong line, a sawut stroke) becomes one stroke along its centre,
// the edge between two broad regions (mega mendung's bands) one stroke of its
// own, and a small round region (cecek) a dot. The ink is traced by potrace
// into Bézier outlines in millimetres, so the PDF and the SVG hold vector
// paths only, at any size.
//
// Printing lays the pola out at 1:1 over ordinary A4 or F4 pages with overlap,
// row/column labels, registration marks and a 10 cm scale bar, so the pages
// tape together into the full-size pola.
//
// `extractPola` is the older raster path (dark marks on light paper by a local
// threshold), kept for drawings; `writePolaPdf` of a raster traces it first.

#include <filesystem>
#include <functional>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/imaging/error.h"

struct _cairo;

namespace canting::imaging {

enum class PolaStyle { Outline, Filled };  // outline: lines to trace; filled: silhouettes for screens and caps

struct PolaOptions {
  double lineMm = 1.0;   // the canting's line, 0.5-2.5 mm: thin enough to trace over, thick enough to see
  bool thin = false;     // raster path: reduce to a centre line, then redraw at lineMm
  double speckMm = 0.6;  // raster path: marks smaller than this (in both directions) are dirt, not lines
  PolaStyle style = PolaStyle::Outline;
  double detailMm = 0.5;      // regions and lines smaller than this at print size are texture, not motif
  int colours = 0;            // regions to find: 2..8, or 0 to let the palette decide (up to 6)
  double toleranceMm = 0.1;   // how far a traced curve may stray from the pixels
  double maxPxPerMm = 5;      // working resolution: finer than this adds time, not accuracy
  double minPxPerMm = 1.5;    // a smaller photo is enlarged to this (previews set both, for speed)
  static constexpr double kMinLineMm = 0.5, kMaxLineMm = 2.5, kMinDetailMm = 0.1, kMaxDetailMm = 10;
};

// `dpi` is the print scale of `image`. Returns CV_8U: 0 = line, 255 = paper.
Result<cv::Mat> extractPola(const cv::Mat& image, double dpi, const PolaOptions& options = {});
// Zhang-Suen thinning of a binary mask (255 = foreground): one-pixel lines.
cv::Mat thinLines(const cv::Mat& mask);

// [SECTION] the line pola

// What the line extraction found, at its working scale (`pxPerMm`).
struct PolaInk {
  cv::Mat ink;          // CV_8U, 255 = ink
  cv::Mat labels;       // CV_8U region index per pixel, after cleaning
  double pxPerMm = 0;
  int regions = 0;      // colours the palette settled on
  int dots = 0;         // cecek drawn as dots
};

// One closed Bézier outline in mm: starts at `start`; each segment is a cubic
// (c1, c2, end) or, when `corner`, two straight lines through c2 to end.
struct PolaSegment {
  bool corner = false;
  cv::Point2d c1, c2, end;
};
struct PolaCurve {
  cv::Point2d start;
  std::vector<PolaSegment> segments;
  cv::Rect2d bounds;  // mm, of its control points
};
// An outline with the holes inside it, filled even-odd.
struct PolaShape {
  std::vector<PolaCurve> curves;
  cv::Rect2d bounds;  // mm, of the outline
};
struct PolaArt {
  double widthMm = 0, heightMm = 0;
  std::vector<PolaShape> shapes;
  std::size_t segments() const;
};

// Called between stages with 0..1; returning false cancels (ErrorCode::Cancelled).
using PolaProgress = std::function<bool(double)>;

// The ink of `image` printed `widthMm` wide. Errors: an empty or blank image.
Result<PolaInk> extractLines(const cv::Mat& image, double widthMm, const PolaOptions& options = {}, const PolaProgress& progress = {});
// Potrace's outlines of `ink` (255 = ink) printed `widthMm` wide.
Result<PolaArt> traceInk(const cv::Mat& ink, double widthMm, double toleranceMm = 0.1);
// Both, for an image tiled `repeats` times across and down first.
Result<PolaArt> makePola(const cv::Mat& image, double widthMm, const PolaOptions& options = {}, cv::Size repeats = {1, 1},
                         const PolaProgress& progress = {});

// Appends the shapes that meet `windowMm` to cairo's path (mm units) and fills them.
void fillPola(_cairo* cr, const PolaArt& art, const cv::Rect2d& windowMm);
// The pola drawn at `pxPerMm`: CV_8U, 0 = ink, 255 = paper (for previews and checks).
cv::Mat renderPola(const PolaArt& art, double pxPerMm);

enum class Paper { A4, F4 };  // A4 210 x 297 mm; F4 (folio, common in Indonesia) 215 x 330 mm

struct PrintOptions {
  Paper paper = Paper::A4;
  double marginMm = 12;   // printers cannot print to the edge; the marks live here
  double overlapMm = 10;  // pages overlap this much, for taping
};

struct PagePlan {
  int cols = 0, rows = 0;
  double pageWidthPt = 0, pageHeightPt = 0;
  double scaleBarPt = 0;  // the 10 cm bar's length in PDF points (283.46)
  int pages() const { return cols * rows; }
};

// How a pola `widthCm` wide (height from the image's aspect) falls on pages.
Result<PagePlan> planPages(cv::Size image, double widthCm, const PrintOptions& options);
Result<PagePlan> planPages(cv::Size2d sizeMm, const PrintOptions& options);
// The pages' rectangles on the pola, in mm (row by row), for the page grid.
std::vector<cv::Rect2d> pageWindows(const PagePlan& plan, const PrintOptions& options);
// Writes the PDF atomically (temporary file, then rename). Vector paths only.
Status writePolaPdf(const PolaArt& art, const PrintOptions& options, const std::filesystem::path& path);
// A raster pola (0 = line) traced first, then written as above.
Status writePolaPdf(const cv::Mat& pola, double widthCm, const PrintOptions& options, const std::filesystem::path& path);
// One SVG, width and height in mm, one <path> per shape; written atomically.
Status writePolaSvg(const PolaArt& art, const std::filesystem::path& path);
std::string polaSvg(const PolaArt& art);

}  // namespace canting::imaging
