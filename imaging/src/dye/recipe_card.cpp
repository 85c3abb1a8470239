// The printable recipe card: an A4 PDF drawn with cairo.
#include "canting/imaging/dye.h"

#include "canting/imaging/pdf_file.h"

namespace canting::imaging {

namespace fs = std::filesystem;

Status writeRecipeCard(const std::string& title, const std::vector<CardLine>& lines, const fs::path& path) {
  constexpr double kPt = 72.0 / 25.4, pw = 210 * kPt, ph = 297 * kPt, m = 18 * kPt;
  auto target = openPdf(path, pw, ph);
  if (!target) return target.error();
  cairo_t* cr = cairo_create(target->surface);
  double y = m;
  auto header = [&] {
    cairo_set_source_rgb(cr, 0.36, 0.22, 0.12);  // soga brown
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 18);
    cairo_move_to(cr, m, y + 18);
    cairo_show_text(cr, title.c_str());
    y += 34;
  };
  header();
  for (const CardLine& line : lines) {
    const double h = line.heading ? 24 : 17;
    if (y + h > ph - m) {
      cairo_show_page(cr);
      y = m;
      header();
    }
    double x = m;
    if (line.swatch) {
      cairo_set_source_rgb(cr, line.swatch->r / 255.0, line.swatch->g / 255.0, line.swatch->b / 255.0);
      cairo_rectangle(cr, x, y + h - 15, 22, 13);
      cairo_fill_preserve(cr);
      cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
      cairo_set_line_width(cr, 0.5);
      cairo_stroke(cr);
      x += 30;
    }
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, line.heading ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, line.heading ? 13 : 11);
    cairo_move_to(cr, x + (line.heading || line.swatch ? 0 : 30), y + h - 4);
    cairo_show_text(cr, line.text.c_str());
    y += h;
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  return closePdf(*target);
}

}  // namespace canting::imaging
