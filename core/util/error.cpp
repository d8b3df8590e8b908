#include "util/error.h"

namespace kinora {

const char* name(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::InvalidRequest:
            return "invalid request";
        case ErrorKind::PromptRefused:
            return "prompt refused";
        case ErrorKind::ModelLoad:
            return "model load";
        case ErrorKind::Io:
            return "i/o";
        case ErrorKind::Internal:
            return "internal";
    }
    return "invalid request";
}

}  // namespace kinora
