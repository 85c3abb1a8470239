#pragma once
// Loading and saving images. Every path through here returns a typed Error
// for bad input; nothing throws, nothing aborts, and a header is checked
// against the limits before a single pixel buffer is allocated.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <vector>

#include "canting/imaging/error.h"
#include "canting/imaging/image.h"

namespace canting::imaging {

struct LoadOptions {
  std::uint64_t maxPixels = 200'000'000;             // refuse larger images before decoding
  std::uint64_t maxFileBytes = 1ull << 31;           // 2 GiB
};

// Reads the header only: format, size, depth, colour model, DPI, orientation.
// Also finds files cut short (a missing PNG IEND, JPEG EOI, short pixel data).
Result<ImageHeader> probeImage(std::span<const std::uint8_t> bytes);

// Checks a probed header against the options (zero size, pixel limit).
Status checkLimits(const ImageHeader& header, const LoadOptions& options);

// Start-up, before any thread: sets OpenCV's own pixel limit
// (OPENCV_IO_MAX_IMAGE_PIXELS) to options.maxPixels, silences OpenCV's log and
// keeps its error text for the errors' detail. OpenCV 4.6 reads the variable
// once, when libopencv_imgcodecs is loaded (before main), so when it must
// change and argv is given the program starts itself again (/proc/self/exe)
// with it set; without argv the variable is set for child processes only.
// Returns whether OpenCV's limit in this process is options.maxPixels.
bool applyDecoderLimits(const LoadOptions& options, char** argv = nullptr);

Result<Image> decodeImage(std::span<const std::uint8_t> bytes, const LoadOptions& options = {});
Result<Image> loadImage(const std::filesystem::path& path, const LoadOptions& options = {});

// For looking at, not for working on: the image at the smallest size whose
// longer side is still at least `minEdge` (whole when it is no larger),
// upright as loadImage gives it, 8-bit grey or BGR for JPEG. JPEG is decoded at
// 1/2, 1/4 or 1/8 by libjpeg's DCT scaling (a 24 MP photo for a 1400 px
// preview: 1/4, a sixteenth of the pixels); other formats decode whole. The
// limits apply to the file's own size, as for loadImage.
struct ScaledImage {
  Image image;     // source is the file's header; dpi divided by the scale, so sizes in cm stay true
  int scale = 1;   // the reduction per side: 1, 2, 4 or 8
};
Result<ScaledImage> decodeImageScaled(std::span<const std::uint8_t> bytes, int minEdge, const LoadOptions& options = {});
Result<ScaledImage> loadImageScaled(const std::filesystem::path& path, int minEdge, const LoadOptions& options = {});
// The largest of 8, 4 and 2 whose reduced longer side ceil(edge / scale) is
// still >= minEdge, else 1.
int jpegScaleFor(int width, int height, int minEdge);

enum class TiffCompression { None, Lzw, Deflate };

struct SaveOptions {
  std::optional<ImageFormat> format;  // default: from the file extension
  int jpegQuality = 92;               // 1..100
  TiffCompression tiffCompression = TiffCompression::Deflate;
  std::optional<Dpi> dpi;             // written to PNG pHYs, JPEG JFIF, TIFF tags
};

// Encodes to bytes. JPEG has no alpha: transparent areas are laid on white,
// like paper; 16-bit input is reduced to 8 bits where the format needs it.
Result<std::vector<std::uint8_t>> encodeImage(const cv::Mat& pixels, ImageFormat format,
                                              const SaveOptions& options = {});
// Encodes and writes atomically: the old file survives any failure.
Status saveImage(const cv::Mat& pixels, const std::filesystem::path& path,
                 const SaveOptions& options = {});

// Distinct colours (alpha included where present) of decoded pixels.
std::uint64_t countDistinctColors(const cv::Mat& pixels);

}  // namespace canting::imaging
