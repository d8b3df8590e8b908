#include "pipeline/model_info.h"

#include <algorithm>
#include <cstdlib>

#include "util/error.h"

namespace kinora {

LoraChoice parseLoraChoice(const std::string& spec) {
    LoraChoice c;
    c.path = spec;
    // @high / @low: one expert of a two-expert model.
    for (const char* expert : {"high", "low"}) {
        const std::string tail = std::string("@") + expert;
        if (c.path.size() > tail.size() &&
            c.path.compare(c.path.size() - tail.size(), tail.size(), tail) == 0) {
            c.expert = expert;
            c.path.resize(c.path.size() - tail.size());
        }
    }
    const std::string spec2 = c.path;
    // FILE:STRENGTH; a colon followed by something that is not a number is part of the path.
    const auto colon = spec2.rfind(':');
    if (colon != std::string::npos && colon > 0) {
        const std::string tail = spec2.substr(colon + 1);
        char* end = nullptr;
        const double v = std::strtod(tail.c_str(), &end);
        if (!tail.empty() && end == tail.c_str() + tail.size()) {
            if (!(v >= -4.0 && v <= 4.0))
                throw Error("LoRA strength " + tail + " is out of range (-4..4)");
            c.path = spec2.substr(0, colon);
            c.strength = v;
        }
    }
    if (c.path.empty()) throw Error("a LoRA needs a file");
    return c;
}

int64_t ModelInfo::tokenCount(int frames, int height, int width) const {
    return static_cast<int64_t>(latentFrames(frames)) * (latentHeight(height) / patchHeight) *
           (latentWidth(width) / patchWidth);
}

bool ModelInfo::supports(GenerationMode mode) const {
    return mode == GenerationMode::Auto ||
           std::find(modes.begin(), modes.end(), mode) != modes.end();
}

void ModelInfo::validateCanvas(int width, int height, int frames) const {
    const int gridX = spatialFactor * patchWidth;
    const int gridY = spatialFactor * patchHeight;
    const std::string canvas = std::to_string(width) + "x" + std::to_string(height);
    if (width < gridX || height < gridY || width > maxSide || height > maxSide)
        throw Error("canvas " + canvas + " is out of range (" + std::to_string(gridX) + " to " +
                    std::to_string(maxSide) + " pixels per side)");
    if (width % gridX != 0 || height % gridY != 0)
        throw Error("canvas " + canvas + " must be a multiple of " + std::to_string(gridX) + "x" +
                    std::to_string(gridY) + " for this model");
    if (frames >= 1 && frames <= maxFrames && (frames - 1) % temporalFactor != 0) {
        const int below = 1 + (frames - 1) / temporalFactor * temporalFactor;
        const int above = below + temporalFactor;
        throw Error("frame count " + std::to_string(frames) + " must be 1+" +
                    std::to_string(temporalFactor) + "k: the nearest are " + std::to_string(below) +
                    (above <= maxFrames ? " and " + std::to_string(above) : std::string()));
    }
    if (frames < 1 || frames > maxFrames)
        throw Error("frame count " + std::to_string(frames) + " must be 1+" +
                    std::to_string(temporalFactor) + "k (e.g. " +
                    std::to_string(1 + 4 * temporalFactor) + ", " +
                    std::to_string(1 + 8 * temporalFactor) + ") and at most " +
                    std::to_string(maxFrames));
    const int64_t tokens = tokenCount(frames, height, width);
    if (tokens > maxTokens)
        throw Error("clip of " + canvas + "x" + std::to_string(frames) + " needs " +
                    std::to_string(tokens) + " tokens; at most " + std::to_string(maxTokens) +
                    " fit in one window (use extension for longer shots)");
}

}  // namespace kinora
