#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "models/wan/wan_weights.h"

namespace kinora::wan {

/// @brief Sizes of a Wan diffusion transformer. Everything but the head count and the text
/// length follows from the weights' shapes (`fromWeights`); those two come from the
/// release's config.json when there is one (the released models use 128-wide heads and
/// 512 text tokens, the defaults).
struct DiTConfig {
    /// t2v, i2v, flf2v (image embedding), vace, or ti2v (Wan 2.2 TI2V-5B: 48 channels)
    std::string modelType = "t2v";
    int64_t patchT = 1, patchH = 2, patchW = 2;
    int64_t inDim = 16, outDim = 16;
    int64_t dim = 1536, ffnDim = 8960, freqDim = 256, textDim = 4096;
    int64_t numHeads = 12, numLayers = 30;
    int64_t textLen = 512;
    double eps = 1e-6;
    bool qkNorm = true, crossAttnNorm = true;
    std::vector<int64_t> vaceLayers;  ///< main blocks that take a VACE hint, in hint order
    int64_t vaceInDim = 0;
    int64_t clipDim = 0;     ///< i2v / flf2v: width of the image features (CLIP ViT-H: 1280)
    int64_t clipTokens = 0;  ///< flf2v: tokens per image of its position table (257)
    int64_t headDim() const { return dim / numHeads; }
    /// @brief Reads the sizes off the weights. `numHeads` <= 0: dim / 128; `textLen` <= 0:
    /// 512; `vaceLayers` empty: spread evenly (every (layers / VACE blocks)-th block).
    static DiTConfig fromWeights(const WanWeights& w, int64_t numHeads = 0, int64_t textLen = 0,
                                 std::vector<int64_t> vaceLayers = {});
    /// @brief Parameters of the denoiser with these sizes.
    int64_t parameters() const;
};

/// @brief Inputs of one denoiser call, as the official WanModel takes them: per-sample
/// latents [C, F, H, W] (samples may differ in size), integer timesteps [B], per-sample
/// text states [L_i, textDim] (L_i <= textLen), the token count every sample is padded to.
struct DiTInputs {
    std::vector<torch::Tensor> x;
    /// The scheduler's timesteps (0..1000), int64 or float: one per sample [B], or (Wan 2.2)
    /// one per token [B, seqLen], padding tokens included
    torch::Tensor t;
    std::vector<torch::Tensor> context;
    int64_t seqLen = 0;     ///< 0: the largest sample's token count
    torch::Tensor clipFea;  ///< i2v / flf2v: [B or 1, 257 (x2 for flf2v), clipDim]
    /// i2v (and Wan 2.2 I2V-A14B): per-sample conditioning [inDim - 16, F, H, W],
    /// concatenated to x's channels
    std::vector<torch::Tensor> y;
    std::vector<torch::Tensor> vaceContext;  ///< vace: per-sample [vaceInDim, F, H, W]
    double vaceScale = 1.0;
};

/// @brief The Wan 2.1 diffusion transformer (WanModel, VaceWanModel): 3D patch embedding,
/// sinusoidal time embedding to six modulation vectors plus each block's own, self-attention
/// with RMS-normed q/k and 3D RoPE, text (and image) cross-attention, gated feed-forward,
/// modulated head, unpatchify. Weights keep their stored type and are widened per layer to
/// the computation's type (float32 on the CPU).
class WanDiT {
public:
    WanDiT(WanWeights& weights, const DiTConfig& config);
    const DiTConfig& config() const { return m_config; }

    /// @brief The velocity per sample, [outDim, F, H, W] each. `trace` (optional) receives
    /// the named intermediates of the parity fixtures.
    std::vector<torch::Tensor> forward(const DiTInputs& in, Trace* trace = nullptr) const;

    /// @brief The model's whole rotary table [1024, headDim/2, 2] (cos, sin) in float64.
    torch::Tensor ropeTable() const;
    /// @brief Moves every weight to `device` (keeping its type).
    void to(const torch::Device& device);
    /// @brief Every weight by its official name ("blocks.0.self_attn.q.weight",
    /// "blocks.0.modulation", "head.head.bias"), as held (the patch embedding flattened to
    /// [dim, in x patch]): what LoRA files change (wan_lora.h).
    std::map<std::string, torch::Tensor*> namedWeights();

    /// @brief Bytes of the widest intermediate of one piece of rows in the memory-bound
    /// steps (rotary rotation in float64, the feed-forward's hidden layer; default 128 MB):
    /// a 480p clip runs them in pieces, with the same result. Tests set it small.
    static int64_t pieceBytes();
    static void setPieceBytes(int64_t bytes);

private:
    struct Attention {
        Linear q, k, v, o, kImg, vImg;
        torch::Tensor normQ, normK, normKImg;  // RMS gains [dim] (undefined: no qk norm)
    };
    struct Block {
        torch::Tensor modulation;  // [1, 6, dim]
        Attention self, cross;
        torch::Tensor norm3W, norm3B;
        Linear ffn1, ffn2;
        Linear beforeProj, afterProj;  // VACE blocks
    };
    Block loadBlock(WanWeights& w, const std::string& prefix, bool imageCross, bool vace,
                    bool first);
    torch::Tensor runBlock(const Block& b, torch::Tensor x, const torch::Tensor& e0,
                           const torch::Tensor& context, const torch::Tensor& ropeCos,
                           const torch::Tensor& ropeSin, const torch::Tensor& keyMask,
                           const std::vector<int64_t>& lengths, Trace* trace,
                           const std::string& tracePrefix) const;
    torch::Tensor rmsNorm(const torch::Tensor& x, const torch::Tensor& gain) const;

    DiTConfig m_config;
    torch::Tensor m_patchW, m_patchB;  // [dim, in*pt*ph*pw], [dim]
    torch::Tensor m_vacePatchW, m_vacePatchB;
    Linear m_text1, m_text2, m_time1, m_time2, m_timeProj;
    torch::Tensor m_imgNorm1W, m_imgNorm1B, m_imgNorm2W, m_imgNorm2B, m_imgPos;
    Linear m_img1, m_img2;
    std::vector<Block> m_blocks, m_vaceBlocks;
    torch::Tensor m_headMod;  // [1, 2, dim]
    Linear m_head;
    torch::Tensor m_ropeAngles;  // [1024, headDim/2] float64 angles
};

/// @brief The sinusoidal timestep embedding of the reference: cosines first, computed in
/// float64, returned as float32 [B, dim].
torch::Tensor sinusoidalEmbedding(int64_t dim, const torch::Tensor& t);

}  // namespace kinora::wan
