#include "pipeline/long_clip.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "pipeline/engine_internal.h"
#include "util/error.h"
#include "util/process_stats.h"

namespace kinora {

int framesPerExtension(const ModelInfo& model, int windowFrames, int overlapLatents,
                       int blendFrames) {
    const int tf = model.temporalFactor;
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
    t.textPeakMb = std::max(t.textPeakMb, p.textPeakMb);
    t.denoisePeakMb = std::max(t.denoisePeakMb, p.denoisePeakMb);
    t.decodePeakMb = std::max(t.decodePeakMb, p.decodePeakMb);
}

void addWindow(GenerationResult& total, const GenerationResult& part) {
    total.stepsDone += part.stepsDone;
    addTimings(total.timings, part.timings);
}

}  // namespace

namespace {

// One long clip in the making: the plan (window, overlap, blend, tries) and the windows made.
class LongClipMaker {
public:
    LongClipMaker(Engine& engine, const GenerationRequest& request, int totalFrames,
                  const GenerationCallbacks& callbacks, const LongClipOptions& options)
        : m_engine(engine),
          m_request(request),
          m_total(totalFrames),
          m_callbacks(callbacks),
          m_options(options) {
        const ModelInfo& info = engine.info();
        m_tf = info.temporalFactor;
        m_window = options.windowFrames > 0 ? options.windowFrames : info.defaults.frames;
        if (totalFrames < 1) throw Error("a clip needs at least one frame");
        if (totalFrames > 120 * 60 * 10)
            throw Error("a clip can be at most ten minutes at 120 fps");
        if ((m_window - 1) % m_tf != 0)
            throw Error("window frames must be 1 + " + std::to_string(m_tf) + "k");
        m_mode = request.mode;
        if (m_mode == GenerationMode::Auto)
            m_mode =
                request.firstFrame ? GenerationMode::ImageToVideo : GenerationMode::TextToVideo;
        m_k = std::max(1, options.overlapLatents);
        m_blend = options.latentJoin ? 0 : options.blendFrames;
        if (m_blend < 0) throw Error("blend frames cannot be negative");
        m_perExtension = framesPerExtension(info, m_window, m_k, m_blend);
        if (m_perExtension < 1)
            throw Error("the overlap and blend leave no new frames in a window");
        if (options.candidates < 1 || options.candidates > 16)
            throw Error("candidates per window must be 1..16");
        const bool judged = options.candidates > 1 && static_cast<bool>(options.judge);
        if (judged && options.latentJoin)
            throw Error("look matching needs frame joins, not one latent stream");
        m_tries = judged ? options.candidates : 1;
    }

    LongClipResult make() {
        const bool endPinned = m_mode == GenerationMode::Connect ||
                               m_mode == GenerationMode::Loop ||
                               m_mode == GenerationMode::ExtendBackward;
        // A model that cannot continue a clip makes it in one piece, as long as it can.
        const bool extends = m_engine.info().supports(GenerationMode::ExtendForward);
        if (!extends && !endPinned) {
            if (m_total > m_engine.info().maxFrames)
                throw Error(m_engine.info().name + " makes clips of at most " +
                            std::to_string(m_engine.info().maxFrames) +
                            " frames in one piece and cannot continue them; make the shot shorter");
            return oneWindow(false);
        }
        if (endPinned || m_total <= framesReturned(m_mode, m_window)) return oneWindow(endPinned);
        const int first = framesReturned(m_mode, m_window);
        if (first < contextFrames() + m_blend)
            throw Error(
                "the first window is too short to be continued with this overlap and blend");
        const int windows = 1 + (m_total - first + m_perExtension - 1) / m_perExtension;
        m_out.windows = windows;
        m_out.blendFrames = m_blend;
        GenerationRequest r = m_request;
        r.frames = m_window;
        GenerationResult firstResult =
            runWindow(r, m_options.latentJoin ? streamed() : StreamControls{}, 0, windows, 0);
        m_out.windowStarts.push_back(0);
        if (firstResult.cancelled) {
            m_out.result = std::move(firstResult);
            return m_out;
        }
        return m_options.latentJoin ? joinLatents(std::move(firstResult), windows, first)
                                    : joinFrames(std::move(firstResult), windows);
    }

private:
    // Frames one window of f frames returns in mode m.
    int framesReturned(GenerationMode m, int f) const {
        switch (m) {
            case GenerationMode::ExtendForward:
                return f - (1 + m_tf * (m_k - 1));
            case GenerationMode::ExtendBackward:
                return f - m_tf * m_k - 1;
            case GenerationMode::Loop:
                return f - (m_tf - 1);
            default:
                return f;
        }
    }
    int contextFrames() const { return 1 + m_tf * (m_k - 1); }  // an extension's context
    // Windows that return latents, decoded once at the end.
    static StreamControls streamed() {
        StreamControls c;
        c.keepLatents = true;
        c.decodeFrames = false;
        return c;
    }

