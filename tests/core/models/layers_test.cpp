#include "models/layers.h"

#include <gtest/gtest.h>

namespace kinora {
namespace {

TEST(Attention, MatchesTheTextbookFormulaWithAndWithoutMask) {
    torch::manual_seed(1);
    auto q = torch::randn({2, 3, 5, 8}), k = torch::randn({2, 3, 7, 8}),
         v = torch::randn({2, 3, 7, 8});
    auto reference = [&](const torch::Tensor& mask) {
        auto s = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(8.0);
        if (mask.defined()) s = s + mask;
        return torch::matmul(torch::softmax(s, -1), v);
    };
    EXPECT_TRUE(torch::allclose(attention(q, k, v), reference({}), 1e-5, 1e-5));
    auto valid = torch::ones({2, 7}, torch::kBool);
    valid[1].narrow(0, 4, 3).fill_(false);
    const auto mask = keyPaddingMask(valid);
    EXPECT_TRUE(torch::allclose(attention(q, k, v, mask), reference(mask), 1e-5, 1e-5));
    // Padded keys get no weight: changing their values changes nothing.
    auto v2 = v.clone();
    v2[1].narrow(1, 4, 3).fill_(100.0);
    EXPECT_TRUE(
        torch::allclose(attention(q, k, v2, mask)[1], attention(q, k, v, mask)[1], 1e-5, 1e-5));
}

TEST(Rope3D, PreservesNormsAndDependsOnlyOnRelativePosition) {
    const int64_t d = 24;
    auto rope = makeRope3D(3, 4, 5, d, 10000.0, torch::kCPU);
    EXPECT_EQ(rope.cos.sizes(), (std::vector<int64_t>{60, d / 2}));
    torch::manual_seed(2);
    // The same vector placed at every position.
    auto q = torch::randn({d}).expand({1, 1, 60, d}).contiguous();
    auto k = torch::randn({d}).expand({1, 1, 60, d}).contiguous();
    auto rq = applyRope(q, rope), rk = applyRope(k, rope);
    EXPECT_TRUE(torch::allclose(rq.norm(2, -1), q.norm(2, -1), 1e-5, 1e-5));
    auto dot = [&](int64_t a, int64_t b) {
        return (rq[0][0][a] * rk[0][0][b]).sum().item<double>();
    };
    auto index = [](int64_t t, int64_t h, int64_t w) { return (t * 4 + h) * 5 + w; };
    // Shifting both positions by the same (t, h, w) offset keeps the score.
    EXPECT_NEAR(dot(index(0, 0, 0), index(1, 2, 3)), dot(index(1, 1, 1), index(2, 3, 4)), 1e-4);
    // Different offsets give different scores.
    EXPECT_GT(std::abs(dot(index(0, 0, 0), index(1, 2, 3)) - dot(index(0, 0, 0), index(2, 2, 3))),
              1e-4);
}

}  // namespace
}  // namespace kinora
