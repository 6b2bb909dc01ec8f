// CPU hints that Swift cannot express, as static inline functions in include/CRMAuthIntrinsics.h.
// SwiftPM needs one source file in a C target; everything lives in the header so it inlines.
#include "CRMAuthIntrinsics.h"
