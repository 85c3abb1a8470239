#pragma once
// Pelatihan & Sertifikasi: log in with a PIN on a keypad, the regency
// dashboard, a centre, a trainee, a bintek session with its attendance grid,
// the assessment form (FR.IA.01 checklist and FR.AK.02 record) and the
// trainee x unit matrix. The model is records::Desk over records::Store;
// the store enforces the roles, this panel only hides what would be refused.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "canting/core/attempts.h"
#include "canting/records/desk.h"
#include "ui_context.h"

namespace canting::gui {

class TrainingPanel {
 public:
  using Id = records::Id;

  void draw(UiContext& ui);
  // Made on first draw from the workbench's folders; tests and --show may set it first.
  void setDesk(std::unique_ptr<records::Desk> desk) { m_desk = std::move(desk); }
  records::Desk* desk() { return m_desk.get(); }
  records::Desk& ensureDesk(UiContext& ui);

  // Files: the panel asks, the app opens the browser and hands the path back.
  enum class FileRequest { None, CentreReport, Transcript, AttendanceList, Certificates, MatrixCsv, Bundle, ImportCsv, ImportBundle, AddEvidence };
  std::pair<FileRequest, std::string> takeFileRequest() { return std::exchange(m_request, {FileRequest::None, {}}); }
  bool requestIsPick(FileRequest r) const { return r == FileRequest::ImportCsv || r == FileRequest::ImportBundle || r == FileRequest::AddEvidence; }
  void fileChosen(UiContext& ui, FileRequest what, const std::filesystem::path& path);
  // Where the dye lab saves attempts: into the records while a trainer or an
  // administrator is logged in here, else into the lab's own log file.
  std::unique_ptr<core::AttemptStore> attemptStore(UiContext& ui);
  FileRequest pendingFile() const { return m_pending; }
  void setPendingFile(FileRequest r) { m_pending = r; }

 private:
  void drawLogin(UiContext& ui);
  void drawTopBar(UiContext& ui);
  void drawDashboard(UiContext& ui);
  void drawCentre(UiContext& ui);
  void drawTrainee(UiContext& ui);
  void drawSession(UiContext& ui);
  void drawAssessment(UiContext& ui);
  void drawMatrix(UiContext& ui);
  void request(FileRequest r, std::string suggested) { m_request = {r, std::move(suggested)}; }
  void report(UiContext& ui, const imaging::Status& st, const std::filesystem::path& path);
  std::string centreName(Id id);

  std::unique_ptr<records::Desk> m_desk;
  std::pair<FileRequest, std::string> m_request{FileRequest::None, {}};
  FileRequest m_pending = FileRequest::None;
  std::optional<imaging::Error> m_loginError, m_formError;
  char m_newAdmin[64] = {};
  // The new-session form on the centre page.
  char m_sessionDate[11] = {}, m_sessionTitle[96] = {};
  int m_sessionTopic = 0;
  // Matrix filters.
  char m_matrixFilter[64] = {};
  int m_matrixStatus = 0;  // 0 all, 1 not yet all K, 2 all K
  // Recording a certificate on the trainee page.
  char m_certNumber[64] = {}, m_certDate[11] = {};
  // The evidence type chosen before picking a file.
  int m_evidenceType = 0;
};

}  // namespace canting::gui
