#!/bin/sh
# CTest "install:": `cmake --install` into a temporary prefix, then the
# installed programs run from another folder, with CANTING_ASSETS pointing
# nowhere (so only the install's own share/canting can serve them), and the
# installed menu entries, metainfo, man pages, completion and icons are checked.
# Nothing may write into the installed share/canting.
#
#   sh check_install.sh CMAKE BUILD_DIR VERSION
set -eu
cmake=$1 build=$2 version=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "install check FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "cmake --install $build --prefix $prefix"
"$cmake" --install "$build" --prefix "$prefix" >/dev/null
touch "$tmp/installed"
sleep 1  # a file written in the same second as the stamp would not count as newer

mkdir -p "$tmp/home" "$tmp/work"
cd "$tmp/work"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/config" XDG_DATA_HOME="$tmp/home/data" CANTING_ASSETS="$tmp/nowhere"
unset CANTING_DB CANTING_LANG
cli="$prefix/bin/canting-cli"

step "canting-cli --version"
[ "$("$cli" --version)" = "canting-cli $version" ] || fail "canting-cli --version says '$("$cli" --version)'"
step "canting-cli dye list"
"$cli" --lang en dye list | grep -q "indigo" || fail "dye list does not list indigo"
step "canting-cli motif kawung -o kawung.png"
"$cli" motif kawung -o kawung.png >/dev/null
[ -s kawung.png ] || fail "motif kawung wrote nothing"
step "canting-cli showroom mockup kawung.png --product kemeja --motif-cm 8 -o kemeja.png"
"$cli" showroom mockup kawung.png --product kemeja --motif-cm 8 -o kemeja.png >/dev/null
[ -s kemeja.png ] || fail "showroom mockup wrote nothing"

step "canting-server --version, and plain HTTP refused off loopback"
[ "$("$prefix/bin/canting-server" --version)" = "canting-server $version" ] || fail "canting-server --version"
"$prefix/bin/canting-server" --lang en serve --db "$tmp/work/reg.db" --listen 0.0.0.0:1 --insecure-loopback 2>&1 |
  grep -q "only on a loopback" || fail "canting-server served plain HTTP off loopback"
[ -s "$prefix/lib/systemd/system/canting-server.service" ] || fail "no systemd unit"

gui="$prefix/bin/canting"
if [ -x "$gui" ]; then
  step "canting --version"
  [ "$("$gui" --version)" = "canting $version" ] || fail "canting --version says '$("$gui" --version)'"
  if command -v xvfb-run >/dev/null; then
    # The training dashboard: it makes the demo records from the installed curriculum, in the data folder.
    step "xvfb-run canting --screenshot (the training dashboard on the demo records)"
    xvfb-run -a -s "-screen 0 1366x768x24" "$gui" --screenshot "$tmp/work/shot.png" --frames 4 --size 1366x768 --lang en \
      --workspace pelatihan --show training-dashboard 2>/dev/null || fail "the installed canting --screenshot failed"
    [ -s shot.png ] || fail "no screenshot"
    [ -s "$XDG_DATA_HOME/canting/pelatihan-demo.db" ] || fail "the demo records are not in the data folder"
  else
    echo "SKIPPED: canting --screenshot (no xvfb-run; apt-get install xvfb xauth)"
  fi
fi

step "the installed share/canting is only read"
changed=$(find "$prefix/share/canting" -newer "$tmp/installed")
[ -z "$changed" ] || fail "written into the installed assets: $changed"

step "desktop-file-validate"
desktop-file-validate "$prefix"/share/applications/*.desktop "$prefix"/share/canting/autostart/*.desktop
step "appstreamcli validate"
appstreamcli validate --no-net "$prefix"/share/metainfo/id.canting.Canting.metainfo.xml

if command -v groff >/dev/null; then
  step "man pages render without warnings"
  for page in "$prefix"/share/man/man1/*.1.gz "$prefix"/share/man/man8/*.8.gz; do
    warnings=$(gzip -dc "$page" | groff -man -Tutf8 -ww -z 2>&1)
    [ -z "$warnings" ] || fail "$page: $warnings"
  done
fi

step "icons"
for size in 48 64 128 256; do
  "$cli" info --json "$prefix/share/icons/hicolor/${size}x${size}/apps/id.canting.Canting.png" | grep -q "\"width\": $size" ||
    fail "the ${size}x${size} icon is not $size px wide"
done
[ -s "$prefix/share/icons/hicolor/scalable/apps/id.canting.Canting.svg" ] || fail "no scalable icon"

step "bash completion"
complete_words() {
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _canting_cli; echo "${COMPREPLY[*]}"' sh \
    "$prefix/share/bash-completion/completions/canting-cli" "$cli" "$@"
}
[ "$(complete_words dy)" = "dye" ] || fail "completion of 'dy': '$(complete_words dy)'"
[ "$(complete_words training rep)" = "report" ] || fail "completion of 'training rep': '$(complete_words training rep)'"
[ "$(complete_words motif kawung --line)" = "--line-mm" ] || fail "completion of 'motif kawung --line': '$(complete_words motif kawung --line)'"

step "canting-kiosk-autostart on|status|off --user"
auto="$prefix/bin/canting-kiosk-autostart"
"$auto" on --user >/dev/null
link="$XDG_CONFIG_HOME/autostart/id.canting.Canting.Kiosk.desktop"
[ "$(readlink -f "$link")" = "$(readlink -f "$prefix/share/canting/autostart/id.canting.Canting.Kiosk.desktop")" ] || fail "autostart link: $link"
[ "$("$auto" status --user)" = on ] || fail "status is not on"
"$auto" off --user >/dev/null
[ "$("$auto" status --user)" = off ] || fail "status is not off"
[ ! -e "$link" ] || fail "the link is still there"
if "$auto" sideways 2>/dev/null; then fail "an unknown command was accepted"; fi

echo "install check passed"
