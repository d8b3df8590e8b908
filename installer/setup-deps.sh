#!/usr/bin/env bash
# Installs every Debian 12 package Kinora Studio needs to build, run and test.
# Idempotent: packages already present are skipped. Runs as root (or through sudo).
#   KINORA_SETUP_PROFILE=core  installs only what the headless core + CLI need.
set -euo pipefail

profile="${KINORA_SETUP_PROFILE:-full}"

core_pkgs=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates clang-format
  libtorch-dev libopenblas0-pthread libopenblas0-openmp
  nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev libgloo-dev
  libssl-dev libcbor-dev libsentencepiece-dev libcpp-httplib-dev curl
)
full_pkgs=(
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n libqt6svg6 libgl-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev libopencv-videoio-dev libpng-dev
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev ffmpeg melt
  xvfb xauth
)

pkgs=("${core_pkgs[@]}")
[ "$profile" = core ] || pkgs+=("${full_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#pkgs[@]} packages present"
else
  echo "setup: installing ${#missing[@]} packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "setup: done"
fi

# LibTorch's BLAS is the system libblas.so.3. OpenBLAS on OpenMP shares torch's thread
# pool, so every op runs on every core (a denoising step 59 ms instead of 72 ms with the
# pthread build, a training step 0.72 s instead of 1.05 s, measured on 2 cores); the
# pthread build, preferred by default, keeps its own threads. See core/util/threads.h.
arch="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)"
for lib in libblas.so.3 liblapack.so.3 libopenblas.so.0; do
  want="/usr/lib/$arch/openblas-openmp/$lib"
  [ -e "$want" ] || continue
  if [ "$(readlink -f "/usr/lib/$arch/$lib")" != "$(readlink -f "$want")" ]; then
    $SUDO update-alternatives --quiet --set "$lib-$arch" "$want"
    echo "setup: $lib -> OpenBLAS (OpenMP)"
  fi
done

# Two tests run Node packages from npm, pinned by their package-lock.json: the C2PA
# cross-check reads our files with the C2PA SDK (c2pa-rs in WebAssembly,
# @contentauth/c2pa-wasm), and the Videos API test drives `kinora-cli serve` with OpenAI's
# official SDK (openai). Node comes from Debian when the machine has none.
if [ "$profile" != core ]; then
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "setup: installing nodejs and npm"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null || true
  fi
  tests="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests"
  npm_ci() {  # folder, file that shows it is installed, what it is for
    if [ -d "$1" ] && [ ! -f "$1/node_modules/$2" ]; then
      if (cd "$1" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
        echo "setup: npm packages installed for $3"
      else
        echo "setup: WARNING: npm could not install the packages for $3; that test will be skipped"
      fi
    fi
  }
  npm_ci "$tests/c2pa-crosscheck" "@contentauth/c2pa-wasm/pkg/c2pa_bg.wasm" "the C2PA cross-check"
  npm_ci "$tests/videos-api" "openai/package.json" "the Videos API test (OpenAI's SDK)"
fi
