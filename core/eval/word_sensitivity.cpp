#include "eval/word_sensitivity.h"

#include <algorithm>

#include "models/kinora/text_encoder.h"
#include "pipeline/tensor_image.h"
#include "util/error.h"
#include "world/captioner.h"
#include "world/renderer.h"
#include "world/scene_sampler.h"

namespace kinora::eval {

namespace {

// The last two are measured only on clips whose character moves that way: "left/right"
// swaps a horizontal direction for the other, "up/down" a vertical one.
const char* const kAttributes[] = {"colour", "shape", "size", "motion", "left/right", "up/down"};
constexpr int kAlways = 4;  // the attributes every clip is measured on

world::SceneSpec withOtherWord(world::SceneSpec scene, int attribute, uint64_t seed) {
    using world::Motion;
    auto& c = scene.characters.front();
    switch (attribute) {
        case 0:
            c.colour = static_cast<world::Colour>((static_cast<int>(c.colour) + 1 + seed % 7) % 8);
            break;
        case 1:
            c.shape = static_cast<world::Shape>((static_cast<int>(c.shape) + 1 + seed % 5) % 6);
            break;
        case 2:
            c.size = c.size == world::Size::Small ? world::Size::Large : world::Size::Small;
            break;
        default:
            // The opposite direction; anything else becomes "moves left".
            c.motion = c.motion == Motion::Left    ? Motion::Right
                       : c.motion == Motion::Right ? Motion::Left
                       : c.motion == Motion::Up    ? Motion::Down
                       : c.motion == Motion::Down  ? Motion::Up
                                                   : Motion::Left;
            break;
    }
    return scene;
}

}  // namespace

std::vector<WordSensitivity> measureWordSensitivity(KinoraModel& model, int clips, uint64_t seed,
                                                    std::vector<double> levels) {
    if (clips < 1) throw Error("word sensitivity: at least one clip is needed");
    if (levels.empty()) throw Error("word sensitivity: at least one noise level is needed");
    for (double t : levels)
        if (!(t > 0.0 && t <= 1.0))
            throw Error("word sensitivity: noise level " + std::to_string(t) +
                        " is outside (0, 1]");
    torch::NoGradGuard noGrad;
    const ModelConfig& cfg = model->config();
    std::vector<WordSensitivity> out;
    for (const char* a : kAttributes)
        out.push_back({a, levels, std::vector<double>(levels.size(), 0.0), 0});
    world::SampleOptions options;
    options.canvasVariants = false;
    int used = 0;
    for (uint64_t draw = 0; used < clips && draw < 1000u * static_cast<uint64_t>(clips); ++draw) {
        const uint64_t sceneSeed = seed * 1000003u + draw * 7919u;
        world::SceneSpec scene = world::sampleScene(sceneSeed, options);
        if (scene.characters.size() != 1 || scene.camera != world::Camera::Static) continue;
        ++used;
        const Clip clip = world::renderScene(scene);
        auto video = imagesToTensor(clip.frames).unsqueeze(0);
        auto z0 = model->normalizeLatents(model->vae->encode(video).first);
        // Captions: the true one first, then one per attribute; the caption template is
        // the same (same captioner seed), so only the changed word differs.
        std::vector<std::string> captions = {world::captionScene(scene, sceneSeed, 1).front()};
        std::vector<int> measured;  // the attribute each caption after the first changes
        for (int a = 0; a < kAlways; ++a) measured.push_back(a);
        const world::Motion m = scene.characters.front().motion;
        if (m == world::Motion::Left || m == world::Motion::Right) measured.push_back(4);
        if (m == world::Motion::Up || m == world::Motion::Down) measured.push_back(5);
        for (int a : measured)  // 4 and 5 reach withOtherWord's motion case: the opposite way
            captions.push_back(
                world::captionScene(withOtherWord(scene, a, draw), sceneSeed, 1).front());
        for (int a : measured) ++out[static_cast<std::size_t>(a)].clips;
        const auto k = static_cast<int64_t>(captions.size());
        TokenBatch tokens = tokenizePrompts(captions, cfg.text);
        auto text = model->text->forward(tokens);
        DitContext ctx =
            model->dit->prepare(text, tokens.valid, z0.size(1), z0.size(3), z0.size(4));
        auto gen = at::detail::createCPUGenerator(sceneSeed);
        for (std::size_t li = 0; li < levels.size(); ++li) {
            const double tv = levels[li];
            auto eps = at::randn(z0.sizes(), gen, torch::kFloat);
            auto xt = ((1.0 - tv) * z0 + tv * eps).expand({k, -1, -1, -1, -1});
            auto v = model->dit->forward(xt, torch::full({k, z0.size(1)}, tv), ctx);
            auto loss = (v - (eps - z0)).pow(2).mean({1, 2, 3, 4});
            const double truth = loss[0].item<double>();
            for (std::size_t i = 0; i < measured.size(); ++i)
                out[static_cast<std::size_t>(measured[i])].relativeIncrease[li] +=
                    (loss[static_cast<int64_t>(i) + 1].item<double>() - truth) /
                    std::max(truth, 1e-12);
        }
    }
    if (used == 0) throw Error("word sensitivity: no single-character scene was drawn");
    for (auto& s : out)
        for (double& v : s.relativeIncrease) v /= std::max(1, s.clips);
    return out;
}

}  // namespace kinora::eval
