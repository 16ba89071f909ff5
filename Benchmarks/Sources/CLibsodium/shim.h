// libsodium itself, for the benchmarks' baselines: the main package's SodiumBridge wraps it as
// `package` API, which another package cannot call.
#include <sodium.h>
