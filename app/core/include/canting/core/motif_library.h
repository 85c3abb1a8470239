#pragma once
// The motif library behind Pustaka Motif: the bundled motifs (assets/motifs,
// read-only) and the user's own (copied into dataDir()/motifs with their
// metadata). Deleting moves a motif to a trash, and the last deletion can be
// undone. Every write is atomic; a damaged metadata file is reported and the
// rest of the library still opens.

#include <filesystem>
#include <optional>
#include <cstdint>
#include <string>
#include <vector>

#include "canting/core/i18n.h"
#include "canting/imaging/error.h"

namespace canting::core {

struct LibraryMotif {
  std::string id;
  std::filesystem::path image;
  std::string name;
  std::string family[2];   // [Indonesian, English]; user motifs keep one text in both
  std::string origin[2];
  std::string meaning[2];
  std::string geometry[2];  // what the drawing shows, or why there is none yet
  std::string colours[2];   // the colours the sources name
  std::vector<std::string> sources;
  std::string confidence;   // C, W or U as in shared/domain
  std::string fills;        // a user motif giving the centre's image for this awaiting entry
  bool bundled = false;
  bool generated = false;  // drawn by the program: labelled, never passed off as a classic cloth
  bool awaitingImage = false;  // a known motif whose drawing is not in the sources yet
  double widthCm = 0;       // the image's real width on the cloth (a photo's raport tile at its real scale); 0: not known

  const std::string& familyIn(Language l) const { return family[l == Language::English]; }
  const std::string& originIn(Language l) const { return origin[l == Language::English]; }
  const std::string& meaningIn(Language l) const { return meaning[l == Language::English]; }
  const std::string& geometryIn(Language l) const { return geometry[l == Language::English]; }
  const std::string& coloursIn(Language l) const { return colours[l == Language::English]; }
};

struct MotifMeta {
  std::string name, family, origin, meaning;
  double widthCm = 0;  // LibraryMotif::widthCm
};

class MotifLibrary {
 public:
  // Reads both places; problems (a damaged user metadata file) go to warnings().
  void load(const std::filesystem::path& bundledDir, const std::filesystem::path& userDir);
  const std::vector<LibraryMotif>& motifs() const { return m_motifs; }
  // Known motifs still waiting for the centre's photo or drawing (Purbalingga's
  // own, whose geometry no public source records); once the user fills one,
  // it is a motif like any other and leaves this list.
  std::vector<const LibraryMotif*> awaiting() const;
  const std::vector<std::string>& warnings() const { return m_warnings; }
  const LibraryMotif* find(const std::string& id) const;

  const LibraryMotif* findAwaiting(const std::string& id) const;

  // Case-insensitive search over name, family, origin and meaning (both
  // languages); `family` empty = all. The awaiting entries come last when asked for.
  std::vector<const LibraryMotif*> filter(const std::string& text, const std::string& family, Language lang, bool withAwaiting = false) const;
  std::vector<std::string> families(Language lang) const;  // of the motifs and the awaiting entries

  // Copies the image (checked to be a readable image first) into the user
  // library; returns the new motif's id.
  imaging::Result<std::string> import(const std::filesystem::path& image, const MotifMeta& meta);
  // The same for an image the program encoded itself (`ext` such as ".png"),
  // e.g. a Studio colourway sent to the gallery.
  imaging::Result<std::string> importEncoded(const std::vector<std::uint8_t>& bytes, const std::string& ext, const MotifMeta& meta);
  // Gives an awaiting entry its image: a user motif carrying the entry's name,
  // story, colours and sources in both languages; returns the new motif's id.
  imaging::Result<std::string> fill(const std::string& awaitingId, const std::filesystem::path& image);
  imaging::Status update(const std::string& id, const MotifMeta& meta);  // user motifs only
  imaging::Status remove(const std::string& id);                          // to the trash
  bool canUndoRemove() const { return m_lastRemoved.has_value(); }
  imaging::Status undoRemove();

 private:
  imaging::Status saveUserMeta();

  std::filesystem::path m_bundledDir, m_userDir;
  std::vector<LibraryMotif> m_motifs;
  std::vector<LibraryMotif> m_awaiting;
  std::vector<std::string> m_warnings;
  std::optional<LibraryMotif> m_lastRemoved;
};

}  // namespace canting::core
