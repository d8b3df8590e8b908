#!/usr/bin/env bash
# Trains the 16-channel line from the shipped model (resources/models/kinora-tiny):
#   bash resources/models/kinora-wide/train.sh [VAE_MINUTES] [DIT_MINUTES] [DEVICE]
# Stages: the autoencoder widened to 16 latent channels with the characters weighted
# (train-vae16.json, 1,800 steps: 26 minutes on the 2-core CPU), then the denoiser on its
# latents (train-dit-wide.json, a 6,000-step cosine; stopped where its minutes run out and
# resumed from its checkpoint in runs/kinora-wide/ on the next run). The exported model is
# copied here. Needs a build (KINORA_CLI, default the release one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
cli="${KINORA_CLI:-build/release/app/kinora-cli}"
here=resources/models/kinora-wide
vae_min="${1:-30}"
dit_min="${2:-80}"
device="${3:-cpu}"
resume() { if [ -f "$1/checkpoint/state.json" ]; then echo "--resume $1/checkpoint"; fi; }
# shellcheck disable=SC2046
"$cli" train --config $here/train-vae16.json --out runs/kinora-wide/vae16 --minutes "$vae_min" \
  --max-steps 1800 --device "$device" $(resume runs/kinora-wide/vae16)
# shellcheck disable=SC2046
"$cli" train --config $here/train-dit-wide.json --out runs/kinora-wide/dit-wide --minutes "$dit_min" \
  --max-steps 6000 --device "$device" $(resume runs/kinora-wide/dit-wide)
cp runs/kinora-wide/dit-wide/model/model.safetensors runs/kinora-wide/dit-wide/model/model.json "$here/"
# The export keeps the name of the model it started from; this line is kinora-wide.
sed -i 's/^  "name": "kinora-tiny",$/  "name": "kinora-wide",/' "$here/model.json"
echo "16-channel model updated in $here"
