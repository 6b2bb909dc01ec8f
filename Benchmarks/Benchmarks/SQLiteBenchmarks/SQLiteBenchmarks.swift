// Benchmarks of the SQLite backend (CRMAuthSQLite): one function per file, each adding its benchmarks.
//
// Run from Benchmarks/: `swift package --disable-sandbox benchmark --target SQLiteBenchmarks`.
// Documentation/Performance.md records the figures and the machine they ran on.

import Benchmark

let benchmarks: @Sendable () -> Void = {
    sessionBenchmarks()
}
