#include "train/batch_source.h"

#include <cstring>
#include <random>

#include "pipeline/tensor_image.h"
#include "world/captioner.h"
#include "world/renderer.h"
#include "world/scene_sampler.h"

namespace kinora::train {

namespace {

uint64_t batchSeed(uint64_t seed, int64_t index) {
    uint64_t x =
        seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(index) * 0xBF58476D1CE4E5B9ull + 1;
    x ^= x >> 31;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 29);
}

}  // namespace

torch::Tensor clipToTensor(const Clip& clip) {
    return imagesToTensor(clip.frames);
}

namespace {

// [T,1,H,W] masks of a clip: where a character shows (`clip` differs from the same scene
// without its characters) and, with `camera` set, where the camera moves the background
// (that empty scene differs from its previous frame; nothing in frame 0).
struct Masks {
    torch::Tensor foreground, camera;
};

Masks sceneMasks(const world::SceneSpec& scene, const Clip& clip, bool camera) {
    world::SceneSpec empty = scene;
    empty.characters.clear();
    const int64_t t = static_cast<int64_t>(clip.frames.size()), h = clip.height(), w = clip.width();
    Masks out;
    out.foreground = torch::zeros({t, 1, h, w});
    auto m = out.foreground.accessor<float, 4>();
    const bool moving = camera && scene.camera != world::Camera::Static;
    if (camera) out.camera = torch::zeros({t, 1, h, w});
    auto same = [](const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, std::size_t i) {
        return a[i] == b[i] && a[i + 1] == b[i + 1] && a[i + 2] == b[i + 2];
    };
    Image previous;
    for (int64_t f = 0; f < t; ++f) {
        Image bg = world::renderFrame(empty, static_cast<int>(f));
        const auto& rgb = clip.frames[static_cast<std::size_t>(f)].rgb;
        for (int64_t y = 0; y < h; ++y)
            for (int64_t x = 0; x < w; ++x) {
                const std::size_t i = static_cast<std::size_t>((y * w + x) * 3);
                if (!same(rgb, bg.rgb, i)) m[f][0][y][x] = 1.0f;
            }
        if (moving && f > 0) {
            auto c = out.camera.accessor<float, 4>();
            for (int64_t y = 0; y < h; ++y)
                for (int64_t x = 0; x < w; ++x) {
                    const std::size_t i = static_cast<std::size_t>((y * w + x) * 3);
                    if (!same(previous.rgb, bg.rgb, i)) c[f][0][y][x] = 1.0f;
                }
        }
        previous = std::move(bg);
    }
    return out;
}

}  // namespace

world::SceneSpec shapeTwin(const world::SceneSpec& scene, uint64_t seed) {
    world::SceneSpec twin = scene;
    std::mt19937_64 rng(seed ^ 0x7A1E5EEDull);
    for (auto& c : twin.characters) {
        std::vector<world::Shape> others;
        for (world::Shape s : world::kShapes)
            if (s != c.shape && world::motionAllowedFor(c.motion, s) &&
                !world::isHeldOut(c.colour, s, c.motion, scene.background))
                others.push_back(s);
        if (!others.empty())
            c.shape = others[std::uniform_int_distribution<std::size_t>(0, others.size() - 1)(rng)];
    }
    return twin;
}

world::SceneSpec referenceScene(const world::SceneSpec& scene, std::size_t character) {
    return world::referenceStill(scene.characters.at(character), scene.width, scene.height,
                                 scene.fps, scene.seed);
}

