// The outlet's gallery headless: customers choosing colourways and products,
// staff and their orders, and the kiosk that only staff can leave.

#include <catch2/catch.hpp>

#include <imgui.h>
#include <opencv2/imgproc.hpp>

#include "app.h"
#include "canting/records/app_session.h"
#include "canting/records/demo.h"
#include "../records/records_fixture.h"  // pdfText
#include "canting/core/colorway_text.h"
#include "harness.h"
#include "item_probe.h"
#include "support/image_fixtures.h"

using namespace canting;
using canting::test::Harness;
namespace fs = std::filesystem;

namespace {
// In the open staff dialog: the name from the list, the PIN on the keypad, OK.
void pickStaff(Harness& h, const std::string& name, const std::string& pin) {
  const auto names = h.app->records().desk().loginNames();
  const auto at = std::find(names.begin(), names.end(), name) - names.begin();
  h.click(h.centreOf("@showroom.staff_name." + std::to_string(at)));
  for (char c : pin) h.click(h.centreOf(std::string("@pin_kiosk.") + c));
  h.click(h.centreOf("@showroom.staff_ok"));
}

// The gallery with a demo person (the outlet staff by default) logged in through the staff dialog's keypad.
void galeriAsStaff(Harness& h, int who = 4) {
  records::Desk& desk = h.app->records().desk();
  REQUIRE(desk.useDemo(true));
  h.wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
  h.frames(2);
  h.click(h.centreOf("@showroom.staff_login"));
  h.frames(1);
  pickStaff(h, records::demoLogins()[std::size_t(who)].name, records::demoLogins()[std::size_t(who)].pin);
  h.frames(1);
  REQUIRE(desk.actor());
}
}  // namespace

TEST_CASE("the kiosk hides the menus and the other workspaces and refuses to leave without the staff PIN", "[gui][galeri]") {
  Harness h;
  galeriAsStaff(h);
  h.click(h.centreOf("@showroom.enter_kiosk"));
  h.frames(1);
  REQUIRE(h.app->kiosk());
  gui::probe::clear();
  h.frames(1);
  CHECK_FALSE(gui::probe::find("@workspace.pelatihan"));
  CHECK_FALSE(gui::probe::find("@showroom.tab.orders"));  // customers' contacts stay hidden
  // Shortcuts do nothing either.
  h.ctrlKey('O');
  CHECK_FALSE(h.app->fileBrowser().isOpen());
  // A wrong PIN keeps the kiosk.
  h.click(h.centreOf("@showroom.leave_kiosk"));
  h.frames(1);
  for (char c : std::string("0000")) h.click(h.centreOf(std::string("@pin_kiosk.") + c));
  h.click(h.centreOf("@showroom.staff_ok"));
  h.frames(1);
  CHECK(h.app->kiosk());
  // The right one leaves it.
  for (const char* p = records::demoLogins()[4].pin; *p; ++p) h.click(h.centreOf(std::string("@pin_kiosk.") + *p));
  h.click(h.centreOf("@showroom.staff_ok"));
  h.frames(2);
  CHECK_FALSE(h.app->kiosk());
  CHECK(gui::probe::find("@workspace.pelatihan"));
}

