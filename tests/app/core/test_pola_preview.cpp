#include <catch2/catch.hpp>

#include <chrono>

#include "canting/core/pola_preview.h"
#include "support/cloth_photo.h"
#include "support/image_fixtures.h"

using namespace canting;

namespace {
void settle(core::TaskPool& pool) {
  pool.waitIdle();
  pool.drain();
}
}  // namespace

TEST_CASE("the pola preview traces the photo at preview size and follows the settings", "[core][pola]") {
  core::TaskPool pool;
  core::PolaPreview pv(pool);
  const auto cloth = test::photographCloth(imaging::MotifKind::Kawung);
  pv.setSource(cloth.photo, &cloth);
  pv.action().widthCm = 30;
  pv.update();
  CHECK(pv.busy());
  settle(pool);
  REQUIRE_FALSE(pv.error());
  CHECK(pv.version() == 1);
  CHECK(pv.current());
  CHECK(pv.photo().size() == pv.lines().size());
  CHECK(pv.art().widthMm == Approx(300));
  const int thin = cv::countNonZero(pv.lines());
  CHECK(thin > 0.02 * double(pv.lines().total()));
  // A wider canting: a new trace, wider lines.
  pv.action().pola.lineMm = 2.5;
  CHECK_FALSE(pv.current());
  pv.update();
  settle(pool);
  CHECK(pv.version() == 2);
  CHECK(cv::countNonZero(pv.lines()) > 1.5 * thin);
  // Nothing changed: no new trace.
  pv.update();
  CHECK_FALSE(pv.busy());
  // Repeats tile the photo; the page plan follows the width and the paper.
  pv.action().repeats = {2, 1};
  pv.update();
  settle(pool);
  CHECK(pv.photo().cols == 2 * pv.photo().rows);
  auto plan = pv.plan();
  REQUIRE(plan);
  CHECK(plan->cols == 2);
  CHECK(plan->rows == 1);
  pv.action().print.paper = imaging::Paper::F4;
  CHECK(pv.current());  // the paper moves the grid only
}

TEST_CASE("a blank photo shows why, and the export writes full size or stops on cancel", "[core][pola]") {
  core::TaskPool pool;
  core::PolaPreview pv(pool);
  const cv::Mat blank(200, 300, CV_8UC3, cv::Scalar(50, 60, 70));
  pv.setSource(blank, &blank);
  pv.action().widthCm = 30;
  pv.update();
  settle(pool);
  REQUIRE(pv.error());
  CHECK(pv.error()->args.front().second == "@pola.error.blank");

  const auto cloth = test::photographCloth(imaging::MotifKind::Parang);
  pv.setSource(cloth.photo, &cloth);
  CHECK_FALSE(pv.error());
  test::TempDir dir;
  pv.startExport(dir / "p.svg");
  CHECK(pv.exportProgress());
  settle(pool);
  CHECK_FALSE(pv.exportProgress());
  auto done = pv.takeExportResult();
  REQUIRE(done);
  REQUIRE(*done);
  CHECK(std::filesystem::exists(dir / "p.svg"));
  CHECK_FALSE(pv.takeExportResult());

  pv.startExport(dir / "q.pdf");
  pv.cancelExport();
  settle(pool);
  done = pv.takeExportResult();
  REQUIRE(done);
  REQUIRE_FALSE(*done);
  CHECK(done->error().code == imaging::ErrorCode::Cancelled);
  CHECK_FALSE(std::filesystem::exists(dir / "q.pdf"));
}
