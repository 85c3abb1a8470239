#pragma once
// The facts about an image that people read (size in px and cm, DPI,
// channels, depth, orientation, colours), translated and formatted once for
// the info panel and `canting-cli info` alike.

#include <optional>
#include <string>
#include <vector>

#include "canting/core/i18n.h"
#include "canting/imaging/image.h"

namespace canting::core {

struct Fact {
  std::string labelKey;  // translation key of the label
  std::string value;     // already translated and formatted
};

// `distinctColors` empty: still being counted. An image with no pixels (its
// header alone) is described by the header's upright size.
// `previewFactor` over 1: the pixels are a reduced preview of the file, whose own size is shown with them.
std::vector<Fact> imageFacts(const imaging::Image& image, const Translator& tr,
                             std::optional<std::uint64_t> distinctColors, int previewFactor = 1);

}  // namespace canting::core
