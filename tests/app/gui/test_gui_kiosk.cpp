// The kiosk as a touch screen: the on-screen keyboard for the customer's
// name and contact, an order taken with mouse clicks alone, and every
// control a finger's height (48 px at 1366 x 768).

#include <catch2/catch.hpp>

#include <imgui.h>

#include "app.h"
#include "canting/records/app_session.h"
#include "canting/records/demo.h"
#include "harness.h"
#include "item_probe.h"
#include "on_screen_keyboard.h"

using namespace canting;
using canting::test::Harness;
using Key = gui::OnScreenKeyboard::Special;

namespace {

// The kiosk on the demo records, started as --kiosk does, with nobody logged in.
gui::GaleriPanel& demoKiosk(Harness& h) {
  REQUIRE(h.app->records().desk().useDemo(true));
  h.wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
  REQUIRE(h.app->galeri().startKiosk(h.app->ui()));
  h.frames(3);
  return h.app->galeri();
}

// The next UTF-8 character of `s` from `i`.
std::string nextChar(const std::string& s, std::size_t& i) {
  std::size_t n = 1;
  while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
  std::string c = s.substr(i, n);
  i += n;
  return c;
}

// Types `text` by clicking the keyboard's keys, shift when the case needs it.
void typeOnKeys(Harness& h, const std::string& text) {
  const gui::OnScreenKeyboard& kb = h.app->galeri().keyboard();
  for (std::size_t i = 0; i < text.size();) {
    std::string c = nextChar(text, i);
    if (c == " ") {
      h.click(h.centreOf("@kbd.space"));
      continue;
    }
    // Capitals: A-Z and the Latin-1 capitals (C3 80..9E) are their small letter less 0x20.
    const bool capital = (c.size() == 1 && c[0] >= 'A' && c[0] <= 'Z') || (c.size() == 2 && static_cast<unsigned char>(c[0]) == 0xC3 &&
                                                                            static_cast<unsigned char>(c[1]) < 0xA0);
    const bool small = (c.size() == 1 && c[0] >= 'a' && c[0] <= 'z') || (c.size() == 2 && static_cast<unsigned char>(c[1]) >= 0xA0);
    if (capital) c.back() = char(c.back() + 0x20);
    if ((capital && !kb.upper()) || (small && kb.upper())) h.click(h.centreOf("@kbd.shift"));
    h.click(h.centreOf("@kbd." + c));
  }
}

}  // namespace

TEST_CASE("the on-screen keyboard capitalises names, types the accented letters and takes back whole characters", "[gui][kiosk][keyboard]") {
  gui::OnScreenKeyboard kb;
  kb.open("", 95, true);
  CHECK(kb.upper());  // a name starts with a capital
  for (const char* k : {"s", "é", "n", "o"}) kb.press(k);
  kb.press(Key::Space);
  for (const char* k : {"s", "u", "h", "è", "n"}) kb.press(k);
  CHECK(kb.text() == "Séno Suhèn");
  kb.press(Key::Backspace);
  kb.press(Key::Backspace);  // "è" is two bytes and goes as one
  CHECK(kb.text() == "Séno Suh");
  kb.press(Key::Shift);
  kb.press("ë");
  kb.press("a");  // shift lasts one letter
  CHECK(kb.text() == "Séno SuhËa");
  kb.press(Key::Space);
  kb.press(Key::Shift);  // at a word's start shift gives a small letter: "bin", "van"
  kb.press("b");
  CHECK(kb.text() == "Séno SuhËa b");
  // Contacts are not names: no capitals unless asked; digits and + @ as they are.
  kb.open("", 8, false);
  for (const char* k : {"+", "6", "2", "a", "@"}) kb.press(k);
  CHECK(kb.text() == "+62a@");
  // The limit is in bytes, and a two-byte letter is never cut in half.
  for (const char* k : {"x", "y", "é"}) kb.press(k);
  CHECK(kb.text() == "+62a@xy");  // one byte left: no room for é
  kb.press("z");
  kb.press(Key::Space);
  CHECK(kb.text() == "+62a@xyz");
  for (int i = 0; i < 12; ++i) kb.press(Key::Backspace);
  CHECK(kb.text().empty());
}

