#include "project/render.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>

#include "media/clip_writer.h"
#include "media/image_import.h"
#include "project/files.h"
#include "project/mentions.h"
#include "provenance/delivery.h"
#include "util/error.h"
#include "util/files.h"
#include "util/image.h"
#include "world/appearance.h"
#include "world/renderer.h"

namespace fs = std::filesystem;

namespace kinora::project {

namespace {

std::string shotName(const Project& p, int index) {
    return "shot " + std::to_string(index + 1) + " (" +
           p.shots[static_cast<std::size_t>(index)].id + ")";
}

/// The project file `relative` as a path to open. The document's paths were validated
/// (no absolute path, no "..", no URL); this also refuses one that a symbolic link inside
/// the project leads outside it, before anything is read from or written through it.
std::string resolve(const std::string& projectDir, const std::string& relative) {
    const std::string path = (fs::path(projectDir) / relative).lexically_normal().string();
    if (!staysInside(projectDir, path))
        throw Error(printablePath(relative) +
                    ": leads outside the project folder (through a symbolic link); media must "
                    "live inside the project");
    return path;
}

std::string nowIso8601() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

Image characterReference(const Character& character, const Canvas& canvas,
                         const std::string& projectDir) {
    if (!character.referenceImages.empty())
        return fitImageToCanvas(readImage(resolve(projectDir, character.referenceImages.front())),
                                canvas.width, canvas.height);
    const world::Appearance a = world::parseAppearance(character.appearance);
    world::CharacterSpec c;
    c.name = character.name;
    c.colour = a.colour.value_or(world::kColours[character.seed % world::kColours.size()]);
    c.shape = a.shape.value_or(world::kShapes[(character.seed / 8) % world::kShapes.size()]);
    c.size = a.size.value_or(world::Size::Large);
    const world::SceneSpec scene =
        world::referenceStill(c, canvas.width, canvas.height, canvas.fps, character.seed);
    return world::renderFrame(scene, 0);
}

Clip readTake(const Take& take, const std::string& projectDir) {
    const std::string path = resolve(projectDir, take.frames.empty() ? take.file : take.frames);
    Clip clip = readClip(path, take.fps > 0 ? take.fps : 8);
    if (take.fps > 0) clip.fps = take.fps;
    if (take.watermarkId != 0) clip.watermarkIds = {take.watermarkId};
    return clip;
}

GenerationMode generationMode(ShotMode m) {
    switch (m) {
        case ShotMode::TextToVideo:
            return GenerationMode::TextToVideo;
        case ShotMode::ImageToVideo:
            return GenerationMode::ImageToVideo;
        case ShotMode::ExtendForward:
            return GenerationMode::ExtendForward;
        case ShotMode::ExtendBackward:
            return GenerationMode::ExtendBackward;
        case ShotMode::Connect:
            return GenerationMode::Connect;
        case ShotMode::Loop:
            return GenerationMode::Loop;
    }
    return GenerationMode::TextToVideo;
}

ShotJob prepareShot(const Project& project, int index, const std::string& projectDir,
                    const ModelInfo* model) {
    if (index < 0 || index >= static_cast<int>(project.shots.size()))
        throw Error("shot " + std::to_string(index + 1) + " does not exist");
    const Shot& shot = project.shots[static_cast<std::size_t>(index)];
    const std::string where = shotName(project, index);
    ShotJob job;
    job.frames = shot.duration;
    GenerationRequest& r = job.request;
    try {
        r.prompt = expandMentions(shot.prompt, project);
        if (!shot.negativePrompt.empty()) r.negativePrompt = shot.negativePrompt;
    } catch (const Error& e) {
        throw Error(where + ": " + e.what());
    }
    r.seed = shot.seed;
    r.width = project.canvas.width;
    r.height = project.canvas.height;
    r.fps = project.canvas.fps;
    // The project's settings say "the model's default" with 0 steps and negative strengths.
    if (project.settings.steps > 0) r.steps = project.settings.steps;
    if (project.settings.guidance >= 0.0) r.guidance = project.settings.guidance;
    if (project.settings.referenceGuidance >= 0.0)
        r.referenceGuidance = project.settings.referenceGuidance;
    r.mode = generationMode(shot.mode);
    r.imageFit = project.settings.imageFit == "bars" ? ImageFit::Bars : ImageFit::Crop;
    auto image = [&](const std::string& rel) {
        try {
            return readImage(resolve(projectDir, rel));
        } catch (const Error& e) {
            throw Error(where + ": " + e.what());
        }
    };
    if (!shot.inputs.firstImage.empty()) r.firstFrame = image(shot.inputs.firstImage);
    if (!shot.inputs.lastImage.empty()) r.lastFrame = image(shot.inputs.lastImage);
    // A continuous shot (or extend-forward) grows out of the previous take's last frames.
    if (shot.mode == ShotMode::ExtendForward || shot.continuous) {
        if (index == 0) throw Error(where + ": there is no shot before it to continue");
        const Shot& prev = project.shots[static_cast<std::size_t>(index - 1)];
        const Take* take = prev.selected();
        if (!take)
            throw Error(where + ": continues " + shotName(project, index - 1) +
                        ", which has no take yet");
        r.context = readTake(*take, projectDir).frames;
        if (shot.mode != ShotMode::ExtendForward) {
            if (shot.mode != ShotMode::TextToVideo)
                throw Error(where +
                            ": a continuous shot is made by extension; its mode must be "
                            "text-to-video or extend-forward");
            r.mode = GenerationMode::ExtendForward;
        }
    }
    if (shot.mode == ShotMode::ExtendBackward) {
        if (index + 1 >= static_cast<int>(project.shots.size()))
            throw Error(where + ": there is no shot after it to lead into");
        const Take* take = project.shots[static_cast<std::size_t>(index + 1)].selected();
        if (!take)
            throw Error(where + ": leads into " + shotName(project, index + 1) +
                        ", which has no take yet");
        r.context = readTake(*take, projectDir).frames;
    }
    const auto mentioned = mentionedCharacters(shot.prompt, project);
    if (model && model->maxReferences == 0) {
        // A model that takes no pictures (Wan text-to-video, TI2V, I2V): the characters
        // are read from their descriptions in the expanded prompt.
    } else if (model && model->pixelConditioning) {
        // Every picture of every character it names (their looks, when they have none).
        for (const Character* c : mentioned) {
            if (c->referenceImages.empty()) {
                r.references.push_back(characterReference(*c, project.canvas, projectDir));
                continue;
            }
            for (const auto& rel : c->referenceImages) r.references.push_back(image(rel));
        }
        if (r.references.size() > static_cast<std::size_t>(model->maxReferences))
            throw Error(where + ": its characters have " + std::to_string(r.references.size()) +
                        " reference pictures; " + model->name + " takes at most " +
                        std::to_string(model->maxReferences) + " a shot");
    } else if (mentioned.size() == 1) {
        // One character in the shot: show the model what it looks like.
        r.references.push_back(characterReference(*mentioned.front(), project.canvas, projectDir));
    }
    job.loras = shotLoras(project, index, projectDir);
    return job;
}

std::vector<LoraChoice> shotLoras(const Project& project, int index,
                                  const std::string& projectDir) {
    if (index < 0 || index >= static_cast<int>(project.shots.size()))
        throw Error("shot " + std::to_string(index + 1) + " does not exist");
    std::vector<LoraChoice> out;
    auto add = [&](const LoraUse& u) {
        const fs::path p(u.file);
        out.push_back(LoraChoice{p.is_absolute() ? u.file : (fs::path(projectDir) / p).string(),
                                 u.strength, u.expert});
    };
    for (const auto& u : project.settings.loras) add(u);
    for (const auto& u : project.shots[static_cast<std::size_t>(index)].loras) add(u);
    return out;
}

void applyShotLoras(Engine& engine, const ShotJob& job, const std::string& shotName) {
    const auto& current = engine.info().loras;
    const bool same =
        current.size() == job.loras.size() &&
        std::equal(current.begin(), current.end(), job.loras.begin(),
                   [](const LoraChoice& a, const LoraChoice& b) {
                       return a.path == b.path && a.strength == b.strength && a.expert == b.expert;
                   });
    if (same) return;
    try {
        engine.setLoras(job.loras);
    } catch (const Error& e) {
        throw Error(shotName + ": " + e.what(), e.kind());
    }
}

Take storeTake(const Project& project, int index, const std::string& projectDir,
               const GenerationResult& result, const std::string& expandedPrompt) {
    if (index < 0 || index >= static_cast<int>(project.shots.size()))
        throw Error("shot " + std::to_string(index + 1) + " does not exist");
    if (result.clip.frames.empty()) throw Error(shotName(project, index) + ": no frames to store");
    const Shot& shot = project.shots[static_cast<std::size_t>(index)];
    // The shot id names a folder: never a path (the document is validated when loaded;
    // this guards callers that built the project in memory).
    if (!validId(shot.id))
        throw Error(shotName(project, index) + ": the shot id is not a plain name");
    // A fresh take id, unused in the document and on disk (an undone take keeps its files).
    Take take;
    for (int n = 1;; ++n) {
        take.id = "take-" + std::to_string(n);
        bool used = false;
        for (const auto& t : shot.takes) used = used || t.id == take.id;
        const fs::path dir =
            fs::path(projectDir) / project.settings.mediaFolder / shot.id / take.id;
        if (!used && !fs::exists(dir) && !fs::exists(dir.string() + ".mp4")) break;
    }
    const std::string rel = project.settings.mediaFolder + "/" + shot.id + "/" + take.id;
    Clip clip = result.clip;
    clip.fps = project.canvas.fps;
    // Lossless frames, and a playable file.
    take.frames = rel + "/%04d.png";
    writeClip(clip, resolve(projectDir, take.frames));
    if (canWriteMp4()) {
        take.file = rel + ".mp4";
        writeClip(clip, resolve(projectDir, take.file));
    }
    take.frameCount = static_cast<int>(clip.frames.size());
    take.width = clip.width();
    take.height = clip.height();
    take.fps = project.canvas.fps;
    take.seed = result.seed;
    take.steps = result.steps;
    take.guidance = result.guidance;
    take.referenceGuidance = result.referenceGuidance;
    take.mode = name(shot.mode);
    take.expandedPrompt = expandedPrompt;
    take.model = result.modelName;
    take.createdAt = nowIso8601();
    take.generator = std::string("Kinora Studio ") + KINORA_VERSION;
    take.watermarkId = result.watermarkId;
    return take;
}

Clip assembleFilm(const Project& project, const std::string& projectDir) {
    Clip film;
    film.fps = project.canvas.fps;
    for (std::size_t i = 0; i < project.shots.size(); ++i) {
        const Take* take = project.shots[i].selected();
        if (!take)
            throw Error(shotName(project, static_cast<int>(i)) + " has no take; render it first");
        Clip clip = readTake(*take, projectDir);
        for (uint32_t id : clip.watermarkIds)
            if (std::find(film.watermarkIds.begin(), film.watermarkIds.end(), id) ==
                film.watermarkIds.end())
                film.watermarkIds.push_back(id);
        for (auto& f : clip.frames) {
            if (f.width != project.canvas.width || f.height != project.canvas.height)
                f = fitImageToCanvas(f, project.canvas.width, project.canvas.height);
            film.frames.push_back(std::move(f));
        }
    }
    if (film.frames.empty()) throw Error("the project has no shots to put in a film");
    return film;
}

std::string matchShotLook(LongClipOptions& options, const GenerationRequest& request,
                          int candidates, const LookJudgeMaker& judge) {
    if (candidates <= 1 || request.references.empty()) return "";
    if (!judge) return "look matching is not available in this build";
    try {
        options.judge = judge(request.references.front());
        options.candidates = candidates;
        return "";
    } catch (const Error& e) {
        return e.what();
    }
}

RenderReport renderProject(Project& project, const std::string& projectPath, Engine& engine,
                           const RenderOptions& options) {
    validate(project);
    const std::string projectDir = fs::path(projectPath).parent_path().string().empty()
                                       ? std::string(".")
                                       : fs::path(projectPath).parent_path().string();
    // The film never replaces the project file or one of its takes, images or frames.
    if (!options.filmPath.empty()) {
        bool clash = samePath(options.filmPath, projectPath);
        for (const auto& rel : referencedFiles(project, projectDir))
            clash = clash || samePath(options.filmPath, resolve(projectDir, rel));
        for (const auto& shot : project.shots)
            for (const auto& take : shot.takes)
                clash = clash ||
                        (!take.frames.empty() &&
                         samePath(options.filmPath, (fs::path(projectDir) / take.frames).string()));
        if (clash)
            throw Error("the film " + printablePath(options.filmPath) +
                        " would replace the project or one of its files; choose another name");
    }
    // Takes are written under the media folder: refuse one that leads outside the project
    // (a symbolic link) before a shot is generated, not after.
    resolve(projectDir, project.settings.mediaFolder);
    RenderReport report;
    auto say = [&](const std::string& line) {
        if (options.onMessage) options.onMessage(line);
    };
    // Extend-backward shots need the shot after them: make them in a second pass.
    std::vector<int> order;
    for (int pass = 0; pass < 2; ++pass)
        for (int i = 0; i < static_cast<int>(project.shots.size()); ++i)
            if ((project.shots[static_cast<std::size_t>(i)].mode == ShotMode::ExtendBackward) ==
                (pass == 1))
                order.push_back(i);
    const int shots = static_cast<int>(project.shots.size());
    for (int i : order) {
        if (options.cancel && options.cancel->load()) {
            report.cancelled = true;
            break;
        }
        const Shot& shot = project.shots[static_cast<std::size_t>(i)];
        if (shot.selected() && !options.force) {
            ++report.skipped;
            continue;
        }
        ShotJob job = prepareShot(project, i, projectDir, &engine.info());
        applyShotLoras(engine, job, shotName(project, i));
        GenerationCallbacks cb;
        cb.cancel = options.cancel;
        RenderProgress progress;
        progress.shot = i;
        progress.shots = shots;
        progress.shotId = shot.id;
        if (options.onProgress)
            cb.onProgress = [&](const StepProgress& p) {
                progress.step = p;
                options.onProgress(progress);
            };
        LongClipOptions lc;
        lc.onWindow = [&](int w, int n) {
            progress.window = w;
            progress.windows = n;
        };
        say("rendering " + shotName(project, i) + ": " + std::to_string(job.frames) + " frames, " +
            name(shot.mode));
        const std::string fallback =
            matchShotLook(lc, job.request, options.lookCandidates, options.lookJudge);
        if (!fallback.empty()) say("  one try a window: " + fallback);
        if (lc.candidates > 1)
            say("  best of " + std::to_string(lc.candidates) +
                " tries a window, by the character's look");
        LongClipResult made = generateLongClip(engine, job.request, job.frames, cb, lc);
        if (made.result.cancelled) {
            report.cancelled = true;
            say("cancelled during " + shotName(project, i) + "; completed takes are kept");
            break;
        }
        Take take = storeTake(project, i, projectDir, made.result, job.request.prompt);
        Shot updated = shot;
        updated.takes.push_back(take);
        updated.selectedTake = take.id;
        project.shots[static_cast<std::size_t>(i)] = updated;
        saveProject(project, projectPath);
        ++report.rendered;
        say("  " + take.frames + " (" + std::to_string(take.frameCount) + " frames, seed " +
            std::to_string(take.seed) + ", " + std::to_string(made.windows) + " window" +
            (made.windows == 1 ? "" : "s") + ")");
    }
    if (!report.cancelled && !options.filmPath.empty()) {
        Clip film = assembleFilm(project, projectDir);
        writeClip(film, options.filmPath);
        report.film = options.filmPath;
        report.filmFrames = static_cast<int>(film.frames.size());
        say("film: " + options.filmPath + " (" + std::to_string(report.filmFrames) + " frames)");
    }
    return report;
}

}  // namespace kinora::project
