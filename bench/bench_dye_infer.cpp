// `dye infer` on a 12 MP phone photo (issue 13's target: under 2 s): a cloth
// dyed by a known plan (sogan: medel, kerok, soga) repeated, turned, lit
// unevenly, colour-cast, noisy and saved as a JPEG by the tests'
// photographed-cloth generator. Timed as the CLI runs it: the JPEG decoded,
// the plan inferred, the masks and target written. The result is checked:
// no more baths than the plan the cloth was dyed with, its colours within
// mean dE00 4 of the photo's. `--quick` runs a small photo once, for CTest.

#include <cstdio>
#include <cstring>
#include <filesystem>

#include "bench_util.h"
#include "canting/imaging/dye_infer.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/memory.h"
#include "canting/imaging/motif.h"
#include "support/repeat_photo.h"

using namespace canting;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  imaging::keepLargeBuffers();
  auto book = imaging::loadDyeBook(fs::path(CANTING_ASSETS_DIR) / "dyes" / "dyes.json");
  if (!book) return 1;
  const char* planJson = R"({"steps":[{"op":"wax","layer":"outline"},{"op":"wax","layer":"isen"},{"op":"dye","dye":"indigo","concentration":50,"dips":8},
    {"op":"kerok","layer":"outline"},{"op":"wax","layer":"ground"},{"op":"dye","dye":"soga","concentration":100,"dips":5},{"op":"lorod"}]})";
  const int tilePx = quick ? 240 : 600;
  const double tileDpi = tilePx / (8 / 2.54);  // an 8 cm repeat
  // isen dots of 1.6 mm: 10 px in the photo
  test::RepeatPhotoSpec s = test::phonePhotoSpec(quick ? cv::Size(1200, 900) : cv::Size(4000, 3000), quick ? 2.0 : 1.33);
  s.tile = test::dyedTile(*book, imaging::MotifKind::Kawung, planJson, tilePx, tileDpi);
  if (s.tile.empty()) return 1;
  s.tileSize = s.tile.size();
  s.rotationDeg = 3;
  s.jpegQuality = 88;
  const fs::path dir = fs::temp_directory_path() / "canting-bench-dye-infer";
  fs::create_directories(dir);
  if (!imaging::saveImage(test::makeRepeatPhoto(s).photo, dir / "kain.jpg", {.jpegQuality = 88})) return 1;
  // The cloth the photo shows: its pixels over the cloth's pixels per cm.
  const double widthCm = s.photoSize.width / s.scale / (tileDpi / 2.54);

  imaging::InferredPlan in;
  bool ok = true;
  double cpu = 0;
  const double wall = bench::medianMs(quick ? 1 : 5, [&] {
    auto img = imaging::loadImage(dir / "kain.jpg");
    auto r = imaging::inferDyePlan(img->pixels, *book, {.clothWidthCm = widthCm});
    ok = ok && r && imaging::saveInferredLayers(*r, dir / "lapisan") && imaging::saveImage(r->target, dir / "lapisan" / "target.png");
    if (r) in = std::move(*r);
  }, &cpu);
  int baths = 0;
  for (const auto& step : in.plan.steps) baths += step.op == imaging::PlanStep::Op::Dye;
  std::printf("| operation | photo | median ms (wall) | CPU ms (median) |\n|---|---|---|---|\n");
  std::printf("| dye infer: decode, infer, write %zu masks + target (%dx%d) | %dx%d JPEG | %.0f | %.0f |\n", in.masks.size() + 3, in.target.cols,
              in.target.rows, s.photoSize.width, s.photoSize.height, wall, cpu);
  std::printf("  %zu colours, %d baths (the cloth was dyed in 2), predicted mean dE00 %.2f\n", in.colours.size(), baths, in.predictedDeltaE);
  for (std::size_t i = 0; i < in.colours.size(); ++i) std::printf("    %s %.3f\n", imaging::formatHex(in.colours[i]).c_str(), in.shares[i]);
  fs::remove_all(dir);
  if (!ok || baths < 1 || baths > 2 || in.predictedDeltaE > 4) {
    std::printf("FAILED: the plan read back is not the cloth's\n");
    return 1;
  }
  return 0;
}
