// The printed records (cairo PDF, A4): what an LSP, a centre or a customer
// takes away on paper.
//
// [SECTION] page writer: running header, page breaks, A4 set-up
// [SECTION] centre report: the progress matrix of one centre and scheme
// [SECTION] transcript: one trainee's units, assessments and certificates
// [SECTION] session papers: attendance list, participation certificates
// [SECTION] order slip: the outlet's order for the customer

#include "canting/records/reports.h"

#include <cairo.h>

#include <array>
#include <functional>
#include <map>

#include "canting/imaging/color.h"
#include "canting/imaging/pdf_file.h"

namespace canting::records {

namespace fs = std::filesystem;
using imaging::ErrorCode;
using imaging::makeError;

namespace {

// [SECTION] page writer: running header, page breaks, A4 set-up

constexpr double kPt = 72.0 / 25.4;

// A page writer with a running header and automatic page breaks.
class Doc {
 public:
  Doc(cairo_surface_t* s, double w, double h, std::string title, std::string subtitle)
      : m_cr(cairo_create(s)), m_w(w), m_h(h), m_title(std::move(title)), m_sub(std::move(subtitle)) {
    header();
  }
  ~Doc() { cairo_destroy(m_cr); }

  void heading(const std::string& t) {
    need(30);
    m_y += 8;
    text(m_m, m_y + 14, t, 13, true, {0.36, 0.22, 0.12});
    m_y += 22;
  }
  void line(const std::string& t, double indent = 0) {
    need(16);
    text(m_m + indent, m_y + 12, t, 10.5, false);
    m_y += 16;
  }
  // A table row: cells at the given x offsets (from the margin).
  void row(const std::vector<std::string>& cells, const std::vector<double>& xs, bool bold = false, bool rule = true) {
    need(17);
    for (std::size_t i = 0; i < cells.size() && i < xs.size(); ++i) text(m_m + xs[i], m_y + 12, cells[i], 9.5, bold);
    if (rule) {
      cairo_set_source_rgb(m_cr, 0.8, 0.76, 0.7);
      cairo_set_line_width(m_cr, 0.4);
      cairo_move_to(m_cr, m_m, m_y + 16);
      cairo_line_to(m_cr, m_w - m_m, m_y + 16);
      cairo_stroke(m_cr);
    }
    m_y += 17;
  }
  void gap(double h) { m_y += h; }
  double y() const { return m_y; }
  void finish() { cairo_show_page(m_cr); }
  cairo_t* cr() { return m_cr; }
  double width() const { return m_w; }
  double margin() const { return m_m; }
  // Called after a page break so tables repeat their head.
  std::function<void()> onNewPage;