TEST_CASE("a customer taps colourways, keeps a favourite, compares two, sees one on a shirt, and staff save the order", "[gui][galeri]") {
  Harness h;
  galeriAsStaff(h);
  gui::GaleriPanel& g = h.app->galeri();
  REQUIRE(g.showroom().colorways().size() == 12);
  h.click(h.centreOf("@showroom.fav.3"));
  CHECK(g.showroom().isFavourite(3));
  h.click(h.centreOf("@showroom.compare.1"));
  h.click(h.centreOf("@showroom.compare.4"));
  h.frames(1);
  CHECK(g.showroom().compare() == std::vector<int>{1, 4});
  h.click(h.centreOf("@showroom.back_to_grid"));
  h.frames(1);
  h.click(h.centreOf("@showroom.colorway.6"));
  h.frames(1);
  h.click(h.centreOf("@showroom.on_product"));
  h.frames(1);
  CHECK(g.showroom().chosen == 6);
  h.click(h.centreOf("@showroom.product.kemeja-pendek"));
  h.click(h.centreOf("@showroom.cm_plus"));
  h.frames(1);
  CHECK(g.showroom().motifCm == Approx(12));
  CHECK(gui::probe::find("@showroom.mockup"));
  h.click(h.centreOf("@showroom.order_this"));
  h.frames(1);
  g.fillOrder("Bu Ratih", "0812 3456 7890", 1);
  h.click(h.centreOf("@showroom.qty_plus"));
  h.click(h.centreOf("@showroom.save_order"));
  h.frames(1);
  records::Desk& desk = h.app->records().desk();
  auto orders = desk.store()->orders(*desk.actor());
  REQUIRE(orders);
  REQUIRE(orders->size() == 1);
  const core::Order& o = orders->front();
  CHECK(o.customer == "Bu Ratih");
  CHECK(o.quantity == 2);
  CHECK(o.productId == "kemeja-pendek");
  CHECK(o.number.rfind("PSN-", 0) == 0);
  CHECK(std::filesystem::exists(h.dir / "data" / "pesanan" / (o.number + ".pdf")));
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Info);
  // The record keeps the colourway's id; the slip the customer reads names it in their language.
  REQUIRE_FALSE(o.colorway.empty());
  const std::string name = core::colorwayName(h.wb.tr(), o.colorway);
  CHECK(name != o.colorway);
  const std::string slip = canting::test::pdfText(h.dir / "data" / "pesanan" / (o.number + ".pdf"));
  CHECK(slip.find(name) != std::string::npos);
  CHECK(slip.find(o.colorway) == std::string::npos);
}

TEST_CASE("after a minute without a touch the kiosk shows the slideshow, and a touch brings the gallery back", "[gui][galeri]") {
  Harness h;
  galeriAsStaff(h);
  h.click(h.centreOf("@showroom.enter_kiosk"));
  h.frames(1);
  h.app->galeri().showroom().input(ImGui::GetTime() - 61);
  gui::probe::clear();
  h.frames(1);
  CHECK(gui::probe::find("@showroom.attract"));
  CHECK_FALSE(gui::probe::find("@showroom.leave_kiosk"));
  h.moveTo(ImVec2(300, 300));
  gui::probe::clear();
  h.frames(1);
  CHECK(gui::probe::find("@showroom.leave_kiosk"));
  CHECK(h.app->kiosk());
}

TEST_CASE("the gallery draws every tab in both languages without staff, and refuses to save an order then", "[gui][galeri]") {
  for (auto lang : {core::Language::Indonesian, core::Language::English}) {
    Harness h;
    h.wb.setLanguage(lang);
    h.wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
    h.frames(2);
    for (auto t : {gui::GaleriPanel::Tab::Product, gui::GaleriPanel::Tab::Order, gui::GaleriPanel::Tab::Colours}) {
      h.app->galeri().setTab(t);
      h.frames(2);
    }
    CHECK(gui::probe::find("@showroom.staff_login"));
    CHECK_FALSE(gui::probe::find("@showroom.enter_kiosk"));  // the kiosk needs a staff member who can leave it
    CHECK(h.wb.notices().empty());
  }
}

