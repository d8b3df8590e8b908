// Must not build: a ui/ file that includes LibTorch (the engine keeps it private).
#include <torch/torch.h>

int kinoraLayeringProbe() {
    return static_cast<int>(torch::ones({1}).numel());
}
