// The automatic thread layout follows the cores other processes leave free.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include "util/threads.h"

namespace kinora {
namespace {

TEST(Threads, FreeCoresLeaveOutWhatOtherProcessesKeepBusy) {
    const int mine = hardwareThreads();
    const int idle = freeCores(100);
    EXPECT_GE(idle, 1);
    EXPECT_LE(idle, mine);
    if (mine < 2) GTEST_SKIP() << "one core: nothing to leave out";
    // Another process spinning on every core but one: at most one is left to us (other
    // tests may take more, never fewer).
    std::vector<pid_t> busy;
    for (int i = 0; i < mine - 1; ++i) {
        const pid_t pid = fork();
        if (pid == 0) {
            volatile uint64_t x = 0;
            for (;;) x = x + 1;
        }
        ASSERT_GT(pid, 0);
        busy.push_back(pid);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // they are running
    const int loaded = freeCores(300);
    for (pid_t pid : busy) kill(pid, SIGKILL);
    for (pid_t pid : busy) waitpid(pid, nullptr, 0);
    EXPECT_EQ(loaded, 1) << mine << " cores, " << busy.size() << " busy";
}

// The watch reads the same counters without pausing: a reading covers the time since the
// previous one, so a process that starts spinning between two readings shows in the next.
TEST(Threads, AWatchSeesABusyProcessStartBetweenReadings) {
    const int mine = hardwareThreads();
    FreeCoreWatch watch;
    EXPECT_EQ(watch.poll(60000), -1) << "a window shorter than asked gives no reading";
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const int idle = watch.poll(250);
    EXPECT_GE(idle, 1);
    EXPECT_LE(idle, mine);
    EXPECT_EQ(watch.poll(250), -1) << "the window starts again at each reading";
    if (mine < 2) GTEST_SKIP() << "one core: nothing to leave out";
    std::vector<pid_t> busy;
    for (int i = 0; i < mine - 1; ++i) {
        const pid_t pid = fork();
        if (pid == 0) {
            volatile uint64_t x = 0;
            for (;;) x = x + 1;
        }
        ASSERT_GT(pid, 0);
        busy.push_back(pid);
    }
    // This process keeps working meanwhile (as a generation does): its own share is left out.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(400);
    volatile uint64_t work = 0;
    while (std::chrono::steady_clock::now() < until) work = work + 1;
    const int loaded = watch.poll(250);
    for (pid_t pid : busy) kill(pid, SIGKILL);
    for (pid_t pid : busy) waitpid(pid, nullptr, 0);
    EXPECT_EQ(loaded, 1) << mine << " cores, " << busy.size() << " busy";
}

// Adapting to a measured count: clamped to the machine, and never for a fixed layout.
TEST(Threads, AdaptingToACountSetsTheSplitOnlyWhenAutomatic) {
    AppliedThreads automatic;
    automatic.blas = "other";
    automatic.adaptive = true;
    automatic.cores = 1;
    automatic.torchThreads = 1;
    const AppliedThreads more = adaptThreads(automatic, 1000);
    EXPECT_EQ(more.cores, hardwareThreads());
    EXPECT_EQ(more.torchThreads, hardwareThreads());
    const AppliedThreads fewer = adaptThreads(more, 0);
    EXPECT_EQ(fewer.cores, 1);
    EXPECT_EQ(fewer.torchThreads, 1);
    AppliedThreads fixed = automatic;
    fixed.adaptive = false;
    EXPECT_EQ(adaptThreads(fixed, 1000).cores, 1);
}

TEST(Threads, AFixedLayoutStaysAsItIs) {
    AppliedThreads fixed;
    fixed.blas = "other";
    fixed.adaptive = false;
    fixed.cores = 3;
    fixed.torchThreads = 3;
    const AppliedThreads after = adaptThreads(fixed);
    EXPECT_EQ(after.cores, 3);
    EXPECT_EQ(after.torchThreads, 3);
    EXPECT_FALSE(after.adaptive);
}

}  // namespace
}  // namespace kinora
