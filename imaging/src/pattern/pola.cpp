// The raster pola of drawings, the page plan, and the PDF and SVG writers.
//
//   [SECTION] raster extraction (drawings)
//   [SECTION] pages
//   [SECTION] PDF
//   [SECTION] SVG

#include "canting/imaging/pola.h"

#include "canting/imaging/file_io.h"
#include "canting/imaging/pdf_file.h"

#include <cairo.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include <opencv2/imgproc.hpp>

namespace canting::imaging {

namespace fs = std::filesystem;

namespace {
constexpr double kPtPerMm = 72.0 / 25.4;
int mmToPx(double mm, double dpi) { return std::max(1, int(std::lround(mm / 25.4 * dpi))); }
}  // namespace

// [SECTION] raster extraction (drawings)

cv::Mat thinLines(const cv::Mat& mask) {
  cv::Mat img;
  cv::threshold(mask, img, 127, 1, cv::THRESH_BINARY);
  cv::Mat marker(img.size(), CV_8U);
  bool changed = true;
  while (changed) {
    changed = false;
    for (int pass = 0; pass < 2; ++pass) {
      marker.setTo(0);
      for (int y = 1; y < img.rows - 1; ++y) {
        const std::uint8_t* up = img.ptr<std::uint8_t>(y - 1);
        const std::uint8_t* row = img.ptr<std::uint8_t>(y);
        const std::uint8_t* dn = img.ptr<std::uint8_t>(y + 1);
        for (int x = 1; x < img.cols - 1; ++x) {
          if (!row[x]) continue;
          // Neighbours p2..p9 clockwise from north.
          const int p2 = up[x], p3 = up[x + 1], p4 = row[x + 1], p5 = dn[x + 1], p6 = dn[x], p7 = dn[x - 1], p8 = row[x - 1], p9 = up[x - 1];
          const int b = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
          if (b < 2 || b > 6) continue;
          const int a = (!p2 && p3) + (!p3 && p4) + (!p4 && p5) + (!p5 && p6) + (!p6 && p7) + (!p7 && p8) + (!p8 && p9) + (!p9 && p2);
          if (a != 1) continue;
          if (pass == 0 ? (p2 * p4 * p6 == 0 && p4 * p6 * p8 == 0) : (p2 * p4 * p8 == 0 && p2 * p6 * p8 == 0)) marker.at<std::uint8_t>(y, x) = 1;
        }
      }
      if (cv::countNonZero(marker)) {
        img.setTo(0, marker);
        changed = true;
      }
    }
  }
  return img * 255;
}

Result<cv::Mat> extractPola(const cv::Mat& image, double dpi, const PolaOptions& o) {
  if (image.empty()) return makeError(ErrorCode::InvalidArgument, {{"what", "image"}}, "empty");
  if (!(dpi >= 10 && dpi <= 2400)) return makeError(ErrorCode::InvalidArgument, {{"what", "DPI"}}, "10..2400");
  if (!(o.lineMm > 0 && o.lineMm <= 20)) return makeError(ErrorCode::InvalidArgument, {{"what", "line-mm"}}, "0..20 mm");
  cv::Mat grey = image;
  if (grey.depth() == CV_16U) grey.convertTo(grey, CV_8U, 1.0 / 257.0);
  if (grey.channels() == 3) cv::cvtColor(grey, grey, cv::COLOR_BGR2GRAY);
  else if (grey.channels() == 4) cv::cvtColor(grey, grey, cv::COLOR_BGRA2GRAY);
  cv::GaussianBlur(grey, grey, cv::Size(3, 3), 0);
  // Lines are darker than their surroundings, whatever the lighting across a
  // phone photo: a threshold against the local mean over about a centimetre.
  const int block = mmToPx(10, dpi) | 1;
  cv::Mat lines;
  cv::adaptiveThreshold(grey, lines, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, std::max(3, block), 10);
  // Dirt first, before closing can grow it: components smaller than speckMm
  // in both directions. (A cecek dot of a 0.5 mm canting is about that size,
  // so the limit stays small.)
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(lines, labels, stats, centroids, 8);
  const int speck = mmToPx(o.speckMm, dpi);
  std::vector<std::uint8_t> keep(std::size_t(n), 1);
  keep[0] = 0;
  for (int i = 1; i < n; ++i)
    if (stats.at<int>(i, cv::CC_STAT_WIDTH) < speck && stats.at<int>(i, cv::CC_STAT_HEIGHT) < speck) keep[std::size_t(i)] = 0;
  for (int y = 0; y < lines.rows; ++y) {
    std::uint8_t* l = lines.ptr<std::uint8_t>(y);
    const int* lab = labels.ptr<int>(y);
    for (int x = 0; x < lines.cols; ++x) l[x] = keep[std::size_t(lab[x])] ? 255 : 0;
  }
  const int k = std::max(1, mmToPx(0.2, dpi));
  const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * k + 1, 2 * k + 1));
  cv::morphologyEx(lines, lines, cv::MORPH_OPEN, kernel);   // ragged noise on the lines
  cv::morphologyEx(lines, lines, cv::MORPH_CLOSE, kernel);  // small gaps in a line
  if (o.thin) {
    lines = thinLines(lines);
    const int w = mmToPx(o.lineMm, dpi);
    cv::dilate(lines, lines, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(w | 1, w | 1)));
  }
  return cv::Mat(255 - lines);
}

