#include "pipeline/given_pixels.h"

#include <algorithm>

#include "pipeline/tensor_image.h"
#include "util/error.h"

namespace kinora {

namespace {

// Box average along dimension `dim` with `radius` on each side, counting only the samples
// inside the tensor (sums from a running total, so any radius fits any length).
torch::Tensor boxAlong(const torch::Tensor& x, int64_t dim, int64_t radius) {
    const int64_t n = x.size(dim);
    if (radius <= 0 || n <= 1) return x;
    const auto total = torch::cumsum(x, dim);
    const auto i = torch::arange(n, torch::kLong);
    const auto hi = (i + radius).clamp_max(n - 1);
    const auto lo = i - radius - 1;  // -1 and below: nothing to subtract
    const auto upper = total.index_select(dim, hi);
    std::vector<int64_t> shape(static_cast<std::size_t>(x.dim()), 1);
    shape[static_cast<std::size_t>(dim)] = n;
    const auto inside = (lo >= 0).to(x.scalar_type()).view(shape);
    const auto lower = total.index_select(dim, lo.clamp_min(0)) * inside;
    const auto count = (hi - lo.clamp_min(-1)).to(x.scalar_type()).view(shape);
    return (upper - lower) / count;
}

torch::Tensor box3d(const torch::Tensor& x, int64_t rt, int64_t rs) {
    return boxAlong(boxAlong(boxAlong(x, 2, rt), 3, rs), 4, rs);
}

}  // namespace

torch::Tensor regionKeep(const Image& mask, int width, int height, ImageFit fit) {
    // White bars: what the picture does not cover is regenerated too.
    const FittedImage f = fitImage(mask, width, height, fit, 255);
    const auto rgb = imagesToTensor({f.image})[0];  // [3, H, W] in [-1, 1]
    const auto luma = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    return (luma < (128.0 / 255.0 * 2.0 - 1.0)).to(torch::kFloat).unsqueeze(0);
}

torch::Tensor pasteGiven(const torch::Tensor& generated, const torch::Tensor& given,
                         const torch::Tensor& keep, int64_t radiusFrames, int64_t radiusPixels) {
    if (generated.dim() != 4 || generated.size(1) != 3 || given.sizes() != generated.sizes() ||
        keep.dim() != 4 || keep.size(1) != 1 || keep.size(0) != generated.size(0) ||
        keep.size(2) != generated.size(2) || keep.size(3) != generated.size(3))
        throw Error("pasteGiven: frames [T, 3, H, W] and a mask [T, 1, H, W] of one size");
    const int64_t T = generated.size(0);
    // Read from the model's frames, write to a copy (pieces overlap in time).
    const auto src = generated.to(torch::kFloat);
    const auto out = src.clone();
    const auto k = keep.to(out.device(), torch::kFloat);
    const auto g = given.to(out.device(), torch::kFloat);
    // Frames whose neighbourhood holds no given pixel are left as they are.
    const auto keptPerFrame = k.flatten(1).amax(1).to(torch::kCPU);
    const auto* kept = keptPerFrame.data_ptr<float>();
    const int64_t piece = 8;
    for (int64_t a = 0; a < T; a += piece) {
        const int64_t b = std::min(T, a + piece);
        const int64_t lo = std::max<int64_t>(0, a - radiusFrames);
        const int64_t hi = std::min(T, b + radiusFrames);
        bool any = false;
        for (int64_t t = lo; t < hi && !any; ++t) any = kept[t] > 0.0f;
        if (!any) continue;
        // [1, C, n, H, W] views of the piece and its halo in time.
        auto kk = k.slice(0, lo, hi).permute({1, 0, 2, 3}).unsqueeze(0);
        auto diff = ((g.slice(0, lo, hi) - src.slice(0, lo, hi)) * k.slice(0, lo, hi))
                        .permute({1, 0, 2, 3})
                        .unsqueeze(0);
        const auto nearK = box3d(kk, radiusFrames, radiusPixels);
        const auto nearDiff = box3d(diff, radiusFrames, radiusPixels);
        // The mean difference of the kept pixels nearby, weighted from ~1 beside them to 0
        // a radius away.
        const auto correction = nearDiff / nearK.clamp_min(1e-6);
        const auto weight = (2.0 * nearK).clamp(0.0, 1.0);
        const auto blended =
            (src.slice(0, lo, hi).permute({1, 0, 2, 3}).unsqueeze(0) + weight * correction);
        // kept pixels exactly as given; the rest blended.
        const auto piecePixels =
            kk * g.slice(0, lo, hi).permute({1, 0, 2, 3}).unsqueeze(0) + (1 - kk) * blended;
        out.slice(0, a, b).copy_(piecePixels[0].permute({1, 0, 2, 3}).slice(0, a - lo, b - lo));
    }
    return out;
}

}  // namespace kinora
