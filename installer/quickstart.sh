#!/usr/bin/env bash
# Kinora Studio quick start. On a fresh Debian 12 machine (as root, or with sudo):
#   bash installer/quickstart.sh run [--prompt TEXT [generate options]]   set up, build, run
#   bash installer/quickstart.sh test                                      set up, build, test
# `run` without --prompt opens the studio; with --prompt it generates a clip headless on
# the embedded model (default output: out/kinora-clip.mp4 in the repository, which git
# ignores).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-}"
[ $# -gt 0 ] && shift

case "$mode" in
  run|test) ;;
  *)
    echo "usage: bash installer/quickstart.sh run [--prompt TEXT ...] | test" >&2
    exit 2 ;;
esac

bash "$root/installer/setup-deps.sh"
cd "$root"

if [ "$mode" = test ]; then
  # Formatting is mechanical (.clang-format); a drifted file fails here, before the build.
  if git rev-parse --git-dir >/dev/null 2>&1; then
    git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror
  fi
  cmake --preset ci
  cmake --build --preset ci
  ctest --preset ci -j "$(nproc)"
  # CI (a throwaway machine) also installs the .deb and runs the installed program.
  if [ "${KINORA_INSTALL_TEST:-0}" = 1 ]; then
    bash installer/install-test.sh "$root/build/ci"
  fi
  exit 0
fi

cmake --preset release
cmake --build --preset release
bin="$root/build/release/app"

has_prompt=0
has_out=0
for a in "$@"; do
  case "$a" in
    --prompt|--prompt=*) has_prompt=1 ;;
    --out|--out=*) has_out=1 ;;
  esac
done

if [ $has_prompt -eq 1 ]; then
  extra=()
  if [ $has_out -eq 0 ]; then
    mkdir -p "$root/out"
    extra=(--out "$root/out/kinora-clip.mp4")
  fi
  exec "$bin/kinora-cli" generate "$@" "${extra[@]}"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "quickstart: no display to open the studio on; pass --prompt TEXT to generate headless" >&2
  exit 2
fi
exec "$bin/kinora" "$@"
