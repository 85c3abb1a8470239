// Index of this file:
// [SECTION] helpers
// [SECTION] loading and staff
// [SECTION] frame and top bar
// [SECTION] motifs and colourways
// [SECTION] product
// [SECTION] order and order list
// [SECTION] kiosk slideshow

#include "galeri_panel.h"

#include <algorithm>
#include <cmath>

#include "canting/core/colorway_text.h"
#include "canting/imaging/color.h"
#include "canting/imaging/image_io.h"
#include "canting/records/reports.h"
#include "item_probe.h"
#include "pin_pad.h"
#include "text_wrap.h"

namespace canting::gui {

namespace im = imaging;
namespace rec = records;

// [SECTION] helpers

namespace {

// A big button that reads as selected when `on`.
bool toggleButton(UiContext& ui, const std::string& text, bool on, ImVec2 size) {
  if (on) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(color::kIndigo));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kGading));
  }
  const bool pressed = ImGui::Button(text.c_str(), size);
  if (on) ImGui::PopStyleColor(2);
  (void)ui;
  return pressed;
}

// The image fitted into [p0, p0 + box], centred; returns the rectangle used.
void fitImage(UiContext& ui, const std::string& key, int version, const cv::Mat& img, ImVec2 p0, ImVec2 box) {
  if (img.empty()) return;
  const float s = std::min(box.x / img.cols, box.y / img.rows);
  const ImVec2 sz(img.cols * s, img.rows * s);
  const ImVec2 a(p0.x + (box.x - sz.x) / 2, p0.y + (box.y - sz.y) / 2);
  drawImage(ImGui::GetWindowDrawList(), ui.textures.tiles(key, version, img), img.cols, img.rows, a, ImVec2(a.x + sz.x, a.y + sz.y));
}

// Harmony colourways are labelled "triadic 91°" by the colour engine; a
// customer reads the harmony's name in their language, without the angle.
// Customers see the rule's name, not the hue it started from.
std::string colorwayName(const UiContext& ui, const std::string& label) { return core::colorwayName(ui.wb.tr(), label, false); }

}  // namespace

int GaleriPanel::lang(const UiContext& ui) const { return ui.wb.tr().language() == core::Language::English ? 1 : 0; }

// [SECTION] loading and staff

bool GaleriPanel::staff(const rec::Desk& desk) const {
  return rec::takesOrders(desk.actor());
}

void GaleriPanel::ensureLoaded(UiContext& ui) {
  if (m_loaded) return;
  m_loaded = true;
  // The outlet's own catalogue in the data folder wins over the example one.
  const std::filesystem::path file = core::catalogueFile(ui.wb.dataFolder(), ui.wb.assetsFolder());
  if (auto c = core::loadCatalogue(file)) {
    m_catalogue = std::move(*c);
    for (const auto& p : m_catalogue.problems)
      ui.wb.notify(core::Notice::Kind::Error, ui.tr("showroom.skipped", {{"n", std::to_string(p.index + 1)}, {"id", p.id.empty() ? "-" : p.id},
                                                                         {"reason", ui.tr(p.reasonKey)}, {"path", file.string()}}));
  } else {
    ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(c.error()));
  }
  if (auto b = im::loadDyeBook(ui.wb.assetsFolder() / "dyes" / "dyes.json")) m_book = std::move(*b);
  if (const auto shown = shownMotifs(ui); !shown.empty()) selectMotif(ui, shown.front()->id);
}

std::vector<const core::LibraryMotif*> GaleriPanel::shownMotifs(UiContext& ui) {
  // The centre's own first, newest on top (a colourway just sent from the
  // Studio leads the list); then the motifs that come with the program.
  std::vector<const core::LibraryMotif*> out;
  const auto& all = ui.wb.library().motifs();
  for (auto it = all.rbegin(); it != all.rend(); ++it)
    if (!it->bundled) out.push_back(&*it);
  for (const auto& m : all)
    if (m.bundled) out.push_back(&m);
  return out;
}

