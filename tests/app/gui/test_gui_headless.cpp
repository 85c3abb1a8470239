// The GUI's logic with a real ImGui context and no window: frames are run by
// hand, the mouse is driven through io like a user, textures are fakes.

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>
#include <imgui.h>
#include <opencv2/imgproc.hpp>

#include "app.h"
#include "canting/records/demo.h"
#include "item_probe.h"
#include "harness.h"
#include "support/image_fixtures.h"

using namespace canting;
using canting::test::Harness;
namespace fs = std::filesystem;

namespace {

void makeMotif(const fs::path& p) {
  cv::Mat m(300, 400, CV_8UC3, cv::Scalar(200, 220, 240));
  cv::circle(m, cv::Point(200, 150), 80, cv::Scalar(40, 80, 140), -1);
  REQUIRE(imaging::saveImage(m, p, imaging::SaveOptions{.dpi = imaging::Dpi{300, 300}}));
}

}  // namespace

TEST_CASE("clicking 'see sample motifs' on the empty library opens the bundled motifs", "[gui]") {
  Harness h;
  h.frames(2);
  CHECK(h.wb.documents().empty());
  h.click(h.centreOf("@pustaka.view.open"));
  h.click(h.centreOf("@pustaka.empty.demo"));
  h.frames(2);
  CHECK(h.wb.documents().size() >= 3);
  REQUIRE(h.wb.active());
  CHECK(h.textures.uploads >= 1);  // the active motif went to the canvas
}

TEST_CASE("the workspace bar lists only real workspaces and switching works", "[gui]") {
  Harness h;
  h.frames(2);
  for (const auto& w : core::workspaces()) {
    h.click(h.centreOf("@workspace." + w.name));
    CHECK(h.wb.workspace() == w.id);
  }
  CHECK(core::workspaces().size() == 5);
}

TEST_CASE("the wheel zooms the canvas at the cursor and a drag pans it", "[gui]") {
  Harness h;
  makeMotif(h.dir / "m.png");
  h.wb.openFiles({h.dir / "m.png"});
  h.frames(3);
  core::Document* d = h.wb.active();
  REQUIRE(d);
  auto canvas = gui::probe::find("@pustaka.canvas");
  REQUIRE(canvas);
  const ImVec2 at(canvas->min.x + 300, canvas->min.y + 200);
  h.moveTo(at);
  const core::Vec2 local{at.x - canvas->min.x, at.y - canvas->min.y};
  const core::Vec2 before = d->view.screenToImage(local);
  const double zoom = d->view.zoom();
  ImGui::GetIO().MouseWheel = 2;
  h.frame();
  ImGui::GetIO().MouseWheel = 0;
  CHECK(d->view.zoom() == Approx(zoom * 1.25 * 1.25));
  const core::Vec2 after = d->view.screenToImage(local);
  CHECK(after.x == Approx(before.x).margin(1e-6));
  CHECK(after.y == Approx(before.y).margin(1e-6));
  // Drag 40 px right, 25 px down.
  const core::Vec2 off = d->view.offset();
  ImGuiIO& io = ImGui::GetIO();
  io.MouseDown[0] = true;
  h.frame();
  for (int i = 1; i <= 4; ++i) h.moveTo(ImVec2(at.x + 10.f * i, at.y + 6.25f * i));
  io.MouseDown[0] = false;
  h.frame();
  CHECK(d->view.offset().x - off.x == Approx(40).margin(0.5));
  CHECK(d->view.offset().y - off.y == Approx(25).margin(0.5));
}

TEST_CASE("the file browser opens with Ctrl+O, lists the sample folder and opens a file", "[gui]") {
  Harness h;
  h.frames(2);
  h.ctrlKey('O');
  REQUIRE(h.app->fileBrowser().isOpen());
  h.click(h.centreOf("@browser.demo"));
  CHECK(h.app->fileBrowser().folder() == h.wb.demoFolder());
  REQUIRE_FALSE(h.app->fileBrowser().entries().empty());
  const std::string first = h.app->fileBrowser().entries().front().name;
  h.frames(2);  // thumbnails load
  h.click(h.centreOf("@browser.entry." + first));
  h.click(h.centreOf("@browser.open"));
  h.frames(2);
  CHECK_FALSE(h.app->fileBrowser().isOpen());
  REQUIRE(h.wb.active());
  CHECK(h.wb.active()->name == first);
}

