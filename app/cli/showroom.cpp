// canting-cli showroom ...: product previews and the outlet's orders.

#include <nlohmann/json.hpp>

#include "canting/core/paths.h"
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

}  // namespace

std::vector<Command> showroomCommands() {
  return {
      {"showroom mockup", {{"IMAGE"}, {"flat"}, {"product", "motif-cm", "height-px", "width-cm", "length-cm", "o"}, {'o'}}, "cli.help.showroom_mockup", cmdMockup},
  };
}

}  // namespace canting::cli
