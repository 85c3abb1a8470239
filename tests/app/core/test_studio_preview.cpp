#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/core/studio_preview.h"
#include "canting/core/thumbnails.h"
#include "support/image_fixtures.h"

using namespace canting;
namespace fs = std::filesystem;
namespace im = imaging;

namespace {
core::Design bigMotif() {
  cv::Mat m(1500, 2000, CV_8UC3, cv::Scalar(204, 228, 239));
  cv::circle(m, cv::Point(700, 750), 400, cv::Scalar(43, 90, 139), cv::FILLED, cv::LINE_AA);
  cv::rectangle(m, cv::Rect(1300, 300, 400, 900), cv::Scalar(102, 58, 43), cv::FILLED);
  im::Image img;
  img.pixels = m;
  img.dpi = im::Dpi{200, 200};
  return *core::designFromImage(std::move(img), "big.png", {});
}
std::vector<im::Palette> shipped() { return *im::loadPaletteDir(fs::path(CANTING_ASSETS_DIR) / "palettes"); }

// What Workbench::update() does each frame, until the preview has caught up.
void settle(core::TaskPool& pool, core::StudioPreview& p, const core::DesignSession* s, const std::vector<im::Palette>& named) {
  for (int i = 0; i < 20; ++i) {
    p.update(s, named);
    if (!p.busy() && (!s || p.resultVersion() == s->version())) return;
    pool.waitIdle();
    pool.drain();
  }
  FAIL("the preview did not settle");
}
}  // namespace

TEST_CASE("the Studio preview renders each session version on the task pool", "[core][studio_preview]") {
  core::TaskPool pool(2);
  core::StudioPreview p(pool);
  const auto named = shipped();
  core::DesignSession s(bigMotif());
  p.update(&s, named);
  CHECK(p.takeSessionChanged());
  CHECK(p.result().empty());  // nothing lands before the pool is drained
  settle(pool, p, &s, named);
  CHECK(std::max(p.before().cols, p.before().rows) == core::StudioPreview::kPreviewSide);
  CHECK(p.resultVersion() == s.version());
  CHECK(cv::norm(p.result(), p.before(), cv::NORM_INF) == 0);  // no operation yet
  CHECK(p.output().empty());
  CHECK(p.exportSize().width == 2000);
  CHECK(p.exportSize().dpi == Approx(200));
  REQUIRE(p.colorways().size() == 9);
  REQUIRE(p.colorwayThumbs().size() == 9);
  CHECK(std::max(p.colorwayThumbs()[0].cols, p.colorwayThumbs()[0].rows) == core::StudioPreview::kThumbSide);

  // An edit: the render follows, and equals rendering the preview-size source directly.
  s.edit("studio.edit.add", [](core::Design& d) { d.ops.emplace_back(core::AdjustOp{{.hueShift = 90}}); });
  settle(pool, p, &s, named);
  CHECK(p.resultVersion() == s.version());
  CHECK(cv::norm(p.result(), core::renderDesign(p.before(), s.design(), named), cv::NORM_INF) == 0);

  // A repeat: the output preview, the seam check and the export size at print size.
  s.edit("studio.edit.add", [](core::Design& d) { d.ops.emplace_back(core::RepeatOp{.across = 2, .down = 3}); });
  settle(pool, p, &s, named);
  REQUIRE_FALSE(p.output().empty());
  CHECK(std::max(p.output().cols, p.output().rows) <= core::StudioPreview::kOutputSide);
  CHECK_FALSE(p.seams().heat.empty());  // the seam check ran (this motif's edges match: its score is low)
  CHECK(p.exportSize().width == 4000);
  CHECK(p.exportSize().height == 4500);

  // Colourways follow the scheme and the locks, not every edit.
  const int cwVersion = p.colorwaysVersion();
  s.edit("studio.edit.add", [](core::Design& d) { d.ops.emplace_back(core::TransformOp{.flipH = true}); });
  settle(pool, p, &s, named);
  CHECK(p.colorwaysVersion() == cwVersion);
  p.setColorways({.scheme = core::ColorwaysAction::Scheme::Sogan, .seed = 4});
  settle(pool, p, &s, named);
  CHECK(p.colorwaysVersion() > cwVersion);
  REQUIRE(p.colorways().size() == 9);

  // Closing the session clears everything.
  settle(pool, p, nullptr, named);
  CHECK(p.takeSessionChanged());
  CHECK(p.before().empty());
  CHECK(p.colorways().empty());
}

TEST_CASE("a slider drag renders live and lands as one history entry", "[core][studio_preview]") {
  core::TaskPool pool(2);
  core::StudioPreview p(pool);
  const auto named = shipped();
  core::DesignSession s(bigMotif());
  s.edit("studio.edit.add", [](core::Design& d) { d.ops.emplace_back(core::AdjustOp{}); });
  settle(pool, p, &s, named);
  s.beginLive();
  for (int i = 1; i <= 5; ++i) {
    s.liveEdit([i](core::Design& d) { d.ops[0].as<core::AdjustOp>()->adjust.hueShift = i * 10; });
    settle(pool, p, &s, named);
    CHECK(p.resultVersion() == s.version());
  }
  s.endLive("studio.edit.adjust");
  CHECK(s.history().size() == 2);
  s.undo();
  CHECK(s.design().ops[0].as<core::AdjustOp>()->adjust.hueShift == 0);
}
