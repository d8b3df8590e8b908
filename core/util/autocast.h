#pragma once

#include <c10/core/DeviceType.h>
#include <c10/core/ScalarType.h>

namespace kinora {

/// @brief While alive, runs matrix products and convolutions on `device` in bfloat16
/// (LibTorch autocast: eligible ops cast their float32 inputs, everything else keeps its
/// dtype, and autograd casts the gradients back), then restores the previous state and
/// drops the cached casts of the weights (they change every training step). Disabled
/// (`enabled` false) it does nothing.
class Bf16Autocast {
public:
    Bf16Autocast(c10::DeviceType device, bool enabled);
    ~Bf16Autocast();
    Bf16Autocast(const Bf16Autocast&) = delete;
    Bf16Autocast& operator=(const Bf16Autocast&) = delete;

private:
    c10::DeviceType m_device;
    bool m_enabled;
    bool m_wasEnabled = false;
    c10::ScalarType m_wasDtype = c10::ScalarType::Float;
};

}  // namespace kinora
