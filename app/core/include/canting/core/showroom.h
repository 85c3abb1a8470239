#pragma once
// Galeri Outlet's model: the catalogue of products the outlet sells, the
// chosen motif in up to 12 colourways, favourites and a pair to compare, the
// product preview at true scale, kiosk mode with its attract slideshow, and
// the order slip. No GUI here; orders go through OrderStore, which the
// training records implement over their SQLite store.

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/imaging/colorway.h"
#include "canting/imaging/dye.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/mockup.h"
#include "canting/imaging/recolor.h"

namespace canting::core {

// ---- catalogue (assets/showroom/katalog.json, or the user's copy in the data folder)

struct CatalogueSize {
  std::string label;        // S, M, L, XL, "250 x 105"
  double widthCm = 0, lengthCm = 0;
  long long price = 0;      // rupiah
};
struct CatalogueProduct {
  std::string id;
  imaging::Product kind = imaging::Product::Kemeja;
  std::string name[2];      // [Indonesian, English]
  std::vector<CatalogueSize> sizes;
  int leadDays = 0;         // working days to make it
};
struct CatalogueProblem {
  int index = -1;           // position in "products", -1 for the file as a whole
  std::string id;           // the entry's id, when it has one
  std::string reasonKey;    // showroom.bad.* translation key
};
struct Catalogue {
  std::vector<CatalogueProduct> products;
  std::vector<CatalogueProblem> problems;  // entries skipped, with why
  std::string note;                        // e.g. "prices are examples"
};
// A file that cannot be read or is not JSON fails; a bad entry is reported in
// `problems` and skipped, and the good ones load.
imaging::Result<Catalogue> loadCatalogue(const std::filesystem::path& file);
// The outlet's own catalogue (katalog.json in the data folder) when there is
// one, else the example in the assets: the gallery and the CLI read the same.
std::filesystem::path catalogueFile(const std::filesystem::path& dataFolder, const std::filesystem::path& assets);

// ---- orders

struct OrderSwatch {
  std::string hex;          // #RRGGBB
  std::string dye;          // the nearest dye of the dye book, when the colourway can be dyed
};
struct Order {
  std::string number;       // PSN-2026-0001, given by the store
  std::string createdAt;
  std::string customer, contact;
  std::string motifId, motifName, colorway;
  std::vector<OrderSwatch> swatches;
  bool dyeable = false;
  std::string productId, productName, size;
  int quantity = 1;
  long long unitPrice = 0;
  int leadDays = 0;
  std::string staff, note;
  long long total() const { return unitPrice * quantity; }
};

class OrderStore {
 public:
  virtual ~OrderStore() = default;
  // Gives the order its running number and keeps it.
  virtual imaging::Result<std::string> place(Order& order) = 0;
  virtual imaging::Result<std::vector<Order>> list() const = 0;
};

// "Rp 350.000" (Indonesian thousands separator).
std::string formatRupiah(long long amount);

// ---- the showroom

// A motif as the showroom uses it: decoded (within `load`'s limits), 8-bit
// BGR, its long side at most `maxSide`. Photos and repeat tiles can be tens of
// megapixels; a customer's screen needs no more, and the gallery (on a worker)
// and the CLI make the same colourways from the same pixels.
imaging::Result<cv::Mat> loadShowroomMotif(const std::filesystem::path& image, const imaging::LoadOptions& load = {}, int maxSide = 1400);

// What choosing a motif computes: the motif, its palette and colourways with
// their thumbnails. Made by Showroom::prepareMotif (the gallery runs it on a
// worker) and put in place by Showroom::setMotif.
struct ShowroomMotif {
  std::string id, name;
  cv::Mat motif, small;  // as given (8-bit BGR); grid thumbnail
  cv::Mat tile;          // what the mock-ups repeat: a photo's raport tile, else the motif (photo_raport.h)
  std::optional<double> tileCm;  // the tile's width on the cloth, when the motif's real width is known
  imaging::Palette palette;
  imaging::ColorIndex smallIndex;
  std::vector<imaging::Colorway> colorways;
  std::vector<cv::Mat> thumbs;
};

class Showroom {
 public:
  static constexpr int kMaxColorways = 12;
  static constexpr double kAttractSeconds = 60;

