#pragma once

namespace kinora {

/// @brief Peak resident set size of this process so far, in MiB.
double peakRssMb();

/// @brief Memory the system can give a process now without swapping (MemAvailable), in
/// bytes; 0 when unknown.
long long availableMemoryBytes();

}  // namespace kinora