void GaleriPanel::selectMotif(UiContext& ui, const std::string& id) {
  const core::LibraryMotif* m = ui.wb.library().find(id);
  if (!m) return;
  // A photo or a repeat tile can be tens of megapixels: decoding, scaling and
  // the colourways run on a worker, and the frame keeps drawing the motif
  // shown until they land. Only the last one asked for is put in place.
  m_pendingMotif = m->id;
  const int ticket = ++m_selectTicket;
  im::LoadOptions load;
  load.maxPixels = std::max<std::uint64_t>(load.maxPixels, std::uint64_t(ui.wb.settings().maxMegapixels * 1e6));
  std::weak_ptr<int> alive = m_alive;
  UiContext* uip = &ui;
  ui.wb.tasks().run([this, alive, uip, ticket, load, path = m->image, mid = m->id, name = m->name, palettes = ui.wb.namedPalettes(),
                     widthCm = m->widthCm > 0 ? std::optional<double>(m->widthCm) : std::nullopt]() -> core::TaskPool::Completion {
    im::Result<core::ShowroomMotif> made = im::makeError(im::ErrorCode::InvalidArgument, {{"what", "motif"}});
    if (auto px = core::loadShowroomMotif(path, load)) made = core::Showroom::prepareMotif(mid, name, *px, palettes, 360, widthCm);
    else made = px.error();
    return [this, alive, uip, ticket, made = std::move(made)]() mutable {
      if (alive.expired() || ticket != m_selectTicket) return;  // the panel is gone, or another motif was asked for since
      m_pendingMotif.clear();
      if (!made) {
        uip->wb.notify(core::Notice::Kind::Error, uip->wb.tr().message(made.error()));
        return;
      }
      m_room.setMotif(std::move(*made));
      ++m_version;
      m_enlarged = -2;
      m_mockKey.clear();
    };
  });
}

void GaleriPanel::fillOrder(const std::string& customer, const std::string& contact, int quantity) {
  std::snprintf(m_customer, sizeof m_customer, "%s", customer.c_str());
  std::snprintf(m_contact, sizeof m_contact, "%s", contact.c_str());
  m_quantity = std::clamp(quantity, 1, 999);
}

// [SECTION] frame and top bar

void GaleriPanel::draw(UiContext& ui) {
  rec::Desk& desk = ui.records->desk();
  ensureLoaded(ui);
  // A motif another workspace asked to show here (Pustaka's "Tampilkan di Galeri", a raport sent from the Studio).
  if (auto id = ui.wb.takeGalleryMotif()) {
    selectMotif(ui, *id);
    m_tab = Tab::Colours;
  }
  const ImGuiIO& io = ImGui::GetIO();
  const double now = ImGui::GetTime();
  const bool touched = io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseClicked[0] || io.MouseWheel != 0 || !io.InputQueueCharacters.empty();
  if (m_room.attracting(now)) {
    // Staff who logged in for an order and walked away are logged out with the slideshow.
    if (desk.actor()) ui.wb.post([&desk] { desk.logout(); });
    m_kbField = Field::None;
    if (touched) {
      m_room.input(now);  // a touch ends the slideshow; it does not also press what is under it
    } else {
      drawAttract(ui);
      return;
    }
  } else if (touched) {
    m_room.input(now);
  }
  drawTopBar(ui, desk);
  drawKioskRefusal();
  const float left = ui.px(270);
  ImGui::BeginChild("galeri_motifs", ImVec2(left, 0), true);
  drawMotifs(ui);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("galeri_main", ImVec2(0, 0), false);
  const ImVec2 tabSize(ui.px(180), ui.px(48));
  const std::pair<Tab, const char*> tabs[] = {{Tab::Colours, "showroom.tab.colours"}, {Tab::Product, "showroom.tab.product"}, {Tab::Order, "showroom.tab.order"},
                                              {Tab::Orders, "showroom.tab.orders"}};
  for (const auto& [t, key] : tabs) {
    // The order list holds customers' contacts: staff only, never in the kiosk.
    if (t == Tab::Orders && (!staff(desk) || m_room.kiosk)) continue;
    if (toggleButton(ui, ui.tr(key) + "###" + key, m_tab == t, tabSize)) m_tab = t;
    probe::note(std::string("@") + key);
    ImGui::SameLine();
  }
  ImGui::NewLine();
  if (m_tab == Tab::Orders && (!staff(desk) || m_room.kiosk)) m_tab = Tab::Colours;
  switch (m_tab) {
    case Tab::Colours: drawColours(ui); break;
    case Tab::Product: drawProduct(ui); break;
    case Tab::Order: drawOrder(ui, desk); break;
    case Tab::Orders: drawOrders(ui, desk); break;
  }
  ImGui::EndChild();
  drawStaffDialog(ui, desk);
  drawKeyboard(ui);
}

