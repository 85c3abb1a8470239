#include "canting/core/workspace.h"

#include <algorithm>
#include <cctype>

#include "canting/base/text.h"

namespace canting::core {

const std::vector<WorkspaceInfo>& workspaces() {
  static const std::vector<WorkspaceInfo> list = {
      {WorkspaceId::PustakaMotif, "pustaka", {"pustaka-motif", "library", "motif", "motifs"},
       "workspace.pustaka", "workspace.pustaka.hint"},
      {WorkspaceId::StudioDesain, "studio", {"studio-desain", "design", "desain"}, "workspace.studio", "workspace.studio.hint"},
      {WorkspaceId::LabPewarnaan, "lab", {"lab-pewarnaan", "dye-lab", "pewarnaan", "dye"}, "workspace.lab", "workspace.lab.hint"},
      {WorkspaceId::GaleriOutlet, "galeri", {"galeri-outlet", "outlet", "showroom", "gallery"}, "workspace.galeri", "workspace.galeri.hint"},
      {WorkspaceId::PelatihanSertifikasi, "pelatihan", {"pelatihan-sertifikasi", "training", "sertifikasi", "certification"},
       "workspace.pelatihan", "workspace.pelatihan.hint"},
  };
  return list;
}

std::optional<WorkspaceId> findWorkspace(const std::string& name) {
  const std::string n = base::asciiLower(name);
  for (const auto& w : workspaces()) {
    if (w.name == n) return w.id;
    if (std::find(w.aliases.begin(), w.aliases.end(), n) != w.aliases.end()) return w.id;
  }
  return std::nullopt;
}

const WorkspaceInfo& workspaceInfo(WorkspaceId id) {
  for (const auto& w : workspaces())
    if (w.id == id) return w;
  return workspaces().front();
}

}  // namespace canting::core
