#include "util/memory.h"

#include <atomic>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kinora {

void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
    static std::atomic<bool> done{false};
    if (done.exchange(true)) return;
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    // One arena: worker threads (the studio's generation thread, the trainer's world
    // renderer) allocate from the same heap, which may grow past the 64 MB that bounds
    // per-thread arenas.
    mallopt(M_ARENA_MAX, 1);
#endif
}

}  // namespace kinora
