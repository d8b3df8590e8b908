#include "pipeline/tensor_image.h"

#include <cstring>

#include "util/error.h"

namespace kinora {

torch::Tensor imagesToTensor(const std::vector<Image>& frames) {
    if (frames.empty()) throw Error("no frames to convert");
    const int64_t t = static_cast<int64_t>(frames.size());
    const int64_t h = frames.front().height, w = frames.front().width;
    auto u8 = torch::empty({t, h, w, 3}, torch::kUInt8);
    for (int64_t i = 0; i < t; ++i) {
        const Image& img = frames[static_cast<std::size_t>(i)];
        if (img.width != w || img.height != h ||
            img.rgb.size() != static_cast<std::size_t>(h * w * 3))
            throw Error("frames of different sizes cannot form one clip");
        std::memcpy(u8[i].data_ptr(), img.rgb.data(), img.rgb.size());
    }
    return u8.permute({0, 3, 1, 2}).to(torch::kFloat).div_(127.5).sub_(1.0).contiguous();
}

std::vector<Image> tensorToImages(const torch::Tensor& frames) {
    auto u8 = ((frames.clamp(-1.0, 1.0) + 1.0) * 127.5)
                  .round()
                  .to(torch::kCPU, torch::kUInt8)
                  .permute({0, 2, 3, 1})
                  .contiguous();
    std::vector<Image> out;
    const auto t = u8.size(0), h = u8.size(1), w = u8.size(2);
    out.reserve(static_cast<std::size_t>(t));
    for (int64_t i = 0; i < t; ++i) {
        Image img(static_cast<int>(w), static_cast<int>(h));
        std::memcpy(img.rgb.data(), u8[i].data_ptr(), img.rgb.size());
        out.push_back(std::move(img));
    }
    return out;
}

}  // namespace kinora