TEST_CASE("export from the info panel writes the file chosen in the dialog", "[gui]") {
  Harness h;
  makeMotif(h.dir / "m.png");
  h.wb.openFiles({h.dir / "m.png"});
  h.frames(3);
  h.click(h.centreOf("@pustaka.export"));
  REQUIRE(h.app->fileBrowser().isOpen());
  CHECK(h.app->fileBrowser().mode() == gui::FileBrowserPanel::Mode::Export);
  CHECK(h.app->fileBrowser().exportPath() == h.dir / "m-cetak.png");
  h.frames(1);
  h.click(h.centreOf("@browser.save"));
  h.frames(2);
  auto out = imaging::loadImage(h.dir / "m-cetak.png");
  REQUIRE(out);
  CHECK(out->source.dpi->x == Approx(300));
}

TEST_CASE("every screen draws in both languages without ImGui errors", "[gui]") {
  for (auto lang : {core::Language::Indonesian, core::Language::English}) {
    Harness h;
    h.wb.setLanguage(lang);
    h.frames(2);
    makeMotif(h.dir / "m.png");
    h.wb.openFiles({h.dir / "m.png", h.dir / "missing.png"});
    h.frames(3);
    h.app->openExportDialog();
    h.frames(2);
    h.app->fileBrowser();  // the dialog is open; close it through the model
    h.app->openFileDialog();
    h.frames(2);
    h.app->showAbout();
    h.frames(2);
    CHECK(h.wb.notices().size() == 1);  // the missing file
    REQUIRE(h.wb.openDesignFromActive());
    h.frames(3);
    h.app->studio().adoptColorway(h.app->ui(), 4);
    h.frames(2);
    h.wb.closeDesign();
    h.frames(2);
  }
}

TEST_CASE("a motif goes from the library to the Studio, takes a colourway, and Ctrl+Z undoes it", "[gui][studio]") {
  Harness h;
  makeMotif(h.dir / "m.png");
  h.wb.openFiles({h.dir / "m.png"});
  h.frames(3);
  h.click(h.centreOf("@pustaka.to_studio"));
  h.frames(2);
  REQUIRE(h.wb.design());
  CHECK(h.wb.workspace() == core::WorkspaceId::StudioDesain);
  // A swatch click opens it for remapping.
  h.click(h.centreOf("@studio.swatch.1"));
  CHECK(h.app->studio().editingSwatch() == 1);
  h.click(h.centreOf("@studio.swatch.1"));  // closes the picker again, bringing the grid back into view
  CHECK(h.app->studio().editingSwatch() == -1);
  // A colourway click adopts it as one undoable edit.
  REQUIRE(h.app->studio().colorways().size() == 9);
  h.click(h.centreOf("@studio.colorway.2"));
  h.frames(1);
  REQUIRE(h.wb.design()->history().size() == 1);
  const auto& cw = h.app->studio().colorways()[2];
  const auto& op = *h.wb.design()->design().ops.front().as<core::RecolorOp>();
  REQUIRE(op.targets.size() == cw.colours.size());
  CHECK(imaging::deltaE2000(*op.targets[1], cw.colours[1]) < 1e-9);
  h.ctrlKey('Z');
  CHECK(h.wb.design()->position() == 0);
  // Ctrl+Y brings it back.
  h.ctrlKey('Y');
  CHECK(h.wb.design()->position() == 1);
}

TEST_CASE("adding an operation in the Studio is recorded and the eyedropper picks a swatch", "[gui][studio]") {
  Harness h;
  makeMotif(h.dir / "m.png");
  REQUIRE(h.wb.openDesignFile(h.dir / "m.png"));
  h.frames(3);
  h.click(h.centreOf("@studio.add.studio.op.adjust"));
  REQUIRE(h.wb.design()->design().ops.size() == 1);
  CHECK(h.wb.design()->design().ops[0].kind() == core::Operation::Kind::Adjust);
  // Eyedropper on, then a click in the middle of the dark circle picks its swatch.
  h.click(h.centreOf("@studio.eyedropper"));
  auto canvas = gui::probe::find("@studio.canvas");
  REQUIRE(canvas);
  h.frames(1);
  // The motif (400x300, fitted) has the dark circle at its centre.
  h.click(canvas->centre());
  REQUIRE(h.app->studio().editingSwatch() >= 0);
  const auto cur = core::currentPalette(h.wb.design()->design());
  const imaging::Lab picked = cur.swatches[std::size_t(h.app->studio().editingSwatch())].lab;
  CHECK(imaging::deltaE2000(picked, imaging::srgbToLab(imaging::Rgb8{140, 80, 40})) < 5.0);
}

