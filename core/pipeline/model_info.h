#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/generation.h"

namespace kinora {

/// @brief Generation settings a model ships with (what a request leaves unset gets).
struct ModelDefaults {
    int width = 64;
    int height = 64;
    int frames = 17;
    int fps = 8;
    int steps = 12;
    double guidance = 4.0;
    /// Smoothing of the guidance term along time (guidedVelocity), 0..0.5; 0: none.
    double guidanceSmoothing = 0.0;
    /// Reference guidance (guidedVelocity's ReferenceGuidance) for clips given character
    /// references, 0..20; 0: none.
    double referenceGuidance = 0.0;
    /// Models of two experts (ModelInfo::expertBoundary): the guidance while the low-noise
    /// expert works (`guidance` is the high-noise expert's); < 0: `guidance` throughout.
    double guidanceLowNoise = -1.0;
    double shift = 0.0;  ///< 0: derived from the token count (see timeShiftForTokens)
    /// The sampler the model ships with: "euler" (ours), "unipc" (Wan's), "dpm++".
    std::string solver = "euler";
    /// The negative prompt a request without one gets (empty: none).
    std::string negativePrompt;
};

/// @brief A LoRA file merged into a model's denoiser, and how strongly (1: as trained).
struct LoraChoice {
    LoraChoice() = default;
    LoraChoice(std::string file, double s = 1.0, std::string e = {})
        : path(std::move(file)), strength(s), expert(std::move(e)) {}
    std::string path;
    double strength = 1.0;
    /// Models of two experts (Wan 2.2 A14B): "high" or "low" puts it on that expert only;
    /// empty: on every denoiser.
    std::string expert;
};
/// @brief "FILE", "FILE:STRENGTH", and either with "@high" or "@low" after it (kinora-cli
/// --lora); throws Error on a bad strength or expert.
LoraChoice parseLoraChoice(const std::string& spec);

/// @brief A canvas a model is made for, offered by name in the studio ("480p landscape").
struct CanvasPreset {
    std::string name;
    int width = 0;
    int height = 0;
};

/// @brief What a loaded model is and can do, free of torch types: everything the
/// pipeline's callers (the studio, the CLI, project rendering) may ask of a model. A model
/// family fills it in when it loads (models/video_model.h).
struct ModelInfo {
    std::string family;   ///< the family that loaded it: "kinora", ...
    std::string name;     ///< the model's own name ("kinora-tiny")
    std::string variant;  ///< the family's name for its size or kind ("tiny", "t2v-1.3B")
    ModelDefaults defaults;
    std::vector<CanvasPreset> canvasPresets;  ///< the model's own default canvas first
    std::vector<GenerationMode> modes;        ///< the modes it supports (Auto is implied)
    int temporalFactor = 4;                   ///< frames per latent frame after the first
    int spatialFactor = 4;                    ///< pixels per latent cell along each side
    int latentChannels = 8;
    int patchHeight = 2;  ///< latent cells per token, down and across
    int patchWidth = 2;
    int maxReferences = 4;  ///< character references one clip may be given
    /// How given frames reach the model: false, as clean latent frames the sampler holds
    /// fixed (the embedded model); true, as pixels and a mask of what to generate that the
    /// denoiser conditions on (Wan VACE): the engine then puts the given pixels back after
    /// decoding, and region masks (inpaint) work.
    bool pixelConditioning = false;
    /// Models of two experts (Wan 2.2 A14B): the noise level (0..1) at and above which the
    /// high-noise expert works, the low-noise one below (VideoModel::expertAt); 0: one model.
    double expertBoundary = 0.0;
    int maxSide = 4096;         ///< pixels per side at most
    int maxFrames = 1025;       ///< frames in one window at most
    int64_t maxTokens = 65536;  ///< tokens in one window at most
    int64_t parameters = 0;
    /// LoRA files merged into the denoiser now (VideoModel::setLoras); defaults follow a
    /// step-distillation LoRA (few steps, no guidance).
    std::vector<LoraChoice> loras;

    /// Latent frames of a clip of `frames` frames (1 + temporalFactor k -> 1 + k).
    int latentFrames(int frames) const { return 1 + (frames - 1) / temporalFactor; }
    int latentHeight(int height) const { return height / spatialFactor; }
    int latentWidth(int width) const { return width / spatialFactor; }
    /// Denoiser tokens of a clip (one latent frame per token in time).
    int64_t tokenCount(int frames, int height, int width) const;
    bool supports(GenerationMode mode) const;
    /// @brief Throws Error (invalid request) naming what is wrong when this model cannot
    /// make a clip of this canvas and frame count.
    void validateCanvas(int width, int height, int frames) const;
};

}  // namespace kinora
