// The wax layers (outline, isen, ground) from a motif picture or a folder of masks.
#include "canting/imaging/dye.h"

#include <opencv2/imgproc.hpp>

#include "canting/imaging/image_io.h"
#include "canting/imaging/pola.h"

namespace canting::imaging {

namespace fs = std::filesystem;

Result<Layers> layersFromImage(const cv::Mat& image, double dpi, double isenMaxMm) {
  auto pola = extractPola(image, dpi);
  if (!pola) return pola.error();
  const cv::Mat lines = *pola < 128;
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(lines, labels, stats, centroids, 8, CV_32S);
  const int maxPx = std::max(1, int(std::lround(isenMaxMm / 25.4 * dpi)));
  std::vector<std::uint8_t> isIsen(std::size_t(std::max(n, 1)), 0);
  for (int i = 1; i < n; ++i)
    isIsen[std::size_t(i)] = stats.at<int>(i, cv::CC_STAT_WIDTH) <= maxPx && stats.at<int>(i, cv::CC_STAT_HEIGHT) <= maxPx;
  Layers l;
  l.outline = cv::Mat(lines.size(), CV_8U, cv::Scalar(0));
  l.isen = cv::Mat(lines.size(), CV_8U, cv::Scalar(0));
  for (int y = 0; y < labels.rows; ++y) {
    const int* lab = labels.ptr<int>(y);
    std::uint8_t* o = l.outline.ptr<std::uint8_t>(y);
    std::uint8_t* is = l.isen.ptr<std::uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x)
      if (lab[x] > 0) (isIsen[std::size_t(lab[x])] ? is[x] : o[x]) = 255;
  }
  l.ground = ~(l.outline | l.isen);
  return l;
}

Result<Layers> loadLayers(const fs::path& dir) {
  Layers l;
  for (auto [name, mask] : {std::pair{"outline", &l.outline}, std::pair{"isen", &l.isen}, std::pair{"ground", &l.ground}}) {
    auto img = loadImage(dir / (std::string(name) + ".png"));
    if (!img) return img.error();
    cv::Mat g = img->pixels;
    if (g.channels() > 1) cv::cvtColor(g, g, g.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    if (g.depth() != CV_8U) g.convertTo(g, CV_8U, g.depth() == CV_16U ? 1.0 / 257 : 255.0);
    *mask = g > 127;
    if (!l.outline.empty() && mask->size() != l.outline.size())
      return makeError(ErrorCode::InvalidArgument, {{"what", (dir / (std::string(name) + ".png")).string()}}, "layers differ in size");
  }
  l.dir = dir;
  return l;
}

}  // namespace canting::imaging