TEST_CASE("the collection opens first, a card shows its story and opens the motif", "[gui][library]") {
  Harness h;
  h.frames(3);
  CHECK(h.app->pustaka().view() == gui::PustakaPanel::View::Collection);
  CHECK(gui::probe::find("@library.import"));
  CHECK(h.wb.library().motifs().size() == 9);
  h.click(h.centreOf("@library.card.kawung"));
  CHECK(h.app->pustaka().selectedMotif() == "kawung");
  h.frames(1);  // the info panel shows the selection from the next frame on
  h.click(h.centreOf("@library.open"));
  h.frames(2);
  REQUIRE(h.wb.active());
  CHECK(h.wb.active()->name == "kawung.png");
  CHECK(h.app->pustaka().view() == gui::PustakaPanel::View::OpenImages);
}

TEST_CASE("an awaiting Purbalingga motif is filled with a chosen image and becomes a motif with its story", "[gui][library]") {
  Harness h;
  makeMotif(h.dir / "lawa-dagan.png");
  h.frames(3);
  REQUIRE(gui::probe::find("@library.card.lawa"));
  h.click(h.centreOf("@library.card.lawa"));
  CHECK(h.app->pustaka().selectedMotif() == "lawa");
  h.frames(1);
  CHECK_FALSE(gui::probe::find("@library.open"));  // nothing to open yet
  h.click(h.centreOf("@library.fill"));
  h.frames(1);
  REQUIRE(h.app->fileBrowser().isOpen());
  CHECK(h.app->fileBrowser().mode() == gui::FileBrowserPanel::Mode::ImportMotif);
  h.app->fileBrowser().navigate(h.dir.path());
  h.frames(2);
  h.click(h.centreOf("@browser.entry.lawa-dagan.png"));
  h.click(h.centreOf("@browser.open"));
  h.frames(2);
  CHECK_FALSE(h.app->fileBrowser().isOpen());
  const std::string id = h.app->pustaka().selectedMotif();
  const core::LibraryMotif* m = h.wb.library().find(id);
  REQUIRE(m);
  CHECK(m->fills == "lawa");
  CHECK(m->name == "Lawa (Goa Lawa)");
  CHECK(m->coloursIn(core::Language::Indonesian).find("hitam-putih-merah") != std::string::npos);
  CHECK_FALSE(h.wb.library().findAwaiting("lawa"));
  h.frames(1);
  CHECK(gui::probe::find("@library.open"));  // now it opens like any motif
  CHECK(gui::probe::find("@library.card." + id));
  CHECK(h.wb.library().awaiting().size() == 3);
}

TEST_CASE("a motif imported through the form can be deleted and brought back", "[gui][library]") {
  Harness h;
  makeMotif(h.dir / "m.png");
  h.frames(2);
  h.app->pustaka().beginImport(h.dir / "m.png");
  h.frames(2);
  h.click(h.centreOf("@library.form.save"));
  h.frames(1);
  const std::string id = h.app->pustaka().selectedMotif();
  REQUIRE(h.wb.library().find(id));
  h.frames(1);
  h.click(h.centreOf("@library.delete"));
  CHECK_FALSE(h.wb.library().find(id));
  h.frames(1);
  h.click(h.centreOf("@library.undo_delete"));
  CHECK(h.wb.library().find(id));
}

