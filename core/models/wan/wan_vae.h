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

/// @brief The Wan 2.1 causal video VAE (`WanVAE_`): 8x spatial, 4x temporal compression
/// (1 + 4k frames <-> 1 + k latent frames), causal 3D convolutions whose time padding is a
/// cache of the previous chunk's last two frames, RMS norms over channels, a single-head
/// spatial attention in the middle. Its structure (widths, blocks, which resamplers work in
/// time) is read off the weights, so the released width (96) and the fixtures' narrower
/// one load alike.
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

    /// @brief Video [3, T, H, W] in [-1, 1] (T = 1 + 4k, H and W multiples of 8) -> normalised
    /// latents [z, 1 + k, H/8, W/8]. `trace` receives the fixtures' intermediates.
    torch::Tensor encode(const torch::Tensor& video, Trace* trace = nullptr) const;
    /// @brief Normalised latents [z, T', h, w] -> video [3, 1 + 4(T'-1), 8h, 8w], not clamped.
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
    torch::Tensor m_mean, m_invStd;  // [z]
    torch::Tensor m_conv1W, m_conv1B, m_conv2W, m_conv2B;
    std::unique_ptr<Side> m_encoder, m_decoder;
};

}  // namespace kinora::wan
