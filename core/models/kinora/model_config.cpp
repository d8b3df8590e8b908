#include "models/kinora/model_config.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace kinora {

namespace {
bool isPowerOfTwo(int v) {
    return v > 0 && (v & (v - 1)) == 0;
}
}  // namespace

int ModelConfig::latentFrames(int frames) const {
    return 1 + (frames - 1) / vae.temporalFactor;
}

int64_t ModelConfig::tokenCount(int frames, int height, int width) const {
    return static_cast<int64_t>(latentFrames(frames) / dit.patchT) *
           (latentHeight(height) / dit.patchH) * (latentWidth(width) / dit.patchW);
}

void ModelConfig::validate() const {
    auto need = [](bool ok, const std::string& what) {
        if (!ok) throw Error("model architecture: " + what);
    };
    need(vae.latentChannels >= 1 && vae.latentChannels <= 64, "vae.latent_channels must be 1..64");
    need(isPowerOfTwo(vae.spatialFactor) && vae.spatialFactor <= 16,
         "vae.spatial_factor must be 1, 2, 4, 8 or 16");
    need(vae.temporalFactor == 1 || vae.temporalFactor == 2 || vae.temporalFactor == 4,
         "vae.temporal_factor must be 1, 2 or 4");
    const int spatialLevels = static_cast<int>(std::lround(std::log2(vae.spatialFactor)));
    need(static_cast<int>(vae.channels.size()) == spatialLevels + 1,
         "vae.channels needs one entry per level (log2(spatial_factor) + 1)");
    need(vae.temporalFactor <= vae.spatialFactor, "vae.temporal_factor must not exceed spatial");
    for (int c : vae.channels) need(c >= 4 && c <= 4096, "vae.channels entries must be 4..4096");
    need(vae.resBlocksPerLevel >= 0 && vae.resBlocksPerLevel <= 8,
         "vae.res_blocks_per_level must be 0..8");
    need(vae.textBlocks >= 0 && vae.textBlocks <= 4, "vae.text_blocks must be 0..4");
    // Each text block precedes one of the decoder's residual blocks at latent resolution.
    need(vae.textBlocks <= 1 + vae.resBlocksPerLevel,
         "vae.text_blocks must not exceed 1 + res_blocks_per_level");
    need(text.vocabSize > 0, "text.vocab_size must be positive");
    need(text.dim > 0 && text.heads > 0 && text.dim % text.heads == 0,
         "text.dim must be a positive multiple of text.heads");
    need(text.depth >= 0 && text.depth <= 48, "text.depth must be 0..48");
    need(text.maxTokens >= 4 && text.maxTokens <= 1024, "text.max_tokens must be 4..1024");
    need(dit.dim > 0 && dit.heads > 0 && dit.dim % dit.heads == 0,
         "dit.dim must be a positive multiple of dit.heads");
    const int headDim = dit.dim / dit.heads;
    need(headDim % 2 == 0 && headDim >= 12,
         "dit head dim (dim / heads) must be even and at least 12");
    need(dit.depth >= 1 && dit.depth <= 96, "dit.depth must be 1..96");
    need(dit.mlpRatio >= 1 && dit.mlpRatio <= 8, "dit.mlp_ratio must be 1..8");
    need(dit.patchT == 1, "dit.patch_t must be 1 (per-frame conditioning needs whole frames)");
    need(dit.patchH >= 1 && dit.patchW >= 1 && dit.patchH <= 4 && dit.patchW <= 4,
         "dit.patch_h and dit.patch_w must be 1..4");
    need(dit.freqDim >= 16 && dit.freqDim % 2 == 0, "dit.freq_dim must be even and >= 16");
    need(defaults.steps >= 1 && defaults.steps <= 1000, "defaults.steps must be 1..1000");
    need(defaults.fps >= 1 && defaults.fps <= 240, "defaults.fps must be 1..240");
    need(defaults.guidanceSmoothing >= 0.0 && defaults.guidanceSmoothing <= 0.5,
         "defaults.guidance_smoothing must be 0..0.5");
    need(defaults.referenceGuidance >= 0.0 && defaults.referenceGuidance <= 20.0,
         "defaults.reference_guidance must be 0..20");
}

void ModelConfig::validateCanvas(int width, int height, int frames) const {
    describeModel(*this).validateCanvas(width, height, frames);
}

ModelInfo describeModel(const ModelConfig& config) {
    ModelInfo info;
    info.family = "kinora";
    info.name = config.name;
    info.variant = config.name;
    info.defaults = config.defaults;
    info.canvasPresets = {{"default", config.defaults.width, config.defaults.height}};
    info.modes = {GenerationMode::TextToVideo,   GenerationMode::ImageToVideo,
                  GenerationMode::ExtendForward, GenerationMode::ExtendBackward,
                  GenerationMode::Connect,       GenerationMode::Loop};
    info.temporalFactor = config.vae.temporalFactor;
    info.spatialFactor = config.vae.spatialFactor;
    info.latentChannels = config.vae.latentChannels;
    info.patchHeight = config.dit.patchH;
    info.patchWidth = config.dit.patchW;
    return info;
}

ModelConfig modelConfigForSize(const std::string& size) {
    ModelConfig c;
    c.name = "kinora-" + size;
    if (size == "test") {
        c.vae.latentChannels = 4;
        c.vae.channels = {8, 16, 16};
        c.text.dim = 32;
        c.text.depth = 1;
        c.text.heads = 2;
        c.dit.dim = 48;
        c.dit.depth = 2;
        c.dit.heads = 2;
        c.dit.freqDim = 32;
        c.defaults.steps = 4;
    } else if (size == "tiny") {
        // defaults above
    } else if (size == "small") {
        c.vae.latentChannels = 12;
        c.vae.channels = {48, 96, 192};
        c.text.dim = 384;
        c.text.depth = 4;
        c.text.heads = 6;
        c.dit.dim = 384;
        c.dit.depth = 12;
        c.dit.heads = 3;
        c.defaults.steps = 20;
    } else if (size == "base") {
        c.vae.latentChannels = 16;
        c.vae.channels = {64, 128, 256};
        c.vae.resBlocksPerLevel = 2;
        c.text.dim = 512;
        c.text.depth = 6;
        c.text.heads = 8;
        c.dit.dim = 768;
        c.dit.depth = 16;
        c.dit.heads = 6;
        c.defaults.steps = 30;
    } else {
        throw Error("unknown model size '" + size + "' (test, tiny, small, base)");
    }
    return c;
}

double denoiserFlops(const ModelConfig& config, int64_t tokens, int64_t textTokens, int batch) {
    const double d = config.dit.dim;
    const double n = static_cast<double>(tokens);
    const double l = static_cast<double>(textTokens);
    const double patchIn = static_cast<double>(config.vae.latentChannels) * config.dit.patchT *
                           config.dit.patchH * config.dit.patchW;
    double perBlock = 0.0;
    perBlock += 2.0 * n * d * 3.0 * d;                      // qkv
    perBlock += 2.0 * 2.0 * n * n * d;                      // scores + weighted sum
    perBlock += 2.0 * n * d * d;                            // self-attn out
    perBlock += 2.0 * n * d * d * 2.0;                      // cross q + out
    perBlock += 2.0 * 2.0 * n * l * d;                      // cross scores + sum
    perBlock += 2.0 * n * d * d * config.dit.mlpRatio * 2;  // MLP
    const double io = 2.0 * n * patchIn * d * 2.0;          // patch embed + head
    return batch * (perBlock * config.dit.depth + io);
}

}  // namespace kinora
