#pragma once
// GL textures for images, split into tiles no larger than the GPU allows, so
// a 24 MP photo shows at full resolution at 1:1. Entries unused for a while
// are freed; the model never holds a GPU handle.

#include <map>

#include "texture_source.h"

namespace canting::gui {

class GlTextures final : public TextureSource {
 public:
  GlTextures();
  ~GlTextures() override;
  const std::vector<TextureTile>& tiles(const std::string& key, int version, const cv::Mat& pixels) override;
  // Call once per frame: frees textures not drawn for a few seconds.
  void endFrame();

 private:
  struct Entry {
    int version = 0;
    std::vector<TextureTile> tiles;
    long lastUsed = 0;
  };
  void release(Entry& e);
  std::map<std::string, Entry> m_entries;
  long m_frame = 0;
  int m_maxTile = 4096;
};

}  // namespace canting::gui
