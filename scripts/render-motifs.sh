#!/usr/bin/env bash
# Redraws the bundled motif tiles in assets/motifs/ with the generators
# (canting-cli motif): 600 px at 150 DPI, about 10 cm, the size of a cap.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${1:-$root/build/app/cli/canting-cli}
for m in kawung parang ceplok truntum nitik mega-mendung semen lereng udan-liris; do
  "$cli" --lang en motif "$m" --size 600 --dpi 150 -o "$root/assets/motifs/$m.png"
done
