#include <catch2/catch.hpp>

#include "canting/core/view_transform.h"

using canting::core::Vec2;
using canting::core::ViewTransform;

TEST_CASE("zooming at the cursor keeps the image point under it still", "[core][view]") {
  ViewTransform v;
  v.fit({1200, 800}, {1000, 700});
  for (Vec2 cursor : {Vec2{0, 0}, Vec2{333.5, 120.25}, Vec2{999, 699}}) {
    const Vec2 before = v.screenToImage(cursor);
    v.wheel(cursor, 3);
    const Vec2 after = v.screenToImage(cursor);
    CHECK(after.x == Approx(before.x).margin(1e-9));
    CHECK(after.y == Approx(before.y).margin(1e-9));
    v.wheel(cursor, -5);
    CHECK(v.screenToImage(cursor).x == Approx(before.x).margin(1e-9));
  }
}

TEST_CASE("fit shows the whole image centred and 1:1 shows one pixel per pixel", "[core][view]") {
  ViewTransform v;
  v.fit({2000, 1000}, {1032, 732}, 16);
  CHECK(v.zoom() == Approx(0.5));
  const Vec2 tl = v.imageToScreen({0, 0}), br = v.imageToScreen({2000, 1000});
  CHECK(tl.x == Approx(16));
  CHECK(br.x == Approx(1016));
  CHECK((tl.y + br.y) / 2 == Approx(366));  // vertically centred
  const Vec2 centreImage = v.screenToImage({516, 366});
  v.oneToOne({1032, 732});
  CHECK(v.zoom() == 1.0);
  const Vec2 c = v.screenToImage({516, 366});
  CHECK(c.x == Approx(centreImage.x).margin(1.0));  // whole-pixel snap may move it by < 1 px
  CHECK(c.y == Approx(centreImage.y).margin(1.0));
  // Tiny motifs are enlarged, but not beyond 8x.
  v.fit({16, 16}, {1000, 1000});
  CHECK(v.zoom() == 8.0);
}

TEST_CASE("zoom is clamped and pan moves the image by the mouse delta", "[core][view]") {
  ViewTransform v;
  v.wheel({0, 0}, 1000);
  CHECK(v.zoom() == ViewTransform::kMaxZoom);
  v.wheel({0, 0}, -2000);
  CHECK(v.zoom() == ViewTransform::kMinZoom);
  v.setZoom(2);
  const Vec2 before = v.imageToScreen({10, 10});
  v.pan({5, -3});
  CHECK(v.imageToScreen({10, 10}).x == Approx(before.x + 5));
  CHECK(v.imageToScreen({10, 10}).y == Approx(before.y - 3));
  v.fit({0, 10}, {100, 100});  // a degenerate image leaves the view alone
  CHECK(v.zoom() == 2.0);
}
