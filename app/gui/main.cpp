// canting: the desktop app. Thin: parses options, opens a GLFW window with an
// OpenGL 3.3 core context, and runs App::frame() until closed. With
// --screenshot it renders N frames, writes the framebuffer as PNG and exits.
//
// Exit status: 0 ok, 1 usage error, 2 no display, 3 no window or GL context,
// 5 blank or unwritable screenshot, 6 --kiosk refused (no staff account could
// leave it).
//
// Index of this file:
// [SECTION] options and screenshots
// [SECTION] main: window, --show, loop

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <optional>

#include <opencv2/imgproc.hpp>

#include "app.h"
#include "canting/core/paths.h"
#include "canting/core/photo_exercise.h"
#include "canting/core/settings.h"
#include "canting/records/app_session.h"
#include "canting/records/bundle.h"
#include "canting/records/demo.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/memory.h"
#include "gl_textures.h"
#include "input_queue.h"
#include "item_probe.h"

// [SECTION] options and screenshots

namespace {

using namespace canting;

struct Options {
  std::vector<std::string> open;
  std::string workspace;
  std::string lang;
  std::string screenshot;
  int frames = 3;
  int width = 0, height = 0;
  std::string show;
  bool kiosk = false;  // start in the outlet gallery's kiosk mode (an outlet PC's autostart)
  std::string pg;      // the training records on the regency's PostgreSQL server
  bool help = false;
  bool version = false;
  // What could not be read: a cli.usage.* key and its values, for the message.
  std::string problem;
  core::Args problemArgs;
};

std::string g_glfwError;
std::vector<std::string> g_dropped;
gui::InputQueue g_input;  // keys, buttons and characters, latched between frames

// Over the backend's own key, button and character callbacks (its scroll and
// focus callbacks stay): every event goes through the queue.
void takeInput(GLFWwindow* window) {
  glfwSetKeyCallback(window, [](GLFWwindow*, int key, int, int action, int) {
    // GLFW_REPEAT is left out: ImGui repeats a held key itself.
    using M = gui::InputQueue::Modifier;
    const M m = key == GLFW_KEY_LEFT_CONTROL || key == GLFW_KEY_RIGHT_CONTROL ? M::Ctrl
                : key == GLFW_KEY_LEFT_SHIFT || key == GLFW_KEY_RIGHT_SHIFT   ? M::Shift
                : key == GLFW_KEY_LEFT_ALT || key == GLFW_KEY_RIGHT_ALT       ? M::Alt
                : key == GLFW_KEY_LEFT_SUPER || key == GLFW_KEY_RIGHT_SUPER   ? M::Super
                                                                              : M::None;
    if (action == GLFW_PRESS) g_input.key(key, true, m);
    else if (action == GLFW_RELEASE) g_input.key(key, false, m);
  });
  glfwSetMouseButtonCallback(window, [](GLFWwindow*, int button, int action, int) {
    g_input.mouseButton(button, action == GLFW_PRESS);
  });
  glfwSetCharCallback(window, [](GLFWwindow*, unsigned int c) { g_input.character(c); });
}

// The --show values are ids, the same in every language.
const char* kShows =
    "open-dialog|export-dialog|about|colorway-N|motif-ID|repeat|seams|pola|pola-lines|lab-hint-N[-EXERCISE][-kuning][-recipe]|lab-paint|lab-cap-hand|lab-photo|lab-photo-exercise-N|lab-library-ID|training-login|"
    "training-dashboard|training-keys|training-refused|training-sync-sending|training-sync-done|training-sync-offline|training-sync-refused|training-sync-tls|training-heads|training-backup (CANTING_DB)|training-server (--pg)|training-trainee-N|training-assess-N|training-newsession-N|galeri-colours|galeri-product-ID|"
    "galeri-order|galeri-kiosk|galeri-kiosk-login|galeri-kiosk-keyboard|galeri-own|typed-path|export-dialog-cm-N|"
    "studio-raport[-cm]|studio-rapikan (the demo's cloth photo unless --open gives one)|"
    "hover-ITEM (e.g. hover-studio.colorway.0)|...";

// The usage text in the language of --lang, else $CANTING_LANG (as canting-cli), else the app's setting.
core::Translator usageTranslator(const std::string& langOption) {
  core::Language lang = core::loadSettings(core::defaultSettingsPath()).settings.language;
  if (const char* env = std::getenv("CANTING_LANG")) core::parseLanguage(env, lang);
  if (!langOption.empty()) core::parseLanguage(langOption, lang);
  core::Translator tr;
  tr.load(core::assetsDir() / "i18n", lang);
  return tr;
}

std::string usage(const core::Translator& tr) {
  std::string names;
  for (const auto& w : core::workspaces()) names += (names.empty() ? "" : ", ") + w.name;
  return tr.tr("gui.help", {{"workspaces", names}, {"shows", kShows}}) + "\n";
}

bool parseOptions(int argc, char** argv, Options& o) {
  int i = 1;
  auto fail = [&](const char* key, core::Args args) {
    o.problem = key;
    o.problemArgs = std::move(args);
    // A --lang after the mistake still chooses the language of the message.
    for (int k = i + 1; k + 1 < argc; ++k)
      if (std::string(argv[k]) == "--lang") o.lang = argv[k + 1];
    return false;
  };
  for (; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") { o.help = true; continue; }
    if (a == "--version") { o.version = true; continue; }
    if (a == "--kiosk") { o.kiosk = true; continue; }
    const bool takesValue = a == "--open" || a == "--workspace" || a == "--lang" || a == "--screenshot" || a == "--show" ||
                            a == "--frames" || a == "--size" || a == "--pg";
    if (!takesValue) {
      if (!a.empty() && a[0] == '-') return fail("cli.usage.unknown_option", {{"arg", a}});
      o.open.push_back(a);
      continue;
    }
    if (i + 1 >= argc) return fail("cli.usage.missing_value", {{"arg", a}});
    const std::string v = argv[++i];
    if (a == "--open") o.open.push_back(v);
    else if (a == "--workspace") o.workspace = v;
    else if (a == "--lang") o.lang = v;
    else if (a == "--screenshot") o.screenshot = v;
    else if (a == "--show") o.show = v;
    else if (a == "--pg") o.pg = v;
    else if (a == "--frames") {
      o.frames = std::atoi(v.c_str());
      if (o.frames < 1 || o.frames > 10000) return fail("cli.usage.bad_value", {{"arg", a}, {"value", v}});
    } else if (std::sscanf(v.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 || o.height < 240) {
      return fail("cli.usage.bad_value", {{"arg", a}, {"value", v}});
    }
  }
  return true;
}

// A usage error: the usage once, on stderr, then a blank line, then what was wrong (as canting-cli).
int usageError(const core::Translator& tr, const std::string& key, const core::Args& args) {
  std::cerr << usage(tr) << "\ncanting: " << tr.tr(key, args) << "\n";
  return 1;
}

// Reads the back buffer before the swap (reading after it is undefined).
int writeScreenshot(const std::string& path, int w, int h) {
  cv::Mat rgba(h, w, CV_8UC4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data);
  cv::Mat bgr;
  cv::flip(rgba, rgba, 0);
  cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
  cv::Scalar mean, stddev;
  cv::meanStdDev(bgr, mean, stddev);
  if (stddev[0] < 1.0 && stddev[1] < 1.0 && stddev[2] < 1.0) {
    std::cerr << "canting: the screenshot is blank (one flat colour); nothing was drawn\n";
    return 5;
  }
  if (auto st = imaging::saveImage(bgr, path); !st) {
    std::cerr << "canting: cannot write the screenshot " << path << ": " << st.error().detail << "\n";
    return 5;
  }
  return 0;
}

}  // namespace

// [SECTION] main: window, --show, loop

int main(int argc, char** argv) {
  imaging::keepLargeBuffers();  // the lab and the studio re-render large images on every edit
  imaging::applyDecoderLimits({.maxPixels = std::max<std::uint64_t>(imaging::LoadOptions{}.maxPixels, std::uint64_t(core::loadSettings(core::defaultSettingsPath()).settings.maxMegapixels * 1e6))}, argv);
  Options opt;
  const bool parsed = parseOptions(argc, argv, opt);
  if (!parsed) return usageError(usageTranslator(opt.lang), opt.problem, opt.problemArgs);
  if (opt.version) {
    std::cout << "canting " << CANTING_VERSION << "\n";
    return 0;
  }
  if (opt.help) {
    std::cout << usage(usageTranslator(opt.lang));
    return 0;
  }
  core::Language lang = core::Language::Indonesian;
  if (!opt.lang.empty() && !core::parseLanguage(opt.lang, lang))
    return usageError(usageTranslator({}), "cli.usage.bad_value", {{"arg", "--lang"}, {"value", opt.lang}});
  if (!opt.workspace.empty() && !core::findWorkspace(opt.workspace))
    return usageError(usageTranslator(opt.lang), "gui.unknown_workspace", {{"name", opt.workspace}});
  const bool shot = !opt.screenshot.empty();
  if (opt.kiosk) {
    // Before any window: a kiosk nobody can leave would trap the screen of an
    // outlet PC that autostarts it before a staff account exists.
    records::AppSession session({core::dataDir(), core::assetsDir() / "curriculum"});
    if (records::orderTakers(session.desk()).empty()) {
      core::Translator tr;
      tr.load(core::assetsDir() / "i18n", opt.lang.empty() ? core::loadSettings(core::defaultSettingsPath()).settings.language : lang);
      std::cerr << "canting: " << tr.tr("showroom.kiosk_no_staff") << "\n";
      return 6;
    }
  }

  glfwSetErrorCallback([](int, const char* msg) { g_glfwError = msg ? msg : ""; });
  if (!glfwInit()) {
    core::Translator tr;
    tr.load(core::assetsDir() / "i18n", lang);
    std::cerr << "canting: " << tr.tr("gui.no_display") << "\n  (" << g_glfwError << ")\n"
              << "  xvfb-run -a " << argv[0] << (shot ? " --screenshot " + opt.screenshot : std::string()) << "\n";
    return 2;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);

  core::Workbench::Options wo;
  wo.readSettings = !shot;
  wo.persist = !shot;
  wo.autosave = !shot;  // a screenshot never writes or reads the user's data
  core::Workbench wb(wo);
  if (!opt.lang.empty() && wb.tr().language() != lang) wb.setLanguage(lang);
  if (!opt.workspace.empty()) wb.setWorkspace(opt.workspace);

  int w = opt.width ? opt.width : (shot ? 1366 : wb.settings().windowWidth);
  int h = opt.height ? opt.height : (shot ? 768 : wb.settings().windowHeight);
  if (shot) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(w, h, "Canting", nullptr, nullptr);
  if (!window) {
    std::cerr << "canting: " << wb.tr().tr("gui.no_window") << "\n  (" << g_glfwError << ")\n";
    glfwTerminate();
    return 3;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  glfwSetDropCallback(window, [](GLFWwindow*, int n, const char** paths) {
    for (int i = 0; i < n; ++i) g_dropped.emplace_back(paths[i]);
  });

  // HiDPI: the content scale sizes text and widgets; CANTING_UI_SCALE overrides.
  float scale = 1.f;
  if (!shot) {
    float xs = 1.f, ys = 1.f;
    glfwGetWindowContentScale(window, &xs, &ys);
    scale = std::max(1.f, xs);
  }
  if (const char* s = std::getenv("CANTING_UI_SCALE")) scale = std::clamp(float(std::atof(s)), 0.5f, 4.f);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layouts are computed, and nothing is written to the working directory
  gui::Fonts fonts = gui::loadFonts(scale);
  std::cerr << "canting: " << fonts.log << "\n";
  gui::applyTheme(scale);
  if (!ImGui_ImplGlfw_InitForOpenGL(window, true) || !ImGui_ImplOpenGL3_Init("#version 330 core")) {
    std::cerr << "canting: " << wb.tr().tr("gui.no_window") << "\n";
    return 3;
  }
  takeInput(window);

  {
    gui::GlTextures textures;
    gui::App app(gui::UiContext{wb, textures, fonts, scale});
    if (!opt.pg.empty()) app.records().desk().useServer(opt.pg);
    std::vector<std::filesystem::path> toOpen(opt.open.begin(), opt.open.end());
    // In the Studio an image (or .canting project) opens as the design.
    if (wb.workspace() == core::WorkspaceId::StudioDesain && !toOpen.empty()) wb.startOpenDesign(toOpen.front());
    else wb.openFiles(toOpen);
    if (shot) wb.finishAll();
    if (opt.kiosk) {
      // The outlet's PC starts straight into the gallery; a staff member's PIN leaves it.
      wb.setWorkspace(core::WorkspaceId::GaleriOutlet);
      if (!app.galeri().startKiosk(app.ui())) std::cerr << "canting: " << *app.galeri().kioskRefusal() << "\n";
    }
    if (opt.show == "open-dialog") app.openFileDialog();
    else if (opt.show.rfind("export-dialog", 0) == 0) {  // export-dialog-cm-N: N cm wide on cloth
      app.openExportDialog();
      if (opt.show.rfind("export-dialog-cm-", 0) == 0) app.fileBrowser().askWidthCm(std::atof(opt.show.c_str() + 17));
    } else if (opt.show == "typed-path") {  // a PDF save with a full path typed over the suggested name
      app.fileBrowser().open(gui::FileBrowserPanel::Mode::SaveFile, wb.startFolder(core::FileKind::Pdf), "daftar-hadir-2026-12-01.pdf");
      app.fileBrowser().typeName("/tmp/pelatihan/daftar-hadir-01.pdf");
    }
    else if (opt.show == "about") app.showAbout();
    else if (opt.show.rfind("library-", 0) == 0) {  // library-ID: the motif collection with that motif (or awaiting entry) chosen
      wb.setWorkspace(core::WorkspaceId::PustakaMotif);
      app.pustaka().select(opt.show.substr(8));
    }
    else if (opt.show.rfind("lab-hint-", 0) == 0) {  // the lab mid-exercise: the first N steps of the trainer's plan
      wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
      app.lab().ensureLoaded(app.ui());
      // "lab-hint-N-EXERCISE[-kuning][-recipe]" picks the exercise by its file name first; -kuning: a yellow klowong.
      std::string rest = opt.show;
      if (rest.size() > 7 && rest.compare(rest.size() - 7, 7, "-recipe") == 0) rest.resize(rest.size() - 7);
      const bool yellow = rest.size() > 7 && rest.compare(rest.size() - 7, 7, "-kuning") == 0;
      if (yellow) rest.resize(rest.size() - 7);
      if (const auto dash = rest.find('-', 9); dash != std::string::npos) {
        const auto& ex = app.lab().lab().exercises();
        for (int i = 0; i < int(ex.size()); ++i)
          if (ex[std::size_t(i)].id == rest.substr(dash + 1)) app.lab().lab().startExercise(i);
      }
      if (yellow) app.lab().lab().setKlowong("kuning");
      for (int i = std::atoi(opt.show.c_str() + 9); i > 0 && app.lab().lab().hint(); --i) app.lab().selectStep(int(app.lab().lab().plan().steps.size()) - 1);
      if (opt.show.find("-recipe") != std::string::npos) app.lab().showRecipeTab();
    } else if (opt.show.rfind("lab-paint", 0) == 0) {  // a painted wax step, half filled, selected for more painting; -history: its history
      wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
      app.lab().ensureLoaded(app.ui());
      core::DyeLab& lab = app.lab().lab();
      imaging::PlanStep wax;
      wax.layer = lab.newPaintedLayer();
      lab.addStep(wax);
      const cv::Size sz = lab.layers().outline.size();
      for (int i = 0; i < 6; ++i) lab.fill(wax.layer, cv::Point(sz.width * (2 * i + 1) / 12, sz.height / 2), false);
      lab.beginStroke();
      for (int x = sz.width / 8; x < sz.width * 7 / 8; x += 3) lab.dab(wax.layer, cv::Point(x, sz.height / 5), 6, false);
      lab.endStroke();
      imaging::PlanStep dye;
      dye.op = imaging::PlanStep::Op::Dye;
      dye.dye = "secang";
      dye.concentration = 80;
      dye.dips = 6;
      lab.addStep(dye);
      app.lab().selectStep(0);
      lab.showState(2);
      if (opt.show == "lab-paint-history") app.lab().showHistoryTab();
    } else if (opt.show == "lab-photo" || opt.show.rfind("lab-photo-exercise-", 0) == 0) {
      // lab-photo: the demo phone photo read into layers and a plan, in its window;
      // lab-photo-exercise-N: saved as an exercise (in a temporary folder, not the
      // user's) and started, with the first N steps of its answer key.
      wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
      app.lab().ensureLoaded(app.ui());
      core::DyeLab& lab = app.lab().lab();
      gui::LabPhoto& photo = app.lab().photo();
      photo.read(app.ui(), wb.assetsFolder() / "demo" / "foto-ceplok-ponsel.jpg", lab.book());
      if (opt.show != "lab-photo") {
        const std::filesystem::path user = std::filesystem::temp_directory_path() / ("canting-show-exercise-" + std::to_string(::getpid()));
        std::filesystem::remove_all(user);
        if (!lab.load(wb.assetsFolder() / "dyes", 480, user)) std::fprintf(stderr, "canting: the dye book did not load\n");
        if (auto saved = core::saveExerciseFromPhoto(*photo.inferred(), wb.tr().tr("lab.photo.window") + ": ceplok", user)) lab.reloadExercises(saved->stem().string());
        photo.close();
        for (int i = std::atoi(opt.show.c_str() + 19); i > 0 && lab.hint(); --i) app.lab().selectStep(int(lab.plan().steps.size()) - 1);
        std::filesystem::remove_all(user);  // the lab holds its masks and target in memory now
      }
    } else if (opt.show.rfind("lab-library-", 0) == 0) {
      // lab-library-ID: the library's motif ID sent with "Pakai di Lab", read into its layers in the lab.
      if (const core::LibraryMotif* m = wb.library().find(opt.show.substr(12))) wb.sendFileToLab(m->image, m->name);
      wb.finishAll();
      app.lab().ensureLoaded(app.ui());
      if (auto handed = wb.takeLabImage()) {
        app.lab().photo().begin(std::move(*handed), app.lab().lab().book());
        app.lab().photo().wait(app.ui());
      }
    } else if (opt.show == "lab-cap-hand") {  // the cap + tulis exercise: the klowong waxed, then a cap stamped by hand three times
      wb.setWorkspace(core::WorkspaceId::LabPewarnaan);
      app.lab().ensureLoaded(app.ui());
      core::DyeLab& lab = app.lab().lab();
      for (int i = 0; i < int(lab.exercises().size()); ++i)
        if (lab.exercises()[std::size_t(i)].id == "tulis-cap-ceplok") lab.startExercise(i);
      lab.hint();
      imaging::PlanStep cap{.op = imaging::PlanStep::Op::Cap, .tile = "motif:kawung", .placement = imaging::PlanStep::Placement::Hand};
      lab.addStep(cap);
      for (const cv::Point2d at : {cv::Point2d(10, 10), cv::Point2d(30, 12), cv::Point2d(20, 30)}) lab.placeStamp(1, at);
      app.lab().selectStep(1);
    } else if (opt.show == "training-backup") {
      // The real records (CANTING_DB), made with one administrator when missing, and the backup reminder.
      records::Desk& desk = app.records().desk();
      if (auto st = desk.useDemo(false); !st) std::fprintf(stderr, "canting: %s\n", wb.tr().message(st.error()).c_str());
      desk.loginName = "Admin Kabupaten";
      desk.pin = "1234";
      if (auto st = desk.databaseExists() ? desk.login() : desk.createDatabase(desk.loginName, desk.pin); !st)
        std::fprintf(stderr, "canting: %s\n", wb.tr().message(st.error()).c_str());
    } else if (opt.show == "training-server") {
      // The real records as the demo's administrator: with --pg, the server's
      // (made by `canting-cli training init --pg URL --demo`).
      records::Desk& desk = app.records().desk();
      if (auto st = desk.useDemo(false); !st) std::fprintf(stderr, "canting: %s\n", wb.tr().message(st.error()).c_str());
      desk.loginName = records::demoLogins()[0].name;
      desk.pin = records::demoLogins()[0].pin;
      if (auto st = desk.login(); !st) std::fprintf(stderr, "canting: %s\n", wb.tr().message(st.error()).c_str());
    } else if (opt.show.rfind("training-", 0) == 0) {
      // The training workspace on the demo database (made in the data folder
      // when missing): training-login, -dashboard, -centre-N, -trainee-N,
      // -session-N, -matrix-N, -newsession-N, -assess-N (as the demo assessor),
      // -heads (the dashboard after three centres' bundles came in), -sync-sending|done|offline|refused
      // (Kirim ke kabupaten on the first centre's page; offline is a real try at a closed loopback port).
      records::Desk& desk = app.records().desk();
      if (auto st = desk.useDemo(true); !st) std::fprintf(stderr, "canting: %s\n", wb.tr().message(st.error()).c_str());
      const std::string what = opt.show.substr(9);
      if (what != "login") {
        const bool assess = what.rfind("assess-", 0) == 0;
        const auto& who = records::demoLogins()[assess ? 3 : 0];
        desk.loginName = who.name;
        desk.pin = who.pin;
        if (auto st = desk.login(); !st) std::fprintf(stderr, "canting: %s\n", wb.tr().message(st.error()).c_str());
        const records::Id id = std::atoll(what.c_str() + what.find('-') + 1);
        if (what == "heads") {
          // The dashboard with chain heads: the first three centres' bundles, exported and imported back.
          if (auto all = desk.store()->centres(*desk.actor()))
            for (std::size_t i = 0; i < all->size() && i < 3; ++i) {
              const auto file = std::filesystem::temp_directory_path() / ("canting-heads-" + std::to_string(::getpid()) + ".bundle");
              if (auto st = records::exportBundle(*desk.store(), *desk.actor(), (*all)[i].id, file); !st)
                std::fprintf(stderr, "canting: %s\n", wb.tr().message(st.error()).c_str());
              else if (auto sum = records::importBundle(*desk.store(), *desk.actor(), file); !sum)
                std::fprintf(stderr, "canting: %s\n", wb.tr().message(sum.error()).c_str());
              std::error_code ec;
              std::filesystem::remove(file, ec);
            }
          desk.invalidate();
        } else if (what.rfind("centre-", 0) == 0) desk.openCentre(id);
        else if (what.rfind("trainee-", 0) == 0) desk.openTrainee(id);
        else if (what.rfind("session-", 0) == 0) desk.openSession(id);
        else if (what.rfind("matrix-", 0) == 0) desk.openMatrix(id);
        else if (what == "keys" || what == "refused") app.training().showOtherCentre(app.ui(), what == "refused");
        else if (what.rfind("sync-", 0) == 0) app.training().syncStrip().showState(app.ui(), what.substr(5));
        else if (what.rfind("newsession-", 0) == 0) {  // the new-session form: 4 unticked, saved without a topic
          desk.openCentre(id);
          auto& form = desk.sessionFormFor(id);
          if (auto all = desk.store()->trainees(*desk.actor(), id))
            for (std::size_t i = 0; i < all->size() && i < 4; ++i) form.tick((*all)[all->size() - 1 - i].id, false);
          (void)desk.submitSession();
        }
        else if (assess) {
          desk.openTrainee(id);
          (void)desk.startAssessment(id);
          // Part of the checklist filled in, as an assessor would mid-way.
          if (desk.formScheme && !desk.formScheme->units.empty()) {
            desk.form.setWholeUnit(*desk.formScheme, desk.formScheme->units[0].id, true);
            const auto& u1 = desk.formScheme->units[1];
            desk.form.criteria[u1.elements[0].criteria[0].id] = 1;
            desk.form.criteria[u1.elements[0].criteria[1].id] = 0;
            desk.form.units[u1.id] = 0;
            desk.form.followUp = "Latihan isen cecek bersama pelatih";
          }
        }
      }
    } else if (opt.show.rfind("galeri-", 0) == 0) {
      // The outlet gallery: galeri-colours, -compare, -product-ID, -order, -kiosk, -kiosk-login, -kiosk-keyboard, -attract, -own.
      // Staff are the demo records' outlet staff (made in the data folder when missing).
      // galeri-own first imports the demo phone photo into the library, as the centre's own motif.
      gui::GaleriPanel& g = app.galeri();
      if (opt.show == "galeri-own") {
        const auto& own = wb.library().motifs();
        if (std::none_of(own.begin(), own.end(), [](const core::LibraryMotif& m) { return !m.bundled; }))
          (void)wb.library().import(wb.demoFolder() / "foto-ceplok-ponsel.jpg",
                                    core::MotifMeta{"Ceplok Limbasari", "Ceplok", "Sentra Limbasari, Purbalingga",
                                                    "Difoto di sentra; motif \"ceplok\" buatan pengrajin setempat; dahulu dipakai untuk kain sehari-hari."});
      }
      g.ensureLoaded(app.ui());
      wb.finishAll();  // the first motif is chosen on the task pool
      records::Desk& desk = app.records().desk();
      if (auto st = desk.useDemo(true); !st) std::fprintf(stderr, "canting: %s\n", wb.tr().message(st.error()).c_str());
      desk.loginName = records::demoLogins()[4].name;
      desk.pin = records::demoLogins()[4].pin;
      (void)desk.login();
      const std::string what = opt.show.substr(7);
      core::Showroom& room = g.showroom();
      if (!room.colorways().empty()) room.chosen = 0;
      room.toggleFavourite(2);
      if (what == "compare") {
        room.addToCompare(0);
        room.addToCompare(5);
      } else if (what.rfind("product-", 0) == 0) {
        g.setTab(gui::GaleriPanel::Tab::Product);
        for (int i = 0; i < int(g.catalogue().products.size()); ++i)
          if (g.catalogue().products[std::size_t(i)].id == what.substr(8) || imaging::productId(g.catalogue().products[std::size_t(i)].kind) == what.substr(8))
            room.product = i;
        room.size = 1;
      } else if (what == "order") {
        g.setTab(gui::GaleriPanel::Tab::Order);
        room.product = 1;
        room.size = 1;
        g.fillOrder("Ibu Ratih Wulandari", "0812-0000-1234", 2);
      } else if (what == "kiosk-login") {  // staff log in inside the kiosk to save an order
        (void)g.startKiosk(app.ui());
        g.setTab(gui::GaleriPanel::Tab::Order);
        room.product = 1;
        room.size = 1;
        g.fillOrder("Ibu Ratih Wulandari", "0812-0000-1234", 2);
        g.openStaffDialog(true);
        room.input(1e9);
      } else if (what == "kiosk-keyboard") {  // a customer types their name on the on-screen keyboard
        (void)g.startKiosk(app.ui());
        g.setTab(gui::GaleriPanel::Tab::Order);
        room.product = 1;
        room.size = 1;
        g.fillOrder("Ibu Ratih Wulandari", "", 2);
        g.openKeyboard(gui::GaleriPanel::Field::Customer);
        room.input(1e9);
      } else if (what == "kiosk" || what == "attract") {
        room.kiosk = true;
        room.input(what == "attract" ? -1000 : 1e9);
      }
    } else if (opt.show.rfind("motif-", 0) == 0) app.pustaka().select(opt.show.substr(6));  // a motif of the collection
    else if (opt.show.rfind("pola", 0) == 0 && wb.design()) {  // pola: lines over the photo; pola-lines: the lines alone
      app.studio().pola().setOpen(true);
      app.studio().pola().setLinesOverPhoto(opt.show != "pola-lines");
    } else if (opt.show.rfind("studio-rapikan", 0) == 0 || opt.show.rfind("studio-raport", 0) == 0) {
      // The photo tools on a photographed cloth: its raport (-cm: at a cloth width of 60 cm), or Rapikan foto with its corners set.
      if (!wb.design()) wb.openDesignFile(wb.demoFolder() / "foto-kawung-miring.jpg");
      if (core::DesignSession* s = wb.design()) {
        const bool clean = opt.show.rfind("studio-rapikan", 0) == 0;
        if (clean) {
          core::CleanOp op;
          op.corners = std::array<cv::Point2d, 4>{cv::Point2d(0.06, 0.08), {0.95, 0.03}, {0.9, 0.94}, {0.03, 0.9}};
          s->edit("studio.edit.corners", [&op](core::Design& d) { d.ops.insert(d.ops.begin(), core::Operation(op)); });
        }
        app.studio().photo().open(app.ui(), clean ? gui::PhotoView::Mode::Clean : gui::PhotoView::Mode::Raport);
        if (opt.show == "studio-raport-cm") app.studio().photo().setClothWidthCm(60);
      }
    } else if ((opt.show == "repeat" || opt.show == "seams") && wb.design()) {
      wb.design()->edit("studio.edit.add", [](core::Design& d) {
        d.ops.emplace_back(core::RepeatOp{.repeat = {imaging::RepeatLayout::HalfDrop, 0.5}});
      });
      app.studio().showSeams(opt.show == "seams");
    }

    int frame = 0, status = 0;
    bool wasKiosk = false;
    int winX = 0, winY = 0, winW = w, winH = h;
    for (;;) {
      // In kiosk mode the window fills the screen and cannot be closed; the
      // staff PIN in the gallery is the only way out.
      if (app.kiosk() && glfwWindowShouldClose(window)) glfwSetWindowShouldClose(window, GLFW_FALSE);
      if (glfwWindowShouldClose(window) || app.quitRequested()) break;
      if (app.kiosk() != wasKiosk && !shot) {
        wasKiosk = app.kiosk();
        if (GLFWmonitor* mon = glfwGetPrimaryMonitor(); mon && wasKiosk) {
          glfwGetWindowPos(window, &winX, &winY);
          glfwGetWindowSize(window, &winW, &winH);
          const GLFWvidmode* mode = glfwGetVideoMode(mon);
          glfwSetWindowMonitor(window, mon, 0, 0, mode->width, mode->height, mode->refreshRate);
        } else if (!wasKiosk) {
          glfwSetWindowMonitor(window, nullptr, winX, winY, winW, winH, 0);
        }
      }
      // Idle modest PCs: wait for input unless work is running.
      if (shot || wb.tasks().pending() > 0 || g_input.pending() || app.lab().photo().busy()) glfwPollEvents();
      else glfwWaitEventsTimeout(0.25);
      if (!g_dropped.empty()) {
        // Dropped on the collection: the first file goes in as a new motif
        // (the form asks for its details); anywhere else images open to look at.
        if (wb.workspace() == core::WorkspaceId::PustakaMotif && app.pustaka().view() == gui::PustakaPanel::View::Collection)
          app.pustaka().beginImport(g_dropped.front());
        else
          wb.openFiles(std::vector<std::filesystem::path>(g_dropped.begin(), g_dropped.end()));
        g_dropped.clear();
      }
      if (shot) wb.finishAll();
      wb.update();
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      g_input.apply(ImGui::GetIO());
      // --show hover-ID: the mouse rests on the item drawn as "@ID" (a tooltip in a screenshot).
      if (opt.show.rfind("hover-", 0) == 0)
        if (auto r = gui::probe::find("@" + opt.show.substr(6))) ImGui::GetIO().MousePos = r->centre();
      ImGui::NewFrame();
      app.frame();
      ImGui::Render();
      // --show colorway-N: adopt the N-th colourway once the grid exists.
      if (frame == 1 && opt.show.rfind("colorway-", 0) == 0) app.studio().adoptColorway(app.ui(), std::atoi(opt.show.c_str() + 9) - 1);
      int fw = 0, fh = 0;
      glfwGetFramebufferSize(window, &fw, &fh);
      glViewport(0, 0, fw, fh);
      glClearColor(0.96f, 0.92f, 0.84f, 1.f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      textures.endFrame();
      if (shot && ++frame >= opt.frames) {
        status = writeScreenshot(opt.screenshot, fw, fh);
        break;
      }
      glfwSwapBuffers(window);
    }
    if (!shot) {
      glfwGetWindowSize(window, &w, &h);
      wb.rememberWindowSize(w, h);
      wb.persistSettings();
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
  }
}
