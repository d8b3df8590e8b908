#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/registry.h"

namespace kinora::wan {

/// @brief The files of one Wan 2.1 model, whatever layout they came in.
struct WanFiles {
    std::string layout;                 ///< "single files", "official release", "diffusers"
    std::vector<std::string> denoiser;  ///< one file, or the shards of one
    /// Wan 2.2 A14B: the low-noise expert's file (or shards); `denoiser` is then the
    /// high-noise expert. Experts are told apart by their file or folder names
    /// (`high_noise` / `low_noise`): their tensors have the same names and sizes.
    std::vector<std::string> lowNoise;
    std::string denoiserConfig;  ///< the release's config.json beside it (optional)
    std::vector<std::string> textEncoder;
    std::string vae;
    /// Wan 2.1 I2V / FLF2V-14B: the CLIP image encoder (clip_vision_h.safetensors, or the
    /// release's models_clip_open-clip-xlm-roberta-large-vit-huge-14.pth)
    std::string imageEncoder;
    std::string tokenizer;              ///< spiece.model
    std::vector<std::string> missing;   ///< what a complete model still needs, each naming the file
    std::vector<std::string> problems;  ///< parts that do not belong together
};

/// @brief Finds the parts of a Wan model among `paths` (files, or folders whose files and
/// immediate subfolders are looked through: the official release folder, the diffusers
/// folder, a folder of single files). Parts are recognised by the tensor names inside
/// (safetensors headers, PyTorch archive indexes), never by file names. Reads headers only.
WanFiles findWanFiles(const std::vector<std::string>& paths);

/// @brief What a Wan model needs, from its files' headers alone: sizes, parameters and
/// bytes of each part, and the memory a generation needs on the CPU.
struct WanSummary {
    std::string variant;   ///< "t2v-1.3B", "t2v-14B", "i2v-14B", "vace-1.3B", "t2v-A14B" ...
    bool experts = false;  ///< two denoisers (Wan 2.2 A14B): the bytes are the larger one's
    int64_t ditParameters = 0, t5Parameters = 0, vaeParameters = 0, clipParameters = 0;
    int64_t ditBytes = 0, t5Bytes = 0, vaeBytes = 0, clipBytes = 0;  ///< as stored
    std::vector<std::string> ditDtypes, t5Dtypes, vaeDtypes, clipDtypes;
    int64_t dim = 0, layers = 0, heads = 0;
    /// Bytes resident while generating on the CPU: the denoiser as stored, the VAE in
    /// float32, one text-encoder block widened (the rest stays mapped), working memory.
    int64_t memoryBytes(int64_t tokens) const;
};
WanSummary summarizeWan(const WanFiles& files);

/// @brief The Wan 2.1 family for the registry.
const ModelFamily& wanFamily();

/// @brief Writes a Wan 2.1 model with deterministic random weights in the single-file
/// layout (denoiser, VAE, text encoder under Hugging Face names, a small SentencePiece
/// tokenizer) to `folder`. size: "tiny" (a few million parameters, for tests), "1.3b" or
/// "14b" (the released sizes; the text encoder is the real umT5-XXL's unless `tinyText`).
/// dtype: "f32", "bf16", "f16". kind: "t2v", or "vace" (the denoiser with the VACE blocks
/// of the released VACE models), "a14b" or "a14b-i2v" (Wan 2.2 T2V- or I2V-A14B: a high-
/// and a low-noise expert of this size), "ti2v" (Wan 2.2 TI2V-5B, size "5b" or "tiny", on
/// the Wan 2.2 VAE), "i2v" or "flf2v" (Wan 2.1 I2V- or FLF2V-14B, size "14b" or "tiny",
/// with a CLIP image encoder in the Hugging Face layout). Returns the files written.
std::vector<std::string> writeRandomWan(const std::string& folder, const std::string& size,
                                        uint64_t seed, const std::string& dtype, bool tinyText,
                                        const std::string& kind = "t2v");

}  // namespace kinora::wan