TEST_CASE("a kiosk started with nobody logged in is left by any outlet staff member's PIN, and not by a trainer's", "[gui][galeri]") {
  Harness h;
  records::Desk& desk = h.app->records().desk();
  REQUIRE(desk.useDemo(true));
  h.wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
  h.app->galeri().ensureLoaded(h.app->ui());
  h.app->galeri().showroom().kiosk = true;  // as --kiosk does
  h.frames(2);
  REQUIRE(h.app->kiosk());
  auto tryLeave = [&](int who) {
    h.click(h.centreOf("@showroom.leave_kiosk"));
    h.frames(1);
    pickStaff(h, records::demoLogins()[std::size_t(who)].name, records::demoLogins()[std::size_t(who)].pin);
    h.frames(2);
  };
  tryLeave(1);  // a trainer
  CHECK(h.app->kiosk());
  CHECK_FALSE(desk.actor());
  h.click(h.centreOf("@showroom.cancel"));
  h.frames(1);
  tryLeave(4);  // outlet staff
  CHECK_FALSE(h.app->kiosk());
}


// ------------------------------------------------------------ a kiosk that cannot trap anyone (#22)

TEST_CASE("with no staff account in the records the kiosk does not start and says why", "[gui][galeri][kiosk]") {
  for (auto lang : {core::Language::Indonesian, core::Language::English}) {
    Harness h;
    h.wb.setLanguage(lang);
    records::Desk& desk = h.app->records().desk();
    REQUIRE_FALSE(desk.databaseExists());  // a fresh outlet PC: nobody set up the records yet
    h.wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
    CHECK_FALSE(h.app->galeri().startKiosk(h.app->ui()));
    h.frames(2);
    CHECK_FALSE(h.app->kiosk());
    CHECK(gui::probe::find("@workspace.pelatihan"));  // the menus and workspaces stay: nothing is trapped
    CHECK(gui::probe::find("@showroom.kiosk_refused"));
    REQUIRE(h.app->galeri().kioskRefusal());
    CHECK(*h.app->galeri().kioskRefusal() == h.wb.tr().tr("showroom.kiosk_no_staff"));
    REQUIRE_FALSE(h.wb.notices().empty());
    CHECK(h.wb.notices().back().kind == core::Notice::Kind::Error);
  }
}

TEST_CASE("with an administrator in the records the kiosk starts, with nobody logged in", "[gui][galeri][kiosk]") {
  Harness h;
  records::Desk& desk = h.app->records().desk();
  REQUIRE(desk.createDatabase("Admin Pusat", "2468"));
  REQUIRE(desk.actor());
  h.wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
  REQUIRE(h.app->galeri().startKiosk(h.app->ui()));
  h.frames(2);
  CHECK(h.app->kiosk());
  CHECK_FALSE(desk.actor());  // a customer never acts as the one who opened it
  CHECK_FALSE(gui::probe::find("@showroom.kiosk_refused"));
}

namespace {
// The gallery's kiosk on the demo records, started as --kiosk does.
gui::GaleriPanel& demoKiosk(Harness& h) {
  REQUIRE(h.app->records().desk().useDemo(true));
  h.wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
  REQUIRE(h.app->galeri().startKiosk(h.app->ui()));
  return h.app->galeri();
}
// Inside the kiosk, on the order tab: a demo person logs in for the order.
void kioskLogin(Harness& h, int who) {
  h.click(h.centreOf("@showroom.kiosk_staff_login"));
  h.frames(1);
  pickStaff(h, records::demoLogins()[std::size_t(who)].name, records::demoLogins()[std::size_t(who)].pin);
  h.frames(1);
}
}  // namespace