TEST_CASE("in the dye lab a trainee builds a plan by clicks, scrubs the timeline and undoes with Ctrl+Z", "[gui][lab]") {
  Harness h;
  h.wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
  h.frames(3);
  core::DyeLab& lab = h.app->lab().lab();
  REQUIRE(lab.loaded());
  REQUIRE(lab.exercise() >= 0);
  REQUIRE(lab.score());
  const double before = lab.score()->meanDeltaE;
  // The hint follows the trainer's plan; the last hint finishes the target exactly.
  const std::size_t n = lab.exercises()[std::size_t(lab.exercise())].targetPlan.steps.size();
  for (std::size_t i = 0; i < n; ++i) {
    h.click(h.centreOf("@lab.hint"));
    h.frames(1);
  }
  REQUIRE(lab.plan().steps.size() == n);
  CHECK(lab.score()->meanDeltaE == 0.0);
  CHECK(lab.score()->meanDeltaE < before);
  CHECK(h.wb.notices().empty());
  h.click(h.centreOf("@lab.hint"));  // nothing left to hint: a notice says so
  h.frames(1);
  CHECK(h.wb.notices().size() == 1);
  // Clicking a step shows the cloth after it.
  h.click(h.centreOf("@lab.step.0"));
  h.frames(1);
  CHECK(lab.shownState() == 1);
  CHECK(h.app->lab().selectedStep() == 0);
  // Adding a step by button, then Ctrl+Z takes it away again.
  h.click(h.centreOf("@lab.add.lorod"));
  h.frames(1);
  CHECK(lab.plan().steps.size() == n + 1);
  h.ctrlKey('Z');
  CHECK(lab.plan().steps.size() == n);
  // Deleting the selected step is one click and one undo step.
  h.click(h.centreOf("@lab.step.0"));
  h.frames(1);
  h.click(h.centreOf("@lab.delete"));
  h.frames(1);
  CHECK(lab.plan().steps.size() == n - 1);
  CHECK(lab.score()->meanDeltaE > 0.0);
  h.click(h.centreOf("@lab.undo"));
  h.frames(1);
  CHECK(lab.plan().steps.size() == n);
}

TEST_CASE("the dye lab draws in both languages", "[gui][lab]") {
  for (auto lang : {core::Language::Indonesian, core::Language::English}) {
    Harness h;
    h.wb.setLanguage(lang);
    h.wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
    h.frames(2);
    for (int i = 0; i < 3 && h.app->lab().lab().hint(); ++i) h.app->lab().selectStep(i);
    h.frames(2);
    CHECK(gui::probe::find("@lab.score"));
  }
}

TEST_CASE("a trainee's attempt is saved from the lab and counted on the next look", "[gui][lab]") {
  Harness h;
  h.wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
  h.frames(2);
  h.app->lab().setTrainee("Siti");
  h.click(h.centreOf("@lab.hint"));
  h.frames(1);
  h.click(h.centreOf("@lab.save_attempt"));
  h.frames(1);
  REQUIRE(h.wb.notices().size() == 1);
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Info);
  core::AttemptLog log(h.dir / "data" / "latihan-pewarnaan.jsonl");
  auto list = log.attemptsOf("Siti");
  REQUIRE(list);
  REQUIRE(list->size() == 1);
  CHECK(list->front().exercise == h.app->lab().lab().exercises()[std::size_t(h.app->lab().lab().exercise())].id);
  CHECK(list->front().planJson.find("wax") != std::string::npos);
  // A store that cannot be written: an error notice, nothing crashes.
  std::ofstream(h.dir / "blocker") << "a file where a folder should be";
  h.app->lab().setStore(std::make_unique<core::AttemptLog>(h.dir / "blocker" / "x.jsonl"));
  h.click(h.centreOf("@lab.save_attempt"));
  h.frames(1);
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Error);
}

TEST_CASE("a trainee paints wax with the brush and the fill tool on the cloth", "[gui][lab]") {
  Harness h;
  h.wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
  h.frames(2);
  core::DyeLab& lab = h.app->lab().lab();
  h.click(h.centreOf("@lab.add.wax"));
  h.frames(1);
  h.click(h.centreOf("@lab.layer.painted"));
  h.frames(1);
  const std::string target = h.app->lab().paintTarget();
  REQUIRE(target.rfind("painted:", 0) == 0);
  const cv::Mat& mask = lab.layers().painted.at(target.substr(8));
  CHECK(cv::countNonZero(mask) == 0);
  // A brush stroke: press, drag, release over the cloth.
  const auto r = gui::probe::find("@lab.cloth");
  REQUIRE(r);
  ImGuiIO& io = ImGui::GetIO();
  h.moveTo(ImVec2(r->min.x + 30, r->min.y + 30));
  io.MouseDown[0] = true;
  h.frame();
  for (int i = 1; i <= 5; ++i) h.moveTo(ImVec2(r->min.x + 30 + i * 10, r->min.y + 30));
  io.MouseDown[0] = false;
  h.frame();
  const int afterStroke = cv::countNonZero(lab.layers().painted.at(target.substr(8)));
  CHECK(afterStroke > 0);
  // The whole stroke is one undo step.
  h.click(h.centreOf("@lab.undo"));
  h.frames(1);
  CHECK(cv::countNonZero(lab.layers().painted.at(target.substr(8))) == 0);
  h.click(h.centreOf("@lab.redo"));
  h.frames(1);
  CHECK(cv::countNonZero(lab.layers().painted.at(target.substr(8))) == afterStroke);
  // The fill tool covers a whole part with one click.
  h.click(h.centreOf("@lab.tool.fill"));
  h.click(r->centre());
  h.frames(1);
  CHECK(cv::countNonZero(lab.layers().painted.at(target.substr(8))) > afterStroke);
}

