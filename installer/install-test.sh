#!/usr/bin/env bash
# Builds the .deb (CPack), installs it on this machine with apt (as root, or through
# sudo), and runs the installed program from its installed files: `kinora-cli --version`,
# `kinora --version`, and one generation on the embedded model the package ships.
#   bash installer/install-test.sh [BUILD_DIR]     (default: build/release, configured if absent)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/release}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

cd "$root"
if [ ! -f "$build/CMakeCache.txt" ]; then
  bash installer/setup-deps.sh
  cmake --preset release
fi
build="$(cd "$build" && pwd)"
cmake --build "$build"
(cd "$build" && rm -f kinora-studio_*.deb && cpack -G DEB >/dev/null)
deb="$(ls "$build"/kinora-studio_*.deb)"
echo "install-test: built $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb --field "$deb" Package Version Depends
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "$deb" >/dev/null
echo "install-test: installed"

# Everything below runs from the installed files only, away from the source tree.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for f in /usr/bin/kinora /usr/bin/kinora-cli /usr/share/applications/studio.kinora.Kinora.desktop \
         /usr/share/metainfo/studio.kinora.Kinora.metainfo.xml \
         /usr/share/kinora/models/kinora-tiny/model.safetensors; do
  dpkg -S "$f" >/dev/null || { echo "install-test: $f is not installed by the package" >&2; exit 1; }
done
# The installed programs must not know where they were built: no path of the checkout or
# the build folder (an installed binary once looked for its model in the checkout).
for bin in /usr/bin/kinora /usr/bin/kinora-cli; do
  for path in "$root" "$build"; do
    if grep -qaF "$path" "$bin"; then
      echo "install-test: $bin contains the build machine's path $path" >&2
      exit 1
    fi
  done
done
/usr/bin/kinora-cli --version
QT_QPA_PLATFORM=offscreen /usr/bin/kinora --version
/usr/bin/kinora-cli info /usr/share/kinora/models/kinora-tiny > "$work/info.txt"
head -3 "$work/info.txt"
env -u KINORA_MODEL_DIR /usr/bin/kinora-cli generate --prompt "a big red ball bounces on the grass" \
  --seed 1 --out "$work/clip.mp4" --quiet --json > "$work/result.json"
grep -q '"frames": *17' "$work/result.json" || { cat "$work/result.json"; exit 1; }
grep -q '"model_dir": *"/usr/share/kinora/models/kinora-tiny"' "$work/result.json" ||
  { echo "install-test: the generation did not use the packaged model" >&2; exit 1; }
test -s "$work/clip.mp4"
# The few-step sibling, by its name: packaged beside it, 4 steps without guidance.
if [ -f "$root/resources/models/kinora-tiny-fast/model.safetensors" ]; then
  dpkg -S /usr/share/kinora/models/kinora-tiny-fast/model.safetensors >/dev/null ||
    { echo "install-test: kinora-tiny-fast is not installed by the package" >&2; exit 1; }
  env -u KINORA_MODEL_DIR /usr/bin/kinora-cli generate --model kinora-tiny-fast \
    --prompt "a big red ball bounces on the grass" --seed 1 --out "$work/fast.mp4" --quiet --json \
    > "$work/fast.json"
  grep -q '"model_dir": *"/usr/share/kinora/models/kinora-tiny-fast"' "$work/fast.json" ||
    { cat "$work/fast.json"; exit 1; }
  grep -q '"steps": *4' "$work/fast.json" || { cat "$work/fast.json"; exit 1; }
  test -s "$work/fast.mp4"
fi
# A Wan model (random weights, single files) through the installed program: its tokenizer
# module is found where the package put it.
/usr/bin/kinora-cli init-model --family wan2.1 --size tiny --out "$work/wan" --seed 1 2> "$work/wan.log"
/usr/bin/kinora-cli generate --model "$work/wan" --prompt "a red fox runs across a snowy field" \
  --seed 1 --steps 2 --out "$work/wan.mp4" --quiet --json > "$work/wan.json"
grep -q '"solver": *"unipc"' "$work/wan.json" || { cat "$work/wan.json"; exit 1; }
test -s "$work/wan.mp4"
# The Videos API server from the installed files: it starts, lists the packaged models and
# makes a video its content endpoint returns.
env -u KINORA_MODEL_DIR /usr/bin/kinora-cli serve --port 0 --data "$work/server" --quiet \
  > "$work/serve.out" 2> "$work/serve.err" &
serve_pid=$!
port=""
for _ in $(seq 1 300); do
  port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/serve.out")"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "install-test: serve did not start: $(cat "$work/serve.err")" >&2; exit 1; }
curl -sf "http://127.0.0.1:$port/v1/models" | grep -q '"id":"kinora-tiny"' ||
  { echo "install-test: serve does not list kinora-tiny" >&2; exit 1; }
video="$(curl -sf -F prompt="a big red ball bounces on the grass" -F seconds=1 \
  "http://127.0.0.1:$port/v1/videos" | sed -n 's/.*"id":"\(video_[0-9a-f]*\)".*/\1/p')"
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/v1/videos/$video" | grep -q '"status":"completed"' && break
  sleep 0.1
done
curl -sf -o "$work/served.mp4" "http://127.0.0.1:$port/v1/videos/$video/content"
/usr/bin/kinora-cli verify "$work/served.mp4" > /dev/null ||
  { echo "install-test: the served video's content credentials do not verify" >&2; exit 1; }
kill "$serve_pid"
wait "$serve_pid"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/studio.kinora.Kinora.desktop
fi
echo "install-test: ok: the installed kinora-cli generated $(du -h "$work/clip.mp4" | cut -f1) of H.264 from the packaged model, and served a video"
