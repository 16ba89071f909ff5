// Declarations only (include/CFuzzerDriver.h); SwiftPM wants one C file in a C target.
#include "CFuzzerDriver.h"