TEST_CASE("the lab's history lists labelled steps, goes back on a click, and redoes with Ctrl+Shift+Z and Ctrl+Y", "[gui][lab]") {
  Harness h;
  h.wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
  h.frames(2);
  core::DyeLab& lab = h.app->lab().lab();
  for (int i = 0; i < 3; ++i) lab.hint();
  imaging::PlanStep lorod;
  lorod.op = imaging::PlanStep::Op::Lorod;
  lab.addStep(lorod);
  REQUIRE(lab.history().size() == 4);
  h.click(h.centreOf("@lab.tab.history"));
  h.frames(1);
  h.click(h.centreOf("@lab.history.1"));  // back to after the second hint
  h.frames(1);
  CHECK(lab.position() == 2);
  CHECK(lab.plan().steps.size() == 2);
  h.click(h.centreOf("@lab.history_start"));
  h.frames(1);
  CHECK(lab.position() == 0);
  CHECK(lab.plan().steps.empty());
  ImGuiIO& io = ImGui::GetIO();
  io.KeyShift = true;
  h.ctrlKey('Z');
  io.KeyShift = false;
  CHECK(lab.position() == 1);
  h.ctrlKey('Y');
  CHECK(lab.position() == 2);
  h.ctrlKey('Z');
  CHECK(lab.position() == 1);
  h.click(h.centreOf("@lab.history.3"));  // a greyed, undone step: forward to it
  h.frames(1);
  CHECK(lab.position() == 4);
  CHECK(lab.plan().steps.size() == 4);
}

TEST_CASE("the lab's recipe follows the plan and prints a card through the save dialog", "[gui][lab]") {
  Harness h;
  h.wb.rememberFolder(h.dir.path());
  h.wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
  h.frames(2);
  core::DyeLab& lab = h.app->lab().lab();
  while (lab.hint()) {}
  h.app->lab().setCloth(400, 25);  // 10 L of water per bath
  h.frames(2);
  const auto recipe = imaging::computeRecipe(lab.plan(), lab.book(), 400, 25);
  REQUIRE(recipe);
  CHECK(recipe->litres == Approx(10));
  h.click(h.centreOf("@lab.tab.recipe"));
  h.frames(1);
  h.click(h.centreOf("@lab.print_recipe"));
  h.frames(1);
  REQUIRE(h.app->fileBrowser().isOpen());
  CHECK(h.app->fileBrowser().mode() == gui::FileBrowserPanel::Mode::SaveRecipe);
  h.click(h.centreOf("@browser.save"));
  h.frames(2);
  const auto pdf = h.dir / h.app->lab().suggestedRecipeName();
  REQUIRE(std::filesystem::exists(pdf));
  CHECK(std::filesystem::file_size(pdf) > 1000);
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Info);
}

// ------------------------------------------------------------ Pelatihan & Sertifikasi

namespace {
// Opens the training workspace on the demo records and logs in by clicks on
// a name and the keypad, as a mouse user does.
void trainingLogin(Harness& h, int who) {
  h.wb.setWorkspace(core::WorkspaceId::PelatihanSertifikasi);
  h.frames(2);
  h.click(h.centreOf("@training.db_demo"));
  h.frames(1);
  const auto& login = records::demoLogins()[std::size_t(who)];
  const auto names = h.app->records().desk().loginNames();
  const auto at = std::find(names.begin(), names.end(), std::string(login.name)) - names.begin();
  h.click(h.centreOf("@training.name." + std::to_string(at)));
  for (const char* p = login.pin; *p; ++p) h.click(h.centreOf(std::string("@pin_training.") + *p));
  h.click(h.centreOf("@training.enter"));
  h.frames(1);
}
}  // namespace

