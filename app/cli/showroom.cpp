// canting-cli showroom ...: product previews and the outlet's orders. An
// order made here is the one the gallery makes: the same motif library,
// catalogue, colourways (core::Showroom) and dye book, kept by the same store.

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/base/text.h"
#include "canting/core/motif_library.h"
#include "canting/core/paths.h"
#include "canting/core/showroom.h"
#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/mockup.h"
#include "canting/imaging/palette.h"
#include "canting/records/app_session.h"
#include "canting/records/store.h"
#include "cli_internal.h"

namespace canting::cli {

namespace {

namespace im = imaging;

int cmdMockup(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.showroom_mockup";
  auto out = a.value("o");
  if (!out) return c.usage("cli.usage.missing_option", {{"arg", "-o"}}, help);
  const std::string pid = a.value("product").value_or("kemeja");
  auto product = im::parseProduct(pid);
  if (!product) return c.usage("cli.usage.bad_value", {{"arg", "--product"}, {"value", pid}}, help);
  im::MockupOptions o;
  o.product = *product;
  auto num = [&](const char* opt, double& v) {
    if (auto s = a.value(opt)) {
      char* end = nullptr;
      v = std::strtod(s->c_str(), &end);
      if (end == s->c_str() || *end) return false;
    }
    return true;
  };
  double h = o.heightPx;
  if (!num("motif-cm", o.motifWidthCm)) return c.usage("cli.usage.bad_value", {{"arg", "--motif-cm"}, {"value", *a.value("motif-cm")}}, help);
  if (!num("height-px", h)) return c.usage("cli.usage.bad_value", {{"arg", "--height-px"}, {"value", *a.value("height-px")}}, help);
  if (!num("width-cm", o.widthCm)) return c.usage("cli.usage.bad_value", {{"arg", "--width-cm"}, {"value", *a.value("width-cm")}}, help);
  if (!num("length-cm", o.heightCm)) return c.usage("cli.usage.bad_value", {{"arg", "--length-cm"}, {"value", *a.value("length-cm")}}, help);
  o.heightPx = int(h);
  o.folds = !a.flag("flat");
  auto img = im::loadImage(a.positionals[0]);
  if (!img) return c.fail(img.error());
  auto m = im::renderMockup(img->pixels, o);
  if (!m) return c.fail(m.error());
  // The file carries its true scale: print it at this DPI and 10 cm measure 10 cm.
  const double dpi = m->pxPerCm * 2.54;
  if (auto st = im::saveImage(m->image, *out, im::SaveOptions{.dpi = im::Dpi{dpi, dpi}}); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.showroom.mockup_written", {{"path", *out}, {"pxcm", core::formatNumber(m->pxPerCm, 2, c.tr.language())}}) << "\n";
  return kOk;
}

// The records (--db, else the default file) and the person who logs in with
// --user and `pin`; on failure the exit status is in `status`.
std::pair<std::unique_ptr<records::Store>, std::optional<records::Actor>> openAsUser(Ctx& c, const ParsedArgs& a, const std::string& help,
                                                                                     const std::string& pin, int& status) {
  std::filesystem::path db = core::recordsDatabase();
  if (auto p = a.value("db")) db = *p;
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) {
    status = c.fail(im::makeError(im::ErrorCode::FileNotFound, {{"path", db.string()}}));
    return {};
  }
  auto store = records::Store::open({.file = db});
  if (!store) {
    status = c.fail(store.error());
    return {};
  }
  auto user = a.value("user");
  if (!user) {
    status = c.usage("cli.usage.missing_option", {{"arg", "--user"}}, help);
    return {};
  }
  auto actor = (*store)->login(*user, pin);
  if (!actor) {
    status = c.fail(actor.error());
    return {};
  }
  return {std::move(*store), std::move(*actor)};
}

int cmdOrderList(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.showroom_order_list";
  int status = kOk;
  auto [store, actor] = openAsUser(c, a, help, a.value("pin").value_or(""), status);
  if (!actor) return status;
  auto orders = store->orders(*actor);
  if (!orders) return c.fail(orders.error());
  if (a.flag("json")) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& o : *orders) {
      nlohmann::json sw = nlohmann::json::array();
      for (const auto& s : o.swatches) sw.push_back({{"hex", s.hex}, {"dye", s.dye}});
      j.push_back({{"number", o.number}, {"created_at", o.createdAt}, {"customer", o.customer}, {"contact", o.contact}, {"motif", o.motifName},
                   {"colorway", o.colorway}, {"swatches", sw}, {"dyeable", o.dyeable}, {"product", o.productId}, {"product_name", o.productName},
                   {"size", o.size}, {"quantity", o.quantity}, {"unit_price", o.unitPrice}, {"total", o.total()}, {"lead_days", o.leadDays},
                   {"staff", o.staff}});
    }
    c.out << base::dumpJson(j, 2) << "\n";
    return kOk;
  }
  for (const auto& o : *orders)
    c.out << o.number << "  " << o.createdAt.substr(0, 10) << "  " << o.customer << "  " << o.productName << " " << o.size << " × " << o.quantity
          << "  " << core::formatRupiah(o.total()) << "\n";
  if (orders->empty()) c.out << c.tr.tr("cli.showroom.no_orders") << "\n";
  return kOk;
}

