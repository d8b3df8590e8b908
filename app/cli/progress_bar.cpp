#include "progress_bar.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace kinora::cli {

ProgressBar::ProgressBar(bool enabled) : m_enabled(enabled), m_tty(isatty(STDERR_FILENO) != 0) {}

void ProgressBar::update(const StepProgress& p) {
    if (!m_enabled) return;
    constexpr int kWidth = 24;
    const int filled = p.totalSteps > 0 ? kWidth * p.step / p.totalSteps : 0;
    const std::string bar = std::string(static_cast<std::size_t>(filled), '#') +
                            std::string(static_cast<std::size_t>(kWidth - filled), '-');
    std::fprintf(stderr, "%s[%s] step %d/%d  %.1f s left%s", m_tty ? "\r" : "", bar.c_str(), p.step,
                 p.totalSteps, p.secondsLeft, m_tty ? "   " : "\n");
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressBar::finish() {
    if (m_enabled && m_tty && m_drawn) std::fprintf(stderr, "\n");
    m_drawn = false;
}

}  // namespace kinora::cli