void GaleriPanel::drawTopBar(UiContext& ui, rec::Desk& desk) {
  heading(ui, ui.tr("showroom.title"));
  ImGui::SameLine(0, ui.px(30));
  const ImVec2 big(0, ui.px(48));
  // Each language named in itself, so a customer finds theirs.
  if (toggleButton(ui, "Bahasa Indonesia##lang_id", lang(ui) == 0, big)) ui.wb.setLanguage(core::Language::Indonesian);
  probe::note("@showroom.lang_id");
  ImGui::SameLine();
  if (toggleButton(ui, "English##lang_en", lang(ui) == 1, big)) ui.wb.setLanguage(core::Language::English);
  probe::note("@showroom.lang_en");
  ImGui::SameLine(0, ui.px(30));
  if (m_room.kiosk) {
    if (staff(desk)) {  // logged in for an order
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(ui.tr("showroom.staff", {{"name", desk.actor()->name()}}).c_str());
      ImGui::SameLine();
    }
    if (ImGui::Button(label(ui, "showroom.leave_kiosk").c_str(), big)) openStaffDialog(false);
    probe::note("@showroom.leave_kiosk");
  } else if (staff(desk)) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.tr("showroom.staff", {{"name", desk.actor()->name()}}).c_str());
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "showroom.enter_kiosk").c_str(), big)) startKiosk(ui);
    probe::note("@showroom.enter_kiosk");
  } else {
    if (ImGui::Button(label(ui, "showroom.staff_login").c_str(), big)) openStaffDialog(false);
    probe::note("@showroom.staff_login");
  }
  ImGui::Separator();
}

// [SECTION] motifs and colourways

void GaleriPanel::drawMotifs(UiContext& ui) {
  const core::Language l = ui.wb.tr().language();
  heading(ui, ui.tr("showroom.motifs"));
  const auto motifs = shownMotifs(ui);
  const bool own = !motifs.empty() && !motifs.front()->bundled;
  const float thumb = ui.px(64);
  for (std::size_t i = 0; i < motifs.size(); ++i) {
    const auto& m = *motifs[i];
    // Two groups when the centre has its own: theirs, then the program's.
    if (own && (i == 0 || m.bundled != motifs[i - 1]->bundled)) ImGui::TextDisabled("%s", ui.tr(m.bundled ? "showroom.bundled_motifs" : "showroom.own_motifs").c_str());
    ImGui::PushID(int(i));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool current = m_pendingMotif.empty() ? m.id == m_room.motifId() : m.id == m_pendingMotif;
    if (ImGui::Selectable("##motif", current, 0, ImVec2(0, thumb + ui.px(6)))) {
      selectMotif(ui, m.id);
      m_tab = Tab::Colours;
    }
    probe::note("@showroom.motif." + m.id);
    if (const cv::Mat* t = ui.wb.thumbnails().get(m.image)) fitImage(ui, "thumb:" + m.image.string(), 1, *t, ImVec2(p.x + ui.px(3), p.y + ui.px(3)), ImVec2(thumb, thumb));
    ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + thumb + ui.px(12), p.y + thumb / 2 - ImGui::GetFontSize() / 2), ImGui::GetColorU32(ImGuiCol_Text), m.name.c_str());
    ImGui::PopID();
  }
  // The chosen motif's story, in the customer's language.
  if (const core::LibraryMotif* m = ui.wb.library().find(m_room.motifId())) {
    ImGui::Separator();
    if (!m->originIn(l).empty()) textWrappedAtSpaces(m->originIn(l), true);
    if (!m->meaningIn(l).empty()) textWrappedAtSpaces(m->meaningIn(l));
  }
}

