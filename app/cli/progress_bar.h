#pragma once

#include "pipeline/generation.h"

namespace kinora::cli {

/// @brief Draws "[#####-----] step 3/12  1.2 s left" on stderr, redrawn in place when
/// stderr is a terminal, one line per step otherwise.
class ProgressBar {
public:
    explicit ProgressBar(bool enabled);
    void update(const StepProgress& p);
    void finish();

private:
    bool m_enabled;
    bool m_tty;
    bool m_drawn = false;
};

}  // namespace kinora::cli
