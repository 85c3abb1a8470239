#pragma once
// The canvas maths: where an image pixel lands on screen and back, zoom that
// keeps the point under the cursor still, fit, 1:1 and pan. Screen points
// are relative to the canvas's top-left corner.

namespace canting::core {

struct Vec2 {
  double x = 0, y = 0;
};

class ViewTransform {
 public:
  static constexpr double kMinZoom = 1.0 / 64.0;
  static constexpr double kMaxZoom = 64.0;
  static constexpr double kWheelStep = 1.25;

  double zoom() const { return m_zoom; }
  Vec2 offset() const { return m_offset; }  // screen position of image pixel (0,0)

  Vec2 imageToScreen(Vec2 image) const { return {m_offset.x + image.x * m_zoom, m_offset.y + image.y * m_zoom}; }
  Vec2 screenToImage(Vec2 screen) const { return {(screen.x - m_offset.x) / m_zoom, (screen.y - m_offset.y) / m_zoom}; }

  // Whole image visible and centred, with a margin. Small motifs are
  // enlarged, but at most 8x, so a 16 px tile is not one blur.
  void fit(Vec2 imageSize, Vec2 viewSize, double margin = 16);
  // One image pixel per screen pixel, keeping the view centre still.
  void oneToOne(Vec2 viewSize);
  // Multiplies the zoom by `factor`, keeping the image point under `cursor` still.
  void zoomAt(Vec2 cursor, double factor);
  // Wheel notches (positive = in).
  void wheel(Vec2 cursor, double notches);
  void pan(Vec2 delta);
  void setZoom(double zoom) { m_zoom = clampZoom(zoom); }

  static double clampZoom(double z);

 private:
  double m_zoom = 1.0;
  Vec2 m_offset;
};

}  // namespace canting::core
