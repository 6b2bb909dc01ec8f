// Declarations only (include/CLibFuzzer.h); SwiftPM needs a source file to build the target.
#include "CLibFuzzer.h"
