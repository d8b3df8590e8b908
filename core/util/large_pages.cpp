#include "util/large_pages.h"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include <c10/core/CPUAllocator.h>

namespace kinora {
namespace {

constexpr std::size_t kHugePage = std::size_t(2) << 20;

std::size_t roundUp(std::size_t n, std::size_t to) {
    return (n + to - 1) / to * to;
}

// Every live mapping by its address, so that one deleter serves both kinds of block (a
// DataPtr made here, and raw_deleter() for callers that allocate raw memory).
class Mappings {
public:
    void add(void* p, std::size_t length) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_lengths.emplace(p, length);
    }
    /// The length of `p`'s mapping, removed; 0 when `p` is not one of ours.
    std::size_t take(void* p) {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_lengths.find(p);
        if (it == m_lengths.end()) return 0;
        const std::size_t length = it->second;
        m_lengths.erase(it);
        return length;
    }

private:
    std::mutex m_mutex;
    std::unordered_map<void*, std::size_t> m_lengths;
};

Mappings& mappings() {
    static Mappings* m = new Mappings;  // outlives every tensor, static ones included
    return *m;
}

std::atomic<bool> g_on{false};
std::atomic<std::size_t> g_minBytes{std::size_t(32) << 20};
std::atomic<int64_t> g_allocations{0};
std::atomic<int64_t> g_liveBytes{0};
std::atomic<c10::DeleterFnPtr> g_fallbackDeleter{nullptr};

void deleteBlock(void* p) {
    if (!p) return;
    if (const std::size_t length = mappings().take(p)) {
        munmap(p, length);
        g_liveBytes -= static_cast<int64_t>(length);
        return;
    }
    g_fallbackDeleter.load()(p);
}

// A mapping of at least `n` bytes aligned to 2 MB (so that the kernel can back all of it
// with huge pages); nullptr when the system refuses.
void* mapAligned(std::size_t n) {
    const std::size_t length = roundUp(n, kHugePage);
    void* raw = mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = roundUp(start, kHugePage);
    if (aligned > start) munmap(raw, aligned - start);
    const std::uintptr_t end = start + length + kHugePage;
    if (end > aligned + length)
        munmap(reinterpret_cast<void*>(aligned + length), end - aligned - length);
    void* p = reinterpret_cast<void*>(aligned);
#ifdef MADV_HUGEPAGE
    madvise(p, length, MADV_HUGEPAGE);  // advice only: without THP the pages stay 4 KB
#endif
    mappings().add(p, length);
    g_liveBytes += static_cast<int64_t>(length);
    ++g_allocations;
    return p;
}

// Written for LibTorch 1.13 (Debian's) and 2.x alike (the GPU machine's): before 2.3
// allocate() is const, from 2.3 it is not and copy_data() must be given. Both forms are
// declared, without `override`, so that whichever the base declares is overridden.
class LargePageAllocator final : public c10::Allocator {
public:
    explicit LargePageAllocator(c10::Allocator* fallback) : m_fallback(fallback) {}

    c10::DataPtr allocate(std::size_t n) const { return allocateBlock(n); }
    c10::DataPtr allocate(std::size_t n) { return allocateBlock(n); }
    void copy_data(void* dest, const void* src, std::size_t count) const {
        std::memcpy(dest, src, count);
    }
    c10::DeleterFnPtr raw_deleter() const {
        return g_fallbackDeleter.load() ? &deleteBlock : nullptr;
    }

private:
    c10::DataPtr allocateBlock(std::size_t n) const {
        if (g_on.load(std::memory_order_relaxed) && n >= g_minBytes.load(std::memory_order_relaxed))
            if (void* p = mapAligned(n))
                return {p, p, &deleteBlock, c10::Device(c10::DeviceType::CPU)};
        return m_fallback->allocate(n);
    }
    c10::Allocator* m_fallback;
};

void install() {
    static std::once_flag once;
    std::call_once(once, [] {
        c10::Allocator* fallback = c10::GetCPUAllocator();
        g_fallbackDeleter = fallback->raw_deleter();
        static LargePageAllocator* allocator = new LargePageAllocator(fallback);
        // Priority above the default's, so that nothing registered later at the default
        // priority replaces it silently.
        c10::SetCPUAllocator(allocator, /*priority=*/1);
    });
}

}  // namespace

void setLargeTensorPages(bool on, std::size_t minBytes) {
    if (on) install();
    g_minBytes = std::max(minBytes, kHugePage);
    g_on = on;
}

LargePageStats largePageStats() {
    return {g_allocations.load(), g_liveBytes.load()};
}

}  // namespace kinora