int notFound(Ctx& c, const char* what, const std::string& name, const std::vector<std::string>& known) {
  const int status = c.fail(im::makeError(canting::records::RecordsError::NotFound, {{"what", what}, {"name", name}}));
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  c.err << c.tr.tr("cli.showroom.known", {{"list", list}}) << "\n";
  return status;
}

int cmdOrderAdd(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.showroom_order_add";
  for (const char* need : {"motif", "colourway", "product", "size", "qty", "customer", "user", "pin-file"})
    if (!a.value(need)) return c.usage("cli.usage.missing_option", {{"arg", std::string("--") + need}}, help);
  const auto colourway = parseInt(*a.value("colourway"), 0, core::Showroom::kMaxColorways);
  if (!colourway) return c.usage("cli.usage.bad_value", {{"arg", "--colourway"}, {"value", *a.value("colourway")}}, help);
  const auto qty = parseInt(*a.value("qty"), 1, 10000);
  if (!qty) return c.usage("cli.usage.bad_value", {{"arg", "--qty"}, {"value", *a.value("qty")}}, help);
  int status = kOk;
  // Who first: a wrong PIN or a trainer's account stops before any image is decoded.
  auto pin = readPinFile(c, *a.value("pin-file"), status);
  if (!pin) return status;
  auto [store, actor] = openAsUser(c, a, help, *pin, status);
  if (!actor) return status;
  if (!records::takesOrders(&*actor))
    return c.fail(im::makeError(canting::records::RecordsError::NotAllowed,
                                {{"role", std::string("@records.role.") + records::roleName(actor->role())}, {"what", "@records.action.orders"}}));
  // The motif, from the library the gallery shows.
  core::MotifLibrary library;
  library.load(core::assetsDir() / "motifs", core::dataDir() / "motifs");
  const core::LibraryMotif* motif = library.find(*a.value("motif"));
  if (!motif) {
    std::vector<std::string> ids;
    for (const auto& m : library.motifs()) ids.push_back(m.id);
    return notFound(c, "@showroom.entity.motif", *a.value("motif"), ids);
  }
  auto catalogue = core::loadCatalogue(core::catalogueFile(core::dataDir(), core::assetsDir()));
  if (!catalogue) return c.fail(catalogue.error());
  core::Showroom room;
  room.product = -1;
  std::vector<std::string> productIds;
  for (int i = 0; i < int(catalogue->products.size()); ++i) {
    productIds.push_back(catalogue->products[std::size_t(i)].id);
    if (productIds.back() == *a.value("product")) room.product = i;
  }
  if (room.product < 0) return notFound(c, "@showroom.entity.product", *a.value("product"), productIds);
  const auto& sizes = catalogue->products[std::size_t(room.product)].sizes;
  std::vector<std::string> labels;
  room.size = -1;
  for (int i = 0; i < int(sizes.size()); ++i) {
    labels.push_back(sizes[std::size_t(i)].label);
    if (base::asciiLower(labels.back()) == base::asciiLower(*a.value("size"))) room.size = i;
  }
  if (room.size < 0) return notFound(c, "@showroom.entity.size", *a.value("size"), labels);
  auto pixels = core::loadShowroomMotif(motif->image);
  if (!pixels) return c.fail(pixels.error());
  auto palettes = im::loadPaletteDir(core::assetsDir() / "palettes");
  if (auto st = room.selectMotif(motif->id, motif->name, *pixels, palettes ? *palettes : std::vector<im::Palette>{}); !st) return c.fail(st.error());
  if (*colourway > int(room.colorways().size())) {
    c.err << "canting-cli: " << c.tr.tr("cli.showroom.bad_colourway", {{"value", *a.value("colourway")}, {"max", std::to_string(room.colorways().size())}})
          << "\n";
    return kBadInput;
  }
  room.chosen = int(*colourway) - 1;  // 0 is the motif as it is
  auto book = im::loadDyeBook(core::assetsDir() / "dyes" / "dyes.json");
  const int lang = c.tr.language() == core::Language::English ? 1 : 0;
  core::Order order = room.draft(*catalogue, book ? &*book : nullptr, lang);
  order.customer = *a.value("customer");
  order.contact = a.value("contact").value_or("");
  order.quantity = int(*qty);
  auto number = records::RecordsOrderStore(*store, *actor).place(order);
  if (!number) return c.fail(number.error());
  c.out << *number << "\n";
  return kOk;
}

}  // namespace



std::vector<Command> showroomCommands() {
  return {
      {"showroom order list", {{}, {"json"}, {"db", "user", "pin"}}, "cli.help.showroom_order_list", cmdOrderList},
      {"showroom order add",
       {{}, {}, {"motif", "colourway", "product", "size", "qty", "customer", "contact", "user", "pin-file", "db"}},
       "cli.help.showroom_order_add",
       cmdOrderAdd},
      {"showroom mockup", {{"IMAGE"}, {"flat"}, {"product", "motif-cm", "height-px", "width-cm", "length-cm", "o"}, {'o'}}, "cli.help.showroom_mockup", cmdMockup},
  };
}

}  // namespace canting::cli
