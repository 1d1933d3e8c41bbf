#!/usr/bin/env bash
# The .deb check must be able to fail: each broken copy of the real .deb (a file taken out, the
# desktop entry in English, a dependency dropped) must be refused by check.sh with the reason.
# Usage: tests/bundle/must_fail.sh [DEB] (default: the newest that `make bundle` made).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deb=${1:-$(ls -t "${CARGO_TARGET_DIR:-target}"/release/bundle/deb/*.deb 2>/dev/null | head -1)}
[ -f "$deb" ] || { echo "no .deb to break (run make bundle first, or give its path)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
caught=0
missed=0

# breaks NAME EXPECTED_FAILURE SHELL_CODE: SHELL_CODE changes the unpacked package in $1.
breaks() {
  local name=$1 expected=$2 change=$3 tree=$work/$1 out
  dpkg-deb -R "$deb" "$tree"
  bash -c "$change" _ "$tree"
  dpkg-deb -Znone -b "$tree" "$work/$name.deb" >/dev/null
  if out=$("$here/check.sh" "$work/$name.deb"); then
    missed=$((missed + 1)); echo "FAIL: check.sh passed a .deb with $name"
  elif grep -q "^FAIL: $expected" <<<"$out"; then
    caught=$((caught + 1))
  else
    missed=$((missed + 1)); echo "FAIL: with $name, check.sh failed but not with «$expected»:"; echo "$out"
  fi
  rm -rf "$tree" "$work/$name.deb"
}

breaks no-cli "usr/bin/daftar is an executable" 'rm "$1/usr/bin/daftar"'
breaks no-mime-xml "the shared-mime-info file" 'rm "$1/usr/share/mime/packages/daftar.xml"'
breaks english-name "Name=دفتر" 'sed -i "s/^Name=دفتر$/Name=Daftar/" "$1/usr/share/applications/Daftar.desktop"'
breaks no-file-argument "Exec opens the file given" 'sed -i "s/^Exec=.*/Exec=daftar-app/" "$1/usr/share/applications/Daftar.desktop"'
breaks no-webkit-dependency "Depends on the WebKitGTK runtime" 'sed -i "s/libwebkit2gtk-4\.1-0[^,]*, //; s/, libwebkit2gtk-4\.1-0[^,]*//" "$1/DEBIAN/control"'
breaks no-icon "the 128x128 icon" 'rm "$1/usr/share/icons/hicolor/128x128/apps/daftar-app.png"'

echo "bundle must-fail: $caught passed, $missed failed"
[ "$missed" -eq 0 ]