// [SECTION] pages

Result<PagePlan> planPages(cv::Size image, double widthCm, const PrintOptions& o) {
  if (image.width <= 0 || image.height <= 0) return makeError(ErrorCode::InvalidArgument, {{"what", "image"}}, "empty");
  if (!(widthCm > 0 && widthCm <= 2000)) return makeError(ErrorCode::InvalidArgument, {{"what", "width-cm"}}, "0..2000 cm");
  return planPages(cv::Size2d(widthCm * 10, widthCm * 10 * image.height / image.width), o);
}

Result<PagePlan> planPages(cv::Size2d size, const PrintOptions& o) {
  if (!(size.width > 0 && size.height > 0 && size.width <= 20000)) return makeError(ErrorCode::InvalidArgument, {{"what", "width-cm"}}, "0..2000 cm");
  PagePlan p;
  const double pw = o.paper == Paper::A4 ? 210 : 215, ph = o.paper == Paper::A4 ? 297 : 330;
  const double printW = pw - 2 * o.marginMm, printH = ph - 2 * o.marginMm;
  if (!(o.overlapMm >= 0 && o.overlapMm < printW / 2 && o.marginMm >= 5 && printH > 0))
    return makeError(ErrorCode::InvalidArgument, {{"what", "margin/overlap"}}, "margin at least 5 mm, overlap under half a page");
  p.cols = std::max(1, int(std::ceil((size.width - o.overlapMm) / (printW - o.overlapMm) - 1e-9)));
  p.rows = std::max(1, int(std::ceil((size.height - o.overlapMm) / (printH - o.overlapMm) - 1e-9)));
  p.pageWidthPt = pw * kPtPerMm;
  p.pageHeightPt = ph * kPtPerMm;
  p.scaleBarPt = 100 * kPtPerMm;
  if (p.pages() > 2000) return makeError(ErrorCode::InvalidArgument, {{"what", "pages " + std::to_string(p.pages())}}, "more than 2000 pages");
  return p;
}

std::vector<cv::Rect2d> pageWindows(const PagePlan& plan, const PrintOptions& o) {
  const double printW = plan.pageWidthPt / kPtPerMm - 2 * o.marginMm, printH = plan.pageHeightPt / kPtPerMm - 2 * o.marginMm;
  std::vector<cv::Rect2d> out;
  for (int r = 0; r < plan.rows; ++r)
    for (int c = 0; c < plan.cols; ++c) out.emplace_back(c * (printW - o.overlapMm), r * (printH - o.overlapMm), printW, printH);
  return out;
}

// [SECTION] PDF

namespace {

// Everything on a page but the pola: the shaded overlap, registration marks,
// the label and the 10 cm scale bar.
void drawPageFurniture(cairo_t* cr, const PagePlan& plan, const PrintOptions& o, int r, int c, int page, double widthCm) {
  const double pw = plan.pageWidthPt, ph = plan.pageHeightPt, m = o.marginMm * kPtPerMm, ov = o.overlapMm * kPtPerMm;
  const double printW = pw - 2 * m, printH = ph - 2 * m;
  // The overlap shaded lightly, so the taping line is clear.
  cairo_set_source_rgba(cr, 0.2, 0.25, 0.45, 0.08);
  if (c > 0) cairo_rectangle(cr, m, m, ov, printH);
  if (r > 0) cairo_rectangle(cr, m, m, printW, ov);
  cairo_fill(cr);
  // Registration marks at the four corners of the printed area.
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.5);
  for (double x : {m, m + printW})
    for (double y : {m, m + printH}) {
      cairo_move_to(cr, x - 8, y);
      cairo_line_to(cr, x + 8, y);
      cairo_move_to(cr, x, y - 8);
      cairo_line_to(cr, x, y + 8);
      cairo_new_sub_path(cr);
      cairo_arc(cr, x, y, 4, 0, 2 * M_PI);
      cairo_stroke(cr);
    }
  // Label: row letter and column number, and the page count.
  static const char* rowsLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  char label[128];
  const std::string row = r < 26 ? std::string(1, rowsLetters[r]) : "R" + std::to_string(r + 1);
  std::snprintf(label, sizeof label, "%s%d   (%d / %d)   %.0f cm", row.c_str(), c + 1, page, plan.pages(), widthCm);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, 11);
  cairo_move_to(cr, m + 14, m - 4);
  cairo_show_text(cr, label);
  // The 10 cm scale bar: a thin outlined box, exactly 100 mm wide, with
  // ticks at each centimetre; measure it to check the printer's scale.
  const double barY = ph - m + 4, barH = 5;
  cairo_set_line_width(cr, 0.6);
  cairo_rectangle(cr, m, barY, plan.scaleBarPt, barH);
  cairo_stroke(cr);
  for (int t = 0; t <= 10; ++t) {
    cairo_move_to(cr, m + t * 10 * kPtPerMm, barY);
    cairo_line_to(cr, m + t * 10 * kPtPerMm, barY + (t % 5 ? barH * 0.5 : barH));
  }
  cairo_stroke(cr);
  cairo_set_font_size(cr, 8);
  cairo_move_to(cr, m + plan.scaleBarPt + 6, barY + barH);
  cairo_show_text(cr, "10 cm");
}

}  // namespace