void GaleriPanel::drawColours(UiContext& ui) {
  const auto& cws = m_room.colorways();
  const auto& thumbs = m_room.thumbnails();
  if (!m_pendingMotif.empty()) ImGui::TextDisabled("%s", ui.tr("showroom.loading_motif").c_str());
  if (thumbs.empty()) {
    if (m_pendingMotif.empty()) ImGui::TextDisabled("%s", ui.tr("showroom.pick_motif").c_str());
    return;
  }
  const std::vector<int>& cmp = m_room.compare();
  if (m_enlarged >= -1 || cmp.size() == 2) {
    // Enlarged (one) or side by side (two), with the way back on top.
    if (ImGui::Button(label(ui, "showroom.back_to_grid").c_str(), ImVec2(0, ui.px(48)))) {
      m_enlarged = -2;
      m_room.clearCompare();
    }
    probe::note("@showroom.back_to_grid");
    const std::vector<int> show = cmp.size() == 2 ? cmp : std::vector<int>{m_enlarged};
    if (show.size() == 1 && m_enlarged >= 0) {
      ImGui::SameLine();
      if (ImGui::Button(label(ui, m_room.isFavourite(m_enlarged) ? "showroom.unfavourite" : "showroom.favourite").c_str(), ImVec2(0, ui.px(48))))
        m_room.toggleFavourite(m_enlarged);
      probe::note("@showroom.favourite");
      ImGui::SameLine();
      if (ImGui::Button(label(ui, "showroom.on_product").c_str(), ImVec2(0, ui.px(48)))) {
        m_room.chosen = m_enlarged;
        m_tab = Tab::Product;
      }
      probe::note("@showroom.on_product");
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 room = ImGui::GetContentRegionAvail();
    const float w = (room.x - ui.px(12) * float(show.size() - 1)) / float(show.size());
    for (std::size_t k = 0; k < show.size(); ++k) {
      const int i = show[k];
      const cv::Mat img = i >= 0 && i < int(thumbs.size()) ? m_room.colorwayImage(i) : m_room.colorwayImage(-1);
      const ImVec2 a(p.x + float(k) * (w + ui.px(12)), p.y);
      fitImage(ui, "galeri:big:" + std::to_string(i), m_version, img, a, ImVec2(w, room.y - ui.px(34)));
      const std::string name = i >= 0 && i < int(cws.size()) ? colorwayName(ui, cws[std::size_t(i)].label) : ui.tr("showroom.original");
      ImGui::GetWindowDrawList()->AddText(ImVec2(a.x, p.y + room.y - ui.px(28)), ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
    }
    ImGui::Dummy(room);
    return;
  }
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", ui.tr("showroom.colours_hint").c_str());
  ImGui::PopTextWrapPos();
  // All twelve at once: the column count that gives the largest cells in the space there is.
  const float sp = ImGui::GetStyle().ItemSpacing.x, labelH = 2 * ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 area = ImGui::GetContentRegionAvail();
  int cols = 4;
  float cell = 0;
  for (int c : {3, 4, 6}) {
    const int r = int((thumbs.size() + std::size_t(c) - 1) / std::size_t(c));
    const float s = std::min((area.x - sp * float(c - 1)) / float(c), (area.y - (labelH + sp) * float(r)) / float(r));
    if (s > cell) cell = s, cols = c;
  }
  cell = std::max(ui.px(60), cell);
  for (int i = 0; i < int(thumbs.size()); ++i) {
    if (i % cols) ImGui::SameLine();
    ImGui::PushID(i);
    ImGui::BeginGroup();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("##cw", ImVec2(cell, cell))) m_enlarged = i;
    ImGui::SetItemAllowOverlap();  // the favourite and compare buttons sit on top and take their own taps
    probe::note("@showroom.colorway." + std::to_string(i));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (m_room.chosen == i) dl->AddRect(ImVec2(p.x - 3, p.y - 3), ImVec2(p.x + cell + 3, p.y + cell + 3), color::kIndigo, 0, 0, ui.px(4));
    fitImage(ui, "galeri:cw:" + std::to_string(i), m_version, thumbs[std::size_t(i)], p, ImVec2(cell, cell));
    // Favourite and compare: round buttons in the cell's corners, big enough for a finger.
    const float b = ui.px(48);
    ImGui::SetCursorScreenPos(ImVec2(p.x + cell - b - ui.px(4), p.y + ui.px(4)));
    if (toggleButton(ui, std::string(m_room.isFavourite(i) ? "♥" : "♡") + "##fav", m_room.isFavourite(i), ImVec2(b, b))) m_room.toggleFavourite(i);
    probe::note("@showroom.fav." + std::to_string(i));
    ImGui::SetCursorScreenPos(ImVec2(p.x + ui.px(4), p.y + ui.px(4)));
    const bool inCompare = std::find(m_room.compare().begin(), m_room.compare().end(), i) != m_room.compare().end();
    if (toggleButton(ui, "↔##cmp", inCompare, ImVec2(b, b))) m_room.addToCompare(i);
    probe::note("@showroom.compare." + std::to_string(i));
    hoverTooltip(ui, ui.tr("showroom.compare_hint"));
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + cell));
    const std::string name = colorwayName(ui, cws[std::size_t(i)].label) + (cws[std::size_t(i)].process.dyeable ? "" : " *");
    ImGui::PushTextWrapPos(p.x + cell - ImGui::GetWindowPos().x);
    ImGui::TextUnformatted(name.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::PopID();
  }
}