WorldBatch makeWorldBatch(const TrainConfig& config, int64_t index, int first, int count) {
    if (count < 0) count = config.batchSize;
    const uint64_t seed = batchSeed(config.seed, index);
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    world::SampleOptions options;
    options.canvasVariants = false;
    const double canvas = config.canvasVariants ? u(rng) : 0.0;
    options.width = canvas >= 0.7 && canvas < 0.85 ? 96 : 64;
    options.height = canvas >= 0.85 ? 96 : 64;
    // Decided per global batch (so every rank agrees); no draw when images are off, so
    // runs without them see the batches they always saw.
    const bool images =
        config.stage == Stage::Dit && config.imageFraction > 0.0 && u(rng) < config.imageFraction;
    const bool withReference = !images && u(rng) < config.tasks.reference;
    // Drawn only when pairs are asked for, so other runs see the batches they always saw.
    const bool referencePair =
        withReference && config.tasks.referencePairs > 0.0 && u(rng) < config.tasks.referencePairs;
    // Drawn only when twins are asked for, so other runs see the batches they always saw.
    const bool twins = config.shapeTwins > 0.0 && u(rng) < config.shapeTwins;
    if (images) {
        const int per = config.imagesPerStep() / config.batchSize;
        first *= per;
        count *= per;
    }

    WorldBatch batch;
    batch.index = index;
    batch.images = images;
    batch.twins = twins;
    std::vector<torch::Tensor> clips, refs, masks, cameraMasks;
    const bool withCamera = config.cameraWeight > 0.0;
    const bool withMasks = config.foregroundWeight > 0.0 || withCamera;
    for (int i = first; i < first + count; ++i) {
        // A twin (odd sample of a twin batch) is its partner's scene with other shapes,
        // and draws what its partner draws (caption style, dropout, reference).
        const bool twin = twins && i % 2 == 1;
        const uint64_t sceneSeed = seed + static_cast<uint64_t>(twin ? i - 1 : i) * 7777;
        std::mt19937_64 sampleRng(sceneSeed ^ 0x5BD1E995ull);
        world::SceneSpec scene = world::sampleScene(sceneSeed, options);
        if (twin) scene = shapeTwin(scene, sceneSeed);
        const auto captions = world::captionScene(scene, sceneSeed, 4);
        std::string caption =
            captions[std::uniform_int_distribution<std::size_t>(0, captions.size() - 1)(sampleRng)];
        if (u(sampleRng) < config.captionDropout) caption.clear();
        Clip clip;
        if (images)
            clip.frames.push_back(world::renderFrame(scene, 0));
        else
            clip = world::renderScene(scene);
        clips.push_back(clipToTensor(clip));
        if (withMasks) {
            Masks mk = sceneMasks(scene, clip, withCamera);
            masks.push_back(mk.foreground);
            if (withCamera) cameraMasks.push_back(mk.camera);
        }
        if (withReference) {
            const std::size_t who = std::uniform_int_distribution<std::size_t>(
                0, scene.characters.size() - 1)(sampleRng);
            auto ref = clipToTensor(world::renderScene(referenceScene(scene, who)));
            if (referencePair) {
                // The other character of a pair (or the same one again), in random order.
                std::size_t other = who;
                if (scene.characters.size() > 1)
                    other = (who + std::uniform_int_distribution<std::size_t>(
                                       1, scene.characters.size() - 1)(sampleRng)) %
                            scene.characters.size();
                auto second = other == who
                                  ? ref
                                  : clipToTensor(world::renderScene(referenceScene(scene, other)));
                ref = u(sampleRng) < 0.5 ? torch::cat({ref, second}) : torch::cat({second, ref});
            }
            refs.push_back(ref);
        }
        batch.captions.push_back(std::move(caption));
        batch.paraphrases.push_back(captions);
        batch.scenes.push_back(std::move(scene));
    }
    batch.video = torch::stack(clips);
    if (withReference) batch.reference = torch::stack(refs);
    if (withMasks) batch.foreground = torch::stack(masks);
    if (withCamera) batch.camera = torch::stack(cameraMasks);
    return batch;
}

BatchSource::BatchSource(TrainConfig config, int64_t firstIndex, int prefetch, int firstSample)
    : m_config(std::move(config)),
      m_nextIndex(firstIndex),
      m_wanted(firstIndex),
      m_prefetch(std::max(prefetch, m_config.dataThreads)),
      m_firstSample(firstSample) {
    const int threads = std::max(1, m_config.dataThreads);
    for (int i = 0; i < threads; ++i) m_threads.emplace_back([this] { run(); });
}

BatchSource::~BatchSource() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    for (auto& t : m_threads) t.join();
}

void BatchSource::run() {
    // Rendering is plain C++; keep torch on one thread here so the trainer's BLAS
    // threads keep the cores.
    at::set_num_threads(1);
    try {
        for (;;) {
            int64_t index;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                // Rendered or in flight: everything from m_wanted to m_nextIndex.
                m_changed.wait(
                    lock, [&] { return m_stop || m_error || m_nextIndex - m_wanted < m_prefetch; });
                if (m_stop || m_error) return;
                index = m_nextIndex++;
            }
            WorldBatch b = makeWorldBatch(m_config, index, m_firstSample);
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_ready.emplace(index, std::move(b));
            }
            m_changed.notify_all();
        }
    } catch (...) {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_error) m_error = std::current_exception();
        m_changed.notify_all();
    }
}

WorldBatch BatchSource::next() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [&] { return m_ready.count(m_wanted) || m_error; });
    auto it = m_ready.find(m_wanted);
    if (it == m_ready.end()) std::rethrow_exception(m_error);
    WorldBatch b = std::move(it->second);
    m_ready.erase(it);
    ++m_wanted;
    lock.unlock();
    m_changed.notify_all();
    return b;
}

}  // namespace kinora::train
