#ifndef CRMAUTH_BENCHMARKS_CMALLOCSTATS_H
#define CRMAUTH_BENCHMARKS_CMALLOCSTATS_H

#include <stddef.h>

/// Bytes glibc's malloc has handed out and not had back (mallinfo2: uordblks + hblkhd), including
/// malloc's per-chunk overhead. Swift's Glibc module does not export <malloc.h>, hence this shim.
size_t crmauth_heap_in_use(void);

#endif
