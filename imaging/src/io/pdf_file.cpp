#include "canting/imaging/pdf_file.h"
#include "canting/imaging/file_io.h"

#include <cairo-pdf.h>

#include <random>

namespace canting::imaging {

namespace fs = std::filesystem;

Result<PdfTarget> openPdf(const fs::path& path, double widthPt, double heightPt) {
  std::error_code ec;
  if (!fs::is_directory(path.has_parent_path() ? path.parent_path() : fs::path("."), ec))
    return makeError(ErrorCode::DirectoryMissing, {{"path", path.string()}});
  sweepStaleTemporaries(path);
  std::random_device rd;
  PdfTarget t;
  t.path = path;
  t.tmp = path.parent_path() / ("." + path.filename().string() + ".part-" + std::to_string(rd()));
  t.surface = cairo_pdf_surface_create(t.tmp.c_str(), widthPt, heightPt);
  if (cairo_surface_status(t.surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(t.surface);
    fs::remove(t.tmp, ec);
    return makeError(ErrorCode::WriteFailed, {{"path", path.string()}}, "cairo could not create the PDF");
  }
  return t;
}

Status closePdf(PdfTarget& t) {
  cairo_surface_finish(t.surface);
  const cairo_status_t status = cairo_surface_status(t.surface);
  cairo_surface_destroy(t.surface);
  t.surface = nullptr;
  std::error_code ec;
  if (status != CAIRO_STATUS_SUCCESS) {
    fs::remove(t.tmp, ec);
    return makeError(status == CAIRO_STATUS_WRITE_ERROR ? ErrorCode::DiskFull : ErrorCode::WriteFailed, {{"path", t.path.string()}},
                     cairo_status_to_string(status));
  }
  fs::rename(t.tmp, t.path, ec);
  if (ec) {
    fs::remove(t.tmp, ec);
    return makeError(ErrorCode::WriteFailed, {{"path", t.path.string()}}, ec.message());
  }
  return Ok{};
}

}  // namespace canting::imaging
