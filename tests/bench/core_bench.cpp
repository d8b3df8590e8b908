// Google Benchmark micro benchmarks of the engine's hot paths (not timed tests: run
// `build/<preset>/tests/kinora_bench` by hand; ctest only checks that it runs).
#include <benchmark/benchmark.h>

#include "models/kinora/kinora_model.h"
#include "models/kinora/text_encoder.h"
#include "pipeline/given_pixels.h"
#include "sampler/flow_sampler.h"
#include "util/threads.h"

namespace kinora {
namespace {

struct Tiny {
    KinoraModel model = createRandomModel(modelConfigForSize("tiny"), 0);
    TokenBatch tokens =
        tokenizePrompts({"a big red ball bounces on the grass", ""}, model->config().text);
};

Tiny& tiny() {
    static Tiny t;
    return t;
}

// One CFG step of the default clip: DiT forward on [cond; uncond], 2 x 320 tokens.
void BM_DitForwardDefaultClip(benchmark::State& state) {
    c10::InferenceMode guard;
    Tiny& t = tiny();
    auto text = t.model->text->forward(t.tokens);
    auto ctx = t.model->dit->prepare(text, t.tokens.valid, 5, 16, 16);
    auto z = torch::randn({2, 5, 8, 16, 16});
    auto times = torch::full({2, 5}, 0.5);
    for (auto _ : state) benchmark::DoNotOptimize(t.model->dit->forward(z, times, ctx));
    const double flops = denoiserFlops(t.model->config(), 320, t.tokens.ids.size(1), 2);
    state.counters["GFLOP/s"] =
        benchmark::Counter(flops / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_DitForwardDefaultClip)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_VaeDecodeDefaultClip(benchmark::State& state) {
    c10::InferenceMode guard;
    auto z = torch::randn({1, 5, 8, 16, 16});
    for (auto _ : state) benchmark::DoNotOptimize(tiny().model->vae->decode(z));
}
BENCHMARK(BM_VaeDecodeDefaultClip)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Attention(benchmark::State& state) {
    c10::InferenceMode guard;
    const int64_t heads = state.range(0), n = state.range(1), d = 256 / heads;
    auto q = torch::randn({2, heads, n, d}), k = torch::randn({2, heads, n, d}),
         v = torch::randn({2, heads, n, d});
    for (auto _ : state) benchmark::DoNotOptimize(attention(q, k, v));
}
BENCHMARK(BM_Attention)
    ->Args({2, 320})
    ->Args({4, 320})
    ->Args({2, 1280})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Gemm(benchmark::State& state) {
    c10::InferenceMode guard;
    const int64_t n = state.range(0);
    auto a = torch::randn({n, n}), b = torch::randn({n, n}), c = torch::empty({n, n});
    for (auto _ : state) torch::mm_out(c, a, b);
    state.counters["GFLOP/s"] =
        benchmark::Counter(2.0 * n * n * n / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Gemm)->Arg(256)->Arg(1024)->Unit(benchmark::kMillisecond)->UseRealTime();

// Putting given pixels back after a VACE decode (pipeline/given_pixels.h): a 480p clip of
// Arg frames whose first frame and right half are given (a region mask on every frame:
// the most work the blend has).
void BM_PasteGiven480p(benchmark::State& state) {
    c10::InferenceMode guard;
    const int64_t T = state.range(0);
    const auto generated = torch::rand({T, 3, 480, 832}) * 2 - 1;
    const auto given = torch::rand({T, 3, 480, 832}) * 2 - 1;
    auto keep = torch::zeros({T, 1, 480, 832});
    keep[0].fill_(1.0);
    keep.slice(3, 416).fill_(1.0);
    for (auto _ : state) benchmark::DoNotOptimize(pasteGiven(generated, given, keep));
}
BENCHMARK(BM_PasteGiven480p)->Arg(17)->Arg(81)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace kinora

int main(int argc, char** argv) {
    kinora::applyThreadLayout();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
