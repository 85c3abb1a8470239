// canting-cli showroom ...: product previews and the outlet's orders.

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/core/paths.h"
#include "canting/core/showroom.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/mockup.h"
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

int cmdOrderList(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.showroom_order_list";
  std::filesystem::path db = core::recordsDatabase();
  if (auto p = a.value("db")) db = *p;
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) return c.fail(im::makeError(im::ErrorCode::FileNotFound, {{"path", db.string()}}));
  auto store = records::Store::open({.file = db});
  if (!store) return c.fail(store.error());
  auto user = a.value("user");
  if (!user) return c.usage("cli.usage.missing_option", {{"arg", "--user"}}, help);
  auto actor = (*store)->login(*user, a.value("pin").value_or(""));
  if (!actor) return c.fail(actor.error());
  auto orders = (*store)->orders(*actor);
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

}  // namespace

std::vector<Command> showroomCommands() {
  return {
      {"showroom order list", {{}, {"json"}, {"db", "user", "pin"}}, "cli.help.showroom_order_list", cmdOrderList},
      {"showroom mockup", {{"IMAGE"}, {"flat"}, {"product", "motif-cm", "height-px", "width-cm", "length-cm", "o"}, {'o'}}, "cli.help.showroom_mockup", cmdMockup},
  };
}

}  // namespace canting::cli
