#!/usr/bin/env bash
# The 250 x 105 cm, 300 DPI kain panjang as a deflate TIFF: ours (streamed,
# bench_export, which checks rows of its file against the repeat) beside
# vips replicate straight into the same TIFF save (the kindest variant for
# vips; 25 x 11 tiles, 30000 x 13200 for the drawn tile). Two tiles: the drawn
# kawung (flat colours) and the demo phone photo (busy, noisy). Each case with
# the machine as it is and again with a competing load (a busy loop on one
# core), three runs each, medians. Both files are checked to open in vips and
# ImageMagick. Needs libvips-tools (apt-get install -y libvips-tools; a bench
# tool, not a CI dependency).
#
#   bash bench/compare_export.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
busy=""
cleanup() { [ -n "$busy" ] && kill "$busy" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
command -v vips >/dev/null || { echo "vips is not installed" >&2; exit 2; }

median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
opens() {  # the file opens in vips and ImageMagick at the size given
  local f=$1 w=$2 h=$3
  [ "$(vipsheader -f width "$f")x$(vipsheader -f height "$f")" = "${w}x${h}" ] || { echo "vipsheader: $f" >&2; exit 1; }
  identify "$f" | grep -q "TIFF ${w}x${h}" || { echo "identify: $f" >&2; exit 1; }
}

echo "| tile | load | canting s (3 runs) | median | peak MB | file MB | vips s (3 runs) | median | vips peak MB | file MB | ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for tile in "$root/assets/demo/contoh-kawung.png" "$root/assets/demo/foto-ceplok-ponsel.jpg"; do
  # Enough tiles to cover 29528 x 12402.
  read -r tw th < <(vipsheader -f width "$tile" | tr '\n' ' '; vipsheader -f height "$tile")
  nx=$(( (29528 + tw - 1) / tw )); ny=$(( (12402 + th - 1) / th ))
  for load in none "busy loop on one core"; do
    if [ "$load" != none ]; then (while :; do :; done) & busy=$!; fi
    ours=(); vipst=(); peak=0; vpeak=0
    for _ in 1 2 3; do
      line=$("$build/bench/bench_export" "$tile" "$work/canting.tif")
      ours+=("$(echo "$line" | sed -E 's/.*: ([0-9.]+) s.*/\1/')")
      peak=$(echo "$line" | sed -E 's/.*peak memory ([0-9]+) MB.*/\1/')
      s=$(date +%s.%N)
      vpeak=$( { /usr/bin/time -f "%M" vips replicate "$tile" "$work/vips.tif[compression=deflate]" "$nx" "$ny"; } 2>&1 | tail -1)
      vipst+=("$(echo "$(date +%s.%N) $s" | awk '{printf "%.2f", $1 - $2}')")
    done
    if [ "$load" != none ]; then kill "$busy"; wait "$busy" 2>/dev/null || true; busy=""; fi
    opens "$work/canting.tif" 29528 12402
    opens "$work/vips.tif" $((nx * tw)) $((ny * th))
    mo=$(median3 "${ours[@]}"); mv=$(median3 "${vipst[@]}")
    echo "| $(basename "$tile") | $load | ${ours[*]} | $mo | $peak | $(du -m "$work/canting.tif" | cut -f1) | ${vipst[*]} | $mv | $((vpeak / 1024)) | $(du -m "$work/vips.tif" | cut -f1) | $(echo "$mo $mv" | awk '{printf "%.2f", $1 / $2}') |"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
