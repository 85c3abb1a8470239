#!/usr/bin/env bash
# Renders packaging/icons/id.canting.Canting.svg to the PNG sizes the install
# puts in share/icons/hicolor (48, 64, 128, 256 px). The PNGs are committed, so
# a build never needs rsvg-convert (librsvg2-bin); run this after editing the SVG.
set -euo pipefail
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../packaging/icons" && pwd)
for size in 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" "$dir/id.canting.Canting.svg" -o "$dir/id.canting.Canting-$size.png"
done
