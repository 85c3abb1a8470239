#pragma once
// Galeri Outlet: the showroom for customers. Motifs on the left with their
// story, the chosen motif in twelve colourways (tap to enlarge, favourites,
// two side by side), the design on a product at true scale, and the order
// slip. Kiosk mode fills the screen and only a staff PIN leaves it; after a
// minute without a touch a slideshow runs (galeri_kiosk.cpp). The model is core::Showroom;
// staff log in through the training records' desk, which keeps the orders.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "canting/core/showroom.h"
#include "canting/records/desk.h"
#include "on_screen_keyboard.h"
#include "panel.h"

namespace canting::gui {

class GaleriPanel final : public Panel {
 public:
  enum class Tab { Colours, Product, Order, Orders };
  // The order form's text fields; in the kiosk each is typed on the on-screen keyboard.
  enum class Field { None, Customer, Contact, Note };

  core::WorkspaceId workspace() const override { return core::WorkspaceId::GaleriOutlet; }
  // Staff log in through the records AppSession's desk, shared with the training workspace.
  void draw(UiContext& ui) override;
  core::Showroom& showroom() { return m_room; }
  const core::Catalogue& catalogue() const { return m_catalogue; }
  bool kiosk() const { return m_room.kiosk; }
  void setTab(Tab t) { m_tab = t; }
  // Loads the catalogue, palettes, dye book and the first motif once.
  void ensureLoaded(UiContext& ui);
  // Starts loading a motif of the library on the task pool; it replaces the
  // one shown when ready (motifId() until then is the old one).
  void selectMotif(UiContext& ui, const std::string& id);
  const std::string& loadingMotif() const { return m_pendingMotif; }
  // The library's motifs in the gallery's order: the centre's own, newest first, then the bundled ones.
  static std::vector<const core::LibraryMotif*> shownMotifs(UiContext& ui);
  // Kiosk mode starts only when the records hold someone who can leave it
  // (outlet staff or an administrator); otherwise it says why and stays off.
  // It starts with nobody logged in, so a customer never acts as staff.
  bool startKiosk(UiContext& ui);
  const std::optional<std::string>& kioskRefusal() const { return m_kioskRefusal; }
  // Leaves kiosk mode if `desk.loginName` and `pin` are those of any outlet
  // staff member or administrator; that person is then logged in.
  imaging::Status leaveKiosk(records::Desk& desk, const std::string& pin);
  std::string& staffPin() { return m_pin; }
  // Opens the staff dialog: to log in (in the kiosk: for one order), or to leave the kiosk.
  void openStaffDialog(bool forOrder);
  // Fills the order form (for --show and tests).
  void fillOrder(const std::string& customer, const std::string& contact, int quantity);
  // Opens the on-screen keyboard on a field of the order form (galeri_kiosk.cpp), as tapping the field does in the kiosk.
  void openKeyboard(Field f);
  Field keyboardField() const { return m_kbField; }
  const OnScreenKeyboard& keyboard() const { return m_keyboard; }

 private:
  void drawTopBar(UiContext& ui, records::Desk& desk);
  void drawMotifs(UiContext& ui);
  void drawColours(UiContext& ui);
  void drawProduct(UiContext& ui);
  void drawOrder(UiContext& ui, records::Desk& desk);
  void drawOrders(UiContext& ui, records::Desk& desk);
  void drawAttract(UiContext& ui);
  void drawStaffDialog(UiContext& ui, records::Desk& desk);
  void drawKioskRefusal();
  // A text field of the order form: typed in place, or in the kiosk a big
  // button that opens the on-screen keyboard (galeri_kiosk.cpp).
  void orderField(UiContext& ui, Field f, const char* probeId);
  std::pair<char*, std::size_t> fieldBuffer(Field f);  // the form's buffer for a field; null for None
  void drawKeyboard(UiContext& ui);
  // Logs in desk.loginName with `pin`, keeping the login only if that person takes orders.
  imaging::Status loginAsStaff(records::Desk& desk, const std::string& pin, const char* what);
  bool staff(const records::Desk& desk) const;
  int lang(const UiContext& ui) const;

  core::Showroom m_room;
  std::string m_pendingMotif;  // being loaded on the task pool
  int m_selectTicket = 0;
  std::shared_ptr<int> m_alive = std::make_shared<int>(0);  // completions check it: the panel may be gone
  core::Catalogue m_catalogue;
  std::optional<imaging::DyeBook> m_book;
  bool m_loaded = false;
  Tab m_tab = Tab::Colours;
  int m_enlarged = -2;          // -2 none, -1 the original, else a colourway
  int m_version = 0;            // bumps when the motif changes (texture keys)
  int m_mockVersion = 0;
  std::string m_mockKey, m_warmKey;
  cv::Mat m_mock;
  double m_mockPxPerCm = 0;
  // Staff dialog: log in, or the PIN to leave kiosk mode. In the kiosk a
  // login is for one order: staff are logged out once it is saved.
  bool m_wantStaffDialog = false;
  bool m_loginForOrder = false;
  std::optional<std::string> m_kioskRefusal;  // why kiosk mode did not start
  std::string m_pin;
  std::optional<imaging::Error> m_staffError;
  // The order form.
  char m_customer[96] = {}, m_contact[64] = {}, m_note[160] = {};
  int m_quantity = 1;
  std::string m_lastOrder;
  // The on-screen keyboard and the field it types into (None: closed).
  OnScreenKeyboard m_keyboard;
  Field m_kbField = Field::None;
  bool m_wantKeyboard = false;
};

}  // namespace canting::gui
