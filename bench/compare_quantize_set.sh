#!/usr/bin/env bash
# Quantisation to 8 colours over the 30-photo set (bench/photo_set.h: 0.25 to
# 24 MP, drawn and photographed cloth, few and many colours), ours beside
# pngquant --nofs 8. Three passes over the set; for each tool the median of
# the three total wall times, then the mean over the set of each photo's mean
# CIEDE2000 (input vs output). A tool's output that is missing or of another
# size fails the run. pngquant is a bench tool, not a CI dependency:
# apt-get install -y pngquant.
#
#   bash bench/compare_quantize_set.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/set" "$work/canting" "$work/pngquant"
"$build/bench/bench_colour" --make-set "$work/set"
command -v pngquant >/dev/null || { echo "pngquant is not installed" >&2; exit 2; }

now() { date +%s.%N; }
pass() {  # prints the seconds one tool takes over the whole set
  local tool=$1 start
  start=$(now)
  for f in "$work"/set/*.png; do
    n=$(basename "$f")
    if [ "$tool" = canting ]; then
      "$build/app/cli/canting-cli" quantize "$f" -k 8 -o "$work/canting/$n" >/dev/null
    else
      pngquant --nofs --force --output "$work/pngquant/$n" 8 "$f"
    fi
  done
  echo "$(now) $start" | awk '{printf "%.2f", $1 - $2}'
}
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A times
for tool in canting pngquant; do times[$tool]=""; done
for _ in 1 2 3; do
  for tool in canting pngquant; do times[$tool]+="$(pass $tool) "; done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| tool | total wall s, 3 passes | median | mean dE00 over the set |"
echo "|---|---|---|---|"
for tool in canting pngquant; do
  sum=0
  for f in "$work"/set/*.png; do
    out="$work/$tool/$(basename "$f")"
    d=$("$build/bench/bench_colour" --delta-e "$f" "$out") || { echo "$tool: bad output for $f" >&2; exit 1; }
    k=$("$build/bench/bench_colour" --colours "$out")
    [ "$k" -le 8 ] || { echo "$tool: $k colours in $out" >&2; exit 1; }
    sum=$(echo "$sum $d" | awk '{print $1 + $2}')
  done
  # shellcheck disable=SC2086
  echo "| $tool | ${times[$tool]}| $(median3 ${times[$tool]}) | $(echo "$sum" | awk '{printf "%.3f", $1 / 30}') |"
done