    // Try `candidate` (of m_tries) of window `index`; progress counts every try.
    GenerationResult runTry(GenerationRequest r, StreamControls controls, int index, int windows,
                            int seedOffset, int candidate) {
        if (m_options.onWindow && candidate == 0) m_options.onWindow(index, windows);
        GenerationCallbacks cb = m_callbacks;
        const auto start = std::chrono::steady_clock::now();
        if (m_callbacks.onProgress)
            cb.onProgress = [this, index, windows, candidate, start](const StepProgress& p) {
                StepProgress q = p;
                // Steps so far, and this try's count for every try still to come.
                q.step = m_stepsBefore + p.step;
                q.totalSteps =
                    m_stepsBefore + ((windows - index) * m_tries - candidate) * p.totalSteps;
                const double perStep =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                        .count() /
                    p.step;
                q.secondsLeft = perStep * (q.totalSteps - q.step);
                m_callbacks.onProgress(q);
            };
        if (r.seed)
            r.seed = *r.seed + static_cast<uint64_t>(seedOffset) +
                     static_cast<uint64_t>(candidate) * kCandidateSeedStride;
        controls.markFrames = false;  // the finished clip is marked once, in finish()
        GenerationResult made = EngineAccess::generate(m_engine, r, controls, cb);
        m_stepsBefore += made.stepsDone;
        return made;
    }

    // Window `index`: the best of m_tries by the judge, on the frames the window adds (an
    // extension returns only those). Steps and timings count every try; a cancelled try
    // ends the window as cancelled.
    GenerationResult runWindow(const GenerationRequest& r, const StreamControls& controls,
                               int index, int windows, int seedOffset) {
        GenerationResult best = runTry(r, controls, index, windows, seedOffset, 0);
        if (m_tries == 1 || best.cancelled) return best;
        double bestScore = m_options.judge(best.clip.frames);
        int stepsDone = best.stepsDone;
        GenerationTimings timings = best.timings;
        for (int c = 1; c < m_tries; ++c) {
            GenerationResult next = runTry(r, controls, index, windows, seedOffset, c);
            if (next.cancelled) return next;
            stepsDone += next.stepsDone;
            addTimings(timings, next.timings);
            const double score = m_options.judge(next.clip.frames);
            if (score < bestScore) {
                bestScore = score;
                best = std::move(next);
            }
        }
        best.stepsDone = stepsDone;
        best.timings = timings;
        return best;
    }

    // One watermark over the whole clip as delivered (after trims and joins).
    LongClipResult& finish() {
        if (!m_out.result.cancelled && m_engine.watermarks()) markClip(m_out.result);
        return m_out;
    }

    // A cancelled extension: the whole clip is cancelled, nothing of it returned.
    LongClipResult& cancelled(GenerationResult& total) {
        total.cancelled = true;
        total.clip = {};
        m_out.result = std::move(total);
        return m_out;
    }

    // The clip in one window: the smallest 1 + tf m frames that return enough, trimmed.
    LongClipResult oneWindow(bool endPinned) {
        int f = 1;
        while (framesReturned(m_mode, f) < m_total || (f - 1) % m_tf != 0 ||
               (m_mode != GenerationMode::TextToVideo && m_mode != GenerationMode::ImageToVideo &&
                f < 1 + m_tf * (m_k + 1)))
            ++f;
        if (endPinned && f > m_window)
            throw Error(std::string(name(m_mode)) + " shots can be at most " +
                        std::to_string(framesReturned(m_mode, m_window)) +
                        " frames with this model; make longer shots with extend-forward");
        GenerationRequest r = m_request;
        r.frames = f;
        m_out.windows = 1;
        m_out.windowStarts = {0};
        m_out.result = runWindow(r, {}, 0, 1, 0);
        auto& frames = m_out.result.clip.frames;
        if (!m_out.result.cancelled && static_cast<int>(frames.size()) > m_total) {
            if (m_mode == GenerationMode::ExtendBackward)
                frames.erase(frames.begin(), frames.end() - m_total);  // lead into the next
            else if (m_mode == GenerationMode::Loop)
                frames.erase(frames.begin() + (m_total - 1), frames.end() - 1);  // end = start
            else
                frames.resize(static_cast<std::size_t>(m_total));
        }
        return finish();
    }

