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

// `n` other processes spinning on a core each while it lives (killed at the end).
class BusyProcesses {
public:
    explicit BusyProcesses(int n) {
        for (int i = 0; i < n; ++i) {
            const pid_t pid = fork();
            if (pid == 0) {
                volatile uint64_t x = 0;
                for (;;) x = x + 1;
            }
            if (pid > 0) m_pids.push_back(pid);
        }
    }
    ~BusyProcesses() {
        for (pid_t pid : m_pids) kill(pid, SIGKILL);
        for (pid_t pid : m_pids) waitpid(pid, nullptr, 0);
    }
    BusyProcesses(const BusyProcesses&) = delete;
    BusyProcesses& operator=(const BusyProcesses&) = delete;
    int count() const { return static_cast<int>(m_pids.size()); }

private:
    std::vector<pid_t> m_pids;
};

TEST(Threads, FreeCoresLeaveOutWhatOtherProcessesKeepBusy) {
    const int mine = hardwareThreads();
    const int idle = freeCores(100);
    EXPECT_GE(idle, 1);
    EXPECT_LE(idle, mine);
    if (mine < 2) GTEST_SKIP() << "one core: nothing to leave out";
    // Another process spinning on every core but one: at most one is left to us (other
    // tests may take more, never fewer).
    const BusyProcesses busy(mine - 1);
    ASSERT_EQ(busy.count(), mine - 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // they are running
    const int loaded = freeCores(300);
    EXPECT_EQ(loaded, 1) << mine << " cores, " << busy.count() << " busy";
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
    const BusyProcesses busy(mine - 1);
    ASSERT_EQ(busy.count(), mine - 1);
    // This process keeps working meanwhile (as a generation does): its own share is left out.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(400);
    volatile uint64_t work = 0;
    while (std::chrono::steady_clock::now() < until) work = work + 1;
    const int loaded = watch.poll(250);
    EXPECT_EQ(loaded, 1) << mine << " cores, " << busy.count() << " busy";
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
