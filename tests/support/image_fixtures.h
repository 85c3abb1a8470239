#pragma once
// Builders for image files that OpenCV will not write for us (grey+alpha PNG,
// CMYK JPEG, EXIF-rotated JPEG, lying headers), made byte by byte in the test
// so that every hostile case is reproducible from source.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace canting::test {

using Bytes = std::vector<std::uint8_t>;

// A PNG with the given IHDR fields; `rows` are raw scanlines without filter
// bytes. With `lieWidth/lieHeight` the IHDR claims another size.
Bytes makePng(int width, int height, int colorType, int bitDepth, const Bytes& rows,
              int lieWidth = 0, int lieHeight = 0);
// A JPEG written with libjpeg from packed samples: 1 grey, 3 RGB or 4 CMYK
// components; luma sampling 1x1 (4:4:4), 2x1 (4:2:2) or 2x2 (4:2:0), for RGB
// and YCCK (whose first component is luma too).
struct JpegOptions {
  int quality = 85;
  bool progressive = false;
  int restartRows = 0;
  int hSamp = 1, vSamp = 1;
  bool ycck = false;  // 4 components stored as Adobe YCCK instead of plain CMYK
};
Bytes makeJpeg(int width, int height, int components, const std::uint8_t* samples, const JpegOptions& options);
// A CMYK JPEG (Adobe-inverted storage, as Photoshop writes it): `cmyk` holds
// width*height*4 bytes.
Bytes makeCmykJpeg(int width, int height, const Bytes& cmyk);
// Inserts an EXIF APP1 with the given orientation right after SOI.
Bytes withExifOrientation(const Bytes& jpeg, int orientation);

Bytes readAll(const std::filesystem::path& p);
void writeAll(const std::filesystem::path& p, const Bytes& b);

// A fresh empty directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

}  // namespace canting::test
