#pragma once
// The workspaces, declared as data: the GUI draws a bar from this list and
// --workspace NAME looks names up here. Later issues add entries (Studio
// Desain, Lab Pewarnaan, Galeri Outlet, Pelatihan & Sertifikasi); the list
// holds only workspaces that exist, never placeholders.

#include <optional>
#include <string>
#include <vector>

namespace canting::core {

enum class WorkspaceId { PustakaMotif, StudioDesain, LabPewarnaan, GaleriOutlet, PelatihanSertifikasi };

struct WorkspaceInfo {
  WorkspaceId id;
  std::string name;                  // stable, for --workspace and settings
  std::vector<std::string> aliases;  // other names people will type
  std::string titleKey;              // translation key of the tab title
  std::string hintKey;               // translation key of the tooltip
};

const std::vector<WorkspaceInfo>& workspaces();
std::optional<WorkspaceId> findWorkspace(const std::string& name);
const WorkspaceInfo& workspaceInfo(WorkspaceId id);

}  // namespace canting::core