TEST_CASE("a customer orders in the kiosk with mouse clicks only: name and contact on the on-screen keyboard", "[gui][kiosk][keyboard]") {
  Harness h;
  records::Desk& desk = h.app->records().desk();
  gui::GaleriPanel& g = demoKiosk(h);
  // Colourway, product, order: taps.
  h.click(h.centreOf("@showroom.colorway.2"));
  h.frames(1);
  h.click(h.centreOf("@showroom.on_product"));
  h.frames(1);
  h.click(h.centreOf("@showroom.product.kemeja-pendek"));
  h.click(h.centreOf("@showroom.order_this"));
  h.frames(1);
  // The name: the field opens the keyboard, keys type, Done closes it.
  h.click(h.centreOf("@showroom.field.customer"));
  h.frames(1);
  REQUIRE(g.keyboardField() == gui::GaleriPanel::Field::Customer);
  typeOnKeys(h, "Séno Wibowo");
  h.click(h.centreOf("@kbd.back"));
  typeOnKeys(h, "o");
  h.click(h.centreOf("@kbd.done"));
  h.frames(1);
  CHECK(g.keyboardField() == gui::GaleriPanel::Field::None);
  CHECK(h.textFrame().find("Séno Wibowo") != std::string::npos);  // the field shows it
  h.click(h.centreOf("@showroom.field.contact"));
  h.frames(1);
  REQUIRE(g.keyboardField() == gui::GaleriPanel::Field::Contact);
  typeOnKeys(h, "+62 812 3456 7890");
  h.click(h.centreOf("@kbd.done"));
  h.frames(1);
  h.click(h.centreOf("@showroom.qty_plus"));
  // Staff confirm it with their name and PIN on the keypad, and save.
  h.click(h.centreOf("@showroom.kiosk_staff_login"));
  h.frames(1);
  const auto& staffLogin = records::demoLogins()[4];
  const auto names = desk.loginNames();
  const auto at = std::find(names.begin(), names.end(), std::string(staffLogin.name)) - names.begin();
  h.click(h.centreOf("@showroom.staff_name." + std::to_string(at)));
  for (const char* p = staffLogin.pin; *p; ++p) h.click(h.centreOf(std::string("@pin_kiosk.") + *p));
  h.click(h.centreOf("@showroom.staff_ok"));
  h.frames(1);
  REQUIRE(desk.actor());
  h.click(h.centreOf("@showroom.save_order"));
  h.frames(2);
  // Not a key pressed nor a character typed on the way.
  for (bool down : ImGui::GetIO().KeysDown) CHECK_FALSE(down);
  CHECK(ImGui::GetIO().InputQueueCharacters.empty());
  auto staff = desk.store()->login(staffLogin.name, staffLogin.pin);
  REQUIRE(staff);
  auto orders = desk.store()->orders(*staff);
  REQUIRE(orders);
  REQUIRE(orders->size() == 1);
  CHECK(orders->front().customer == "Séno Wibowo");
  CHECK(orders->front().contact == "+62 812 3456 7890");
  CHECK(orders->front().quantity == 2);
  CHECK(orders->front().productId == "kemeja-pendek");
  CHECK(h.app->kiosk());
  CHECK_FALSE(desk.actor());  // back to the customer view
}

TEST_CASE("every control drawn in the kiosk is at least 48 px high at 1366 x 768", "[gui][kiosk]") {
  Harness h;
  gui::GaleriPanel& g = demoKiosk(h);
  REQUIRE(ImGui::GetIO().DisplaySize.x == 1366);
  std::set<std::string> seen;
  // Every item the probe saw in this state; each must be a finger's height.
  auto checkState = [&](const char* state) {
    gui::probe::clear();
    h.frames(2);
    INFO(state);
    const auto ids = gui::probe::ids();
    CHECK(!ids.empty());
    for (const auto& id : ids) {
      const auto r = gui::probe::find(id);
      INFO(id << " is " << (r->max.y - r->min.y) << " px high");
      CHECK(r->max.y - r->min.y >= 48.f);
      seen.insert(id);
    }
  };
  checkState("colours");
  h.click(h.centreOf("@showroom.colorway.0"));
  checkState("one colourway enlarged");
  h.click(h.centreOf("@showroom.back_to_grid"));
  h.frames(1);
  h.click(h.centreOf("@showroom.compare.1"));
  h.click(h.centreOf("@showroom.compare.3"));
  checkState("two side by side");
  h.click(h.centreOf("@showroom.back_to_grid"));
  h.frames(1);
  g.setTab(gui::GaleriPanel::Tab::Product);
  checkState("product");
  g.setTab(gui::GaleriPanel::Tab::Order);
  checkState("order");
  h.click(h.centreOf("@showroom.field.customer"));
  checkState("keyboard");
  h.click(h.centreOf("@kbd.done"));
  h.click(h.centreOf("@showroom.kiosk_staff_login"));
  checkState("staff login for an order");
  h.click(h.centreOf("@showroom.cancel"));
  h.click(h.centreOf("@showroom.leave_kiosk"));
  checkState("leaving");
  // The states covered every kind of control there is in the kiosk.
  for (const char* id : {"@showroom.lang_id", "@showroom.lang_en", "@showroom.leave_kiosk", "@showroom.tab.colours", "@showroom.fav.0",
                         "@showroom.compare.0", "@showroom.favourite", "@showroom.on_product", "@showroom.back_to_grid",
                         "@showroom.product.kemeja-pendek", "@showroom.size.0", "@showroom.cm_plus", "@showroom.order_this",
                         "@showroom.field.customer", "@showroom.field.contact", "@showroom.field.note", "@showroom.qty_minus",
                         "@showroom.qty_plus", "@showroom.save_order", "@showroom.kiosk_staff_login", "@kbd.a", "@kbd.é", "@kbd.shift",
                         "@kbd.space", "@kbd.back", "@kbd.done", "@showroom.staff_name.0", "@pin_kiosk.5", "@showroom.staff_ok",
                         "@showroom.cancel"})
    CHECK(seen.count(id));
}
