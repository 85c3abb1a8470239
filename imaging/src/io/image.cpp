#include "canting/imaging/image.h"

#include "canting/base/text.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace canting::imaging {

const char* formatName(ImageFormat f) {
  switch (f) {
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Tiff: return "TIFF";
    case ImageFormat::Bmp: return "BMP";
    case ImageFormat::WebP: return "WebP";
    case ImageFormat::Unknown: break;
  }
  return "?";
}

const char* colorModelName(ColorModel m) {
  switch (m) {
    case ColorModel::Grey: return "grey";
    case ColorModel::GreyAlpha: return "grey+alpha";
    case ColorModel::Rgb: return "RGB";
    case ColorModel::Rgba: return "RGBA";
    case ColorModel::Palette: return "palette";
    case ColorModel::PaletteAlpha: return "palette+alpha";
    case ColorModel::Cmyk: return "CMYK";
    case ColorModel::YCbCr: return "YCbCr";
  }
  return "?";
}

ImageFormat formatFromExtension(const std::string& path) {
  const std::string ext = base::asciiLower(std::filesystem::path(path).extension().string());
  if (ext == ".png") return ImageFormat::Png;
  if (ext == ".jpg" || ext == ".jpeg" || ext == ".jpe") return ImageFormat::Jpeg;
  if (ext == ".tif" || ext == ".tiff") return ImageFormat::Tiff;
  if (ext == ".bmp") return ImageFormat::Bmp;
  if (ext == ".webp") return ImageFormat::WebP;
  return ImageFormat::Unknown;
}

}  // namespace canting::imaging
