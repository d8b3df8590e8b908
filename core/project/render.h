#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "pipeline/engine.h"
#include "pipeline/long_clip.h"
#include "project/project.h"

namespace kinora::project {

/// @brief Scores a try's new frames against a character's look: lower is closer.
using LookJudge = std::function<double(const std::vector<Image>& frames)>;
/// @brief Makes the judge for one character reference; throws Error when the reference
/// shows nothing it can judge.
using LookJudgeMaker = std::function<LookJudge(const Image& reference)>;

/// @brief The look of a character as the model is shown it: its first reference picture
/// when it has one (relative to `projectDir`), otherwise the world's rendering of its
/// appearance (colour, shape and size words; what is not said comes from its seed), still
/// and centred on the plain gray background, at the canvas size. Throws Error.
Image characterReference(const Character& character, const Canvas& canvas,
                         const std::string& projectDir);

/// @brief Everything a shot's generation needs, resolved from the project: expanded
/// prompt, mode, input images, context frames of its neighbour, references.
struct ShotJob {
    GenerationRequest request;
    int frames = 0;  ///< the shot's duration in frames
    /// The project's LoRA files and then the shot's, paths resolved (relative ones against
    /// the project folder): what the model's denoiser must carry for this shot.
    std::vector<LoraChoice> loras;
};
/// @brief The engine's mode for a shot of this mode (a continuous text-to-video shot is
/// made as ExtendForward: see prepareShot).
GenerationMode generationMode(ShotMode mode);

/// @brief Builds the job of shot `index`. Throws Error naming the shot when something it
/// needs is missing (an unknown @Name, a missing image, a neighbour without a take).
/// `model`: the model that will make it, when known. A model that conditions on pixels
/// (Wan VACE) is shown every reference picture of every character the shot names (as many
/// as it takes); a model that takes no reference pictures (Wan text-to-video, TI2V, I2V)
/// only reads the characters' descriptions in the expanded prompt; otherwise a shot naming
/// exactly one character is shown that character's look (characterReference), as the
/// embedded model was trained.
ShotJob prepareShot(const Project& project, int index, const std::string& projectDir,
                    const ModelInfo* model = nullptr);

/// @brief The project's LoRA files and then shot `index`'s, paths resolved (relative ones
/// against `projectDir`): ShotJob::loras without preparing the rest of the job.
std::vector<LoraChoice> shotLoras(const Project& project, int index, const std::string& projectDir);

/// @brief Gives the engine's model the LoRA files of a job when they differ from what it
/// carries (VideoModel::setLoras). Throws Error naming the shot on a file that does not fit
/// or a model that takes none.
void applyShotLoras(Engine& engine, const ShotJob& job, const std::string& shotName);

/// @brief Reads a take's frames (the lossless PNG sequence, or the video file).
Clip readTake(const Take& take, const std::string& projectDir);

struct RenderProgress {
    int shot = 0;  ///< 0-based index in the project
    int shots = 0;
    std::string shotId;
    int window = 0, windows = 1;
    StepProgress step;
};

struct RenderOptions {
    bool force = false;  ///< re-render shots that have a selected take
    /// Shots that name a character: each window is the best of this many tries by how
    /// closely it keeps the character's reference look, as `lookJudge` judges it. A
    /// reference the judge cannot read (or no judge) falls back to one try, with a message.
    int lookCandidates = 1;
    /// The judge of tries (the studio and the CLI pass eval::lookJudge); unset: one try.
    LookJudgeMaker lookJudge;
    std::string filmPath;  ///< where the cut goes; empty: no film
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(const RenderProgress&)> onProgress;
    std::function<void(const std::string&)> onMessage;  ///< one line per event
};

struct RenderReport {
    int rendered = 0;
    int skipped = 0;  ///< had a current take
    bool cancelled = false;
    std::string film;  ///< path of the film written, if any
    int filmFrames = 0;
};

/// @brief Look matching for one job (RenderOptions::lookCandidates): with `candidates` > 1
/// and a character reference in `request`, sets `options` to keep the best of that many
/// tries a window, judged by `judge` made from the reference. Returns why it fell back to
/// one try (no judge in this build, a reference the judge cannot read), or "" when it
/// matched or was not asked.
std::string matchShotLook(LongClipOptions& options, const GenerationRequest& request,
                          int candidates, const LookJudgeMaker& judge);

/// @brief Renders every shot without a selected take (all with `force`), shot by shot:
/// each take is written into the media folder, added to its shot and selected, and the
/// project is saved (atomically) at `projectPath` after every shot, so a cancel or a
/// failure keeps what was completed. Extend-backward shots are made after the shot they
/// lead into. Then, when `filmPath` is set, concatenates the selected takes with cuts.
RenderReport renderProject(Project& project, const std::string& projectPath, Engine& engine,
                           const RenderOptions& options);

/// @brief Writes a generated clip of shot `index` as a new take in the project's media
/// folder (`media/<shot>/<take>/%04d.png`, plus `.mp4` when FFmpeg is built in) and returns
/// it, filled with everything needed to make it again. The project is not changed: the
/// caller adds the take (the studio through an undoable edit). Throws Error.
Take storeTake(const Project& project, int index, const std::string& projectDir,
               const GenerationResult& result, const std::string& expandedPrompt);

/// @brief The selected takes of every shot, in order, as one clip (cuts). Throws Error
/// naming the first shot without a take.
Clip assembleFilm(const Project& project, const std::string& projectDir);

}  // namespace kinora::project
