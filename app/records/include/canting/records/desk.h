#pragma once
// The model behind the Pelatihan & Sertifikasi workspace: which database is
// open (the real one or the demo beside it), who is logged in, which page is
// shown with a way back, the PIN being typed on the keypad, and the
// assessment form being filled. No GUI code, so it is tested headlessly and
// the panel only draws it.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "canting/records/store.h"

namespace canting::records {

// The FR.AK.02 assessment methods, as stored (and translated by key "training.method.<id>").
const std::vector<std::string>& assessmentMethods();
// The TUK types of FR.IA.01 ("training.place.<id>").
const std::vector<std::string>& assessmentPlaces();
// The bintek topics a session may have, in the order forms offer them
// ("training.topic.<id>"): data in assets/training/topics.json, so the CLI
// and the GUI take the same list.
std::filesystem::path sessionTopicsFile();
Result<std::vector<std::string>> readSessionTopics(const std::filesystem::path& file = sessionTopicsFile());

// The new-session form on a centre's page. Nothing is chosen for the topic
// until the trainer picks one; every trainee of the centre is ticked at first.
struct SessionForm {
  Id centre = 0;
  std::string date, topic, title;  // topic: empty until chosen
  std::set<Id> unticked;           // trainees of the centre the session is not for
  std::optional<Error> error;      // what the last try to save answered, until the form changes
  bool ticked(Id trainee) const { return unticked.count(trainee) == 0; }
  void tick(Id trainee, bool on) {
    on ? void(unticked.erase(trainee)) : void(unticked.insert(trainee));
    error.reset();
  }
};

struct AssessmentForm {
  Id trainee = 0, scheme = 0;
  std::string date;                    // YYYY-MM-DD
  int place = 0;                       // index into assessmentPlaces()
  std::string placeNote;               // where, in words
  std::map<Id, int> criteria;          // criterion -> -1 not observed, 0 Tidak, 1 Ya
  std::map<Id, int> units;             // unit -> -1 not assessed, 0 BK, 1 K
  std::set<std::string> methods;
  std::string followUp, appeal;

  // K is possible for a unit only when every criterion of it is Ya.
  bool canBeK(const Scheme& s, Id unit) const;
  // Sets every criterion of a unit to Ya or Tidak, and the unit to K or BK.
  void setWholeUnit(const Scheme& s, Id unit, bool ya);
  AssessmentInput toInput() const;
};

// One key of a PIN keypad: '0'..'9' add a digit (up to 12), '<' takes the
// last one back, 'C' clears. Shared by the desk and the GUI's keypad.
void pressPinKey(std::string& pin, char key);

class Desk {
 public:
  enum class Page { Dashboard, Centre, Trainee, Session, Assessment, Matrix };

  Desk(std::filesystem::path realDb, std::filesystem::path demoDb, std::filesystem::path curriculumDir);

  // --- the database
  bool usingDemo() const { return m_demo; }
  bool databaseExists() const;  // of the one chosen
  std::filesystem::path file() const { return m_demo ? m_demoDb : m_realDb; }
  const std::filesystem::path& demoFile() const { return m_demoDb; }
  Status useDemo(bool demo);     // switches file (and logs out); makes the demo when missing
  // The regency's records on a PostgreSQL server (the GUI's --pg URL) in place
  // of the real file; the demo stays a file. Made with `canting-cli training init --pg`.
  void useServer(std::string url) { m_server = std::move(url); }
  const std::string& server() const { return m_server; }
  Status createDatabase(const std::string& adminName, const std::string& pin);
  Store* store() { return m_store.get(); }
  const std::optional<Error>& openError() const { return m_openError; }

  // --- logging in
  std::vector<std::string> loginNames();
  std::vector<std::string> loginNames(std::initializer_list<Role> roles);  // of the chosen file; none when it does not exist
  std::string loginName;
  std::string pin;  // typed on the keypad; cleared after each try
  void keypad(char key);  // '0'..'9', '<' (backspace), 'C' (clear)
  Status login();
  void logout();
  const Actor* actor() const { return m_actor ? &*m_actor : nullptr; }
  bool can(Role r) const { return m_actor && m_actor->role() == r; }

  // --- pages
  Page page() const { return m_page; }
  Id centre = 0, trainee = 0, session = 0, scheme = 0;
  void show(Page p);
  bool back();
  void openCentre(Id id) { centre = id; show(Page::Centre); }
  void openTrainee(Id id) { trainee = id; show(Page::Trainee); }
  void openSession(Id id) { session = id; show(Page::Session); }
  void openMatrix(Id c) { centre = c; show(Page::Matrix); }

  // --- the assessment form (assessors)
  AssessmentForm form;
  std::optional<Scheme> formScheme;
  Status startAssessment(Id traineeId, Id schemeId = 0);
  Result<Id> submitAssessment();

  // --- the new-session form (trainers and administrators), for the centre shown
  SessionForm sessionForm;
  SessionForm& sessionFormFor(Id centreId);  // a fresh form when the centre changed
  const std::vector<std::string>& topics();   // readSessionTopics(), read once; empty when the file is missing
  // Refuses a form without a topic from the list or without a trainee (and
  // keeps the answer in sessionForm.error); on success opens the new
  // session's page and clears the form.
  Result<Id> submitSession();

  // Loaded lazily and dropped on every change, so pages show fresh data.
  const std::vector<CentreProgress>& dashboard();
  void invalidate() { m_dashboard.reset(); }

 private:
  Status openStore();
  Result<Id> addSessionFromForm();

  std::filesystem::path m_realDb, m_demoDb, m_curriculum;
  std::string m_server;
  bool m_demo = false;
  std::unique_ptr<Store> m_store;
  std::optional<Actor> m_actor;
  std::optional<Error> m_openError;
  Page m_page = Page::Dashboard;
  std::vector<std::pair<Page, Id>> m_history;
  std::optional<std::vector<CentreProgress>> m_dashboard;
  std::optional<std::vector<std::string>> m_topics;
};

}  // namespace canting::records
