#ifndef CRMAUTH_INTRINSICS_H
#define CRMAUTH_INTRINSICS_H

#include <stddef.h>
#include <stdint.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

/// Asks the CPU to start loading the cache line at `address` for reading, kept in every cache level.
/// Never faults and never blocks. Swift has no prefetch of its own; this header is inlined into Swift.
static inline void crmauth_prefetch_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Asks the kernel to back the 2 MiB-aligned part of [start, start + length) with transparent huge
/// pages, so that random reads across a table of hundreds of megabytes need far fewer TLB entries and
/// page walks. Advice only: without Linux's MADV_HUGEPAGE, or when the kernel declines, nothing
/// changes. Call it before the memory is first written, so its pages are faulted in as huge pages.
static inline void crmauth_advise_huge_pages(void *start, size_t length) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t first = ((uintptr_t)start + huge - 1) & ~(huge - 1);
    uintptr_t end = ((uintptr_t)start + length) & ~(huge - 1);
    if (end > first) {
        (void)madvise((void *)first, end - first, MADV_HUGEPAGE);
    }
#else
    (void)start;
    (void)length;
#endif
}

#endif
