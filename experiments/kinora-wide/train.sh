#!/usr/bin/env bash
# Trains the 16-channel line from the shipped model (resources/models/kinora-tiny):
#   bash experiments/kinora-wide/train.sh [VAE_MINUTES] [DIT_MINUTES] [DEVICE] [CONT_MINUTES]
# Stages, as the committed weights were made: the autoencoder widened to 16 latent channels
# with the characters weighted (train-vae16.json, 1,800 steps: 26 minutes on the 2-core
# CPU), the denoiser on its latents (train-dit-wide.json, 2,820 steps of its 6,000-step
# cosine: 80 minutes), its export copied here, then the denoiser continued from this folder
# (train-dit-wide-cont.json, 3,600 steps: 77 minutes) and copied here again. Each stage
# resumes from its checkpoint in runs/kinora-wide/ when present, so a run cut short by its
# minutes goes on where it stopped. Needs a build (KINORA_CLI, default the release one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cli="${KINORA_CLI:-build/release/app/kinora-cli}"
here=experiments/kinora-wide
vae_min="${1:-30}"
dit_min="${2:-80}"
device="${3:-cpu}"
cont_min="${4:-80}"
resume() { if [ -f "$1/checkpoint/state.json" ]; then echo "--resume $1/checkpoint"; fi; }
steps_done() { sed -n 's/^  "step": \([0-9]*\),\{0,1\}$/\1/p' "$1/checkpoint/state.json" 2>/dev/null || true; }
# shellcheck disable=SC2046
"$cli" train --config $here/train-vae16.json --out runs/kinora-wide/vae16 --minutes "$vae_min" \
  --max-steps 1800 --device "$device" $(resume runs/kinora-wide/vae16)
# shellcheck disable=SC2046
"$cli" train --config $here/train-dit-wide.json --out runs/kinora-wide/dit-wide --minutes "$dit_min" \
  --max-steps 2820 --device "$device" $(resume runs/kinora-wide/dit-wide)
cp runs/kinora-wide/dit-wide/model/model.safetensors runs/kinora-wide/dit-wide/model/model.json "$here/"
# The export keeps the name of the model it started from; this line is kinora-wide.
sed -i 's/^  "name": "kinora-tiny",$/  "name": "kinora-wide",/' "$here/model.json"
# The continuation starts from this folder, so only from the first denoiser stage's end.
if [ "$(steps_done runs/kinora-wide/dit-wide)" != 2820 ]; then
  echo "denoiser stage stopped before step 2820: run this again to go on"
  exit 0
fi
# shellcheck disable=SC2046
"$cli" train --config $here/train-dit-wide-cont.json --out runs/kinora-wide/dit-cont --minutes "$cont_min" \
  --max-steps 3600 --device "$device" $(resume runs/kinora-wide/dit-cont)
cp runs/kinora-wide/dit-cont/model/model.safetensors runs/kinora-wide/dit-cont/model/model.json "$here/"
echo "16-channel model updated in $here"