TEST_CASE("staff log in inside the kiosk to save an order, and the kiosk goes back to the customer view", "[gui][galeri][kiosk]") {
  Harness h;
  records::Desk& desk = h.app->records().desk();
  gui::GaleriPanel& g = demoKiosk(h);
  h.frames(2);
  g.setTab(gui::GaleriPanel::Tab::Order);
  g.fillOrder("Pak Darmo", "0813 1111 2222", 3);
  h.frames(2);
  CHECK_FALSE(gui::probe::find("@showroom.tab.orders"));
  // Without staff the order cannot be saved; the login is right there.
  h.click(h.centreOf("@showroom.save_order"));
  h.frames(1);
  CHECK(desk.store()->orders(*desk.store()->login(records::demoLogins()[4].name, records::demoLogins()[4].pin))->empty());
  // A trainer's PIN is refused: they do not take orders.
  kioskLogin(h, 1);
  CHECK_FALSE(desk.actor());
  h.click(h.centreOf("@showroom.cancel"));
  h.frames(1);
  // The outlet's staff member logs in and saves it.
  kioskLogin(h, 4);
  REQUIRE(desk.actor());
  CHECK(h.app->kiosk());
  h.click(h.centreOf("@showroom.save_order"));
  h.frames(2);
  auto staff = desk.store()->login(records::demoLogins()[4].name, records::demoLogins()[4].pin);
  REQUIRE(staff);
  auto orders = desk.store()->orders(*staff);
  REQUIRE(orders);
  REQUIRE(orders->size() == 1);
  CHECK(orders->front().customer == "Pak Darmo");
  CHECK(orders->front().quantity == 3);
  CHECK(orders->front().staff == records::demoLogins()[4].name);
  // Back to the customer view: still the kiosk, nobody logged in, the login offered again.
  CHECK(h.app->kiosk());
  CHECK_FALSE(desk.actor());
  gui::probe::clear();
  h.frames(1);
  CHECK(gui::probe::find("@showroom.kiosk_staff_login"));
}

TEST_CASE("staff who logged in inside the kiosk and walked away are logged out with the slideshow", "[gui][galeri][kiosk]") {
  Harness h;
  records::Desk& desk = h.app->records().desk();
  gui::GaleriPanel& g = demoKiosk(h);
  g.setTab(gui::GaleriPanel::Tab::Order);
  h.frames(2);
  kioskLogin(h, 4);
  REQUIRE(desk.actor());
  g.showroom().input(ImGui::GetTime() - 61);
  h.frames(2);
  CHECK_FALSE(desk.actor());
  CHECK(h.app->kiosk());
}

TEST_CASE("any outlet staff member's or administrator's PIN leaves the kiosk, whoever opened it, a wrong PIN does not", "[gui][galeri][kiosk]") {
  const auto& L = records::demoLogins();
  for (auto [opener, leaver] : {std::pair{0, 4}, std::pair{4, 0}}) {
    Harness h;
    records::Desk& desk = h.app->records().desk();
    galeriAsStaff(h, opener);
    h.click(h.centreOf("@showroom.enter_kiosk"));
    h.frames(2);
    REQUIRE(h.app->kiosk());
    h.click(h.centreOf("@showroom.leave_kiosk"));
    h.frames(1);
    pickStaff(h, L[std::size_t(leaver)].name, "9999");  // the right name, a wrong PIN
    h.frames(1);
    CHECK(h.app->kiosk());
    CHECK_FALSE(desk.actor());
    pickStaff(h, L[std::size_t(leaver)].name, L[std::size_t(leaver)].pin);
    h.frames(2);
    CHECK_FALSE(h.app->kiosk());
    REQUIRE(desk.actor());
    CHECK(desk.actor()->name() == L[std::size_t(leaver)].name);
  }
}

// ------------------------------------------------------------ the centre's own motifs (#22)

namespace {
// A photo of the centre's own cloth, big enough to take a while to decode.
std::string importPhoto(Harness& h, const std::string& name) {
  cv::Mat photo(2000, 3000, CV_8UC3, cv::Scalar(30, 60, 120));
  for (int i = 0; i < 12; ++i) cv::circle(photo, cv::Point(250 * i + 120, 1000), 110, cv::Scalar(210, 225, 235), -1);
  REQUIRE(imaging::saveImage(photo, h.dir / "foto-kain.jpg"));
  auto id = h.wb.library().import(h.dir / "foto-kain.jpg", core::MotifMeta{name, "", "Sentra Limbasari", "Buatan pengrajin sentra."});
  REQUIRE(id);
  return *id;
}
}  // namespace

