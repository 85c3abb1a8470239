#pragma once
// What an import did, in the user's language: one wording for the CLI and the
// app, so a trainer reads the same sentence in both.

#include <string>

#include "canting/core/i18n.h"
#include "canting/records/bundle.h"
#include "canting/records/csv.h"

namespace canting::records {

// "Baris 4: NIK harus 16 angka (123)".
std::string csvProblemText(const core::Translator& tr, const CsvProblem& problem);
// "Tidak ada yang diimpor: 3 masalah".
std::string csvRefusedText(const core::Translator& tr, const ImportReport& report);
// "12 peserta diimpor".
std::string csvImportedText(const core::Translator& tr, const ImportReport& report);
// "Limbasari: 34 ditambahkan, 2 diperbarui, ...", or, for an old bundle
// brought again, that nothing was imported and both heads.
std::string bundleImportedText(const core::Translator& tr, const BundleSummary& summary);

}  // namespace canting::records
