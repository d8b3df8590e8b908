#include "pipeline/long_clip.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "util/error.h"

namespace kinora {

int framesPerExtension(const ModelConfig& config, int windowFrames, int overlapLatents,
                       int blendFrames) {
    const int tf = static_cast<int>(config.vae.temporalFactor);
    return windowFrames - (1 + tf * (overlapLatents - 1)) - blendFrames;
}

namespace {

// a <- a (1 - w) + b w, per channel, rounded.
void dissolve(Image& a, const Image& b, double w) {
    if (a.width != b.width || a.height != b.height || a.rgb.size() != b.rgb.size())
        throw Error("windows of a long clip came out in different sizes");
    for (std::size_t i = 0; i < a.rgb.size(); ++i)
        a.rgb[i] = static_cast<uint8_t>(std::lround(a.rgb[i] * (1.0 - w) + b.rgb[i] * w));
}

// The last `count` latent frames of `stream`.
LatentClip latentTail(const LatentClip& stream, int count) {
    LatentClip tail = stream;
    const auto frameSize = stream.values.size() / static_cast<std::size_t>(stream.frames);
    tail.frames = count;
    tail.values.assign(stream.values.end() - static_cast<std::ptrdiff_t>(frameSize * count),
                       stream.values.end());
    return tail;
}

// Appends latent frames [from, end) of `part` to `stream`.
void appendLatents(LatentClip& stream, const LatentClip& part, int from) {
    if (part.channels != stream.channels || part.height != stream.height ||
        part.width != stream.width)
        throw Error("windows of a long clip came out in different sizes");
    const auto frameSize = part.values.size() / static_cast<std::size_t>(part.frames);
    stream.values.insert(stream.values.end(),
                         part.values.begin() + static_cast<std::ptrdiff_t>(frameSize * from),
                         part.values.end());
    stream.frames += part.frames - from;
}

// Adds one more window's (or try's) timings (decoding counts only where it decoded frames).
void addTimings(GenerationTimings& t, const GenerationTimings& p) {
    t.textSeconds += p.textSeconds;
    t.encodeSeconds += p.encodeSeconds;
    t.denoiseSeconds += p.denoiseSeconds;
    t.decodeSeconds += p.decodeSeconds;
    t.totalSeconds += p.totalSeconds;
    t.denoiserFlops += p.denoiserFlops;
    t.stepSeconds.insert(t.stepSeconds.end(), p.stepSeconds.begin(), p.stepSeconds.end());
}

void addWindow(GenerationResult& total, const GenerationResult& part) {
    total.stepsDone += part.stepsDone;
    addTimings(total.timings, part.timings);
}

}  // namespace

LongClipResult generateLongClip(Engine& engine, const GenerationRequest& request, int totalFrames,
                                const GenerationCallbacks& callbacks,
                                const LongClipOptions& options) {
    const ModelConfig& cfg = engine.config();
    const int tf = static_cast<int>(cfg.vae.temporalFactor);
    const int window = options.windowFrames > 0 ? options.windowFrames : cfg.defaults.frames;
    if (totalFrames < 1) throw Error("a clip needs at least one frame");
    if (totalFrames > 120 * 60 * 10) throw Error("a clip can be at most ten minutes at 120 fps");
    if ((window - 1) % tf != 0)
        throw Error("window frames must be 1 + " + std::to_string(tf) + "k");
    GenerationMode mode = request.mode;
    if (mode == GenerationMode::Auto)
        mode = request.firstFrame ? GenerationMode::ImageToVideo : GenerationMode::TextToVideo;
    const int k = std::max(1, options.overlapLatents);
    const int blend = options.latentJoin ? 0 : options.blendFrames;
    if (blend < 0) throw Error("blend frames cannot be negative");
    const int perExtension = framesPerExtension(cfg, window, k, blend);
    if (perExtension < 1) throw Error("the overlap and blend leave no new frames in a window");

    // Frames one window of F frames returns in this mode.
    auto framesReturned = [&](GenerationMode m, int f) {
        switch (m) {
            case GenerationMode::ExtendForward:
                return f - (1 + tf * (k - 1));
            case GenerationMode::ExtendBackward:
                return f - tf * k - 1;
            case GenerationMode::Loop:
                return f - (tf - 1);
            default:
                return f;
        }
    };
    const bool endPinned = mode == GenerationMode::Connect || mode == GenerationMode::Loop ||
                           mode == GenerationMode::ExtendBackward;
    LongClipResult out;
    int stepsBefore = 0;  // steps of the windows already made (extensions may run fewer)
    const bool judged = options.candidates > 1 && static_cast<bool>(options.judge);
    if (options.candidates < 1 || options.candidates > 16)
        throw Error("candidates per window must be 1..16");
    if (judged && options.latentJoin)
        throw Error("look matching needs frame joins, not one latent stream");
    const int tries = judged ? options.candidates : 1;
    // Try `candidate` (of `tries`) of window `index`; progress counts every try.
    auto runTry = [&](GenerationRequest r, int index, int windows, int windowIndexForSeed,
                      int candidate) {
        if (options.onWindow && candidate == 0) options.onWindow(index, windows);
        GenerationCallbacks cb = callbacks;
        const auto start = std::chrono::steady_clock::now();
        if (callbacks.onProgress)
            cb.onProgress = [&, index, windows, candidate, start](const StepProgress& p) {
                StepProgress q = p;
                // Steps so far, and this try's count for every try still to come.
                q.step = stepsBefore + p.step;
                q.totalSteps = stepsBefore + ((windows - index) * tries - candidate) * p.totalSteps;
                const double perStep =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                        .count() /
                    p.step;
                q.secondsLeft = perStep * (q.totalSteps - q.step);
                callbacks.onProgress(q);
            };
        if (r.seed)
            r.seed = *r.seed + static_cast<uint64_t>(windowIndexForSeed) +
                     static_cast<uint64_t>(candidate) * kCandidateSeedStride;
        r.markFrames = false;  // the finished clip is marked once, below
        GenerationResult made = engine.generate(r, cb);
        stepsBefore += made.stepsDone;
        return made;
    };
    // Window `index`: the best of `tries` by the judge, on the frames the window adds (an
    // extension returns only those). Steps and timings count every try; a cancelled try
    // ends the window as cancelled.
    auto runWindow = [&](const GenerationRequest& r, int index, int windows,
                         int windowIndexForSeed) {
        GenerationResult best = runTry(r, index, windows, windowIndexForSeed, 0);
        if (tries == 1 || best.cancelled) return best;
        double bestScore = options.judge(best.clip.frames);
        int stepsDone = best.stepsDone;
        GenerationTimings timings = best.timings;
        for (int c = 1; c < tries; ++c) {
            GenerationResult next = runTry(r, index, windows, windowIndexForSeed, c);
            if (next.cancelled) return next;
            stepsDone += next.stepsDone;
            addTimings(timings, next.timings);
            const double score = options.judge(next.clip.frames);
            if (score < bestScore) {
                bestScore = score;
                best = std::move(next);
            }
        }
        best.stepsDone = stepsDone;
        best.timings = timings;
        return best;
    };
    // One watermark over the whole clip as delivered (after trims and joins).
    auto finish = [&]() -> LongClipResult& {
        if (!out.result.cancelled && request.markFrames && engine.watermarks())
            markClip(out.result);
        return out;
    };

    if (endPinned || totalFrames <= framesReturned(mode, window)) {
        // One window: the smallest 1 + tf m frames that return enough.
        int f = 1;
        while (framesReturned(mode, f) < totalFrames || (f - 1) % tf != 0 ||
               (mode != GenerationMode::TextToVideo && mode != GenerationMode::ImageToVideo &&
                f < 1 + tf * (k + 1)))
            ++f;
        if (endPinned && f > window)
            throw Error(std::string(name(mode)) + " shots can be at most " +
                        std::to_string(framesReturned(mode, window)) +
                        " frames with this model; make longer shots with extend-forward");
        GenerationRequest r = request;
        r.frames = f;
        out.windows = 1;
        out.windowStarts = {0};
        out.result = runWindow(r, 0, 1, 0);
        auto& frames = out.result.clip.frames;
        if (!out.result.cancelled && static_cast<int>(frames.size()) > totalFrames) {
            if (mode == GenerationMode::ExtendBackward)
                frames.erase(frames.begin(), frames.end() - totalFrames);  // lead into the next
            else if (mode == GenerationMode::Loop)
                frames.erase(frames.begin() + (totalFrames - 1), frames.end() - 1);  // end = start
            else
                frames.resize(static_cast<std::size_t>(totalFrames));
        }
        return finish();
    }

    const int first = framesReturned(mode, window);
    const int n = 1 + tf * (k - 1);  // context frames of an extension
    if (first < n + blend)
        throw Error("the first window is too short to be continued with this overlap and blend");
    const int windows = 1 + (totalFrames - first + perExtension - 1) / perExtension;
    out.windows = windows;
    out.blendFrames = blend;
    GenerationRequest r = request;
    r.frames = window;
    if (options.latentJoin) {
        r.keepLatents = true;
        r.decodeFrames = false;
    }
    GenerationResult firstResult = runWindow(r, 0, windows, 0);
    out.windowStarts.push_back(0);
    if (firstResult.cancelled) {
        out.result = std::move(firstResult);
        return out;
    }
    // A cancelled extension: the whole clip is cancelled, nothing of it returned.
    auto cancelled = [&](GenerationResult& total) {
        total.cancelled = true;
        total.clip = {};
        out.result = std::move(total);
        return out;
    };
    // Each next window: an extension of the clip so far, its context set by the caller.
    auto extension = [&](uint64_t seed) {
        GenerationRequest ext = request;
        ext.mode = GenerationMode::ExtendForward;
        ext.firstFrame.reset();
        ext.context.clear();
        ext.frames = window;
        ext.contextLatents = k;
        ext.keepContext = false;
        ext.extensionStart = options.extensionStart;
        ext.replaceContext = options.replaceContext;
        ext.seed = seed;  // runWindow offsets it by the window index
        return ext;
    };
    if (options.latentJoin) {
        // One latent stream; the frames a first extend-forward window was given are not
        // the clip's own.
        const int given = window - first;
        LatentClip stream = std::move(firstResult.latents);
        GenerationResult total = firstResult;
        total.latents = {};
        for (int w = 1; w < windows; ++w) {
            GenerationRequest ext = extension(total.seed);
            ext.keepLatents = true;
            ext.decodeFrames = false;
            ext.latentContext = latentTail(stream, k);
            GenerationResult part = runWindow(ext, w, windows, w);
            if (part.cancelled) return cancelled(total);
            out.windowStarts.push_back(1 + tf * (stream.frames - 1) - given);
            appendLatents(stream, part.latents, k);
            addWindow(total, part);
        }
        const auto decodeStart = std::chrono::steady_clock::now();
        total.clip.frames = engine.decodeLatents(stream, 0, -1, request.prompt);
        const double decodeSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - decodeStart).count();
        total.timings.decodeSeconds += decodeSeconds;
        total.timings.totalSeconds += decodeSeconds;
        auto& frames = total.clip.frames;
        frames.erase(frames.begin(), frames.begin() + given);
        frames.resize(static_cast<std::size_t>(totalFrames));
        total.contextFrames = 0;
        out.result = std::move(total);
        return finish();
    }
    Clip clip = firstResult.clip;
    GenerationResult total = firstResult;
    for (int w = 1; w < windows; ++w) {
        GenerationRequest ext = extension(total.seed);
        const auto contextEnd = clip.frames.end() - blend;
        ext.context.assign(contextEnd - n, contextEnd);
        GenerationResult part = runWindow(ext, w, windows, w);
        if (part.cancelled) return cancelled(total);
        const auto& made = part.clip.frames;
        if (static_cast<int>(made.size()) <= blend)
            throw Error("an extension window returned too few frames to blend");
        const int joinAt = static_cast<int>(clip.frames.size()) - blend;
        out.windowStarts.push_back(joinAt);
        for (int i = 0; i < blend; ++i)
            dissolve(clip.frames[static_cast<std::size_t>(joinAt + i)],
                     made[static_cast<std::size_t>(i)], (i + 1.0) / (blend + 1.0));
        clip.frames.insert(clip.frames.end(), made.begin() + blend, made.end());
        addWindow(total, part);
    }
    clip.frames.resize(static_cast<std::size_t>(totalFrames));
    total.clip = std::move(clip);
    out.result = std::move(total);
    return finish();
}

}  // namespace kinora
