#define GL_GLEXT_PROTOTYPES
#include "gl_textures.h"

#include <GLFW/glfw3.h>

#include <opencv2/imgproc.hpp>

namespace canting::gui {

GlTextures::GlTextures() {
  GLint max = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max);
  if (max > 0) m_maxTile = std::min(4096, int(max));
}

GlTextures::~GlTextures() {
  for (auto& [k, e] : m_entries) release(e);
}

void GlTextures::release(Entry& e) {
  for (auto& t : e.tiles) {
    GLuint id = GLuint(reinterpret_cast<std::uintptr_t>(t.id));
    glDeleteTextures(1, &id);
  }
  e.tiles.clear();
}

const std::vector<TextureTile>& GlTextures::tiles(const std::string& key, int version, const cv::Mat& pixels) {
  Entry& e = m_entries[key];
  e.lastUsed = m_frame;
  if (e.version == version && !e.tiles.empty()) return e.tiles;
  release(e);
  e.version = version;
  // GL wants RGBA bytes; convert once per upload, tile by tile.
  cv::Mat src = pixels;
  if (src.depth() == CV_16U) src.convertTo(src, CV_8U, 1.0 / 257.0);
  cv::Mat rgba;
  switch (src.channels()) {
    case 1: cv::cvtColor(src, rgba, cv::COLOR_GRAY2RGBA); break;
    case 3: cv::cvtColor(src, rgba, cv::COLOR_BGR2RGBA); break;
    default: cv::cvtColor(src, rgba, cv::COLOR_BGRA2RGBA); break;
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  for (int y = 0; y < rgba.rows; y += m_maxTile)
    for (int x = 0; x < rgba.cols; x += m_maxTile) {
      const cv::Rect r(x, y, std::min(m_maxTile, rgba.cols - x), std::min(m_maxTile, rgba.rows - y));
      const cv::Mat tile = rgba(r).clone();
      GLuint id = 0;
      glGenTextures(1, &id);
      glBindTexture(GL_TEXTURE_2D, id);
      glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, r.width, r.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, tile.data);
      glGenerateMipmap(GL_TEXTURE_2D);
      // Smooth when zoomed out; crisp pixels when zoomed in, as artisans check lines.
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
      e.tiles.push_back(TextureTile{reinterpret_cast<ImTextureID>(std::uintptr_t(id)), r});
    }
  return e.tiles;
}

void GlTextures::endFrame() {
  ++m_frame;
  for (auto it = m_entries.begin(); it != m_entries.end();) {
    if (m_frame - it->second.lastUsed > 600) {
      release(it->second);
      it = m_entries.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace canting::gui
