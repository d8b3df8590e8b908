#!/usr/bin/env bash
# Interop check (ctest label "interop", not in the default run): the Kdenlive and Shotcut
# projects of `kinora-cli export-timeline` open in Debian's Kdenlive and Shotcut as
# timelines, under Xvfb. Each editor runs on the export for a while; then the script
# lists its windows (a warning dialog is a window of its own), takes a screenshot and
# reads its log. Exit 0 only when both opened their project with no dialog and no error.
#
# Usage: editors.sh BUILD_DIR [OUT_DIR]   (installs kdenlive, shotcut, xvfb, x11 tools)
set -euo pipefail
build="$(cd "${1:?usage: editors.sh BUILD_DIR [OUT_DIR]}" && pwd)"
out="${2:-$build/interop}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
need=()
for tool in kdenlive shotcut xvfb-run xwininfo xwd dbus-run-session /usr/bin/convert; do
  command -v "$tool" >/dev/null || need+=("$tool")
done
if ((${#need[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends kdenlive shotcut xvfb x11-utils x11-apps \
    imagemagick dbus dbus-x11 >/dev/null
fi
rm -rf "$out" && mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A project with takes, exported, then moved: the editors must find the media relative
# to the project files.
cp "$root/resources/samples/three-friends.kinora" "$work/"
"$build/app/kinora-cli" render "$work/three-friends.kinora" --quiet >/dev/null
"$build/app/kinora-cli" export-timeline "$work/three-friends.kinora" --out "$work/edit" \
  --format kdenlive,shotcut,mlt --codec h264 --size "${KINORA_INTEROP_SIZE:-832x480}" --quiet --json > "$out/export.json"
mv "$work/edit" "$work/moved-edit"
edit="$work/moved-edit"

# run_editor NAME COMMAND... : runs the editor on a fresh display with its own home, waits,
# records windows, a screenshot and the log into $out/NAME.*
run_editor() {
  local name="$1"; shift
  local home="$work/home-$name"
  mkdir -p "$home/run" "$home/tmp"
  chmod 700 "$home/run"
  # A temporary folder of its own: Kdenlive keeps a lock file there while it runs, and
  # one left by an earlier (killed) run makes it ask about a crash.
  TMPDIR="$home/tmp" HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
  XDG_RUNTIME_DIR="$home/run" QT_LOGGING_RULES="*.debug=true" \
    xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- bash -c '
      "$@" > "'"$out/$name.log"'" 2>&1 &
      pid=$!
      sleep 40
      xwininfo -root -tree > "'"$out/$name.windows"'" 2>&1 || true
      xwd -root -silent | /usr/bin/convert xwd:- "'"$out/$name.png"'" || true
      kill $pid 2>/dev/null; sleep 2; kill -9 $pid 2>/dev/null || true' _ "$@"
}
run_editor kdenlive kdenlive "$edit/Three_friends.kdenlive"
run_editor shotcut shotcut "$edit/Three_friends.shotcut.mlt"

# The verdicts. A dialog (a warning, "errors were detected", a relink request) is a named
# top-level window beside the main one.
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
dialogs() {  # named top-level windows other than the main one and the toolkit's own
  grep -E '^     0x[0-9a-f]+ "' "$out/$1.windows" | grep -v -E "\"$2\"|\"$3\"|Qt Selection Owner" || true
}
starts="$(python3 -c 'import json,sys; print(" ".join(str(c["start"]) for c in json.load(open(sys.argv[1]))["cuts"]))' "$out/export.json")"

grep -q '"Three_friends / .* Kdenlive"' "$out/kdenlive.windows" ||
  fail "Kdenlive did not open the project (windows: $(grep '"' "$out/kdenlive.windows" | tr '\n' ' '))"
[[ -z "$(dialogs kdenlive 'Three_friends / [^"]*Kdenlive' kdenlive)" ]] ||
  fail "Kdenlive showed a dialog: $(dialogs kdenlive 'Three_friends / [^"]*Kdenlive' kdenlive)"
! grep -q -i "without bin reference\|cannot be read\|errors were detected" "$out/kdenlive.log" ||
  fail "Kdenlive reported problems in the project file"
for start in $starts; do
  grep -q "qml: loaded clip:  $start , ID:" "$out/kdenlive.log" ||
    fail "Kdenlive's timeline has no clip at frame $start"
done

grep -q '"Three_friends.shotcut.mlt - Shotcut"' "$out/shotcut.windows" ||
  fail "Shotcut did not open the project"
[[ -z "$(dialogs shotcut 'Three_friends.shotcut.mlt - Shotcut' Shotcut)" ]] ||
  fail "Shotcut showed a dialog: $(dialogs shotcut 'Three_friends.shotcut.mlt - Shotcut' Shotcut)"
grep -q "isMultitrack true" "$out/shotcut.log" ||
  fail "Shotcut opened the file as a clip, not as a project with a timeline"

echo "screenshots and logs: $out"
if ((failures)); then exit 1; fi
echo "ok: Kdenlive and Shotcut opened their projects as timelines"