Status writePolaPdf(const PolaArt& art, const PrintOptions& o, const fs::path& path) {
  auto plan = planPages(cv::Size2d(art.widthMm, art.heightMm), o);
  if (!plan) return plan.error();
  const double m = o.marginMm * kPtPerMm;
  auto target = openPdf(path, plan->pageWidthPt, plan->pageHeightPt);
  if (!target) return target.error();
  cairo_t* cr = cairo_create(target->surface);
  const auto windows = pageWindows(*plan, o);
  int page = 0;
  for (int r = 0; r < plan->rows; ++r)
    for (int c = 0; c < plan->cols; ++c, ++page) {
      const cv::Rect2d& win = windows[std::size_t(page)];
      cairo_save(cr);
      cairo_rectangle(cr, m, m, win.width * kPtPerMm, win.height * kPtPerMm);
      cairo_clip(cr);
      cairo_translate(cr, m, m);
      cairo_scale(cr, kPtPerMm, kPtPerMm);  // 1:1: the pola's millimetres are the paper's
      cairo_translate(cr, -win.x, -win.y);
      cairo_set_source_rgb(cr, 0, 0, 0);
      fillPola(cr, art, win);
      cairo_restore(cr);
      drawPageFurniture(cr, *plan, o, r, c, page + 1, art.widthMm / 10);
      cairo_show_page(cr);
    }
  cairo_destroy(cr);
  return closePdf(*target);
}

Status writePolaPdf(const cv::Mat& pola, double widthCm, const PrintOptions& o, const fs::path& path) {
  if (pola.type() != CV_8U) return makeError(ErrorCode::InvalidArgument, {{"what", "pola"}}, "8-bit grey");
  if (!(widthCm > 0 && widthCm <= 2000)) return makeError(ErrorCode::InvalidArgument, {{"what", "width-cm"}}, "0..2000 cm");
  auto art = traceInk(pola < 128, widthCm * 10);
  if (!art) return art.error();
  return writePolaPdf(*art, o, path);
}

// [SECTION] SVG

namespace {
// Hundredths of a millimetre, whatever the locale.
void num(std::string& out, double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::round(v * 100) / 100, std::chars_format::fixed, 2);
  while (end > buf && end[-1] == '0') --end;
  if (end > buf && end[-1] == '.') --end;
  out.append(buf, end);
}
void point(std::string& out, const cv::Point2d& p) {
  num(out, p.x);
  out += ' ';
  num(out, p.y);
}
}  // namespace

std::string polaSvg(const PolaArt& art) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"";
  num(out, art.widthMm);
  out += "mm\" height=\"";
  num(out, art.heightMm);
  out += "mm\" viewBox=\"0 0 ";
  point(out, {art.widthMm, art.heightMm});
  out += "\">\n<title>pola</title>\n<g fill=\"#000000\" fill-rule=\"evenodd\" stroke=\"none\">\n";
  for (const auto& shape : art.shapes) {
    out += "<path d=\"";
    for (const auto& c : shape.curves) {
      out += 'M';
      point(out, c.start);
      for (const auto& s : c.segments) {
        if (s.corner) {
          out += 'L';
          point(out, s.c2);
          out += ' ';
          point(out, s.end);
        } else {
          out += 'C';
          point(out, s.c1);
          out += ' ';
          point(out, s.c2);
          out += ' ';
          point(out, s.end);
        }
      }
      out += 'Z';
    }
    out += "\"/>\n";
  }
  out += "</g>\n</svg>\n";
  return out;
}

Status writePolaSvg(const PolaArt& art, const fs::path& path) {
  if (!(art.widthMm > 0 && art.heightMm > 0)) return makeError(ErrorCode::InvalidArgument, {{"what", "pola"}}, "empty");
  return writeFileAtomic(path, polaSvg(art));
}

}  // namespace canting::imaging
