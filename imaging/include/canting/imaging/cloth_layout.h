#pragma once
// Cloth layouts in centimetres: where the body repeat, the borders
// (pinggiran), the sarung's kepala with its tumpal triangles and the iket's
// centre field go. Sizes come from assets/layouts/*.json (editable data);
// the renderer produces any band of rows, so a full cloth at 300 DPI streams
// to disk (see stream_export.h).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/imaging/error.h"
#include "canting/imaging/pattern.h"
#include "canting/imaging/stream_export.h"

namespace canting::imaging {

enum class ClothKind { KainPanjang, Sarung, Selendang, Iket };

struct ClothLayout {
  std::string id;              // "kain-panjang", "sarung", "selendang", "iket"
  std::string name;
  ClothKind kind = ClothKind::KainPanjang;
  double heightCm = 105, lengthCm = 250;
  double borderCm = 0;         // pinggiran width; 0 = none
  double kepalaFraction = 0;   // sarung: share of the length
  double fieldFraction = 0;    // iket: side of the plain centre square, share of the cloth
};

Result<std::vector<ClothLayout>> loadLayouts(const std::filesystem::path& file);
std::optional<ClothKind> parseClothKind(const std::string& id);

// Pixels for centimetres at a DPI, rounded to the nearest pixel.
int cmToPx(double cm, double dpi);

struct ClothRender {
  ClothLayout layout;
  double dpi = 300;
  cv::Mat motif;        // the body tile, 8-bit BGR, at print scale
  cv::Mat border;       // optional border tile (else the motif, darkened, is used)
  RepeatSpec repeat;    // of the body
};

Status checkCloth(const ClothRender& cloth);
cv::Size clothSize(const ClothRender& cloth);
// The whole cloth as rows on demand, ready for writeStreamed.
StreamedImage clothImage(const ClothRender& cloth);

}  // namespace canting::imaging
