#include "models/wan/wan_vace.h"

#include "util/error.h"

namespace kinora::wan {

VaceContext buildVaceContext(const WanVAE& vae, const torch::Tensor& frames,
                             const torch::Tensor& mask, const std::vector<torch::Tensor>& refs) {
    if (frames.dim() != 4 || frames.size(0) != 3)
        throw Error("VACE frames must be [3, T, H, W], not " + shapeString(frames.sizes()));
    if (mask.dim() != 4 || mask.size(0) != 1 || mask.sizes().slice(1) != frames.sizes().slice(1))
        throw Error("a VACE mask must be [1, T, H, W] like its frames");
    const int64_t T = frames.size(1), H = frames.size(2), W = frames.size(3);
    if (H % 16 != 0 || W % 16 != 0) throw Error("VACE needs sizes that are multiples of 16");
    const auto f = frames.to(torch::kFloat);
    const auto m = mask.to(torch::kFloat);
    const auto binary = torch::where(m > 0.5, torch::ones_like(m), torch::zeros_like(m));
    const auto inactive = vae.encode(f * (1 - binary));
    const auto reactive = vae.encode(f * binary);
    auto z = torch::cat({inactive, reactive}, 0);

    // 8x8 cells -> 64 channels; time resampled to the latent frames (nearest-exact).
    const int64_t h = H / 8, w = W / 8, latentT = (T + 3) / 4;
    auto cells = m[0].reshape({T, h, 8, w, 8}).permute({2, 4, 0, 1, 3}).reshape({64, T, h, w});
    std::vector<int64_t> src;
    for (int64_t i = 0; i < latentT; ++i)
        src.push_back(std::min<int64_t>(
            T - 1, static_cast<int64_t>((static_cast<double>(i) + 0.5) * T / latentT)));
    auto m0 = cells.index_select(1, torch::tensor(src, torch::kLong).to(cells.device()));

    std::vector<torch::Tensor> zs, ms;
    for (const auto& ref : refs) {
        if (ref.dim() != 4 || ref.size(0) != 3 || ref.size(1) != 1 || ref.size(2) != H ||
            ref.size(3) != W)
            throw Error("a VACE reference image must be [3, 1, H, W] at the clip's size");
        const auto r = vae.encode(ref.to(torch::kFloat));
        zs.push_back(torch::cat({r, torch::zeros_like(r)}, 0));
        ms.push_back(torch::zeros({64, 1, h, w}, m0.options()));
    }
    zs.push_back(z);
    ms.push_back(m0);
    VaceContext out;
    out.latents = torch::cat(zs, 1);
    out.mask = torch::cat(ms, 1);
    out.context = torch::cat({out.latents, out.mask}, 0);
    return out;
}

}  // namespace kinora::wan
