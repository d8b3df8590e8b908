#!/usr/bin/env bash
# Trains the embedded model from scratch with the project's own trainer:
#   bash resources/models/kinora-tiny/recipe/train.sh [VAE_MINUTES] [DIT_MINUTES] [DEVICE] [DECODER_MINUTES] [DIT2_MINUTES] [DIT3_MINUTES] [DECODER2_MINUTES] [DIT4_MINUTES] [DECODER3_MINUTES] [GPU_DEVICE] [DIRECTION_MINUTES] [DIRECTION2_MINUTES] [TEXT_DECODER_MINUTES] [DISTILL_MINUTES]
# Stages: the autoencoder, the denoiser on its latents, the decoder alone (encoder and
# denoiser fixed, so the latents the denoiser learned stay valid), then the denoiser again,
# from that model, with joint image-video batches (train-dit-more.json), again with replayed
# latent batches (train-dit-more2.json), the decoder once more (train-decoder2.json), and
# the denoiser a fourth time with bfloat16 matrix products and batches of 8
# (train-dit-more3.json, to the end of its 6,000-step cosine), and the decoder a third time
# with the characters' pixels weighted (train-decoder3.json), and last the denoiser on a GPU
# with batches of 64 rendered by 10 threads (train-dit-gpu.json, 2,435 steps; GPU_DEVICE,
# default cuda: about 5 minutes on an H200, many hours on a CPU), and then twice more with
# absolute token positions and a share of noise levels drawn near t = 1, where only the
# caption tells a direction (train-dit-direction.json, 3,454 steps, and
# train-dit-direction2.json, 4,437 steps; DEVICE: 70 and 88 minutes on the 2-core CPU),
# and the decoder once more, now reading the caption (train-decoder-text.json, 2,000 steps;
# 65 minutes on the 2-core CPU). Last, its few-step sibling kinora-tiny-fast is distilled
# from the model that stage made (train-distill.json: 4 steps without guidance for the
# teacher's 12 guided ones; DISTILL_MINUTES, about 72 minutes on the 2-core CPU) into
# resources/models/kinora-tiny-fast.
# Works in runs/kinora-tiny/ (each stage resumes from its checkpoint when present), then
# copies the exported model here. Needs a build (KINORA_CLI, default the release one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
cd "$root"
cli="${KINORA_CLI:-build/release/app/kinora-cli}"
here=resources/models/kinora-tiny
recipe=$here/recipe
vae_min="${1:-20}"
dit_min="${2:-60}"
device="${3:-cpu}"
dec_min="${4:-15}"
dit2_min="${5:-80}"
dit3_min="${6:-100}"
dec2_min="${7:-17}"
dit4_min="${8:-165}"
dec3_min="${9:-14}"
gpu_device="${10:-cuda}"
dir_min="${11:-100}"
dir2_min="${12:-120}"
textdec_min="${13:-80}"
distill_min="${14:-90}"
resume() { if [ -f "$1/checkpoint/state.json" ]; then echo "--resume $1/checkpoint"; fi; }
if [ ! -f runs/kinora-tiny/vae/model/model.safetensors ] || [ "${KINORA_TRAIN_VAE:-0}" = 1 ]; then
  # shellcheck disable=SC2046
  "$cli" train --config $recipe/train-vae.json --out runs/kinora-tiny/vae --minutes "$vae_min" --device "$device" \
    $(resume runs/kinora-tiny/vae)
fi
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-dit.json --out runs/kinora-tiny/dit --minutes "$dit_min" --device "$device" \
  $(resume runs/kinora-tiny/dit)
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-decoder.json --out runs/kinora-tiny/decoder --minutes "$dec_min" \
  --device "$device" $(resume runs/kinora-tiny/decoder)
if [ ! -f runs/kinora-tiny/dit-more/checkpoint/state.json ]; then
  cp runs/kinora-tiny/decoder/model/model.safetensors runs/kinora-tiny/decoder/model/model.json "$here/"
fi
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-dit-more.json --out runs/kinora-tiny/dit-more --minutes "$dit2_min" \
  --device "$device" $(resume runs/kinora-tiny/dit-more)
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-dit-more2.json --out runs/kinora-tiny/dit-more2 --minutes "$dit3_min" \
  --device "$device" $(resume runs/kinora-tiny/dit-more2)
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-decoder2.json --out runs/kinora-tiny/decoder2 --minutes "$dec2_min" \
  --device "$device" $(resume runs/kinora-tiny/decoder2)
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-dit-more3.json --out runs/kinora-tiny/dit-more3 --minutes "$dit4_min" \
  --max-steps 6000 --device "$device" $(resume runs/kinora-tiny/dit-more3)
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-decoder3.json --out runs/kinora-tiny/decoder3 --minutes "$dec3_min" \
  --max-steps 1500 --device "$device" $(resume runs/kinora-tiny/decoder3)
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-dit-gpu.json --out runs/kinora-tiny/dit-gpu --minutes 600 \
  --max-steps 2435 --device "$gpu_device" $(resume runs/kinora-tiny/dit-gpu)
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-dit-direction.json --out runs/kinora-tiny/dit-direction \
  --minutes "$dir_min" --max-steps 3454 --device "$device" $(resume runs/kinora-tiny/dit-direction)
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-dit-direction2.json --out runs/kinora-tiny/dit-direction2 \
  --minutes "$dir2_min" --max-steps 4437 --device "$device" $(resume runs/kinora-tiny/dit-direction2)
cp runs/kinora-tiny/dit-direction2/model/model.safetensors runs/kinora-tiny/dit-direction2/model/model.json "$here/"
# The decoder that reads the caption starts from the model just copied.
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-decoder-text.json --out runs/kinora-tiny/decoder-text \
  --minutes "$textdec_min" --max-steps 2000 --device "$device" $(resume runs/kinora-tiny/decoder-text)
cp runs/kinora-tiny/decoder-text/model/model.safetensors runs/kinora-tiny/decoder-text/model/model.json "$here/"
# shellcheck disable=SC2046
"$cli" train --config $recipe/train-distill.json --out runs/kinora-tiny/distill \
  --minutes "$distill_min" --max-steps 1016 --device "$device" $(resume runs/kinora-tiny/distill)
mkdir -p resources/models/kinora-tiny-fast
cp runs/kinora-tiny/distill/model/model.safetensors runs/kinora-tiny/distill/model/model.json \
  resources/models/kinora-tiny-fast/
echo "embedded models updated in $here and resources/models/kinora-tiny-fast"
