// A storyboard on a Wan VACE model: every character's pictures condition the shots that
// name it, the project's LoRA files go on the denoiser, continuity across shots.
#include <filesystem>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "media/png_writer.h"
#include "models/wan/wan_family.h"
#include "pipeline/engine.h"
#include "project/project.h"
#include "project/render.h"
#include "test_model.h"
#include "util/error.h"
#include "weights/safetensors.h"

namespace kinora::project {
namespace {

namespace fs = std::filesystem;

Engine& vaceEngine() {
    static Engine engine = [] {
        const std::string d = test::tempDir("render-vace") + "/model";
        wan::writeRandomWan(d, "tiny", 9, "bf16", true, "vace");
        EngineOptions o;
        o.modelDir = d;
        return Engine(o);
    }();
    return engine;
}

Image picture(int seed) {
    Image img(24, 40);
    for (std::size_t i = 0; i < img.rgb.size(); ++i)
        img.rgb[i] = static_cast<uint8_t>((i * 7 + static_cast<std::size_t>(seed) * 29) % 256);
    return img;
}

// Three shots of 9 frames: Pip alone, Pip again continuing shot 1, Pip with Bo. Pip has two
// pictures, Bo none (its look is drawn).
Project threeShots(const std::string& dir) {
    fs::create_directories(dir + "/refs");
    writePng(dir + "/refs/pip-front.png", picture(1));
    writePng(dir + "/refs/pip-side.png", picture(2));
    Project p;
    p.name = "Wan storyboard";
    p.canvas = {32, 32, 16};
    p.settings.steps = 2;
    p.settings.model = "";
    p.characters.push_back(
        {"char-1", "Pip", "a small yellow star", {"refs/pip-front.png", "refs/pip-side.png"}, 3});
    p.characters.push_back({"char-2", "Bo", "a big blue box", {}, 4});
    Shot a;
    a.id = "shot-1";
    a.prompt = "@Pip walks along the beach";
    a.duration = 9;
    a.seed = 1;
    Shot b = a;
    b.id = "shot-2";
    b.prompt = "@Pip jumps over a wave";
    b.seed = 2;
    b.continuous = true;
    Shot c = a;
    c.id = "shot-3";
    c.prompt = "@Pip meets @Bo on the sand";
    c.seed = 3;
    p.shots = {a, b, c};
    return p;
}

TEST(WanRender, EveryPictureOfEveryNamedCharacterAndTheProjectsLoras) {
    const std::string dir = test::tempDir("render-vace-refs");
    Project p = threeShots(dir);
    p.settings.loras = {{"loras/style.safetensors", 0.5}};
    const ModelInfo& info = vaceEngine().info();
    // Shot 3 names both: Pip's two pictures and Bo's drawn look.
    EXPECT_EQ(prepareShot(p, 2, dir, &info).request.references.size(), 3u);
    EXPECT_EQ(prepareShot(p, 0, dir, &info).request.references.size(), 2u);
    // A model that holds latent frames: the old rule (one character, its first picture).
    EXPECT_EQ(prepareShot(p, 2, dir).request.references.size(), 0u);
    EXPECT_EQ(prepareShot(p, 0, dir).request.references.size(), 1u);
    // A model that takes no pictures (Wan text-to-video, TI2V, I2V): the characters are
    // read from the expanded prompt only, so a shot naming one is not refused.
    for (const bool pixels : {false, true}) {  // TI2V holds latents, I2V takes pixels
        ModelInfo none = info;
        none.pixelConditioning = pixels;
        none.maxReferences = 0;
        const ShotJob described = prepareShot(p, 2, dir, &none);
        EXPECT_TRUE(described.request.references.empty());
        EXPECT_NE(described.request.prompt.find("a small yellow star"), std::string::npos)
            << described.request.prompt;
        EXPECT_TRUE(prepareShot(p, 0, dir, &none).request.references.empty());
    }
    // More pictures than the model takes: the shot says so.
    ModelInfo few = info;
    few.maxReferences = 2;
    EXPECT_NE(test::errorOf([&] { prepareShot(p, 2, dir, &few); }).find("at most 2"),
              std::string::npos);
    // LoRA paths resolve against the project folder; the shot's follow the project's.
    p.shots[2].loras = {{"/abs/detail.safetensors", 1.0}};
    const ShotJob job = prepareShot(p, 2, dir, &info);
    ASSERT_EQ(job.loras.size(), 2u);
    EXPECT_EQ(job.loras[0].path, (fs::path(dir) / "loras/style.safetensors").string());
    EXPECT_EQ(job.loras[0].strength, 0.5);
    EXPECT_EQ(job.loras[1].path, "/abs/detail.safetensors");
    // Pictures of another shape: cropped unless the project says bars.
    EXPECT_EQ(job.request.imageFit, ImageFit::Crop);
    p.settings.imageFit = "bars";
    EXPECT_EQ(prepareShot(p, 2, dir, &info).request.imageFit, ImageFit::Bars);
    // Saved and loaded (project version 3) as they were.
    saveProject(p, dir + "/p.kinora");
    EXPECT_EQ(loadProject(dir + "/p.kinora"), p);
}

TEST(WanRender, AThreeShotStoryboardWithASharedCharacterAndALora) {
    const std::string dir = test::tempDir("render-vace-film");
    const std::string path = dir + "/film.kinora";
    Project p = threeShots(dir);
    fs::create_directories(dir + "/loras");
    writeSafetensors(dir + "/loras/style.safetensors",
                     {{"diffusion_model.blocks.1.ffn.2.lora_down.weight", torch::ones({2, 256})},
                      {"diffusion_model.blocks.1.ffn.2.lora_up.weight", torch::ones({128, 2})}});
    p.settings.loras = {{"loras/style.safetensors", 0.1}};
    saveProject(p, path);
    RenderOptions options;
    options.filmPath = dir + "/cut.mp4";
    const RenderReport report = renderProject(p, path, vaceEngine(), options);
    EXPECT_EQ(report.rendered, 3);
    EXPECT_EQ(report.filmFrames, 27);
    ASSERT_EQ(vaceEngine().info().loras.size(), 1u);
    EXPECT_EQ(vaceEngine().info().loras[0].strength, 0.1);
    const Project saved = loadProject(path);
    for (const auto& s : saved.shots) {
        ASSERT_NE(s.selected(), nullptr) << s.id;
        EXPECT_EQ(s.selected()->frameCount, 9) << s.id;
        EXPECT_EQ(s.selected()->model, "Wan2.1-VACE-dim128x2");
    }
    // A LoRA for another model stops the render at the first shot, naming it; the
    // completed takes and the document stay as they were.
    writeSafetensors(dir + "/loras/big.safetensors",
                     {{"diffusion_model.blocks.0.ffn.0.lora_down.weight", torch::ones({2, 5120})},
                      {"diffusion_model.blocks.0.ffn.0.lora_up.weight", torch::ones({13824, 2})}});
    Project again = loadProject(path);
    again.settings.loras = {{"loras/big.safetensors", 1.0}};
    RenderOptions force;
    force.force = true;
    const std::string e = test::errorOf([&] { renderProject(again, path, vaceEngine(), force); });
    EXPECT_NE(e.find("shot 1"), std::string::npos) << e;
    EXPECT_NE(e.find("do not fit"), std::string::npos) << e;
    EXPECT_EQ(loadProject(path), saved);
    vaceEngine().setLoras({});
    EXPECT_TRUE(vaceEngine().info().loras.empty());
}

}  // namespace
}  // namespace kinora::project
