#include "canting/core/view_transform.h"

#include <algorithm>
#include <cmath>

namespace canting::core {

double ViewTransform::clampZoom(double z) {
  if (!std::isfinite(z) || z <= 0) return 1.0;
  return std::clamp(z, kMinZoom, kMaxZoom);
}

void ViewTransform::fit(Vec2 image, Vec2 view, double margin) {
  if (image.x <= 0 || image.y <= 0 || view.x <= 0 || view.y <= 0) return;
  const double w = std::max(1.0, view.x - 2 * margin), h = std::max(1.0, view.y - 2 * margin);
  m_zoom = clampZoom(std::min({w / image.x, h / image.y, 8.0}));
  m_offset = {(view.x - image.x * m_zoom) / 2, (view.y - image.y * m_zoom) / 2};
}

void ViewTransform::oneToOne(Vec2 view) { zoomAt({view.x / 2, view.y / 2}, 1.0 / m_zoom); }

void ViewTransform::zoomAt(Vec2 cursor, double factor) {
  const double next = clampZoom(m_zoom * factor);
  const Vec2 anchor = screenToImage(cursor);
  m_zoom = next;
  m_offset = {cursor.x - anchor.x * m_zoom, cursor.y - anchor.y * m_zoom};
  // Whole-pixel offsets keep 1:1 views crisp.
  if (std::fabs(m_zoom - 1.0) < 1e-9) m_offset = {std::round(m_offset.x), std::round(m_offset.y)};
}

void ViewTransform::wheel(Vec2 cursor, double notches) { zoomAt(cursor, std::pow(kWheelStep, notches)); }

void ViewTransform::pan(Vec2 d) { m_offset = {m_offset.x + d.x, m_offset.y + d.y}; }

}  // namespace canting::core
