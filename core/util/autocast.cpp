#include "util/autocast.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#ifndef TORCH_VERSION_MAJOR
#error "LibTorch does not define TORCH_VERSION_MAJOR; the autocast API cannot be chosen"
#endif

namespace kinora {

namespace {

// LibTorch 2.4 made autocast device-generic (set_autocast_enabled(device, on)) and
// deprecated the per-device calls that 1.13 has (set_cpu_enabled, set_enabled for CUDA).
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
bool isEnabled(c10::DeviceType d) {
    return at::autocast::is_autocast_enabled(d);
}
void setEnabled(c10::DeviceType d, bool on) {
    at::autocast::set_autocast_enabled(d, on);
}
c10::ScalarType dtypeOf(c10::DeviceType d) {
    return at::autocast::get_autocast_dtype(d);
}
void setDtype(c10::DeviceType d, c10::ScalarType t) {
    at::autocast::set_autocast_dtype(d, t);
}
#else
bool cpu(c10::DeviceType d) {
    return d == c10::DeviceType::CPU;
}
bool isEnabled(c10::DeviceType d) {
    return cpu(d) ? at::autocast::is_cpu_enabled() : at::autocast::is_enabled();
}
void setEnabled(c10::DeviceType d, bool on) {
    cpu(d) ? at::autocast::set_cpu_enabled(on) : at::autocast::set_enabled(on);
}
c10::ScalarType dtypeOf(c10::DeviceType d) {
    return cpu(d) ? at::autocast::get_autocast_cpu_dtype() : at::autocast::get_autocast_gpu_dtype();
}
void setDtype(c10::DeviceType d, c10::ScalarType t) {
    cpu(d) ? at::autocast::set_autocast_cpu_dtype(t) : at::autocast::set_autocast_gpu_dtype(t);
}
#endif

}  // namespace

Bf16Autocast::Bf16Autocast(c10::DeviceType device, bool enabled)
    : m_device(device), m_enabled(enabled) {
    if (!m_enabled) return;
    m_wasEnabled = isEnabled(m_device);
    m_wasDtype = dtypeOf(m_device);
    setDtype(m_device, c10::ScalarType::BFloat16);
    setEnabled(m_device, true);
    at::autocast::increment_nesting();
}

Bf16Autocast::~Bf16Autocast() {
    if (!m_enabled) return;
    // The cache of cast weights lives until the outermost autocast region ends.
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    setEnabled(m_device, m_wasEnabled);
    setDtype(m_device, m_wasDtype);
}

}  // namespace kinora
