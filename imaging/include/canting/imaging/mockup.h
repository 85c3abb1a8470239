#pragma once
// Product previews for the outlet: a design on a kain panjang, a shirt, a
// shawl, a bag, an iket or a mask, drawn by this code (silhouettes in cm,
// folds and shading from simple fields; no photographs). The pattern is laid
// at its real scale: a motif W cm wide repeats every W cm on the product, so
// a 10 cm motif looks 10 cm on a shirt next to a 10 cm scale bar.

#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/imaging/error.h"

namespace canting::imaging {

enum class Product { KainPanjang, Kemeja, Selendang, Tas, Iket, Masker };
const char* productId(Product p);  // "kain-panjang", "kemeja", ... (stable, for files and the CLI)
std::optional<Product> parseProduct(const std::string& id);
const std::vector<Product>& allProducts();

struct MockupOptions {
  Product product = Product::Kemeja;
  double motifWidthCm = 10;     // one repeat of the motif across, on the cloth
  double widthCm = 0;           // the product's flat width; 0 = its usual size (see productDefaultSize)
  double heightCm = 0;          // likewise
  int heightPx = 900;           // of the whole picture
  bool scaleBar = true;         // a 10 cm bar under the product
  bool folds = true;            // fold shading and the slight sway it gives the pattern
};

struct Mockup {
  cv::Mat image;       // BGR 8-bit, on a gading-cream ground
  cv::Mat mask;        // 8-bit, 255 where the product is
  double pxPerCm = 0;  // the scale the product and its pattern are drawn at
  cv::Rect product;    // the product's bounding box in the image
};

// The usual flat size of each product in cm (width, height): a size-M shirt,
// a 250 x 105 kain panjang, ...; a catalogue size overrides it.
cv::Size2d productDefaultSize(Product p);

// Fails with InvalidArgument for an empty motif, a motif width outside
// 0.5..300 cm, a product size outside 5..400 cm or a height outside 64..8192 px.
Result<Mockup> renderMockup(const cv::Mat& motifBgr, const MockupOptions& options);

// The same in two halves, so a showroom switching colourways redraws in a
// frame: the scene (silhouette, shadow, folds, shading and where every pixel
// samples the repeat) depends on the product, its size and the motif's
// width and aspect; painting it with a motif is a remap and a multiply.
struct MockupScene {
  MockupOptions options;
  cv::Size2d sizeCm;
  double motifAspect = 1;   // motif rows / cols the scene was made for
  Mockup base;              // the ground with the shadow, the mask, the scale
  cv::Point2d origin;       // the product's top-left corner in px
  std::vector<cv::Point> outline;  // the silhouette in 1/16 px, drawn again over each paint
  cv::Size tile;            // the motif is resized to this before sampling
  cv::Mat mapX, mapY;       // CV_32F over base.product: where each pixel samples the (wrapped) tile
  cv::Mat shade;            // CV_32F over base.product: fold x edge x light, times the mask's coverage
};
Result<MockupScene> prepareMockup(cv::Size motifSize, const MockupOptions& options);
// Paints a motif of the scene's aspect (any size) onto the scene.
Result<Mockup> paintMockup(const MockupScene& scene, const cv::Mat& motifBgr);

}  // namespace canting::imaging
