#include "models/wan/wan_ti2v.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace kinora::wan {

std::pair<int64_t, int64_t> ti2vOutputSize(int64_t iw, int64_t ih, int64_t dw, int64_t dh,
                                           int64_t maxArea) {
    if (iw <= 0 || ih <= 0 || dw <= 0 || dh <= 0 || maxArea < dw * dh)
        throw Error("TI2V output size: an image of " + std::to_string(iw) + "x" +
                    std::to_string(ih) + " in " + std::to_string(maxArea) + " pixels");
    const double ratio = static_cast<double>(iw) / static_cast<double>(ih);
    const double ow = std::sqrt(static_cast<double>(maxArea) * ratio);
    const double oh = static_cast<double>(maxArea) / ow;
    auto down = [](double v, int64_t step) {
        return static_cast<int64_t>(std::floor(v / static_cast<double>(step))) * step;
    };
    // Width first, then height first.
    const int64_t ow1 = std::max(dw, down(ow, dw));
    const int64_t oh1 = std::max(dh, down(static_cast<double>(maxArea) / ow1, dh));
    const int64_t oh2 = std::max(dh, down(oh, dh));
    const int64_t ow2 = std::max(dw, down(static_cast<double>(maxArea) / oh2, dw));
    const double r1 = static_cast<double>(ow1) / oh1, r2 = static_cast<double>(ow2) / oh2;
    const double off1 = std::max(ratio / r1, r1 / ratio), off2 = std::max(ratio / r2, r2 / ratio);
    return off1 < off2 ? std::make_pair(ow1, oh1) : std::make_pair(ow2, oh2);
}

torch::Tensor ti2vTokenTimesteps(const torch::Tensor& keep, double t, int64_t seqLen,
                                 int64_t patchH, int64_t patchW) {
    const auto tokens = keep.select(0, 0)
                            .slice(1, 0, keep.size(2), patchH)
                            .slice(2, 0, keep.size(3), patchW)
                            .reshape({1, -1})
                            .to(torch::kFloat);
    if (tokens.size(1) > seqLen)
        throw Error("the latent has more tokens (" + std::to_string(tokens.size(1)) +
                    ") than seq_len (" + std::to_string(seqLen) + ")");
    return torch::cat({tokens * t, torch::full({1, seqLen - tokens.size(1)}, t, tokens.options())},
                      1);
}

}  // namespace kinora::wan