// [SECTION] product

void GaleriPanel::drawProduct(UiContext& ui) {
  if (m_catalogue.products.empty() || m_room.motifId().empty()) {
    ImGui::TextDisabled("%s", ui.tr("showroom.no_products").c_str());
    return;
  }
  const int li = lang(ui);
  const float side = ui.px(300);
  ImGui::BeginChild("product_pick", ImVec2(side, 0), true);
  heading(ui, ui.tr("showroom.product"));
  // A finger's height in the kiosk, which has the room the menu and workspace bar leave.
  for (int i = 0; i < int(m_catalogue.products.size()); ++i) {
    const auto& p = m_catalogue.products[std::size_t(i)];
    if (toggleButton(ui, p.name[li] + "##prod" + std::to_string(i), m_room.product == i, ImVec2(-1, ui.px(m_room.kiosk ? 48 : 36)))) {
      m_room.product = i;
      m_room.size = std::min<int>(m_room.size, int(p.sizes.size()) - 1);
    }
    probe::note("@showroom.product." + p.id);
  }
  const auto& prod = m_catalogue.products[std::size_t(std::clamp(m_room.product, 0, int(m_catalogue.products.size()) - 1))];
  m_room.size = std::clamp(m_room.size, 0, int(prod.sizes.size()) - 1);
  ImGui::TextUnformatted(ui.tr("showroom.size").c_str());
  for (int s = 0; s < int(prod.sizes.size()); ++s) {
    if (s) ImGui::SameLine();
    if (toggleButton(ui, prod.sizes[std::size_t(s)].label + "##size" + std::to_string(s), m_room.size == s, ImVec2(0, ui.px(48)))) m_room.size = s;
    probe::note("@showroom.size." + std::to_string(s));
  }
  ImGui::Spacing();
  // The motif's size on the cloth, in big steps a finger can hit.
  ImGui::TextUnformatted(ui.tr("showroom.motif_cm", {{"cm", core::formatNumber(m_room.motifCm, 0, ui.wb.tr().language())}}).c_str());
  if (ImGui::Button("-##cm", ImVec2(ui.px(64), ui.px(48)))) m_room.motifCm = std::max(2.0, m_room.motifCm - 2);
  probe::note("@showroom.cm_minus");
  ImGui::SameLine();
  if (ImGui::Button("+##cm", ImVec2(ui.px(64), ui.px(48)))) m_room.motifCm = std::min(60.0, m_room.motifCm + 2);
  probe::note("@showroom.cm_plus");
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("product_view", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar);
  // Under the preview: the price and the way to order, always in view.
  const float bar = ui.px(56);
  const ImVec2 avail(ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y - bar);
  // Rendered at the size it is shown, and again only when a choice changes.
  const int h = std::max(128, int(avail.y));
  // Every product's scene at once, so the next tap on a product is a repaint.
  const std::string warmKey = m_room.motifId() + "|" + std::to_string(m_room.motifCm) + "|" + std::to_string(h) + "|" + std::to_string(m_room.size);
  if (warmKey != m_warmKey) {
    m_warmKey = warmKey;
    m_room.warmScenes(m_catalogue, h);
  }
  const std::string key = m_room.motifId() + "|" + std::to_string(m_room.chosen) + "|" + std::to_string(m_room.product) + "|" +
                          std::to_string(m_room.size) + "|" + std::to_string(m_room.motifCm) + "|" + std::to_string(h) + "|" + std::to_string(m_version);
  if (key != m_mockKey) {
    m_mockKey = key;
    if (auto m = m_room.mockup(m_catalogue, h)) {
      m_mock = m->image;
      m_mockPxPerCm = m->pxPerCm;
    } else {
      m_mock.release();
      ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(m.error()));
    }
    ++m_mockVersion;
  }
  fitImage(ui, "galeri:mockup", m_mockVersion, m_mock, ImGui::GetCursorScreenPos(), avail);
  ImGui::Dummy(avail);
  probe::note("@showroom.mockup");
  const auto& size = prod.sizes[std::size_t(m_room.size)];
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(ui.fonts.heading);
  ImGui::TextUnformatted(ui.tr("showroom.price_line", {{"price", core::formatRupiah(size.price)}, {"days", std::to_string(prod.leadDays)}}).c_str());
  ImGui::PopFont();
  ImGui::SameLine(0, ui.px(24));
  if (ImGui::Button(label(ui, "showroom.order_this").c_str(), ImVec2(ui.px(220), ui.px(48)))) m_tab = Tab::Order;
  probe::note("@showroom.order_this");
  ImGui::EndChild();
}

