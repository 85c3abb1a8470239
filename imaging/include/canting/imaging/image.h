#pragma once
// The in-memory image and what its file said about itself.

#include <cstdint>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

namespace canting::imaging {

enum class ImageFormat { Unknown, Png, Jpeg, Tiff, Bmp, WebP };

// How the file stores colour; the decoded pixels are always grey, BGR or BGRA.
enum class ColorModel { Grey, GreyAlpha, Rgb, Rgba, Palette, PaletteAlpha, Cmyk, YCbCr };

struct Dpi {
  double x = 0;
  double y = 0;
};

struct ImageHeader {
  ImageFormat format = ImageFormat::Unknown;
  int width = 0;   // as stored, before EXIF orientation
  int height = 0;
  int channels = 0;  // as stored in the file (grey+alpha is 2, CMYK is 4)
  int bitDepth = 8;  // bits per channel (per index for palettes)
  ColorModel model = ColorModel::Rgb;
  std::optional<Dpi> dpi;
  int orientation = 1;  // EXIF/TIFF orientation 1..8; 1 is upright
  // Pixels of the largest strip or tile a decoder buffers at once (TIFF);
  // checked against the pixel limit like the image itself. 0: whole image.
  std::uint64_t blockPixels = 0;

  // Size as the viewer sees it, after the orientation is applied.
  int uprightWidth() const { return orientation >= 5 ? height : width; }
  int uprightHeight() const { return orientation >= 5 ? width : height; }
};

struct Image {
  // Upright pixels, CV_8U or CV_16U, with 1 (grey), 3 (BGR) or 4 (BGRA) channels.
  cv::Mat pixels;
  ImageHeader source;
  std::optional<Dpi> dpi;  // starts as source.dpi; the user may set it
};

const char* formatName(ImageFormat format);       // "PNG", "JPEG", ...
const char* colorModelName(ColorModel model);     // "grey", "grey+alpha", "RGB", ...
// By file extension, case-insensitive; Unknown when not one we write.
ImageFormat formatFromExtension(const std::string& path);

}  // namespace canting::imaging