TEST_CASE("the gallery lists the centre's imported motifs first and shows one, decoded on a worker and scaled", "[gui][galeri][own]") {
  Harness h;
  const std::string id = importPhoto(h, "Parang Limbasari");
  h.wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
  h.frames(3);
  gui::GaleriPanel& g = h.app->galeri();
  CHECK(g.showroom().motifId() == id);  // the centre's own lead the list, and the first is shown
  CHECK(gui::probe::find("@showroom.motif." + id));
  CHECK(gui::probe::find("@showroom.motif.kawung"));
  CHECK(gui::probe::find("@showroom.motif." + id)->centre().y < gui::probe::find("@showroom.motif.kawung")->centre().y);
  CHECK(g.showroom().colorways().size() == 12);
  CHECK(std::max(g.showroom().colorwayImage(-1).cols, g.showroom().colorwayImage(-1).rows) == 1400);
  // Choosing another does not decode in the frame: the old motif stays until the worker is done.
  ImGui::NewFrame();
  g.selectMotif(h.app->ui(), "parang");
  ImGui::EndFrame();
  CHECK(g.loadingMotif() == "parang");
  CHECK(g.showroom().motifId() == id);
  h.frames(2);
  CHECK(g.loadingMotif().empty());
  CHECK(g.showroom().motifId() == "parang");
  // Tapping the photo again in the list brings it back.
  h.click(h.centreOf("@showroom.motif." + id));
  h.frames(2);
  CHECK(g.showroom().motifId() == id);
  CHECK(h.wb.notices().empty());
}

TEST_CASE("a 16-bit repeat tile imported into the library is shown in the kiosk", "[gui][galeri][own]") {
  Harness h;
  cv::Mat tile(480, 480, CV_16UC3, cv::Scalar(12000, 26000, 52000));
  cv::rectangle(tile, cv::Rect(60, 60, 200, 200), cv::Scalar(60000, 30000, 8000), -1);
  REQUIRE(imaging::saveImage(tile, h.dir / "ubin-ulang.tif"));
  auto id = h.wb.library().import(h.dir / "ubin-ulang.tif", core::MotifMeta{"Ubin ulang", "", "", ""});
  REQUIRE(id);
  gui::GaleriPanel& g = demoKiosk(h);
  h.frames(3);
  REQUIRE(h.app->kiosk());
  CHECK(g.showroom().motifId() == *id);
  CHECK(g.showroom().colorways().size() == 12);
  CHECK(gui::probe::find("@showroom.colorway.11"));
}

TEST_CASE("'Show in the gallery' in the Studio sends the design's colourway to the gallery", "[gui][galeri][studio]") {
  Harness h;
  REQUIRE(h.wb.openDesignFile(fs::path(CANTING_ASSETS_DIR) / "demo" / "contoh-kawung.png"));
  h.wb.setWorkspace(core::WorkspaceId::StudioDesain);
  h.frames(3);
  h.app->studio().adoptColorway(h.app->ui(), 2);
  h.frames(3);
  const cv::Mat shown = h.app->studio().result().clone();
  REQUIRE_FALSE(shown.empty());
  const std::size_t before = h.wb.library().motifs().size();
  h.click(h.centreOf("@studio.show_in_gallery"));
  h.frames(3);
  REQUIRE(h.wb.library().motifs().size() == before + 1);
  const core::LibraryMotif& sent = h.wb.library().motifs().back();
  CHECK_FALSE(sent.bundled);
  CHECK(sent.name == h.wb.tr().tr("showroom.studio_motif_name", {{"name", "contoh-kawung"}}));
  auto img = imaging::loadImage(sent.image);
  REQUIRE(img);
  CHECK(cv::norm(img->pixels, shown, cv::NORM_INF) == 0);  // what the Studio showed, colourway and all
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Info);
  // At the top of the gallery's list, and shown there.
  h.wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
  h.frames(3);
  CHECK(h.app->galeri().showroom().motifId() == sent.id);
  CHECK(gui::probe::find("@showroom.motif." + sent.id));
}
