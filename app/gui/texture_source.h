#pragma once
// Panels ask for textures through this interface and never touch GL, so the
// same panel code runs in the app (GL textures) and in headless tests (a fake).

#include <string>
#include <vector>

#include <imgui.h>
#include <opencv2/core.hpp>

namespace canting::gui {

struct TextureTile {
  ImTextureID id = nullptr;
  cv::Rect rect;  // the tile's pixels within the image
};

class TextureSource {
 public:
  virtual ~TextureSource() = default;
  // Tiles covering `pixels` (grey, BGR or BGRA; 8 or 16 bit). Uploaded when
  // `key` is new or `version` changed; cached otherwise.
  virtual const std::vector<TextureTile>& tiles(const std::string& key, int version, const cv::Mat& pixels) = 0;
};

}  // namespace canting::gui
