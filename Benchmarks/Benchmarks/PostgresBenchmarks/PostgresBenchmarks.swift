// Benchmarks of the PostgreSQL backend over loopback: each benchmark in a schema of its own on the server
// named by CRMAUTH_POSTGRES_URL, made in its setup and dropped in its teardown. One function per file,
// called here; shared setup in ScratchSchema.swift.
//
// Run from Benchmarks/:
// `CRMAUTH_POSTGRES_URL='postgres://USER:PASSWORD@127.0.0.1:5432/DATABASE?sslmode=disable' \
//     swift package --disable-sandbox benchmark --target PostgresBenchmarks`.
// Without the variable, the target prints a notice and registers nothing.
// Documentation/Performance.md records the figures and the machine they ran on.

import Benchmark

let benchmarks: @Sendable () -> Void = {
    guard PostgresServer.url != nil else {
        print(
            "PostgresBenchmarks: CRMAUTH_POSTGRES_URL is not set, so no PostgreSQL benchmark is registered. "
                + "Set it to a server's URL, e.g. postgres://crmauth:crmauth@127.0.0.1:5432/crmauth?sslmode=disable")
        return
    }
    sessionBenchmarks()
    permissionBenchmarks()
    lockoutBenchmarks()
    auditBenchmarks()
    loginBenchmarks()
}
