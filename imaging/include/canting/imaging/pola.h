#pragma once
// The pola: the line pattern an artisan traces onto cloth before waxing.
// Extraction turns a motif photo or drawing into clean dark lines on white;
// printing lays it out at 1:1 over ordinary A4 or F4 pages with overlap,
// row/column labels, registration marks and a 10 cm scale bar, so the pages
// tape together into the full-size pola.

#include <filesystem>

#include <opencv2/core.hpp>

#include "canting/imaging/error.h"

namespace canting::imaging {

struct PolaOptions {
  double lineMm = 1.5;   // the canting's line: 1-2.5 mm for outlines
  bool thin = false;     // reduce to a centre line, then redraw at lineMm
  double speckMm = 0.6;  // marks smaller than this (in both directions) are dirt, not lines
};

// `dpi` is the print scale of `image`. Returns CV_8U: 0 = line, 255 = paper.
Result<cv::Mat> extractPola(const cv::Mat& image, double dpi, const PolaOptions& options = {});
// Zhang-Suen thinning of a binary mask (255 = foreground): one-pixel lines.
cv::Mat thinLines(const cv::Mat& mask);

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
// Writes the PDF atomically (temporary file, then rename).
Status writePolaPdf(const cv::Mat& pola, double widthCm, const PrintOptions& options, const std::filesystem::path& path);

}  // namespace canting::imaging
