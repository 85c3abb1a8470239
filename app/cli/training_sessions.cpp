// canting-cli training session add and training unit list: a bintek session
// for the trainees chosen, on a topic from the list the app offers
// (assets/training/topics.json), and the unit ids --units takes.

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/records/desk.h"
#include "training_internal.h"

namespace canting::cli::training {

namespace rec = records;

namespace {

std::string topicIds(const std::vector<std::string>& topics) {
  std::string out;
  for (const auto& t : topics) out += (out.empty() ? "" : ", ") + t;
  return out;
}

// One line per topic: the id to type, then its label in the user's language.
std::string topicTable(Ctx& c, const std::vector<std::string>& topics) {
  std::size_t w = 0;
  for (const auto& t : topics) w = std::max(w, t.size());
  std::string out;
  for (const auto& t : topics) out += "  " + t + std::string(w + 2 - t.size(), ' ') + c.tr.tr("training.topic." + t) + "\n";
  return out;
}

}  // namespace

std::string sessionHelp(Ctx& c) {
  std::string out;
  if (auto topics = rec::readSessionTopics()) out += c.tr.tr("cli.training.topics_help") + "\n" + topicTable(c, *topics);
  out += c.tr.tr("cli.training.trainees_help") + "\n";
  out += c.tr.tr("cli.training.units_help") + "\n";
  return out;
}

int cmdSessionAdd(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_session_add";
  for (const char* need : {"centre", "date", "topic"})
    if (!a.value(need)) return c.usage("cli.usage.missing_option", {{"arg", std::string("--") + need}}, help);
  // The topic is checked before logging in: a typo should not cost a PIN try.
  auto topics = rec::readSessionTopics();
  if (!topics) return c.fail(topics.error());
  const std::string topic = *a.value("topic");
  if (std::find(topics->begin(), topics->end(), topic) == topics->end()) {
    c.err << "canting-cli: " << c.tr.tr("cli.training.bad_topic", {{"topic", topic}, {"topics", topicIds(*topics)}}) << "\n";
    return kUsage;
  }
  rec::Session ses;
  ses.date = *a.value("date");
  ses.topic = topic;
  ses.title = a.value("title").value_or("");
  int status = 0;
  // --trainees: who the session is for (the store takes the whole centre when empty).
  auto who = readIds(c, a.value("trainees").value_or(""), "--trainees", help, status);
  if (!who) return status;
  ses.trainees = *who;
  // --present / --absent / --excused: comma-separated trainee ids.
  for (const auto& [opt, st] : {std::pair{"present", rec::Attendance::Present}, {"absent", rec::Attendance::Absent}, {"excused", rec::Attendance::Excused}}) {
    auto ids = readIds(c, a.value(opt).value_or(""), opt, help, status);
    if (!ids) return status;
    for (rec::Id id : *ids) ses.attendance[id] = st;
  }
  auto units = readIds(c, a.value("units").value_or(""), "--units", help, status);
  if (!units) return status;
  ses.units = *units;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  auto centre = centreFrom(c, *s, *by, *a.value("centre"), status);
  if (!centre) return status;
  ses.centre = centre->id;
  auto id = s->addSession(*by, ses);
  if (!id) return c.fail(id.error());
  c.out << c.tr.tr("cli.training.session_added", {{"id", std::to_string(*id)}, {"date", ses.date}}) << "\n";
  return kOk;
}

int cmdUnitList(Ctx& c, const ParsedArgs& a) {
  int status = 0;
  auto s = openStore(c, a, status);
  if (!s) return status;
  // The curriculum is published data, like the list of centres: no login needed.
  const rec::Actor& by = s->systemActor();
  auto schemes = s->schemes(by);
  if (!schemes) return c.fail(schemes.error());
  std::optional<rec::Id> only;
  if (auto v = a.value("scheme")) {
    only = readId(c, *v, "--scheme", "cli.help.training", status);
    if (!only) return status;
  }
  nlohmann::json j = nlohmann::json::array();
  for (const auto& head : *schemes) {
    if (only && head.id != *only) continue;
    auto sch = s->scheme(by, head.id);
    if (!sch) return c.fail(sch.error());
    if (!a.flag("json"))
      c.out << c.tr.tr("cli.training.scheme_line", {{"title", sch->title}, {"version", sch->version}, {"id", std::to_string(sch->id)}}) << "\n";
    for (const auto& u : sch->units) {
      if (a.flag("json")) j.push_back({{"id", u.id}, {"code", u.code}, {"title", u.title}, {"scheme", sch->id}});
      else c.out << "  " << u.id << "  " << (u.code.empty() ? "" : u.code + "  ") << u.title << "\n";
    }
  }
  if (a.flag("json")) c.out << base::dumpJson(j, 2) << "\n";
  return kOk;
}

}  // namespace canting::cli::training
