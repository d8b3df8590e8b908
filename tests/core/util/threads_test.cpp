// The automatic thread layout follows the cores other processes leave free.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <thread>

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
