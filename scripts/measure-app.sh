#!/usr/bin/env bash
# The app's weight on the demo (issue 15 goal 4), printed beside the goals: the app is started
# on a virtual display (Xvfb) with the demo province; the first full screen is when the
# screen last changes in the first seconds (screenshots every ~0.1 s); after 10 s the resident
# (RSS) and proportional (PSS) memory of daftar-app and its WebKit processes are summed from
# /proc/<pid>/smaps_rollup. Linux only. Not a test: figures depend on the machine.
# RSS counts the shared libraries (WebKit, JavaScriptCore, the GL driver WebKit always loads)
# once per process; PSS splits them between processes; "own" is each process's anonymous
# memory (heaps, JavaScript, canvases): the part the app's code decides. For comparison the
# same figures of WebKitGTK's MiniBrowser showing a blank page (WebKit's floor on this machine).
# (WEBKIT_FLOOR=0 leaves that out.)
#
#   scripts/measure-app.sh [app binary] [province file]
# Defaults: $DAFTAR_APP, else $CARGO_TARGET_DIR (or target)/debug/daftar-app; demo/lorestan.daftar.
# The booklet's preview is measured by the ignored e2e test `booklet_preview_memory`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app=${1:-${DAFTAR_APP:-${CARGO_TARGET_DIR:-$root/target}/debug/daftar-app}}
file=${2:-$root/demo/lorestan.daftar}
idle_seconds=${IDLE_SECONDS:-10}
[ -x "$app" ] || { echo "no app at $app (cd ui && npm run build; cargo build -p daftar-app)" >&2; exit 1; }
[ -f "$file" ] || { echo "no province file at $file (daftar demo)" >&2; exit 1; }

work=$(mktemp -d)
display=:$((100 + RANDOM % 800))
Xvfb "$display" -screen 0 1366x860x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
sleep 1

# Every process under $1 (the app's WebKit processes are its children).
descendants() {
  local kids
  kids=$(ps -o pid= --ppid "$1" 2>/dev/null || true)
  for k in $kids; do echo "$k"; descendants "$k"; done
}

kb() { awk -v f="$2" '$1 == f":" { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

# Prints each process under $1 and the sums; $2 names the line of sums, $3 says its goal.
memory() {
  local total_rss=0 total_pss=0 total_own=0 pid rss pss own
  for pid in $1 $(descendants "$1"); do
    [ -r "/proc/$pid/smaps_rollup" ] || continue
    rss=$(kb "$pid" Rss)
    pss=$(kb "$pid" Pss)
    own=$(kb "$pid" Anonymous)
    total_rss=$((total_rss + rss))
    total_pss=$((total_pss + pss))
    total_own=$((total_own + own))
    printf '  %-22s RSS %4d MB  PSS %4d MB  own %4d MB\n' "$(cat "/proc/$pid/comm")" $((rss / 1024)) $((pss / 1024)) $((own / 1024))
  done
  printf '%s: RSS %d MB%s, PSS %d MB, own %d MB\n' "$2" $((total_rss / 1024)) "$3" $((total_pss / 1024)) $((total_own / 1024))
}

shot() { import -display "$display" -window root -depth 8 rgb:- 2>/dev/null | md5sum | cut -c1-12; }

blank=$(shot)
start=$(date +%s.%N)
DISPLAY=$display XDG_CONFIG_HOME=$work WEBKIT_DISABLE_DMABUF_RENDERER=1 "$app" --file "$file" >"$work/log" 2>&1 &
app_pid=$!

# The first full screen: the last change before the screen stays still for a second (a
# blinking caret aside, the agency table is then drawn). Looked for in the first 6 s.
last=$blank
changed=
settled=
while [ "$(echo "$(date +%s.%N) - $start < 6" | bc)" = 1 ]; do
  now=$(shot)
  at=$(date +%s.%N)
  if [ "$now" != "$last" ]; then
    last=$now
    changed=$at
  elif [ -n "$changed" ] && [ "$now" != "$blank" ] && [ "$(echo "$at - $changed > 1" | bc)" = 1 ]; then
    settled=$(echo "$changed - $start" | bc)
    break
  fi
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)

sleep "$(echo "if ($idle_seconds > $elapsed) $idle_seconds - $elapsed else 0" | bc)"
echo "after ${idle_seconds} s on $(basename "$file"):"
memory "$app_pid" "idle, all processes" " (goal <= 250 MB)"
printf 'first full screen: %s s after launch (goal < 1 s)\n' "${settled:-unseen}"

# WebKit's floor: its own browser on a blank page, same display and settle time.
minibrowser=$(ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser 2>/dev/null | head -1 || true)
if [ -n "$minibrowser" ] && [ "${WEBKIT_FLOOR:-1}" = 1 ]; then
  kill "$app_pid" 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$app_pid" 2>/dev/null || true
  echo '<!doctype html><title>blank</title>' >"$work/blank.html"
  DISPLAY=$display XDG_CONFIG_HOME=$work XDG_CACHE_HOME=$work XDG_DATA_HOME=$work WEBKIT_DISABLE_DMABUF_RENDERER=1 \
    "$minibrowser" "file://$work/blank.html" >/dev/null 2>&1 &
  app_pid=$!
  sleep "$idle_seconds"
  echo "for comparison, WebKitGTK's MiniBrowser on a blank page after ${idle_seconds} s:"
  memory "$app_pid" "MiniBrowser, all processes" ""
fi