    // Each next window: an extension of the clip so far, its context set by the caller.
    GenerationRequest extension(uint64_t seed) const {
        GenerationRequest ext = m_request;
        ext.mode = GenerationMode::ExtendForward;
        ext.firstFrame.reset();
        ext.context.clear();
        ext.frames = m_window;
        ext.contextLatents = m_k;
        ext.keepContext = false;
        ext.extensionStart = m_options.extensionStart;
        ext.replaceContext = m_options.replaceContext;
        ext.seed = seed;  // runWindow offsets it by the window index
        return ext;
    }

    // One latent stream: each extension given the stream's last latent frames as they are,
    // the whole stream decoded once. The frames a first extend-forward window was given are
    // not the clip's own.
    LongClipResult joinLatents(GenerationResult firstResult, int windows, int firstFrames) {
        const int given = m_window - firstFrames;
        LatentClip stream = std::move(firstResult.latents);
        GenerationResult total = firstResult;
        total.latents = {};
        for (int w = 1; w < windows; ++w) {
            StreamControls controls = streamed();
            controls.latentContext = latentTail(stream, m_k);
            GenerationResult part = runWindow(extension(total.seed), controls, w, windows, w);
            if (part.cancelled) return cancelled(total);
            m_out.windowStarts.push_back(1 + m_tf * (stream.frames - 1) - given);
            appendLatents(stream, part.latents, m_k);
            addWindow(total, part);
        }
        const auto decodeStart = std::chrono::steady_clock::now();
        resetPeakRss();
        total.clip.frames = m_engine.decodeLatents(stream, 0, std::nullopt, m_request.prompt);
        total.timings.decodePeakMb = std::max(total.timings.decodePeakMb, peakRssSinceResetMb());
        const double decodeSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - decodeStart).count();
        total.timings.decodeSeconds += decodeSeconds;
        total.timings.totalSeconds += decodeSeconds;
        auto& frames = total.clip.frames;
        frames.erase(frames.begin(), frames.begin() + given);
        frames.resize(static_cast<std::size_t>(m_total));
        total.contextFrames = 0;
        m_out.result = std::move(total);
        return finish();
    }

    // Frame joins: each extension given the clip so far up to m_blend frames before its
    // end, its first m_blend new frames dissolved into the clip's last ones.
    LongClipResult joinFrames(GenerationResult firstResult, int windows) {
        Clip clip = firstResult.clip;
        GenerationResult total = firstResult;
        const int n = contextFrames();
        for (int w = 1; w < windows; ++w) {
            GenerationRequest ext = extension(total.seed);
            const auto contextEnd = clip.frames.end() - m_blend;
            ext.context.assign(contextEnd - n, contextEnd);
            GenerationResult part = runWindow(ext, {}, w, windows, w);
            if (part.cancelled) return cancelled(total);
            const auto& made = part.clip.frames;
            if (static_cast<int>(made.size()) <= m_blend)
                throw Error("an extension window returned too few frames to blend");
            const int joinAt = static_cast<int>(clip.frames.size()) - m_blend;
            m_out.windowStarts.push_back(joinAt);
            for (int i = 0; i < m_blend; ++i)
                dissolve(clip.frames[static_cast<std::size_t>(joinAt + i)],
                         made[static_cast<std::size_t>(i)], (i + 1.0) / (m_blend + 1.0));
            clip.frames.insert(clip.frames.end(), made.begin() + m_blend, made.end());
            addWindow(total, part);
        }
        clip.frames.resize(static_cast<std::size_t>(m_total));
        total.clip = std::move(clip);
        m_out.result = std::move(total);
        return finish();
    }

    Engine& m_engine;
    const GenerationRequest& m_request;
    int m_total;
    const GenerationCallbacks& m_callbacks;
    const LongClipOptions& m_options;
    int m_tf = 4, m_window = 0, m_k = 1, m_blend = 0, m_perExtension = 0, m_tries = 1;
    GenerationMode m_mode = GenerationMode::Auto;
    int m_stepsBefore = 0;  // steps of the windows already made (extensions may run fewer)
    LongClipResult m_out;
};

}  // namespace

LongClipResult generateLongClip(Engine& engine, const GenerationRequest& request, int totalFrames,
                                const GenerationCallbacks& callbacks,
                                const LongClipOptions& options) {
    return LongClipMaker(engine, request, totalFrames, callbacks, options).make();
}

}  // namespace kinora
