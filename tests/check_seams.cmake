# Fails when code below the GUI level includes ImGui, GLFW or GL, when
# imaging includes SQLite or app code, when base includes anything of imaging
# or the app, or when records reaches up into the
# GUI or the CLI: the levels in app/README.md. The CMake link graph enforces
# the same table; this is a second look at the #include lines.
set(bad "")
function(forbid dirs pattern)
  foreach(dir IN LISTS dirs)
    file(GLOB_RECURSE files ${ROOT}/${dir}/*.cpp ${ROOT}/${dir}/*.h)
    if(NOT files)
      # A moved folder must not turn the check into a silent pass.
      set(bad "${bad}\n${dir}: no sources found")
    endif()
    foreach(f IN LISTS files)
      file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](${pattern})")
      if(lines)
        set(bad "${bad}\n${f}: ${lines}")
      endif()
    endforeach()
  endforeach()
  set(bad "${bad}" PARENT_SCOPE)
endfunction()
forbid("imaging;app/core;app/records;app/cli;app/sync;app/server" "imgui|GLFW/|GL/|backends/")
forbid("imaging" "sqlite3|canting/core|canting/records")
# Records sits on core and imaging: never the GUI or the CLI above it.
forbid("app/core" "canting/records|canting/gui|canting/cli")
forbid("app/records" "canting/gui|canting/cli|canting/sync|httplib")
# HTTP stays in app/sync's one file: the records store and the programs' other code never see it.
forbid("app/records;app/core;app/cli;app/server;app/sync/include" "httplib")
# Records' public headers keep their C libraries to themselves (db.h
# forward-declares the SQLite handle), so users never see <sqlite3.h>.
forbid("app/records/include" "sqlite3|sodium|zlib|cairo")
forbid("imaging/base" "canting/imaging|canting/core|canting/records|canting/gui|canting/cli|opencv2|sqlite3")
if(bad)
  message(FATAL_ERROR "seam violations:${bad}")
endif()