  // Extracts the motif's palette and makes its colourways: one per named
  // palette, harmony variations, then natural-dye draws, up to 12; and a
  // thumbnail of each at most `thumbPx` on its long side.
  imaging::Status selectMotif(const std::string& id, const std::string& name, const cv::Mat& bgr,
                              const std::vector<imaging::Palette>& palettes, int thumbPx = 360);
  // The same in two steps: the work (no state of the showroom; any thread), then the swap.
  // `widthCm`: the motif's real width on the cloth, when known (a photo's
  // raport tile at its real scale, LibraryMotif::widthCm); the mock-ups then
  // print its tile at that size (motifCm) when it is put in place.
  static imaging::Result<ShowroomMotif> prepareMotif(const std::string& id, const std::string& name, const cv::Mat& bgr,
                                                     const std::vector<imaging::Palette>& palettes, int thumbPx = 360,
                                                     std::optional<double> widthCm = std::nullopt);
  void setMotif(ShowroomMotif motif);
  const std::string& motifId() const { return m_motifId; }
  const std::string& motifName() const { return m_motifName; }
  const std::vector<imaging::Colorway>& colorways() const { return m_colorways; }
  const std::vector<cv::Mat>& thumbnails() const { return m_thumbs; }
  // The motif in colourway i at full size (-1: as it is).
  cv::Mat colorwayImage(int i);
  const imaging::Palette& palette() const { return m_palette; }

  // Tap to choose; favourites; a pair side by side.
  int chosen = -1;
  void toggleFavourite(int i);
  bool isFavourite(int i) const { return m_favourites.count(i) != 0; }
  const std::set<int>& favourites() const { return m_favourites; }
  // The first tap fills the left, the second the right; a third starts again.
  void addToCompare(int i);
  const std::vector<int>& compare() const { return m_compare; }
  void clearCompare() { m_compare.clear(); }

  // The product preview: the chosen colourway on a catalogue product and size.
  int product = 0, size = 0;
  double motifCm = 10;
  imaging::Result<imaging::Mockup> mockup(const Catalogue& catalogue, int heightPx);
  // Makes the scenes of every catalogue product at the current size choice and
  // motif width ahead of time (the product tab calls this once), so that a
  // tap on another product is a repaint too.
  void warmScenes(const Catalogue& catalogue, int heightPx);

  // The swatches of colourway i with the dye book's nearest dye for each,
  // when the colourway can be dyed in succession.
  std::vector<OrderSwatch> swatches(int i, const imaging::DyeBook* book, int language) const;
  // An order slip with everything but the customer filled in from the choices.
  Order draft(const Catalogue& catalogue, const imaging::DyeBook* book, int language) const;

  // Kiosk: touch-friendly, no way out without a staff PIN; after a minute
  // without input an attract slideshow runs until the next touch.
  bool kiosk = false;
  void input(double now) { m_lastInput = now; }
  bool attracting(double now) const { return kiosk && now - m_lastInput >= kAttractSeconds; }
  double lastInput() const { return m_lastInput; }

 private:
  std::string m_motifId, m_motifName;
  cv::Mat m_motif, m_small, m_preview;  // as given; grid thumbnail; product preview (<= 1024 px)
  cv::Mat m_tile;                        // what the mock-ups repeat (ShowroomMotif::tile)
  imaging::Palette m_palette;
  imaging::ColorIndex m_smallIndex;
  std::optional<imaging::ColorIndex> m_fullIndex;
  std::vector<std::pair<int, cv::Mat>> m_big;  // the last colourways asked for at full size, oldest first
  imaging::ColorIndex m_previewIndex;
  // Product scenes are kept by product, size, motif width, height and the
  // motif's aspect, so switching colourway or going back to a product is a
  // repaint; only a product not seen yet at this size makes a new scene.
  std::map<std::string, imaging::MockupScene> m_scenes;
  imaging::Result<const imaging::MockupScene*> scene(const Catalogue& catalogue, int productIndex, int heightPx);
  std::vector<imaging::Colorway> m_colorways;
  std::vector<cv::Mat> m_thumbs;
  std::set<int> m_favourites;
  std::vector<int> m_compare;
  double m_lastInput = 0;
};

}  // namespace canting::core
