#!/usr/bin/env bash
# Quantisation to 8 colours of one 24 MP motif photo, ours beside the peers
# the issue names: pngquant --nofs 8 and ImageMagick +dither -colors 8.
# Wall time (best of 3) and mean CIEDE2000 input vs output. Needs the
# packages pngquant and imagemagick (apt-get install -y pngquant imagemagick).
#
#   bash bench/compare_quantize.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bench/bench_colour" --make-input "$work/in.png"

best_of_3() {  # prints seconds of the fastest of three runs of "$@"
  local best=999999 t start
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    t=$(echo "$(date +%s.%N) $start" | awk '{printf "%.2f", $1 - $2}')
    best=$(echo "$t $best" | awk '{print ($1 < $2) ? $1 : $2}')
  done
  echo "$best"
}

echo "| tool | wall s (best of 3) | mean dE00 |"
echo "|---|---|---|"
t=$(best_of_3 "$build/app/cli/canting-cli" quantize "$work/in.png" -k 8 -o "$work/canting.png")
echo "| canting-cli quantize -k 8 | $t | $("$build/bench/bench_colour" --delta-e "$work/in.png" "$work/canting.png") |"
if command -v pngquant >/dev/null; then
  t=$(best_of_3 pngquant --nofs --force --output "$work/pngquant.png" 8 "$work/in.png")
  echo "| pngquant --nofs 8 | $t | $("$build/bench/bench_colour" --delta-e "$work/in.png" "$work/pngquant.png") |"
fi
if [ -x /usr/bin/convert ]; then
  t=$(best_of_3 /usr/bin/convert "$work/in.png" +dither -colors 8 "$work/magick.png")
  echo "| convert +dither -colors 8 | $t | $("$build/bench/bench_colour" --delta-e "$work/in.png" "$work/magick.png") |"
fi
