#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <torch/torch.h>

#include "train/train_config.h"
#include "util/image.h"
#include "world/scene.h"

namespace kinora::train {

/// @brief One training batch of world clips, all on one canvas.
struct WorldBatch {
    int64_t index = 0;
    torch::Tensor video;      ///< [B,T,3,H,W] in [-1,1] (T = 1 for an image batch)
    bool images = false;      ///< still images (frame 0 of each scene), TrainConfig::imageFraction
    bool twins = false;       ///< samples 2k and 2k+1 are shape twins (TrainConfig::shapeTwins)
    torch::Tensor reference;  ///< [B,R,3,H,W] R reference frames (1 or 2), or undefined
    /// [B,T,1,H,W], 1 where a character is visible (the frame differs from the same scene
    /// drawn without characters); with TrainConfig::foregroundWeight or cameraWeight > 0.
    torch::Tensor foreground;
    /// [B,T,1,H,W], 1 where the camera moves the background (the scene without characters
    /// differs from its previous frame; 0 in frame 0 and in static shots); only with
    /// TrainConfig::cameraWeight > 0.
    torch::Tensor camera;
    std::vector<std::string> captions;  ///< the one drawn for each sample ("" when dropped)
    std::vector<std::vector<std::string>> paraphrases;  ///< every caption of each sample
    std::vector<world::SceneSpec> scenes;
};

/// @brief Renders samples [first, first + count) of global batch `index` (count < 0:
/// batch_size). Deterministic in (seed, index, sample), so a resumed run sees exactly the
/// batches it would have seen, and R data-parallel ranks of batch b together see what
/// one rank of batch R*b sees. An image batch (a share image_fraction of dit batches)
/// holds image_batch_size / batch_size times as many samples, ranks split alike.
WorldBatch makeWorldBatch(const TrainConfig& config, int64_t index, int first = 0, int count = -1);

/// @brief `scene` with every character given another shape, drawn from `seed`: one its
/// motion allows (no spin for circles and rings) and that does not make a held-out
/// combination (world::isHeldOut); everything else unchanged. A character with no such
/// shape keeps its own.
world::SceneSpec shapeTwin(const world::SceneSpec& scene, uint64_t seed);

/// @brief A clip's frames as [T,3,H,W] floats in [-1,1], as the autoencoder takes them.
torch::Tensor clipToTensor(const Clip& clip);

/// @brief A reference frame of a character: it alone, at rest, centred on the gray
/// background, on the scene's canvas.
world::SceneSpec referenceScene(const world::SceneSpec& scene, std::size_t character);

/// @brief Renders batches on background threads (TrainConfig::dataThreads) ahead of the
/// trainer (no dataset on disk). next() returns them in index order, whatever the thread
/// count: each batch is a function of its index alone.
class BatchSource {
public:
    /// @param prefetch batches rendered ahead (at least one per thread)
    /// @param firstSample this rank's first sample within each global batch
    BatchSource(TrainConfig config, int64_t firstIndex, int prefetch = 3, int firstSample = 0);
    ~BatchSource();
    BatchSource(const BatchSource&) = delete;
    BatchSource& operator=(const BatchSource&) = delete;

    WorldBatch next();

private:
    void run();

    TrainConfig m_config;
    int64_t m_nextIndex;  ///< the next index a thread renders
    int64_t m_wanted;     ///< the index next() returns next
    int64_t m_prefetch;
    int m_firstSample;
    std::map<int64_t, WorldBatch> m_ready;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_stop = false;
    std::exception_ptr m_error;
    std::vector<std::thread> m_threads;
};

}  // namespace kinora::train
