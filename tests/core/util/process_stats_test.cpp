// Peak resident memory per phase: the high-water mark can be started again, and the
// process's own peak survives that.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "util/process_stats.h"

namespace kinora {
namespace {

TEST(ProcessStats, APhasePeakStartsAgainAndTheProcessPeakRemains) {
    if (!resetPeakRss()) GTEST_SKIP() << "this kernel cannot reset the peak RSS";
    const double base = peakRssSinceResetMb();
    {
        // 256 MB touched page by page, then freed.
        const std::size_t bytes = std::size_t{256} << 20;
        std::unique_ptr<char[]> block(new char[bytes]);
        std::memset(block.get(), 1, bytes);
        volatile char sink = block[bytes - 1];  // the pages are really written
        (void)sink;
        EXPECT_GT(peakRssSinceResetMb(), base + 200.0);
    }
    const double high = peakRssMb();
    EXPECT_GT(high, base + 200.0);
    ASSERT_TRUE(resetPeakRss());
    // The new phase has not touched those pages again: its peak is far below the old one.
    EXPECT_LT(peakRssSinceResetMb(), high - 150.0);
    // The whole process's peak still counts the first phase.
    EXPECT_GE(peakRssMb(), high);
}

}  // namespace
}  // namespace kinora
