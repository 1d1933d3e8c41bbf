#!/usr/bin/env bash
# Checks the installable app: unpacks the .deb (dpkg-deb -x) into a temporary folder and looks at
# what a user's machine would get. Usage: tests/bundle/check.sh [DEB]; without DEB, the newest
# .deb that `make bundle` made. Exit 1 when anything is missing or wrong (each listed).
set -uo pipefail

deb=${1:-$(ls -t "${CARGO_TARGET_DIR:-target}"/release/bundle/deb/*.deb 2>/dev/null | head -1)}
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  echo "no .deb to check (run make bundle first, or give its path)" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
stripped_elf() { local kind; kind=$(file -b "$1"); [[ $kind == ELF* && $kind == *", stripped"* ]]; }
links_resolved() { local libraries; libraries=$(ldd "$1") && ! grep -q 'not found' <<<"$libraries"; }
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then ok; else bad "$what"; fi
}

# --- the package's metadata ---
info=$(dpkg-deb -I "$deb")
field() { sed -n "s/^ $1: //p" <<<"$info"; }
version=$(field Version)
check "Package is daftar" test "$(field Package)" = daftar
check "a Version" test -n "$version"
check "Depends on the WebKitGTK runtime" grep -Eq '(^|, )libwebkit2gtk-4\.1-0($|[ ,])' <<<"$(field Depends)"
check "Depends on GTK 3" grep -Eq '(^|, )libgtk-3-0($|[ ,])' <<<"$(field Depends)"
check "an Installed-Size" grep -Eq '^[0-9]+$' <<<"$(field Installed-Size)"
check "a Persian Description" grep -q 'دفتر' <<<"$(field Description)"

# --- the files ---
dpkg-deb -x "$deb" "$root" || { echo "FAIL: dpkg-deb -x could not unpack $deb"; exit 1; }
share=$root/usr/share
for binary in daftar-app daftar; do
  check "usr/bin/$binary is an executable" test -x "$root/usr/bin/$binary"
  check "usr/bin/$binary is a stripped ELF program" stripped_elf "$root/usr/bin/$binary"
done
check "the app finds every library it links" links_resolved "$root/usr/bin/daftar-app"
for size in 32x32 128x128 512x512; do
  check "the ${size} icon" test -s "$share/icons/hicolor/$size/apps/daftar-app.png"
done
check "the fonts' licence (Vazirmatn, SIL OFL)" grep -q 'SIL OPEN FONT LICENSE' "$share/doc/daftar/OFL.txt"

# --- the CLI runs from the unpacked package ---
check "daftar --version says the package's version" test "$("$root/usr/bin/daftar" --version 2>&1)" = "daftar $version"

# --- the desktop entry, in Persian ---
desktop=$share/applications/Daftar.desktop
entry() { sed -n "s/^$1=//p" "$desktop" 2>/dev/null; }
check "the desktop entry" test -f "$desktop"
check "desktop-file-validate accepts the desktop entry" desktop-file-validate "$desktop"
check "Name=دفتر" test "$(entry Name)" = دفتر
check "a Persian Comment" grep -q 'ارزیابی عملکرد' <<<"$(entry Comment)"
check "Categories name Office" grep -q 'Office;' <<<"$(entry Categories)"
check "Exec opens the file given (--file %f)" test "$(entry Exec)" = "daftar-app --file %f"
check "Exec's program is in usr/bin" test -x "$root/usr/bin/$(entry Exec | cut -d' ' -f1)"
check "Icon is the installed icon" test -s "$share/icons/hicolor/128x128/apps/$(entry Icon).png"
check "MimeType has application/x-daftar" grep -q '\(^\|;\)application/x-daftar;' <<<"$(entry MimeType)"

# --- the .daftar file type: a double-click on a province file opens the app ---
mime_xml=$share/mime/packages/daftar.xml
check "the shared-mime-info file" test -f "$mime_xml"
check "the file type is application/x-daftar for *.daftar" \
  grep -Pzq '<mime-type type="application/x-daftar">(.|\n)*<glob pattern="\*\.daftar"/>' "$mime_xml"
# The same look-up a file manager makes, in the unpacked tree only (with the system's own types,
# for SQLite's signature inside the file): the province file's type, then the app for it.
mkdir -p "$work/data/mime/packages" "$work/home" "$work/config"
cp /usr/share/mime/packages/freedesktop.org.xml "$mime_xml" "$work/data/mime/packages/" 2>/dev/null
cp -r "$share/applications" "$work/data/"
update-mime-database "$work/data/mime" >/dev/null 2>&1
update-desktop-database "$work/data/applications" >/dev/null 2>&1
province=$work/لرستان.daftar
"$root/usr/bin/daftar" --file "$province" init --province لرستان --office "سازمان مدیریت و برنامه‌ریزی استان لرستان" --year 1403 >/dev/null 2>&1
# PATH holds the unpacked usr/bin: the entry's TryExec must find daftar-app, as on an installed system.
look() { env -i PATH="$root/usr/bin:/usr/bin:/bin" HOME="$work/home" XDG_DATA_HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_DIRS="$work/data" "$@" 2>&1; }
content_type=$(look gio info -a standard::content-type "$province" | sed -n 's/^ *standard::content-type: //p')
check "a province file (SQLite inside) is application/x-daftar, not SQLite (was '$content_type')" \
  test "$content_type" = application/x-daftar
check "the app is the default for application/x-daftar" \
  grep -q 'Daftar.desktop' <<<"$(look gio mime application/x-daftar | head -1)"

echo "bundle ($(basename "$deb")): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
