#pragma once
// PDFs are written to a hidden temporary beside the target and renamed into
// place only when cairo reports success, so a full disk or a crash never
// leaves a half-written pola or recipe card where the user expects a good one.

#include <cairo.h>

#include <filesystem>

#include "canting/imaging/error.h"

namespace canting::imaging {

struct PdfTarget {
  std::filesystem::path path, tmp;
  cairo_surface_t* surface = nullptr;
};

// Fails with DirectoryMissing or WriteFailed before anything is drawn.
Result<PdfTarget> openPdf(const std::filesystem::path& path, double widthPt, double heightPt);
// Finishes and destroys the surface; renames on success, removes the temporary otherwise.
Status closePdf(PdfTarget& target);

}  // namespace canting::imaging
