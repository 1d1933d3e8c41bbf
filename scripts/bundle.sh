#!/usr/bin/env bash
# Builds the installable app: a .deb made by Tauri's bundler from a release build of the app
# and of the `daftar` CLI (`make bundle`; scripts/setup.sh --bundle installs the Tauri CLI).
# Prints the .deb's path last.
#
# The CLI rides along as Tauri's "external binary" (installed as /usr/bin/daftar). That entry
# lives in src-tauri/tauri.bundle.conf.json, merged here only: tauri-build copies external
# binaries while compiling, so in tauri.conf.json it would make every plain `cargo build` of the
# app need a release CLI first.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=${CARGO_TARGET_DIR:-$PWD/target}
host=$(rustc -vV | sed -n 's/^host: //p')
tauri=scripts/tauri-cli/node_modules/.bin/tauri

cargo build --locked --release -p daftar
mkdir -p src-tauri/binaries
cp "$target_dir/release/daftar" "src-tauri/binaries/daftar-$host"

# `tauri build` runs `cargo build --release` for the app with the features a shipped app needs
# (custom-protocol: the UI served from the binary), then bundles.
"$tauri" build --ci --bundles deb --config src-tauri/tauri.bundle.conf.json -- --locked

deb=$(ls -t "$target_dir"/release/bundle/deb/*.deb | head -1)
test -f "$deb"
echo "$deb"
