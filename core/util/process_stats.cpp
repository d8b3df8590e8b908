#include "util/process_stats.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <string>

#include <sys/resource.h>

namespace kinora {

namespace {

// The highest mark seen before a reset (MiB, as bits of a double).
std::atomic<double> g_peakBeforeReset{0.0};

double statusMb(const std::string& key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.compare(0, key.size(), key) == 0)
            return std::strtod(line.c_str() + key.size(), nullptr) / 1024.0;  // kB
    return 0.0;
}

}  // namespace

double peakRssSinceResetMb() {
    const double hwm = statusMb("VmHWM:");
    if (hwm > 0.0) return hwm;
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0) return 0.0;
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double peakRssMb() {
    return std::max(g_peakBeforeReset.load(), peakRssSinceResetMb());
}

bool resetPeakRss() {
    const double before = peakRssSinceResetMb();
    double seen = g_peakBeforeReset.load();
    while (before > seen && !g_peakBeforeReset.compare_exchange_weak(seen, before)) {
    }
    std::ofstream out("/proc/self/clear_refs");
    out << "5";  // reset the peak RSS (Documentation/filesystems/proc.rst)
    out.flush();
    return static_cast<bool>(out);
}

long long availableMemoryBytes() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    long long value = 0;
    std::string unit;
    while (in >> key >> value) {
        std::getline(in, unit);
        if (key == "MemAvailable:") return value * 1024;
    }
    return 0;
}

}  // namespace kinora
