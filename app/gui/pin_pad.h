#pragma once
// The PIN keypad shared by the training login and the outlet's kiosk:
// large keys for a mouse or a finger, digits from the keyboard too.

#include <string>

#include "ui_context.h"

namespace canting::gui {

// Draws the dots and a 4 x 3 keypad; edits `pin` (up to 12 digits). Keys are
// probed as "<probe>.<key>" ('0'..'9', 'C' clear, '<' back).
void drawPinPad(UiContext& ui, std::string& pin, const std::string& probe, float keySize);

}  // namespace canting::gui
