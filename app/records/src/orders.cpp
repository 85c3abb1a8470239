// Orders: the outlet's customer orders, numbered PSN-<year>-<n>.

#include "store_internal.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"

namespace canting::records {

using nlohmann::json;

Result<std::string> Store::saveOrder(const Actor& by, core::Order& o) {
  if (auto st = require(by, {Role::Outlet, Role::Admin}, "orders"); !st) return st.error();
  if (o.customer.empty()) return invalid("@showroom.field.customer");
  if (o.productId.empty() || o.productName.empty()) return invalid("@showroom.field.product");
  if (o.motifName.empty()) return invalid("@showroom.field.motif");
  if (o.quantity < 1 || o.quantity > 10000) return invalid("@showroom.field.quantity");
  if (o.unitPrice < 0) return invalid("@showroom.field.price");
  return guarded("saveOrder", [&]() -> Result<std::string> {
    Transaction tx(m_db);
    const std::string now = isoTime(this->now());
    const int year = std::stoi(now.substr(0, 4));
    m_db.prepare("INSERT INTO order_counter (year, last) VALUES (?1, 1) ON CONFLICT (year) DO UPDATE SET last = order_counter.last + 1").bind(1, year).run();
    auto q = m_db.prepare("SELECT last FROM order_counter WHERE year = ?1");
    q.bind(1, year).step();
    char number[32];
    std::snprintf(number, sizeof number, "PSN-%d-%04lld", year, static_cast<long long>(q.i64(0)));
    json sw = json::array();
    for (const auto& x : o.swatches) sw.push_back({{"hex", x.hex}, {"dye", x.dye}});
    const std::string uuid = newUuid();
    m_db.prepare("INSERT INTO orders (uuid, number, created_at, customer, contact, motif_id, motif_name, colorway, swatches, dyeable, product_id, "
                 "product_name, size, quantity, unit_price, lead_days, staff, note) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)")
        .bind(1, uuid).bind(2, number).bind(3, now).bind(4, o.customer).bind(5, o.contact).bind(6, o.motifId).bind(7, o.motifName)
        .bind(8, o.colorway).bind(9, base::dumpJson(sw)).bind(10, o.dyeable ? 1 : 0).bind(11, o.productId).bind(12, o.productName).bind(13, o.size)
        .bind(14, o.quantity).bind(15, std::int64_t(o.unitPrice)).bind(16, o.leadDays).bind(17, by.name()).bind(18, o.note).run();
    appendAudit(by.name(), "order", "order", uuid, base::dumpJson(json{{"number", number}, {"product", o.productId}, {"quantity", o.quantity}}));
    tx.commit();
    o.number = number;
    o.createdAt = now;
    o.staff = by.name();
    return std::string(number);
  });
}

namespace {
constexpr const char* kOrderColumns =
    "number, created_at, customer, contact, motif_id, motif_name, colorway, swatches, dyeable, product_id, product_name, "
    "size, quantity, unit_price, lead_days, staff, note";

core::Order readOrder(Stmt& q) {
  core::Order o;
  o.number = q.text(0), o.createdAt = q.text(1), o.customer = q.text(2), o.contact = q.text(3), o.motifId = q.text(4), o.motifName = q.text(5);
  o.colorway = q.text(6);
  const json sw = json::parse(q.text(7), nullptr, false);
  if (sw.is_array())
    for (const auto& x : sw)
      if (x.is_object()) o.swatches.push_back({x.value("hex", std::string()), x.value("dye", std::string())});
  o.dyeable = q.i64(8) != 0, o.productId = q.text(9), o.productName = q.text(10), o.size = q.text(11), o.quantity = int(q.i64(12));
  o.unitPrice = q.i64(13), o.leadDays = int(q.i64(14)), o.staff = q.text(15), o.note = q.text(16);
  return o;
}
}  // namespace

Result<std::vector<core::Order>> Store::orders(const Actor& by) {
  if (auto st = require(by, {Role::Outlet, Role::Admin}, "orders"); !st) return st.error();
  return guarded("orders", [&]() -> Result<std::vector<core::Order>> {
    std::vector<core::Order> out;
    auto q = m_db.prepare(std::string("SELECT ") + kOrderColumns + " FROM orders ORDER BY id DESC");
    while (q.step()) out.push_back(readOrder(q));
    return out;
  });
}

Result<std::vector<core::Order>> Store::centreOrders(const Actor& by, Id centre) {
  if (auto st = require(by, {Role::Admin}, "orders"); !st) return st.error();
  return guarded("centreOrders", [&]() -> Result<std::vector<core::Order>> {
    std::vector<core::Order> out;
    auto q = m_db.prepare(std::string("SELECT ") + kOrderColumns + " FROM centre_orders WHERE centre_id = ?1 ORDER BY created_at DESC, id DESC");
    q.bind(1, centre);
    while (q.step()) out.push_back(readOrder(q));
    return out;
  });
}

}  // namespace canting::records