// [SECTION] order and order list

void GaleriPanel::drawOrder(UiContext& ui, rec::Desk& desk) {
  const int li = lang(ui);
  const core::Order o = m_room.draft(m_catalogue, m_book ? &*m_book : nullptr, li);
  const float half = ImGui::GetContentRegionAvail().x * 0.5f;
  ImGui::BeginChild("order_form", ImVec2(half, 0), true);
  heading(ui, ui.tr("showroom.slip"));
  ImGui::TextUnformatted(ui.tr("showroom.customer").c_str());
  orderField(ui, Field::Customer, "customer");
  ImGui::TextUnformatted(ui.tr("showroom.contact").c_str());
  orderField(ui, Field::Contact, "contact");
  ImGui::TextUnformatted(ui.tr("showroom.quantity").c_str());
  if (ImGui::Button("-##qty", ImVec2(ui.px(56), ui.px(48)))) m_quantity = std::max(1, m_quantity - 1);
  probe::note("@showroom.qty_minus");
  ImGui::SameLine();
  ImGui::PushFont(ui.fonts.heading);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%d", m_quantity);
  ImGui::PopFont();
  ImGui::SameLine();
  if (ImGui::Button("+##qty", ImVec2(ui.px(56), ui.px(48)))) m_quantity = std::min(999, m_quantity + 1);
  probe::note("@showroom.qty_plus");
  ImGui::TextUnformatted(ui.tr("showroom.note").c_str());
  orderField(ui, Field::Note, "note");
  ImGui::Spacing();
  const bool canSave = staff(desk) && m_customer[0] && !o.productId.empty();
  ImGui::BeginDisabled(!canSave);
  if (ImGui::Button(label(ui, "showroom.save_order").c_str(), ImVec2(-1, ui.px(52)))) {
    core::Order order = o;
    order.customer = m_customer;
    order.contact = m_contact;
    order.quantity = m_quantity;
    order.note = m_note;
    auto orders = ui.records->orders();
    if (auto n = orders->place(order); !n) {
      ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(n.error()));
    } else {
      // The slip is printed from a PDF kept with the orders.
      const auto pdf = ui.wb.dataFolder() / "pesanan" / (order.number + ".pdf");
      std::error_code ec;
      std::filesystem::create_directories(pdf.parent_path(), ec);
      // The record keeps the colourway's id ("complementary 27°"); the customer reads its name.
      core::Order slip = order;
      if (!slip.colorway.empty()) slip.colorway = core::colorwayName(ui.wb.tr(), slip.colorway);
      if (auto st = rec::writeOrderSlip(slip, li, pdf); !st) ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(st.error()));
      else ui.wb.notify(core::Notice::Kind::Info, ui.tr("showroom.order_saved", {{"number", order.number}, {"path", pdf.string()}}));
      m_lastOrder = order.number;
      m_customer[0] = m_contact[0] = m_note[0] = 0;
      m_quantity = 1;
      if (m_room.kiosk) {
        // Back to the customer view: the next customer finds no staff logged in.
        ui.wb.post([&desk] { desk.logout(); });
      }
    }
  }
  ImGui::EndDisabled();
  probe::note("@showroom.save_order");
  if (!staff(desk)) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kSoga), "%s", ui.tr("showroom.staff_needed").c_str());
    // In the kiosk staff log in here, for this one order.
    if (m_room.kiosk && ImGui::Button(label(ui, "showroom.staff_login").c_str(), ImVec2(-1, ui.px(48)))) openStaffDialog(true);
    probe::note("@showroom.kiosk_staff_login");
  }
  if (!m_lastOrder.empty()) ImGui::TextUnformatted(ui.tr("showroom.last_order", {{"number", m_lastOrder}}).c_str());
  ImGui::EndChild();
  ImGui::SameLine();
  // The slip as it will print: what the customer chose.
  ImGui::BeginChild("order_summary", ImVec2(0, 0), true);
  heading(ui, o.motifName.empty() ? "-" : o.motifName);
  ImGui::TextUnformatted((o.colorway.empty() ? ui.tr("showroom.original") : colorwayName(ui, o.colorway)).c_str());
  ImGui::TextWrapped("%s", ui.tr(o.dyeable ? "showroom.dyeable" : "showroom.not_dyeable").c_str());
  // How the centre would dye it, for the customer who asks and the staff who answer.
  if (const auto& cws = m_room.colorways(); m_room.chosen >= 0 && m_room.chosen < int(cws.size())) {
    const im::Colorway& cw = cws[std::size_t(m_room.chosen)];
    ImGui::TextWrapped("%s", core::dyeProcessSummary(ui.wb.tr(), cw.colours, cw.process).c_str());
  }
  for (std::size_t i = 0; i < o.swatches.size(); ++i) {
    const auto& sw = o.swatches[i];
    const auto [r, g, b] = im::parseHex(sw.hex).value_or(im::Rgb8{});
    ImGui::ColorButton(("##sw" + std::to_string(i)).c_str(), ImVec4(r / 255.f, g / 255.f, b / 255.f, 1), ImGuiColorEditFlags_NoTooltip, ImVec2(ui.px(40), ui.px(26)));
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%s   %s", sw.hex.c_str(), sw.dye.c_str());
  }
  ImGui::Separator();
  ImGui::Text("%s", ui.tr("showroom.summary_product", {{"product", o.productName}, {"size", o.size}}).c_str());
  core::Order withQty = o;
  withQty.quantity = m_quantity;
  ImGui::Text("%s", ui.tr("showroom.summary_price", {{"qty", std::to_string(m_quantity)}, {"unit", core::formatRupiah(o.unitPrice)},
                                                     {"total", core::formatRupiah(withQty.total())}}).c_str());
  ImGui::Text("%s", ui.tr("showroom.summary_days", {{"days", std::to_string(o.leadDays)}}).c_str());
  ImGui::EndChild();
}

