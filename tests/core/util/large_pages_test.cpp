// Large CPU tensors on mappings of their own (transparent huge pages where the kernel
// offers them): the values are the tensor's, the memory goes back when it is freed, small
// tensors and the switched-off state keep LibTorch's allocator.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <c10/core/CPUAllocator.h>

#include "util/large_pages.h"

namespace kinora {
namespace {

// Switched off again whatever a test does, so that other tests see LibTorch's allocator.
struct LargePagesOn {
    explicit LargePagesOn(std::size_t minBytes) { setLargeTensorPages(true, minBytes); }
    ~LargePagesOn() { setLargeTensorPages(false); }
};

TEST(LargePages, LargeTensorsGetMappingsOfTheirOwnThatGoBackWhenFreed) {
    const LargePagesOn on(std::size_t(4) << 20);
    const LargePageStats before = largePageStats();
    {
        // 8 MB: mapped (rounded up to whole 2 MB pages), 2-MB aligned, and a tensor like any.
        torch::Tensor a = torch::arange(2 << 20, torch::kFloat32);
        const LargePageStats during = largePageStats();
        EXPECT_EQ(during.allocations, before.allocations + 1);
        EXPECT_EQ(during.liveBytes, before.liveBytes + (8 << 20));
        EXPECT_EQ(reinterpret_cast<std::uintptr_t>(a.data_ptr()) % (2 << 20), 0u);
        torch::Tensor b = a.mul(2).add_(1);  // the result is mapped as well
        EXPECT_EQ(largePageStats().allocations, before.allocations + 2);
        EXPECT_EQ(b[0].item<float>(), 1.0f);
        EXPECT_EQ(b[123457].item<float>(), 2.0f * 123457 + 1);
        EXPECT_EQ(b[(2 << 20) - 1].item<float>(), 2.0f * ((2 << 20) - 1) + 1);
        // Small tensors keep LibTorch's allocator.
        torch::Tensor small = torch::ones({1000});
        EXPECT_EQ(largePageStats().allocations, before.allocations + 2);
        // A size that is not a whole number of 2 MB pages is rounded up.
        torch::Tensor odd = torch::zeros({(5 << 20) / 4 + 3});
        EXPECT_EQ(largePageStats().liveBytes, before.liveBytes + (8 << 20) * 2 + (6 << 20));
        EXPECT_EQ(odd.sum().item<float>(), 0.0f);
    }
    EXPECT_EQ(largePageStats().liveBytes, before.liveBytes);  // unmapped with the tensors
}

TEST(LargePages, TheRawInterfaceAndTheSwitchedOffStateWork) {
    const LargePageStats before = largePageStats();
    {
        const LargePagesOn on(std::size_t(2) << 20);
        c10::Allocator* allocator = c10::GetCPUAllocator();  // ours, once it is installed
        void* p = allocator->raw_allocate(std::size_t(3) << 20);
        ASSERT_NE(p, nullptr);
        static_cast<char*>(p)[(3 << 20) - 1] = 7;
        EXPECT_EQ(largePageStats().liveBytes, before.liveBytes + (4 << 20));
        allocator->raw_deallocate(p);
        EXPECT_EQ(largePageStats().liveBytes, before.liveBytes);
    }
    // Off: nothing is mapped, and a tensor made while it was on is still freed rightly.
    torch::Tensor kept;
    {
        const LargePagesOn on(std::size_t(2) << 20);
        kept = torch::ones({1 << 20});
    }
    const int64_t mapped = largePageStats().allocations;
    torch::Tensor plain = torch::ones({1 << 20});
    EXPECT_EQ(largePageStats().allocations, mapped);
    EXPECT_EQ((kept + plain).sum().item<float>(), 2.0f * (1 << 20));
    kept = torch::Tensor();
    EXPECT_EQ(largePageStats().liveBytes, before.liveBytes);
}

}  // namespace
}  // namespace kinora
