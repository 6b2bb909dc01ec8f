// Benchmarks of the SQLite backend: each store on a file in a temporary folder, WAL mode. One function
// per file, called here.
//
// Run from Benchmarks/: `swift package --disable-sandbox benchmark --target SQLiteBenchmarks`.
// Documentation/Performance.md records the figures and the machine they ran on.

import Benchmark

let benchmarks: @Sendable () -> Void = {
    sessionBenchmarks()
    userBenchmarks()
    permissionBenchmarks()
    lockoutBenchmarks()
    auditBenchmarks()
    loginBenchmarks()
}