TEST_CASE("a trainer logs in with the keypad, opens a session and marks attendance by clicks", "[gui][training]") {
  Harness h;
  trainingLogin(h, 1);
  records::Desk& d = h.app->records().desk();
  REQUIRE(d.actor());
  CHECK(d.actor()->role() == records::Role::Trainer);
  CHECK(d.page() == records::Desk::Page::Centre);
  CHECK(h.wb.notices().empty());
  // The newest session of the centre, then trainee row 0 marked "excused".
  const auto sessions = *d.store()->sessions(*d.actor(), d.centre);
  h.click(h.centreOf("@training.session." + std::to_string(sessions.front().id)));
  h.frames(1);
  CHECK(d.page() == records::Desk::Page::Session);
  h.click(h.centreOf("@training.attend.0.1"));
  h.frames(1);
  const auto first = d.store()->trainees(*d.actor(), d.centre)->front();
  CHECK(d.store()->session(*d.actor(), sessions.front().id)->attendance.at(first.id) == records::Attendance::Excused);
  h.click(h.centreOf("@training.back"));
  CHECK(d.page() == records::Desk::Page::Centre);
  h.click(h.centreOf("@training.logout"));
  CHECK_FALSE(d.actor());
}

TEST_CASE("a trainer sets up a session for 8 of 12 by clicks: no topic until chosen, saving asks for it", "[gui][training][sessions]") {
  Harness h;
  trainingLogin(h, 1);
  records::Desk& d = h.app->records().desk();
  REQUIRE(d.page() == records::Desk::Page::Centre);
  const auto before = d.store()->sessions(*d.actor(), d.centre)->size();
  const auto all = *d.store()->trainees(*d.actor(), d.centre);
  REQUIRE(all.size() == 12);
  // Nothing chosen, every trainee ticked.
  CHECK(d.sessionForm.topic.empty());
  for (const auto& t : all) CHECK(d.sessionForm.ticked(t.id));
  // Saving without a topic asks for one and writes nothing.
  h.click(h.centreOf("@training.add_session"));
  h.frames(1);
  CHECK(d.page() == records::Desk::Page::Centre);
  CHECK(d.store()->sessions(*d.actor(), d.centre)->size() == before);
  CHECK(gui::probe::find("@training.session_error"));
  REQUIRE(d.sessionForm.error);
  CHECK(d.sessionForm.error->arg("what") == "@records.field.topic_choose");
  // The topic from the list, then none ticked and the first eight ticked again.
  h.click(h.centreOf("@training.session_topic"));
  h.frames(1);
  h.click(h.centreOf("@training.session_topic.1"));
  h.frames(1);
  CHECK(d.sessionForm.topic == d.topics().at(1));
  gui::probe::clear();  // the probe keeps where items were last drawn
  h.frames(1);
  CHECK_FALSE(gui::probe::find("@training.session_error"));  // choosing clears the question
  h.click(h.centreOf("@training.tick_none"));
  for (int i = 0; i < 8; ++i) h.click(h.centreOf("@training.session_trainee." + std::to_string(i)));
  h.frames(1);
  h.click(h.centreOf("@training.add_session"));
  h.frames(1);
  REQUIRE(d.page() == records::Desk::Page::Session);
  const auto ses = *d.store()->session(*d.actor(), d.session);
  CHECK(ses.topic == "pewarnaan");
  CHECK(ses.trainees.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) CHECK(std::find(ses.trainees.begin(), ses.trainees.end(), all[i].id) != ses.trainees.end());
  CHECK(d.store()->sessions(*d.actor(), d.centre)->size() == before + 1);
  // The attendance grid has the session's eight rows, not the centre's twelve.
  gui::probe::clear();
  h.frames(1);
  CHECK(gui::probe::find("@training.attend.7.0"));
  CHECK_FALSE(gui::probe::find("@training.attend.8.0"));
  h.click(h.centreOf("@training.attend.7.0"));
  h.frames(1);
  CHECK(d.store()->session(*d.actor(), d.session)->attendance.at(all[7].id) == records::Attendance::Present);
}

