#pragma once
// Pelatihan & Sertifikasi: log in with a PIN on a keypad, the regency
// dashboard, a centre, a trainee, a bintek session with its attendance grid,
// the assessment form (FR.IA.01 checklist and FR.AK.02 record), the
// trainee x unit matrix and the keys page (enrolment, revocation). The model is records::Desk over records::Store;
// the store enforces the roles, this panel only hides what would be refused.
// Split by page: training_panel.cpp (frame, login, dashboard, files),
// training_pages.cpp (centre, trainee, session), training_forms.cpp
// (assessment form, matrix), training_keys.cpp (keys, a refused bundle).
// (assessment form, matrix), training_edits.cpp (corrections as new
// versions: people, centres, trainees, revoked certificates; centre heads).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "canting/records/bundle.h"
#include "canting/records/desk.h"
#include "canting/records/keys.h"
#include "panel.h"
#include "training_sync.h"

namespace canting::gui {

class TrainingPanel final : public Panel {
 public:
  using Id = records::Id;

  core::WorkspaceId workspace() const override { return core::WorkspaceId::PelatihanSertifikasi; }
  // The records are the App's Session (ui.records), shared with the lab and the gallery.
  void draw(UiContext& ui) override;

  // Files: the panel asks, the app opens the browser and hands the path back with the tag.
  enum class File { CentreReport = 1, Transcript, AttendanceList, Certificates, MatrixCsv, Bundle, ImportCsv, ImportBundle, AddEvidence, Backup,
                    KeysExport, KeysEnrol };
  std::optional<FileRequest> takeFileRequest(UiContext& ui) override;
  void fileChosen(UiContext& ui, int tag, const std::filesystem::path& path) override;

 private:
  void drawLogin(UiContext& ui);
  void drawTopBar(UiContext& ui);
  // The backup button (in the top bar's row), or the reminder line under it when
  // the last backup is over a week old or there is none (records::backupDue).
  void drawBackup(UiContext& ui, bool button);
  void drawDashboard(UiContext& ui);
  void drawCentre(UiContext& ui);
  void drawSessionForm(UiContext& ui, const std::vector<records::Trainee>& trainees);
  void drawTrainee(UiContext& ui);
  void drawSession(UiContext& ui);
  void drawAssessment(UiContext& ui);
  void drawMatrix(UiContext& ui);
  // training_keys.cpp: the keys page (enrol, revoke) and a refused bundle's report.
  void drawKeys(UiContext& ui);
  void drawRefusal(UiContext& ui);
  // training_edits.cpp: each a button that opens its form inline; saving goes
  // through the store (audited), and nothing is ever deleted.
  void drawPersonForm(UiContext& ui);                              // dashboard, administrators
  void drawCentreEdit(UiContext& ui, const records::Centre& c);    // centre page, administrators
  void drawTraineeEdit(UiContext& ui, const records::Trainee& t);  // trainee page, administrators and trainers
  void drawRevoke(UiContext& ui, const records::Certificate& c);   // beside an active certificate, administrators
  // The last head imported from a centre and when, for the dashboard's table.
  void drawCentreHead(UiContext& ui, Id centre);
  void request(File what, std::string suggested);
  void report(UiContext& ui, const imaging::Status& st, const std::filesystem::path& path);
  std::string centreName(UiContext& ui, Id id);
  void useDemo(UiContext& ui, bool demo);  // after the frame: it replaces the store being drawn

  std::optional<FileRequest> m_request;
  std::optional<imaging::Error> m_loginError, m_formError;
  char m_newAdmin[64] = {};
  // Matrix filters.
  char m_matrixFilter[64] = {};
  int m_matrixStatus = 0;  // 0 all, 1 not yet all K, 2 all K
  // Recording a certificate on the trainee page.
  char m_certNumber[64] = {}, m_certDate[11] = {};
  // The edit forms: which one is open (0: none) and what is typed in it.
  struct Edits {
    bool person = false;
    char personName[64] = {}, personRegistration[48] = {}, personPin[16] = {};
    int personRole = 1;  // index into Admin, Trainer, Assessor, Outlet
    Id personCentre = 0;
    Id centre = 0;
    char centreName[96] = {}, desa[64] = {}, kecamatan[64] = {}, note[128] = {};
    Id trainee = 0;
    char name[96] = {}, nik[20] = {}, birth[11] = {}, phone[24] = {};
    int sex = 0;  // 0 -, 1 L, 2 P
    bool consent = false;
    Id revoke = 0;
    char reason[128] = {};
    std::optional<imaging::Error> error;
  } m_edit;
  std::vector<std::pair<Id, records::CentreHead>> m_heads;  // read with the dashboard
  // The evidence type chosen before picking a file.
  int m_evidenceType = 0;
  // Whether the reminder shows, asked of the store now and then rather than every frame.
  bool m_backupDue = false;
  const records::Store* m_backupStore = nullptr;
  double m_backupCheckedAt = -1e9;
  // The keys page, over whatever page the desk is on; an enrolment file loaded, not yet enrolled.
  bool m_keysPage = false;
  std::vector<records::KeyEntry> m_loadedKeys;
  std::string m_loadedFrom;
  char m_revokeDate[11] = {};
  // The last bundle import's refusal, shown until dismissed.
  std::optional<imaging::Error> m_refusal;
  // Kirim ke kabupaten: its button in the top bar, its strip under it (training_sync.cpp).
  TrainingSync m_sync;

 public:
  // For screenshots: another centre's PC made in a temporary folder; its keys
  // file loaded on the keys page, or (importIt) its bundle imported and refused.
  void showOtherCentre(UiContext& ui, bool importIt);
  TrainingSync& syncStrip() { return m_sync; }
};

}  // namespace canting::gui