void GaleriPanel::drawOrders(UiContext& ui, rec::Desk& desk) {
  auto list = desk.store()->orders(*desk.actor());
  if (!list) {
    ImGui::TextWrapped("%s", ui.wb.tr().message(list.error()).c_str());
    return;
  }
  heading(ui, ui.tr("showroom.orders_n", {{"n", std::to_string(list->size())}}));
  if (ImGui::BeginTable("orders", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* k : {"showroom.col.number", "showroom.col.date", "showroom.col.customer", "showroom.col.product", "showroom.col.qty", "showroom.col.total"})
      ImGui::TableSetupColumn(ui.tr(k).c_str());
    ImGui::TableHeadersRow();
    for (const auto& o : *list) {
      ImGui::TableNextRow(0, ui.px(28));
      for (const std::string& cell : {o.number, o.createdAt.substr(0, 10), o.customer + (o.contact.empty() ? "" : " · " + o.contact),
                                      o.productName + " " + o.size, std::to_string(o.quantity), core::formatRupiah(o.total())}) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(cell.c_str());
      }
    }
    ImGui::EndTable();
  }
}

// [SECTION] kiosk slideshow

void GaleriPanel::drawAttract(UiContext& ui) {
  // A slow slideshow: each colourway of the motif for five seconds.
  const auto& thumbs = m_room.thumbnails();
  const ImVec2 p = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + avail.x, p.y + avail.y), color::kGading);
  if (!thumbs.empty()) {
    const int i = int(std::fmod(ImGui::GetTime() / 5.0, double(thumbs.size())));
    const cv::Mat img = m_room.colorwayImage(i);
    fitImage(ui, "galeri:attract:" + std::to_string(i), m_version, img, ImVec2(p.x, p.y + ui.px(60)), ImVec2(avail.x, avail.y - ui.px(140)));
    ImGui::PushFont(ui.fonts.heading);
    const std::string title = m_room.motifName() + " · " + colorwayName(ui, m_room.colorways()[std::size_t(i)].label);
    ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + ui.px(20), p.y + ui.px(16)), color::kSoga, title.c_str());
    ImGui::PopFont();
  }
  const std::string hint = ui.tr("showroom.touch_to_start");
  const ImVec2 ts = ImGui::CalcTextSize(hint.c_str());
  ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + (avail.x - ts.x) / 2, p.y + avail.y - ui.px(50)), color::kIndigo, hint.c_str());
  ImGui::Dummy(avail);
  probe::note("@showroom.attract");
}

}  // namespace canting::gui
