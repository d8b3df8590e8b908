#include "util/autocast.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#ifndef TORCH_VERSION_MAJOR
#error "LibTorch does not define TORCH_VERSION_MAJOR; the autocast API cannot be chosen"
#endif

// LibTorch 2.4 made autocast device-generic (set_autocast_enabled(device, on)) and
// deprecated the per-device calls that 1.13 has (set_cpu_enabled, set_enabled for CUDA).
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define KINORA_AUTOCAST_GENERIC 1
#else
#define KINORA_AUTOCAST_GENERIC 0
#endif

namespace kinora {

namespace {

bool isEnabled(c10::DeviceType d) {
#if KINORA_AUTOCAST_GENERIC
    return at::autocast::is_autocast_enabled(d);
#else
    return d == c10::DeviceType::CPU ? at::autocast::is_cpu_enabled() : at::autocast::is_enabled();
#endif
}

void setEnabled(c10::DeviceType d, bool on) {
#if KINORA_AUTOCAST_GENERIC
    at::autocast::set_autocast_enabled(d, on);
#else
    if (d == c10::DeviceType::CPU)
        at::autocast::set_cpu_enabled(on);
    else
        at::autocast::set_enabled(on);
#endif
}

at::ScalarType dtypeOf(c10::DeviceType d) {
#if KINORA_AUTOCAST_GENERIC
    return at::autocast::get_autocast_dtype(d);
#else
    return d == c10::DeviceType::CPU ? at::autocast::get_autocast_cpu_dtype()
                                     : at::autocast::get_autocast_gpu_dtype();
#endif
}

void setDtype(c10::DeviceType d, at::ScalarType t) {
#if KINORA_AUTOCAST_GENERIC
    at::autocast::set_autocast_dtype(d, t);
#else
    if (d == c10::DeviceType::CPU)
        at::autocast::set_autocast_cpu_dtype(t);
    else
        at::autocast::set_autocast_gpu_dtype(t);
#endif
}

}  // namespace

Bf16Autocast::Bf16Autocast(c10::DeviceType device, bool enabled)
    : m_device(device), m_enabled(enabled) {
    if (!m_enabled) return;
    m_wasEnabled = isEnabled(m_device);
    m_wasDtype = static_cast<int>(dtypeOf(m_device));
    setDtype(m_device, at::kBFloat16);
    setEnabled(m_device, true);
    at::autocast::increment_nesting();
}

Bf16Autocast::~Bf16Autocast() {
    if (!m_enabled) return;
    // The cache of cast weights lives until the outermost autocast region ends.
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    setEnabled(m_device, m_wasEnabled);
    setDtype(m_device, static_cast<at::ScalarType>(m_wasDtype));
}

}  // namespace kinora
