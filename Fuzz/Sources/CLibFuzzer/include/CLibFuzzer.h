#ifndef CRMAUTH_CLIBFUZZER_H
#define CRMAUTH_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for programs that keep their own main() (compiler-rt's FuzzerInterface.h).
/// Defined only when linking with -sanitize=fuzzer; FuzzSupport calls it only in that build.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
