#!/usr/bin/env bash
# Installs what Daftar needs to build, run and test, and nothing that is already there:
# Debian packages (WebKitGTK for the window, Xvfb and WebKitWebDriver for the end-to-end
# tests, poppler for reading PDFs back, LibreOffice Calc for printing workbooks in tests),
# the UI's npm packages, and tauri-driver.
# `setup.sh --bundle` (for `make bundle` only) also installs the Tauri CLI and what the .deb's
# test uses.
# Safe to run again: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
for_bundle=0
[ "${1:-}" = --bundle ] && for_bundle=1

TAURI_DRIVER_VERSION=2.1.0
APT_PACKAGES=(
  build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libjavascriptcoregtk-4.1-dev libsoup-3.0-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver poppler-utils imagemagick libreoffice-calc-nogui
)
# make bundle: desktop-file-validate, update-mime-database, gio and file check the .deb's
# desktop entry, file type and programs.
[ $for_bundle = 1 ] && APT_PACKAGES+=(desktop-file-utils shared-mime-info libglib2.0-bin file)

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || apt_missing+=("$package")
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_missing+=(nodejs npm)
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "apt: ${apt_missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "cargo was not found: install Rust with rustup (https://rustup.rs) and run this again." >&2
  exit 2
fi

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>20||(a===20&&b>=19)?1:0)')
if [ "$node_ok" != 1 ]; then
  echo "Node.js $(node --version) is too old for the UI build (Vite 7 needs 20.19 or newer)." >&2
  exit 2
fi

# npm ci only when the lock file changed since the last install.
stamp=ui/node_modules/.daftar-package-lock
if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
  say "npm ci (ui/)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json "$stamp"
fi

if ! cargo install --list | grep -q "^tauri-driver v${TAURI_DRIVER_VERSION}:"; then
  say "cargo install tauri-driver ${TAURI_DRIVER_VERSION}"
  cargo install --locked tauri-driver --version "${TAURI_DRIVER_VERSION}"
fi

# make bundle: the Tauri CLI from npm (@tauri-apps/cli ships a prebuilt binary per platform;
# `cargo install tauri-cli` would compile it for ~10 minutes), in a folder of its own with its
# own lock file, apart from the UI's packages.
if [ $for_bundle = 1 ]; then
  stamp=scripts/tauri-cli/node_modules/.daftar-package-lock
  if [ ! -f "$stamp" ] || ! cmp -s scripts/tauri-cli/package-lock.json "$stamp"; then
    say "npm ci (scripts/tauri-cli/)"
    (cd scripts/tauri-cli && npm ci --no-audit --no-fund --loglevel=error)
    cp scripts/tauri-cli/package-lock.json "$stamp"
  fi
fi
say "ready"