TEST_CASE("an assessor fills the FR.IA.01 checklist by clicks and saves K for one unit", "[gui][training]") {
  Harness h;
  trainingLogin(h, 3);
  records::Desk& d = h.app->records().desk();
  REQUIRE(d.actor());
  d.openTrainee(9);  // a demo trainee with no assessment yet
  h.frames(1);
  h.click(h.centreOf("@training.new_assessment"));
  h.frames(1);
  REQUIRE(d.page() == records::Desk::Page::Assessment);
  const records::Scheme& s = *d.formScheme;
  // K cannot be chosen before the criteria are Ya.
  h.click(h.centreOf("@training.k.0"));
  CHECK(d.form.units[s.units[0].id] == -1);
  for (const auto& e : s.units[0].elements)
    for (const auto& c : e.criteria) h.click(h.centreOf("@training.ya." + std::to_string(c.id)));
  h.frames(1);
  h.click(h.centreOf("@training.k.0"));
  CHECK(d.form.units[s.units[0].id] == 1);
  h.click(h.centreOf("@training.save_assessment"));
  h.frames(1);
  CHECK(d.page() == records::Desk::Page::Trainee);
  CHECK(d.store()->unitProgress(*d.actor(), 9, s.id)->at(0).second == 'K');
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Info);
}

TEST_CASE("outlet staff log in and see no trainee data, the dashboard opens a centre for the admin", "[gui][training]") {
  {
    Harness h;
    trainingLogin(h, 4);
    records::Desk& d = h.app->records().desk();
    REQUIRE(d.actor());
    CHECK(d.actor()->role() == records::Role::Outlet);
    h.frames(1);
    CHECK_FALSE(gui::probe::find("@training.centre.0"));
    CHECK_FALSE(gui::probe::find("@training.dashboard"));
  }
  Harness h;
  trainingLogin(h, 0);
  records::Desk& d = h.app->records().desk();
  CHECK(d.page() == records::Desk::Page::Dashboard);
  h.click(h.centreOf("@training.centre.0"));
  h.frames(1);
  CHECK(d.page() == records::Desk::Page::Centre);
  h.click(h.centreOf("@training.open_matrix"));
  h.frames(1);
  CHECK(d.page() == records::Desk::Page::Matrix);
  h.click(h.centreOf("@training.filter.2"));
  h.frames(1);
}

TEST_CASE("the training workspace draws every page in both languages", "[gui][training]") {
  for (auto lang : {core::Language::Indonesian, core::Language::English}) {
    Harness h;
    h.wb.setLanguage(lang);
    trainingLogin(h, 0);
    records::Desk& d = h.app->records().desk();
    d.openCentre(1);
    h.frames(2);
    d.openTrainee(1);
    h.frames(2);
    d.openSession(1);
    h.frames(2);
    d.openMatrix(1);
    h.frames(2);
    CHECK(h.wb.notices().empty());
  }
}

TEST_CASE("while a trainer is logged in, the dye lab saves attempts into the training records", "[gui][training][lab]") {
  Harness h;
  trainingLogin(h, 1);
  records::Desk& d = h.app->records().desk();
  const std::string name = d.store()->trainees(*d.actor(), d.centre)->front().name;
  h.wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
  h.frames(2);
  h.app->lab().setTrainee(name);
  h.click(h.centreOf("@lab.hint"));
  h.frames(1);
  const auto before = d.store()->attemptsOf(*d.actor(), name)->size();
  h.click(h.centreOf("@lab.save_attempt"));
  h.frames(1);
  CHECK(d.store()->attemptsOf(*d.actor(), name)->size() == before + 1);
  CHECK_FALSE(std::filesystem::exists(h.dir / "data" / "latihan-pewarnaan.jsonl"));
}

