#ifndef CRMAUTH_INTRINSICS_H
#define CRMAUTH_INTRINSICS_H

/// Asks the CPU to start loading the cache line at `address` for reading, kept in every cache level.
/// Never faults and never blocks. Swift has no prefetch of its own; this header is inlined into Swift.
static inline void crmauth_prefetch_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
