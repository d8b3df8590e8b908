#pragma once

namespace kinora {

/// @brief Peak resident set size of this process so far, in MiB.
double peakRssMb();

}  // namespace kinora
