#!/usr/bin/env bash
# One script for a fresh Debian 12 machine: installs the Debian packages
# Canting needs (only when some are missing), builds, then either opens the
# app on the bundled demo motifs or runs every test.
#
#   bash scripts/setup.sh run     install, build, open the app
#   bash scripts/setup.sh test    install, build, run all tests (what CI runs)
#
# Runs apt-get through sudo when not root. BUILD_DIR overrides ./build.
set -euo pipefail

mode=${1:-test}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}

packages=(
  build-essential cmake ninja-build pkg-config ccache
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev
  libimgui-dev libglfw3-dev libstb-dev nlohmann-json3-dev zlib1g-dev libjpeg-dev libpng-dev libtiff-dev libcairo2-dev libpotrace-dev
  catch2 libsqlite3-dev libpq-dev postgresql-15 libsodium-dev poppler-utils libxml2-utils
  libcpp-httplib-dev libssl-dev openssl
  xvfb xauth libgl1-mesa-dri fonts-dejavu-core
  desktop-file-utils appstream librsvg2-bin file
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}"
fi

# ccache keeps rebuilds (and CI's second, sanitizer build of unchanged files) cheap.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# Line tables (-g1) rather than full debug info: backtraces and breakpoints by
# line still work, and the build is a third faster (CI builds the tree twice).
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
cmake --build "$build" -j"$(nproc)"

case "$mode" in
  run)
    exec "$build/app/gui/canting" "$root"/assets/demo/*.png "$root"/assets/demo/*.jpg
    ;;
  test)
    ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 1
    ;;
esac
