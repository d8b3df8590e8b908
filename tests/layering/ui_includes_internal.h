// A stand-in for a ui/ header that reaches into the engine's internals.
#pragma once
#include "models/video_model.h"
