#pragma once
// Colourways in the user's language. Imaging names a colourway with an
// English id ("complementary 27°", "random 3") and says why one cannot be
// dyed bath after bath as positions and a channel; this is where both become
// words, for the Studio, the gallery and `canting-cli colorways` alike.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

// How the colours are dyed, in one sentence: bath after bath, with kerok and
// mbironi (and which colours could be painted by colet instead), or the colour
// that no hand process reaches and why.
std::string dyeProcessSummary(const Translator& tr, const std::vector<imaging::Lab>& colours, const imaging::DyeProcess& process);
// The steps, one line each: wax, dye bath, kerok, mbironi, lorod, naming the
// colours (as hex) each step acts on. Empty when not dyeable.
std::vector<std::string> dyeProcessSteps(const Translator& tr, const std::vector<imaging::Lab>& colours, const imaging::DyeProcess& process);
// The plan for files and scripts (`colorways.json`, `dye check-colourway --json`):
// {"dyeable", "succession", "kerok", "cloth", "baths": [hex], "steps": [{"step", "colours": [hex], "bath"}],
//  "colet_instead": [hex], "blocking": hex|null, "reason": text}.
nlohmann::json dyeProcessJson(const Translator& tr, const std::vector<imaging::Lab>& colours, const imaging::DyeProcess& process);
// The name of a step kind ("wax", "dye", "kerok", "mbironi", "lorod"): an id for files, not for the screen.
const char* processStepId(imaging::ProcessStepKind kind);

}  // namespace canting::core
