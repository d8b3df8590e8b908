#!/usr/bin/env bash
# Screenshots of the studio under Xvfb at small and large screens, in English and German,
# idle and while generating (issue 38). Usage: run.sh BUILD_DIR OUT_DIR
set -euo pipefail
build="${1:-build/ci}"
out="${2:-/tmp/studio-screens}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/resources/samples/three-friends.kinora" "$work/"
for size in 1280x720 1600x1000; do
  for lang in en_US de_DE; do
    for mode in idle generating; do
      extra=()
      [[ $mode == generating ]] && extra=(--screenshot-generating)
      LANG="$lang.UTF-8" LC_ALL="$lang.UTF-8" XDG_CONFIG_HOME="$work/config" \
        xvfb-run -a -s "-screen 0 ${size}x24" \
        "$build/app/kinora" --screenshot "$out/studio-$size-$lang-$mode.png" "${extra[@]}" \
        "$work/three-friends.kinora"
    done
  done
done
ls -l "$out"