  void text(double x, double y, const std::string& t, double size, bool bold, std::array<double, 3> rgb = {0.1, 0.1, 0.1}) {
    cairo_set_source_rgb(m_cr, rgb[0], rgb[1], rgb[2]);
    cairo_select_font_face(m_cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(m_cr, size);
    cairo_move_to(m_cr, x, y);
    cairo_show_text(m_cr, t.c_str());
  }

 private:
  void need(double h) {
    if (m_y + h <= m_h - m_m - 14) return;
    footer();
    cairo_show_page(m_cr);
    header();
    if (onNewPage) onNewPage();
  }
  void header() {
    ++m_page;
    m_y = m_m;
    text(m_m, m_y + 16, m_title, 16, true, {0.36, 0.22, 0.12});
    m_y += 22;
    if (!m_sub.empty()) {
      text(m_m, m_y + 11, m_sub, 10, false, {0.15, 0.25, 0.45});
      m_y += 16;
    }
    cairo_set_source_rgb(m_cr, 0.36, 0.22, 0.12);
    cairo_set_line_width(m_cr, 1.2);
    cairo_move_to(m_cr, m_m, m_y + 4);
    cairo_line_to(m_cr, m_w - m_m, m_y + 4);
    cairo_stroke(m_cr);
    m_y += 12;
  }
  void footer() { text(m_m, m_h - m_m + 4, "Canting · halaman " + std::to_string(m_page), 8, false, {0.4, 0.4, 0.4}); }

  cairo_t* m_cr;
  double m_w, m_h, m_m = 16 * kPt, m_y = 0;
  int m_page = 0;
  std::string m_title, m_sub;
};

template <class F>
Status withA4(const fs::path& out, bool landscape, const std::string& title, const std::string& sub, F&& body) {
  const double w = (landscape ? 297 : 210) * kPt, h = (landscape ? 210 : 297) * kPt;
  auto target = imaging::openPdf(out, w, h);
  if (!target) return target.error();
  {
    Doc doc(target->surface, w, h, title, sub);
    if (auto st = body(doc); !st) {
      cairo_surface_finish(target->surface);
      cairo_surface_destroy(target->surface);
      target->surface = nullptr;
      std::error_code ec;
      fs::remove(target->tmp, ec);
      return st;
    }
    doc.finish();
  }
  return imaging::closePdf(*target);
}

std::string centreName(Store& store, const Actor& by, Id id) {
  auto cs = store.centres(by);
  if (cs)
    for (const auto& c : *cs)
      if (c.id == id) return c.name;
  return "?";
}

// The audit chain's head as of printing: whoever holds the paper can later
// check the database against it (canting-cli training verify-audit --head).
std::string headText(Store& store) {
  auto h = store.auditHead();
  return h && h->seq > 0 ? h->text() : std::string();
}
std::string headNote(Store& store) {
  const std::string h = headText(store);
  return h.empty() ? "" : " · kepala rantai audit " + h;
}

std::string personName(Store& store, const Actor& by, Id id) {
  if (auto ps = store.people(by))
    for (const auto& p : *ps)
      if (p.id == id) return p.name;
  return "-";
}

}  // namespace

// [SECTION] centre report: the progress matrix of one centre and scheme

Status writeCentreReport(Store& store, const Actor& by, Id centre, Id schemeId, const fs::path& out) {
  auto dash = store.dashboard(by);
  if (!dash) return dash.error();
  auto m = store.matrix(by, centre, schemeId);
  if (!m) return m.error();
  auto sch = store.scheme(by, schemeId);
  if (!sch) return sch.error();
  CentreProgress p;
  for (const auto& d : *dash)
    if (d.centre == centre) p = d;
  const std::string name = centreName(store, by, centre);
  return withA4(out, true, "Laporan Kemajuan Sentra: " + name, "Skema " + sch->title + " (versi " + sch->version + ") · dicetak " + store.today() + headNote(store),
                [&](Doc& doc) -> Status {
                  doc.heading("Ringkasan");
                  doc.line("Peserta terdaftar: " + std::to_string(p.trainees));
                  doc.line("Sesi bintek diadakan: " + std::to_string(p.sessions));
                  doc.line("Unit kompetensi tercapai (K): " + std::to_string(p.unitsAchieved));
                  doc.line("Peserta bersertifikat aktif: " + std::to_string(p.certified));
                  doc.line("Sertifikat berakhir dalam 90 hari: " + std::to_string(p.expiring90));
                  doc.heading("Matriks peserta × unit");
                  for (std::size_t u = 0; u < m->units.size(); ++u)
                    doc.line("U" + std::to_string(u + 1) + " = " + (m->units[u].code.empty() ? "" : m->units[u].code + " ") + m->units[u].title, 10);
                  doc.gap(6);
                  std::vector<double> xs = {0};
                  std::vector<std::string> head = {"Peserta"};
                  const double colW = std::min(40.0, (doc.width() - 2 * doc.margin() - 200) / std::max<std::size_t>(1, m->units.size()));
                  for (std::size_t u = 0; u < m->units.size(); ++u) {
                    xs.push_back(200 + colW * double(u));
                    head.push_back("U" + std::to_string(u + 1));
                  }
                  xs.push_back(200 + colW * double(m->units.size()) + 6);
                  head.push_back("K");
                  doc.row(head, xs, true);
                  doc.onNewPage = [&] { doc.row(head, xs, true); };
                  for (std::size_t r = 0; r < m->trainees.size(); ++r) {
                    std::vector<std::string> cells = {m->trainees[r].second};
                    int k = 0;
                    for (char c : m->cells[r]) {
                      cells.push_back(c == 'K' ? "K" : c == 'B' ? "BK" : "·");
                      k += c == 'K';
                    }
                    cells.push_back(std::to_string(k) + "/" + std::to_string(m->units.size()));
                    doc.row(cells, xs);
                  }
                  doc.onNewPage = nullptr;
                  if (m->trainees.empty()) doc.line("Belum ada peserta di sentra ini.");
                  return imaging::Ok{};
                });
}

// [SECTION] transcript: one trainee's units, assessments and certificates

Status writeTranscript(Store& store, const Actor& by, Id traineeId, const fs::path& out) {
  auto t = store.trainee(by, traineeId);
  if (!t) return t.error();
  auto as = store.assessmentsOf(by, traineeId);
  if (!as) return as.error();
  auto certs = store.certificates(by, traineeId);
  if (!certs) return certs.error();
  auto sess = store.sessions(by, t->centre);
  if (!sess) return sess.error();
  auto ev = store.evidenceOf(by, traineeId);
  if (!ev) return ev.error();
  std::map<Id, bool> schemesSeen;
  for (const auto& a : *as) schemesSeen[a.scheme] = true;
  return withA4(out, false, "Transkrip Peserta: " + t->name, centreName(store, by, t->centre) + " · dicetak " + store.today() + headNote(store), [&](Doc& doc) -> Status {
    doc.heading("Identitas");
    doc.line("Nama: " + t->name);
    doc.line("NIK: " + t->nik);
    doc.line("Tanggal lahir: " + (t->birthDate.empty() ? "-" : t->birthDate) + "   Jenis kelamin: " + (t->sex.empty() ? "-" : t->sex));
    doc.line("Sentra: " + centreName(store, by, t->centre));
    doc.line(std::string("Persetujuan pengolahan data pribadi: ") + (t->consent ? "ya" : "tidak"));
    for (const auto& [sid, _] : schemesSeen) {
      auto prog = store.unitProgress(by, traineeId, sid);
      auto sch = store.scheme(by, sid);
      if (!prog || !sch) continue;
      doc.heading("Skema " + sch->title + " (versi " + sch->version + ")");
      for (const auto& [u, s] : *prog)
        doc.row({u.code.empty() ? "-" : u.code, u.title, s == 'K' ? "Kompeten (K)" : s == 'B' ? "Belum kompeten (BK)" : "belum diases"}, {0, 90, 400});
    }
    doc.heading("Asesmen");
    if (as->empty()) doc.line("Belum ada asesmen.");
    for (const auto& a : *as) {
      int k = 0, bk = 0;
      for (const auto& [u, ok] : a.units) (ok ? k : bk)++;
      doc.line(a.date + " · asesor " + (a.assessorName.empty() ? "-" : a.assessorName) + " · " + a.place + " · K " + std::to_string(k) + ", BK " +
               std::to_string(bk) + (a.followUp.empty() ? "" : " · tindak lanjut: " + a.followUp));
    }
    doc.heading("Sesi bintek yang dihadiri");
    int attended = 0;
    for (const auto& s0 : *sess) {
      auto s = store.session(by, s0.id);
      if (!s) continue;
      auto it = s->attendance.find(traineeId);
      if (it == s->attendance.end() || it->second != Attendance::Present) continue;
      doc.line(s->date + " · " + s->topic + (s->title.empty() ? "" : " · " + s->title));
      ++attended;
    }
    if (!attended) doc.line("Belum ada.");
    doc.heading("Bukti");
    if (ev->empty()) doc.line("Belum ada bukti.");
    for (const auto& e : *ev)
      doc.line(e.date + " · " + evidenceTypeName(e.type) + " · " + e.fileName + " · SHA-256 " + e.sha256.substr(0, 16) + "…");
    doc.heading("Sertifikat");
    if (certs->empty()) doc.line("Belum ada sertifikat.");
    for (const auto& c : *certs)
      doc.line(c.number + " · " + c.schemeTitle + " · terbit " + c.issueDate + " · berlaku s.d. " + c.expiryDate + " · " +
               (c.status == "active" ? "aktif" : c.status == "expired" ? "kedaluwarsa" : "dicabut"));
    return imaging::Ok{};
  });
}

// [SECTION] session papers: attendance list, participation certificates

Status writeAttendanceList(Store& store, const Actor& by, Id sessionId, const fs::path& out) {
  auto s = store.session(by, sessionId);
  if (!s) return s.error();
  auto list = store.sessionTrainees(by, sessionId);
  if (!list) return list.error();
  return withA4(out, false, "Daftar Hadir Bintek", s->date + " · " + centreName(store, by, s->centre) + " · topik " + s->topic +
                                                         (s->title.empty() ? "" : " · " + s->title) + headNote(store),
                [&](Doc& doc) -> Status {
                  doc.line("Pelatih: " + personName(store, by, s->trainer));
                  // The first column is the id that `training session add --present` takes.
                  doc.line("ID: nomor peserta di Canting (canting-cli training session add --present ID,...)");
                  doc.gap(6);
                  const std::vector<double> xs = {0, 40, 260, 370};
                  const std::vector<std::string> head = {"ID", "Nama", "Kehadiran", "Tanda tangan"};
                  doc.row(head, xs, true);
                  doc.onNewPage = [&] { doc.row(head, xs, true); };
                  for (const auto& t : *list) {
                    auto it = s->attendance.find(t.id);
                    const std::string st = it == s->attendance.end() ? "" : it->second == Attendance::Present ? "hadir" : it->second == Attendance::Excused ? "izin" : "tidak hadir";
                    doc.row({std::to_string(t.id), t.name, st, ""}, xs);
                  }
                  doc.onNewPage = nullptr;
                  return imaging::Ok{};
                });
}

Status writeParticipationCertificates(Store& store, const Actor& by, Id sessionId, Id only, const fs::path& out) {
  auto s = store.session(by, sessionId);
  if (!s) return s.error();
  auto list = store.sessionTrainees(by, sessionId);
  if (!list) return list.error();
  std::vector<Trainee> who;
  for (const auto& t : *list) {
    auto it = s->attendance.find(t.id);
    if (it != s->attendance.end() && it->second == Attendance::Present && (only == 0 || only == t.id)) who.push_back(t);
  }
  if (who.empty()) return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.present_trainee"}, {"name", s->date}});
  const double w = 297 * kPt, h = 210 * kPt;
  auto target = imaging::openPdf(out, w, h);
  if (!target) return target.error();
  cairo_t* cr = cairo_create(target->surface);
  auto centred = [&](double y, const std::string& t, double size, bool bold, double r, double g, double b) {
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr, t.c_str(), &e);
    cairo_set_source_rgb(cr, r, g, b);
    cairo_move_to(cr, (w - e.width) / 2 - e.x_bearing, y);
    cairo_show_text(cr, t.c_str());
  };
  const std::string centre = centreName(store, by, s->centre), trainer = personName(store, by, s->trainer), head = headText(store);
  for (const auto& t : who) {
    // A border in soga brown with an indigo inner line, like a batik tumpal edge.
    cairo_set_source_rgb(cr, 0.36, 0.22, 0.12);
    cairo_set_line_width(cr, 6);
    cairo_rectangle(cr, 14 * kPt, 14 * kPt, w - 28 * kPt, h - 28 * kPt);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.15, 0.25, 0.45);
    cairo_set_line_width(cr, 1.5);
    cairo_rectangle(cr, 19 * kPt, 19 * kPt, w - 38 * kPt, h - 38 * kPt);
    cairo_stroke(cr);
    centred(60 * kPt, "SERTIFIKAT KEIKUTSERTAAN", 30, true, 0.36, 0.22, 0.12);
    centred(72 * kPt, "Certificate of participation", 12, false, 0.15, 0.25, 0.45);
    centred(92 * kPt, "diberikan kepada", 13, false, 0.2, 0.2, 0.2);
    centred(110 * kPt, t.name, 26, true, 0.1, 0.1, 0.1);
    centred(128 * kPt, "atas keikutsertaan dalam bimbingan teknis (bintek) batik", 13, false, 0.2, 0.2, 0.2);
    centred(140 * kPt, "topik " + s->topic + (s->title.empty() ? "" : ": " + s->title), 13, true, 0.2, 0.2, 0.2);
    centred(152 * kPt, centre + ", " + s->date, 13, false, 0.2, 0.2, 0.2);
    centred(178 * kPt, "Pelatih: " + trainer, 11, false, 0.2, 0.2, 0.2);
    centred(188 * kPt, "Ini bukan sertifikat kompetensi BNSP.", 9, false, 0.45, 0.45, 0.45);
    if (!head.empty()) centred(194 * kPt, "Kepala rantai audit: " + head, 7, false, 0.45, 0.45, 0.45);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  return imaging::closePdf(*target);
}

// [SECTION] order slip: the outlet's order for the customer

Status writeOrderSlip(const core::Order& o, int language, const fs::path& out) {
  const bool en = language == 1;
  auto L = [&](const char* id, const char* e) { return std::string(en ? e : id); };
  return withA4(out, false, L("Slip Pesanan ", "Order slip ") + o.number, L("dibuat ", "made ") + o.createdAt.substr(0, 10) + " · " + o.staff,
                [&](Doc& doc) -> Status {
                  doc.heading(L("Pembeli", "Customer"));
                  doc.line(L("Nama: ", "Name: ") + o.customer);
                  doc.line(L("Kontak: ", "Contact: ") + (o.contact.empty() ? "-" : o.contact));
                  doc.heading(L("Desain", "Design"));
                  doc.line(L("Motif: ", "Motif: ") + o.motifName + (o.motifId.empty() ? "" : " (" + o.motifId + ")"));
                  doc.line(L("Pilihan warna: ", "Colourway: ") + (o.colorway.empty() ? L("warna asli", "original colours") : o.colorway));
                  doc.line(o.dyeable ? L("Dapat dicelup berurutan (malam dan celup).", "Can be dyed bath after bath (wax and dye).")
                                     : L("Tidak dapat dicelup berurutan: perlu colet atau cat.", "Cannot be dyed bath after bath: needs colet or paint."));
                  for (const auto& sw : o.swatches) {
                    // A swatch drawn in its colour, then its hex and the nearest dye's name.
                    const auto [r, g, b] = imaging::parseHex(sw.hex).value_or(imaging::Rgb8{});
                    cairo_t* cr = doc.cr();
                    const double x = doc.margin() + 10;
                    doc.line("", 0);  // reserve the row, then draw into it
                    cairo_set_source_rgb(cr, r / 255.0, g / 255.0, b / 255.0);
                    cairo_rectangle(cr, x, doc.y() - 15, 26, 13);
                    cairo_fill_preserve(cr);
                    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
                    cairo_set_line_width(cr, 0.5);
                    cairo_stroke(cr);
                    doc.text(x + 34, doc.y() - 4, sw.hex + (sw.dye.empty() ? "" : "   " + L("zat warna terdekat: ", "nearest dye: ") + sw.dye), 10.5, false);
                  }
                  doc.heading(L("Produk", "Product"));
                  doc.line(L("Produk: ", "Product: ") + o.productName + (o.size.empty() ? "" : L(", ukuran ", ", size ") + o.size));
                  doc.line(L("Jumlah: ", "Quantity: ") + std::to_string(o.quantity));
                  doc.line(L("Harga satuan: ", "Unit price: ") + core::formatRupiah(o.unitPrice));
                  doc.line(L("Total: ", "Total: ") + core::formatRupiah(o.total()));
                  doc.line(L("Lama pengerjaan: ", "Making time: ") + std::to_string(o.leadDays) + L(" hari kerja", " working days"));
                  if (!o.note.empty()) doc.line(L("Catatan: ", "Note: ") + o.note);
                  doc.gap(30);
                  doc.line(L("Tanda tangan pembeli: ______________________      Staf: ______________________",
                             "Customer's signature: ______________________      Staff: ______________________"));
                  return imaging::Ok{};
                });
}

}  // namespace canting::records
