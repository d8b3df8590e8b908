#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "models/wan/wan_weights.h"

namespace kinora::wan {

/// @brief The per-channel latent statistics published with the Wan 2.1 VAE (z_dim 16):
/// latents are (mu - mean) / std.
const std::vector<float>& wan21LatentMean();
const std::vector<float>& wan21LatentStd();
/// @brief The same for the Wan 2.2 VAE of TI2V-5B (z_dim 48).
const std::vector<float>& wan22LatentMean();
const std::vector<float>& wan22LatentStd();

/// @brief The Wan causal video VAEs (`WanVAE_` of vae2_1.py and vae2_2.py). Wan 2.1's: 8x
/// spatial, 4x temporal compression
/// (1 + 4k frames <-> 1 + k latent frames), causal 3D convolutions whose time padding is a
/// cache of the previous chunk's last two frames, RMS norms over channels, a single-head
/// spatial attention in the middle. Its structure (widths, blocks, which resamplers work in
/// time) is read off the weights, so the released width (96) and the fixtures' narrower
/// one load alike.
///
/// Wan 2.2's (TI2V-5B) folds 2x2 pixels into 12 channels first, groups its layers in down
/// and up blocks that each add a parameter-free shortcut (channels averaged down, or
/// repeated and unfolded up), keeps the width in its spatial upsamplers and has 48 latent
/// channels: 16x in space. Which one a file holds is read off its tensor names.
///
/// Encoding runs frame 0, then frames 1-4, 5-8, ...; decoding one latent frame at a time
/// (as the reference), each with the cache of the previous, so memory stays that of one
/// chunk whatever the clip's length. Within a chunk, convolutions run in bands of rows
/// (bandBytes), fused with the norm before them, so a frame's large activations exist once.
class WanVAE {
public:
    explicit WanVAE(WanWeights& weights);
    ~WanVAE();
    WanVAE(const WanVAE&) = delete;
    WanVAE& operator=(const WanVAE&) = delete;
    int64_t zDim() const { return m_zDim; }
    int64_t baseDim() const { return m_dim; }
    /// @brief 21 (Wan 2.1, also the A14B models') or 22 (Wan 2.2 TI2V-5B).
    int version() const { return m_version; }
    /// @brief Pixels per latent cell along each side: 8 (2.1), 16 (2.2: 2x2 pixels folded
    /// into channels, then 8x).
    int64_t spatialFactor() const { return 8 * m_patch; }

    /// @brief Video [3, T, H, W] in [-1, 1] (T = 1 + 4k, H and W multiples of the spatial
    /// factor f) -> normalised latents [z, 1 + k, H/f, W/f]. `trace` receives the fixtures'
    /// intermediates.
    torch::Tensor encode(const torch::Tensor& video, Trace* trace = nullptr) const;
    /// @brief Normalised latents [z, T', h, w] -> video [3, 1 + 4(T'-1), fh, fw], not clamped.
    torch::Tensor decode(const torch::Tensor& latents, Trace* trace = nullptr) const;
    /// @brief As decode, in spatial tiles of `tile` latent cells a side that overlap by a
    /// quarter and are blended linearly across the overlap, so memory follows the tile, not
    /// the frame. Tiles change pixels near their seams slightly (the decoder sees less
    /// context there); a frame no larger than one tile decodes exactly as decode().
    torch::Tensor decodeTiled(const torch::Tensor& latents, int64_t tile) const;
    /// @brief Bytes of input each piece of a large convolution reads (default 64 MB): the
    /// decoder's full-resolution convolutions and upsamplers run in bands of rows so that a
    /// 480p frame's 96-channel activations are not copied whole for padding and norms. The
    /// pieces join into the same convolution; tests set a small budget to check that.
    static int64_t bandBytes();
    static void setBandBytes(int64_t bytes);
    /// @brief Moves every weight to `device`.
    void to(const torch::Device& device);

    struct Layer;  // one block of the encoder or decoder (wan_vae.cpp)
    struct Side;   // the encoder's or decoder's layers and their caches (wan_vae.cpp)

private:
    int64_t m_dim = 96, m_zDim = 16;
    int m_version = 21;
    int64_t m_patch = 1;             ///< pixels folded into channels along each side (2.2: 2)
    torch::Tensor m_mean, m_invStd;  // [z]
    torch::Tensor m_conv1W, m_conv1B, m_conv2W, m_conv2B;
    std::unique_ptr<Side> m_encoder, m_decoder;
};

}  // namespace kinora::wan