TEST_CASE("an administrator records a certificate on the page of a trainee whose units are all K", "[gui][training]") {
  Harness h;
  trainingLogin(h, 0);
  records::Desk& d = h.app->records().desk();
  // A trainee with every unit K and no certificate yet, made here if the demo has none.
  records::Id who = 0;
  const auto trainees = d.store()->trainees(*d.actor());  // kept: a range-for over *temporary would dangle
  REQUIRE(trainees);
  for (const auto& t : *trainees) {
    auto p = d.store()->unitProgress(*d.actor(), t.id, d.scheme);
    REQUIRE(p);
    const bool allK = std::all_of(p->begin(), p->end(), [](const auto& u) { return u.second == 'K'; });
    if (allK && d.store()->certificates(*d.actor(), t.id)->empty()) who = t.id;
  }
  if (!who) {
    // Make one: every unit K by the assessor, then back to the admin.
    auto assessor = d.store()->login(records::demoLogins()[3].name, records::demoLogins()[3].pin);
    REQUIRE(assessor);
    who = d.store()->trainees(*d.actor()).value().back().id;
    auto sch = *d.store()->scheme(*d.actor(), d.scheme);
    records::AssessmentInput in{.trainee = who, .scheme = d.scheme, .date = "2026-11-01"};
    for (const auto& u : sch.units) in.units[u.id] = true;
    REQUIRE(d.store()->recordAssessment(*assessor, in));
  }
  d.openTrainee(who);
  h.frames(2);
  REQUIRE(gui::probe::find("@training.issue_certificate"));
  // Without a number it is refused with a message; with one it is recorded.
  h.click(h.centreOf("@training.issue_certificate"));
  h.frames(1);
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Error);
  CHECK(d.store()->certificates(*d.actor(), who)->empty());
  ImGui::GetIO().ClearInputCharacters();
  h.click(ImVec2(h.centreOf("@training.issue_certificate").x - 300, h.centreOf("@training.issue_certificate").y));  // the number field
  for (char c : std::string("LSP/77")) ImGui::GetIO().AddInputCharacter(c);
  h.frames(2);
  h.click(h.centreOf("@training.issue_certificate"));
  h.frames(2);
  auto certs = d.store()->certificates(*d.actor(), who);
  REQUIRE(certs->size() == 1);
  CHECK(certs->front().number == "LSP/77");
  gui::probe::clear();
  h.frames(1);
  CHECK_FALSE(gui::probe::find("@training.issue_certificate"));  // an active certificate: nothing more to record
}

TEST_CASE("the Studio shows a photo being opened at once, then the design in its place", "[gui][studio][studio_open]") {
  Harness h;
  h.wb.setWorkspace(core::WorkspaceId::StudioDesain);
  cv::Mat photo(2400, 3200, CV_8UC3, cv::Scalar(40, 90, 160));  // large enough to decode at 1/2
  cv::circle(photo, cv::Point(1600, 1200), 600, cv::Scalar(200, 220, 240), cv::FILLED);
  REQUIRE(imaging::saveImage(photo, h.dir / "foto.jpg"));
  // Both workers held, then one let go: it takes the reduced decode (queued
  // first) and then a third hold, so the whole decode waits to be seen after.
  std::promise<void> s1, s2, go1, go2, go3;
  std::shared_future<void> f1 = go1.get_future().share(), f2 = go2.get_future().share(), f3 = go3.get_future().share();
  h.wb.tasks().run([&s1, f1]() -> core::TaskPool::Completion { s1.set_value(); f1.wait(); return {}; });
  h.wb.tasks().run([&s2, f2]() -> core::TaskPool::Completion { s2.set_value(); f2.wait(); return {}; });
  s1.get_future().wait();
  s2.get_future().wait();
  h.wb.tasks().runFirst([f3]() -> core::TaskPool::Completion { f3.wait(); return {}; });
  h.wb.startOpenDesign(h.dir / "foto.jpg");
  const auto drawOnly = [&h] {
    ImGui::NewFrame();
    h.app->frame();
    ImGui::Render();
  };
  // Before anything lands: the file's name, no design.
  drawOnly();
  CHECK(gui::probe::find("@studio.opening"));
  CHECK(test::drawnText().find("foto.jpg") != std::string::npos);
  CHECK_FALSE(gui::probe::find("@studio.opening.preview"));
  go1.set_value();
  for (int i = 0; i < 20000 && h.wb.designOpening()->preview.empty(); ++i) {
    h.wb.update();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  drawOnly();
  CHECK(gui::probe::find("@studio.opening.preview"));  // the photo, before its whole decode
  CHECK(h.wb.design() == nullptr);
  go2.set_value();
  go3.set_value();
  h.frames(2);
  gui::probe::clear();  // the probe keeps what earlier frames drew
  h.frame();
  CHECK_FALSE(gui::probe::find("@studio.opening"));
  REQUIRE(h.wb.design());
  CHECK(gui::probe::find("@studio.canvas"));
}
