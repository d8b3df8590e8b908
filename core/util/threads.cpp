#include "util/threads.h"

#include <dlfcn.h>
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <unistd.h>

#include <torch/torch.h>

#include "util/memory.h"

namespace kinora {

int hardwareThreads() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        const int n = CPU_COUNT(&set);
        if (n > 0) return n;
    }
    const unsigned n = std::thread::hardware_concurrency();
    return n > 0 ? static_cast<int>(n) : 1;
}

namespace {

// Busy and total jiffies of the whole machine ("cpu" line of /proc/stat).
bool machineTicks(uint64_t* busy, uint64_t* total) {
    std::ifstream in("/proc/stat");
    std::string cpu;
    uint64_t v[8] = {};
    if (!(in >> cpu) || cpu != "cpu") return false;
    for (uint64_t& x : v)
        if (!(in >> x)) return false;
    // user nice system idle iowait irq softirq steal
    *busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
    *total = *busy + v[3] + v[4];
    return true;
}

// This process's user + system jiffies (/proc/self/stat fields 14 and 15).
bool ownTicks(uint64_t* ticks) {
    std::ifstream in("/proc/self/stat");
    std::string line;
    if (!std::getline(in, line)) return false;
    const auto close = line.rfind(')');  // the command name may hold spaces
    if (close == std::string::npos) return false;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    uint64_t utime = 0, stime = 0;
    for (int i = 3; i <= 15; ++i) {
        if (!(rest >> field)) return false;
        if (i == 14) utime = std::strtoull(field.c_str(), nullptr, 10);
        if (i == 15) stime = std::strtoull(field.c_str(), nullptr, 10);
    }
    *ticks = utime + stime;
    return true;
}

int onlineCpus() {
    const long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? static_cast<int>(n) : 1;
}

void setLayout(AppliedThreads& applied, int cores) {
    applied.cores = cores;
    if (applied.blas == "openblas-pthread") {
        applied.torchThreads = 1;
        applied.blasThreads = cores;
    } else {
        applied.torchThreads = cores;
        if (applied.blas == "openblas-openmp") applied.blasThreads = cores;
    }
    torch::set_num_threads(std::max(1, applied.torchThreads));
    using SetThreads = void (*)(int);
    auto* setter = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    if (setter != nullptr && applied.blas != "openblas-sequential" && applied.blasThreads > 0)
        setter(applied.blasThreads);
}

}  // namespace

namespace {

// The free cores between two readings of the counters: what the machine spent less this
// process's own share; -1 when the window holds no ticks.
int freeCoresBetween(uint64_t busy0, uint64_t total0, uint64_t own0, uint64_t busy1,
                     uint64_t total1, uint64_t own1) {
    if (total1 <= total0) return -1;
    const int mine = hardwareThreads();
    // /proc/stat sums every CPU: its share times the CPU count is cores kept busy.
    const double cpus = onlineCpus();
    const double window = double(total1 - total0) / cpus;  // jiffies of one CPU
    const double busyCores = double(busy1 - busy0) / window;
    const double ownCores = double(own1 - own0) / window;
    const double others = std::max(0.0, busyCores - ownCores);
    // Other processes may run on CPUs outside our affinity; count at most our own cores.
    const int taken = std::min(mine - 1, static_cast<int>(std::lround(others)));
    return std::max(1, mine - std::max(0, taken));
}

}  // namespace

int freeCores(int windowMs) {
    const int mine = hardwareThreads();
    uint64_t busy0 = 0, total0 = 0, own0 = 0, busy1 = 0, total1 = 0, own1 = 0;
    if (!machineTicks(&busy0, &total0) || !ownTicks(&own0)) return mine;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::max(10, windowMs)));
    if (!machineTicks(&busy1, &total1) || !ownTicks(&own1)) return mine;
    const int free = freeCoresBetween(busy0, total0, own0, busy1, total1, own1);
    return free > 0 ? free : mine;
}

FreeCoreWatch::FreeCoreWatch() {
    m_valid = machineTicks(&m_busy, &m_total) && ownTicks(&m_own);
    m_start = std::chrono::steady_clock::now();
}

int FreeCoreWatch::poll(int minMs) {
    if (!m_valid) return -1;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_start < std::chrono::milliseconds(minMs)) return -1;
    uint64_t busy = 0, total = 0, own = 0;
    if (!machineTicks(&busy, &total) || !ownTicks(&own)) return -1;
    const int free = freeCoresBetween(m_busy, m_total, m_own, busy, total, own);
    if (free < 0) return -1;  // no tick yet: keep the window open
    m_busy = busy;
    m_total = total;
    m_own = own;
    m_start = now;
    return free;
}

AppliedThreads adaptThreads(const AppliedThreads& current) {
    if (!current.adaptive) return current;
    return adaptThreads(current, freeCores());
}

AppliedThreads adaptThreads(const AppliedThreads& current, int cores) {
    cores = std::clamp(cores, 1, hardwareThreads());
    if (!current.adaptive || cores == current.cores) return current;
    AppliedThreads next = current;
    setLayout(next, cores);
    return next;
}

AppliedThreads applyThreadLayout(const ThreadLayout& layout) {
    keepFreedMemoryForReuse();  // the other half of setting a process up for tensor work
    // Unset, OMP_NUM_THREADS (the usual way to share a machine, as ctest -j does) wins
    // over the core count; neither given, the layout follows the free cores.
    int cores = layout.threads > 0 ? layout.threads : hardwareThreads();
    bool adaptive = layout.threads <= 0;
    if (layout.threads <= 0)
        if (const char* env = std::getenv("OMP_NUM_THREADS");
            env != nullptr && std::atoi(env) > 0) {
            cores = std::min(cores, std::atoi(env));
            adaptive = false;
        }
    if (adaptive) cores = freeCores();
    // Debian's libtorch links the generic libblas.so.3; the alternatives system makes it
    // OpenBLAS when installed. Its functions are found at run time, not link time.
    using GetParallel = int (*)();
    const bool openblas = dlsym(RTLD_DEFAULT, "openblas_set_num_threads") != nullptr;
    auto* parallel = reinterpret_cast<GetParallel>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
    // 0 sequential, 1 pthreads, 2 OpenMP; an OpenBLAS too old to say is taken as pthreads.
    const int mode = !openblas ? -1 : parallel != nullptr ? parallel() : 1;
    AppliedThreads applied;
    applied.blas = mode == 0   ? "openblas-sequential"
                   : mode == 1 ? "openblas-pthread"
                   : mode == 2 ? "openblas-openmp"
                               : "other";
    applied.blasThreads = mode == 0 ? 1 : 0;
    applied.adaptive = adaptive;
    setLayout(applied, cores);  // the split of `cores` between torch and the BLAS
    return applied;
}

}  // namespace kinora
