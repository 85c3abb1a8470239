#pragma once
// Printable reports from the records (A4 PDF through cairo), in Bahasa
// Indonesia as the regency files them. Each respects the reader's role:
// NIK and phone are masked as on screen.

#include <filesystem>

#include "canting/records/store.h"

namespace canting::records {

// Per-centre progress: the counts, then the trainee x unit matrix of a scheme.
Status writeCentreReport(Store& store, const Actor& by, Id centre, Id scheme, const std::filesystem::path& out);
// Per-trainee transcript: identity, units per scheme, assessments, sessions, certificates.
Status writeTranscript(Store& store, const Actor& by, Id trainee, const std::filesystem::path& out);
// A session's attendance list with a column to sign.
Status writeAttendanceList(Store& store, const Actor& by, Id session, const std::filesystem::path& out);
// Certificate of participation in a bintek session, one landscape page per present trainee
// (or only `trainee` when non-zero).
Status writeParticipationCertificates(Store& store, const Actor& by, Id session, Id trainee, const std::filesystem::path& out);

// The outlet's order slip: number, date, customer, motif, colourway swatches
// with hex and dye names, product, size, quantity, price, total, ready date.
// `language` 0 = Indonesian, 1 = English (the slip goes to the customer).
Status writeOrderSlip(const core::Order& order, int language, const std::filesystem::path& out);

}  // namespace canting::records
