#include "canting/records/wording.h"

namespace canting::records {

std::string csvProblemText(const core::Translator& tr, const CsvProblem& p) {
  return tr.tr("cli.training.csv_problem", {{"line", std::to_string(p.line)}, {"reason", tr.tr(p.reasonKey, {{"value", p.value}})}});
}

std::string csvRefusedText(const core::Translator& tr, const ImportReport& r) {
  return tr.tr("cli.training.csv_nothing", {{"count", std::to_string(r.problems.size())}});
}

std::string csvImportedText(const core::Translator& tr, const ImportReport& r) {
  return tr.tr("cli.training.csv_imported", {{"count", std::to_string(r.imported)}});
}

std::string bundleImportedText(const core::Translator& tr, const BundleSummary& s) {
  if (s.replayed) return tr.tr("cli.training.bundle_replayed", {{"centre", s.centre}, {"bundle", s.head.text()}, {"held", s.held.text()}});
  return tr.tr("cli.training.bundle_imported", {{"centre", s.centre},
                                                {"added", std::to_string(s.added)},
                                                {"updated", std::to_string(s.updated)},
                                                {"unchanged", std::to_string(s.unchanged)},
                                                {"conflicts", std::to_string(s.conflicts)}});
}

}  // namespace canting::records
