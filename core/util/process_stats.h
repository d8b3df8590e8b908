#pragma once

namespace kinora {

/// @brief Peak resident set size of this process so far, in MiB (across resetPeakRss).
double peakRssMb();

/// @brief Starts a new high-water mark of resident memory (Linux: /proc/self/clear_refs), so
/// that the peak of one phase of work can be read with peakRssSinceResetMb; peakRssMb still
/// reports the whole process's. Returns false where the mark cannot be reset.
bool resetPeakRss();

/// @brief The peak resident set size since the last resetPeakRss (or since the start), MiB.
double peakRssSinceResetMb();

/// @brief Memory the system can give a process now without swapping (MemAvailable), in
/// bytes; 0 when unknown.
long long availableMemoryBytes();

}  // namespace kinora
