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
    setFreedMemoryPolicy(FreedMemory::KeepForReuse);
    // One arena: worker threads (the studio's generation thread, the trainer's world
    // renderer) allocate from the same heap, which may grow past the 64 MB that bounds
    // per-thread arenas.
    mallopt(M_ARENA_MAX, 1);
#endif
}

void setFreedMemoryPolicy(FreedMemory policy) {
#if defined(__GLIBC__)
    const bool keep = policy == FreedMemory::KeepForReuse;
    mallopt(M_MMAP_THRESHOLD, keep ? 256 * 1024 * 1024 : 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, keep ? 512 * 1024 * 1024 : 64 * 1024 * 1024);
    if (!keep) malloc_trim(0);  // what the heap holds now goes back as well
#else
    (void)policy;
#endif
}

}  // namespace kinora
