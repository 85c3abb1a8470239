#pragma once
// Colourways in the user's language. Imaging names a colourway with an
// English id ("complementary 27°", "random 3") and says why one cannot be
// dyed bath after bath as positions and a channel; this is where both become
// words, for the Studio, the gallery and `canting-cli colorways` alike.

#include <string>

#include "canting/core/i18n.h"
#include "canting/imaging/colorway.h"

namespace canting::core {

// "komplementer 27°", "acak 3", or a named palette's own name.
std::string colorwayName(const Translator& tr, const imaging::Colorway& colorway, bool withHue = true);
// The same from a label kept on its own (an order's colourway): the id is parsed back.
std::string colorwayName(const Translator& tr, const std::string& label, bool withHue = true);

// Why the colourway cannot be dyed in succession, naming the two colours and
// the light the later one reflects more of; empty when it can be.
std::string dyeabilityReason(const Translator& tr, const imaging::Colorway& colorway);

}  // namespace canting::core
