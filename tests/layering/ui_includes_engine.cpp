// Must build: what a ui/ file may include from the core.
#include "models/registry.h"
#include "pipeline/engine.h"
#include "pipeline/long_clip.h"
#include "project/render.h"

int kinoraLayeringProbe() {
    kinora::GenerationRequest request;
    request.frames = 17;
    return *request.frames;
}
