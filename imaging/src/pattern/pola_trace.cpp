// The pola's vectors: potrace's Bézier outlines of the ink, in millimetres,
// and drawing them with cairo (the PDF's pages, previews, checks).

#include "canting/imaging/pola.h"

#include <cairo.h>
#include <potracelib.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include <opencv2/imgproc.hpp>

namespace canting::imaging {

namespace {

constexpr int kBits = int(8 * sizeof(potrace_word));

// Potrace's bitmap: words, most significant bit leftmost. Row y of the image
// is potrace's line y, so its coordinates are image coordinates.
struct Bitmap {
  potrace_bitmap_t bm{};
  std::vector<potrace_word> words;
  explicit Bitmap(const cv::Mat& ink) {
    bm.w = ink.cols;
    bm.h = ink.rows;
    bm.dy = (ink.cols + kBits - 1) / kBits;
    words.assign(std::size_t(bm.dy) * std::size_t(bm.h), 0);
    for (int y = 0; y < ink.rows; ++y) {
      const std::uint8_t* p = ink.ptr<std::uint8_t>(y);
      potrace_word* row = words.data() + std::size_t(y) * std::size_t(bm.dy);
      for (int x = 0; x < ink.cols; ++x)
        if (p[x]) row[x / kBits] |= potrace_word(1) << (kBits - 1 - x % kBits);
    }
    bm.map = words.data();
  }
};

PolaCurve toCurve(const potrace_curve_t& c, double sx, double sy, cv::Rect2d& bounds) {
  auto at = [&](const potrace_dpoint_t& p) { return cv::Point2d(p.x * sx, p.y * sy); };
  PolaCurve out;
  out.start = at(c.c[c.n - 1][2]);
  double x0 = out.start.x, y0 = out.start.y, x1 = x0, y1 = y0;
  out.segments.reserve(std::size_t(c.n));
  for (int i = 0; i < c.n; ++i) {
    PolaSegment s;
    s.corner = c.tag[i] == POTRACE_CORNER;
    if (!s.corner) s.c1 = at(c.c[i][0]);
    s.c2 = at(c.c[i][1]);
    s.end = at(c.c[i][2]);
    // Control points bound a cubic (its hull), so the box is safe for culling.
    for (int k = s.corner ? 1 : 0; k < 3; ++k) {
      const cv::Point2d& q = k == 0 ? s.c1 : k == 1 ? s.c2 : s.end;
      x0 = std::min(x0, q.x), y0 = std::min(y0, q.y), x1 = std::max(x1, q.x), y1 = std::max(y1, q.y);
    }
    out.segments.push_back(s);
  }
  bounds = out.bounds = cv::Rect2d(x0, y0, x1 - x0, y1 - y0);
  return out;
}

// An outline and its holes make a shape; what lies inside a hole starts a
// shape of its own, so a page can skip whole shapes it does not meet.
void collect(const potrace_path_t* p, double sx, double sy, std::vector<PolaShape>& out) {
  for (; p; p = p->sibling) {
    PolaShape shape;
    shape.curves.push_back(toCurve(p->curve, sx, sy, shape.bounds));
    for (const potrace_path_t* hole = p->childlist; hole; hole = hole->sibling) {
      cv::Rect2d unused;
      shape.curves.push_back(toCurve(hole->curve, sx, sy, unused));
    }
    out.push_back(std::move(shape));
    for (const potrace_path_t* hole = p->childlist; hole; hole = hole->sibling) collect(hole->childlist, sx, sy, out);
  }
}

}  // namespace

std::size_t PolaArt::segments() const {
  std::size_t n = 0;
  for (const auto& s : shapes)
    for (const auto& c : s.curves) n += c.segments.size();
  return n;
}

Result<PolaArt> traceInk(const cv::Mat& ink, double widthMm, double toleranceMm) {
  if (ink.empty() || ink.type() != CV_8U) return makeError(ErrorCode::InvalidArgument, {{"what", "ink"}}, "8-bit mask");
  if (!(widthMm > 0)) return makeError(ErrorCode::InvalidArgument, {{"what", "width-cm"}}, "positive");
  PolaArt art;
  art.widthMm = widthMm;
  art.heightMm = widthMm * ink.rows / ink.cols;
  const double s = ink.cols / widthMm;  // px per mm
  Bitmap bitmap(ink);
  std::unique_ptr<potrace_param_t, decltype(&potrace_param_free)> param(potrace_param_default(), potrace_param_free);
  if (!param) return makeError(ErrorCode::OutOfMemory);
  param->turdsize = 2;
  param->alphamax = 1.0;
  param->opticurve = 1;
  param->opttolerance = std::max(0.2, toleranceMm * s);
  std::unique_ptr<potrace_state_t, decltype(&potrace_state_free)> state(potrace_trace(param.get(), &bitmap.bm), potrace_state_free);
  if (!state || state->status != POTRACE_STATUS_OK) return makeError(ErrorCode::OutOfMemory, {}, "potrace failed");
  collect(state->plist, 1.0 / s, 1.0 / s, art.shapes);
  return art;
}

Result<PolaArt> makePola(const cv::Mat& image, double widthMm, const PolaOptions& options, cv::Size repeats, const PolaProgress& progress) {
  if (repeats.width < 1 || repeats.height < 1 || repeats.width * repeats.height > 400)
    return makeError(ErrorCode::InvalidArgument, {{"what", "repeats"}}, "1x1..20x20");
  cv::Mat tiled = image;
  if (!image.empty() && repeats != cv::Size(1, 1)) cv::repeat(image, repeats.height, repeats.width, tiled);
  auto ink = extractLines(tiled, widthMm, options, progress);
  if (!ink) return ink.error();
  auto art = traceInk(ink->ink, widthMm, options.toleranceMm);
  if (art && progress && !progress(1.0)) return makeError(ErrorCode::Cancelled);
  return art;
}

void fillPola(cairo_t* cr, const PolaArt& art, const cv::Rect2d& window) {
  cairo_new_path(cr);
  auto meets = [&](const cv::Rect2d& b) { return b.x <= window.br().x && b.br().x >= window.x && b.y <= window.br().y && b.br().y >= window.y; };
  for (const auto& shape : art.shapes) {
    if (!meets(shape.bounds)) continue;
    // A hole wholly off the page changes nothing on it (even-odd): a lace of
    // lines spanning the whole pola puts only its nearby holes on each page.
    for (const auto& c : shape.curves) {
      if (!meets(c.bounds)) continue;
      cairo_move_to(cr, c.start.x, c.start.y);
      for (const auto& s : c.segments) {
        if (s.corner) {
          cairo_line_to(cr, s.c2.x, s.c2.y);
          cairo_line_to(cr, s.end.x, s.end.y);
        } else {
          cairo_curve_to(cr, s.c1.x, s.c1.y, s.c2.x, s.c2.y, s.end.x, s.end.y);
        }
      }
      cairo_close_path(cr);
    }
  }
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_fill(cr);
}

cv::Mat renderPola(const PolaArt& art, double pxPerMm) {
  const int w = std::max(1, int(std::lround(art.widthMm * pxPerMm))), h = std::max(1, int(std::lround(art.heightMm * pxPerMm)));
  cv::Mat bgra(h, w, CV_8UC4, cv::Scalar(255, 255, 255, 255));
  cairo_surface_t* surface = cairo_image_surface_create_for_data(bgra.data, CAIRO_FORMAT_RGB24, w, h, int(bgra.step));
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, pxPerMm, pxPerMm);
  cairo_set_source_rgb(cr, 0, 0, 0);
  fillPola(cr, art, cv::Rect2d(0, 0, art.widthMm, art.heightMm));
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  cairo_surface_destroy(surface);
  cv::Mat grey;
  cv::cvtColor(bgra, grey, cv::COLOR_BGRA2GRAY);
  return grey;
}

}  // namespace canting::imaging
