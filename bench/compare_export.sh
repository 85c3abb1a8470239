#!/usr/bin/env bash
# The 250 x 105 cm, 300 DPI kain panjang as a deflate TIFF: ours (streamed)
# beside vips replicate + the same TIFF save. Needs libvips-tools for vips.
#
#   bash bench/compare_export.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tile="$root/assets/demo/contoh-kawung.png"   # 1200 x 1200 px at 300 DPI = 10 cm

seconds() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) $s" | awk '{printf "%.2f", $1 - $2}'; }

echo "canting: $("$build/bench/bench_export" "$tile" "$work/canting.tif")  file $(du -m "$work/canting.tif" | cut -f1) MB"
rm -f "$work/canting.tif"
if command -v vips >/dev/null; then
  # 25 x 11 tiles of 1200 px cover 29528 x 12402; crop to the exact size.
  t=$(seconds sh -c "vips replicate '$tile' '$work/rep.v' 25 11 && vips crop '$work/rep.v' '$work/vips.tif[compression=deflate]' 0 0 29528 12402")
  echo "vips replicate + crop + tiffsave deflate (via a .v file): ${t} s  file $(du -m "$work/vips.tif" | cut -f1) MB"
  rm -f "$work/rep.v" "$work/vips.tif"
  # The kindest variant for vips: replicate straight into the TIFF (30000 x 13200, a little larger).
  t=$(seconds vips replicate "$tile" "$work/vips2.tif[compression=deflate]" 25 11)
  echo "vips replicate -> tiffsave deflate directly: ${t} s  file $(du -m "$work/vips2.tif" | cut -f1) MB"
fi
