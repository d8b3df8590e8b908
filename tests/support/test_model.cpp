#include "test_model.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "models/kinora/kinora_model.h"
#include "pipeline/engine.h"
#include "util/error.h"

namespace kinora::test {

namespace fs = std::filesystem;

namespace {
struct Cleanup {
    std::vector<fs::path> dirs;
    ~Cleanup() {
        std::error_code ec;
        for (const auto& d : dirs) fs::remove_all(d, ec);
    }
};
Cleanup& cleanup() {
    static Cleanup c;
    return c;
}
}  // namespace

std::string tempDir(const std::string& tag) {
    static std::atomic<int> counter{0};
    const fs::path dir =
        fs::temp_directory_path() /
        ("kinora-test-" + tag + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    cleanup().dirs.push_back(dir);
    return dir.string();
}

const std::string& testModelDir() {
    static const std::string dir = [] {
        const std::string d = tempDir("model");
        KinoraModel model = createRandomModel(modelConfigForSize("test"), 7);
        {
            torch::NoGradGuard noGrad;
            torch::manual_seed(11);
            for (auto& p : model->dit->named_parameters())
                if (p.key().rfind("head.", 0) == 0) p.value().normal_(0.0, 0.05);
        }
        saveModel(model, d);
        return d;
    }();
    return dir;
}

Engine& testEngine() {
    static Engine engine([] {
        EngineOptions o;
        o.modelDir = testModelDir();
        return o;
    }());
    return engine;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace kinora::test
