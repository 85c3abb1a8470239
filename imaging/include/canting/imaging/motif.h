#pragma once
// Procedural motifs and isen-isen fillers. A generator returns layers, not
// only a picture, so the dye lab can wax them one by one:
//   outline (klowong) - the lines drawn first with the canting,
//   isen              - the fillers inside the shapes (dots, fine lines),
//   ground            - everything else.
// The three masks are disjoint and together cover the tile. Sizes are in
// millimetres at the design's DPI, so a 1.5 mm line matches a canting spout.

#include <cstdint>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "canting/imaging/error.h"

namespace canting::imaging {

// Parang carries its mlinjon diamonds; lereng and udan liris are the diagonal
// family without them.
enum class MotifKind { Kawung, Parang, Ceplok, Truntum, Nitik, MegaMendung, Semen, Lereng, UdanLiris };
constexpr int kMotifKinds = int(MotifKind::UdanLiris) + 1;
const char* motifName(MotifKind kind);  // "kawung", "parang", ..., "mega-mendung", "semen", "lereng", "udan-liris"
std::optional<MotifKind> parseMotif(const std::string& name);

enum class IsenKind { Cecek, Sawut, CecekPitu, Ukel, Sisik, Galaran };
const char* isenName(IsenKind kind);
std::optional<IsenKind> parseIsen(const std::string& name);

struct MotifParams {
  int size = 1200;          // tile side in pixels (one repeat unit)
  double dpi = 300;         // print scale: with size 1200 the tile is 10 cm
  double lineMm = 1.5;      // outline width (canting rengreng: 1-2.5 mm)
  double isenMm = 0.8;      // filler stroke (canting isen: 0.5-1.5 mm)
  double density = 1.0;     // more or fewer elements per tile (0.5..2)
  std::uint32_t seed = 1;   // for the scattered motifs
};

struct MotifLayers {
  cv::Mat outline, isen, ground;  // CV_8U masks, 255 inside
  cv::Mat picture;                // 8-bit BGR: a drawing of the layers for people
};

Status checkMotifParams(const MotifParams& params);
Result<MotifLayers> generateMotif(MotifKind kind, const MotifParams& params);

// Isen strokes filling `region` (CV_8U mask) with the given spacing and
// stroke in millimetres at `dpi`, kept `margin` stroke-widths off its edge.
cv::Mat fillIsen(const cv::Mat& region, IsenKind kind, double spacingMm, double strokeMm, double dpi, std::uint32_t seed = 1);

// The picture of a set of layers in the pola's colours (ground gading,
// outline soga tua, isen soga).
cv::Mat drawLayers(const cv::Mat& outline, const cv::Mat& isen);

}  // namespace canting::imaging
