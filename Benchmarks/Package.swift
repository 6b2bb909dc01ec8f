// swift-tools-version: 6.2

import PackageDescription

// CRMAuth's benchmarks, a package of their own so that ordo-one/benchmark never reaches a user of the
// library. Run from this folder:
//
//     swift package --disable-sandbox benchmark                            # every target
//     swift package --disable-sandbox benchmark --target CryptoPrimitives  # one target
//     swift run -c release SessionStoreMemory                             # memory per session
//     swift run -c release SessionValidateLoop                            # validation for perf
//     swift run -c release LockoutSimulation                              # lockout attack simulations
//
// Documentation/Performance.md records the figures, the machine and the exact commands.

let package = Package(
    name: "CRMAuthBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The root package. `name:` lets targets say `package: "CRMAuth"` whatever the checkout's folder
        // is called: a path dependency's identity is its folder name, which differs between clones.
        .package(name: "CRMAuth", path: ".."),
        // The traits are spelled out on purpose. benchmark 1.38.1's default traits are MallocInterposer
        // and RuntimeInterposer; on Linux with Swift 6.3 the latter pulls in
        // ordo-one/swift-runtime-interposer, which the local package mirrors lack, so resolution fails
        // ("does not appear to be a git repository"). Naming only MallocInterposer drops
        // RuntimeInterposer, and SwiftPM then skips that dependency. BENCHMARK_DISABLE_MALLOC_INTERPOSER
        // does not help: it removes MallocInterposer, not RuntimeInterposer, from the defaults.
        // What is lost: the ARC metrics (retainCount, releaseCount, ...) on Swift 6.3; none is used here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // PostgresBenchmarks drops the schema it made, on a connection of its own (the root package's
        // requirement, so the graph holds one version).
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .executableTarget(
            name: "CryptoPrimitives",
            dependencies: [
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CryptoPrimitives",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // Named PasswordHashingBenchmarks because module names must be unique across the package graph.
        .executableTarget(
            name: "PasswordHashingBenchmarks",
            dependencies: [
                .product(name: "PasswordHashing", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PasswordHashing",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        .executableTarget(
            name: "SessionTokensBenchmarks",
            dependencies: [
                .product(name: "SessionTokens", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SessionTokens",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        .executableTarget(
            name: "TOTPBenchmarks",
            dependencies: [
                .product(name: "TOTP", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TOTP",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // Named PasswordPolicyBenchmarks because module names must be unique across the package graph.
        .executableTarget(
            name: "PasswordPolicyBenchmarks",
            dependencies: [
                .product(name: "PasswordPolicy", package: "CRMAuth"),
                .product(name: "PasswordHashing", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PasswordPolicy",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // The bundled blocklist and the strength estimator. Named PasswordStrengthBenchmarks because
        // module names must be unique across the package graph.
        .executableTarget(
            name: "PasswordStrengthBenchmarks",
            dependencies: [
                .product(name: "PasswordHashing", package: "CRMAuth"),
                .product(name: "PasswordPolicy", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PasswordStrength",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // Named RBACBenchmarks because module names must be unique across the package graph.
        .executableTarget(
            name: "RBACBenchmarks",
            dependencies: [
                .product(name: "RBAC", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/RBAC",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // LoginThrottle around a password check. Named LockoutPolicyBenchmarks because module names must
        // be unique across the package graph.
        .executableTarget(
            name: "LockoutPolicyBenchmarks",
            dependencies: [
                .product(name: "LockoutPolicy", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/LockoutPolicy",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // Named AuditLogBenchmarks because module names must be unique across the package graph.
        .executableTarget(
            name: "AuditLogBenchmarks",
            dependencies: [
                .product(name: "AuditLog", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/AuditLog",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // Named LoginFlowBenchmarks because module names must be unique across the package graph.
        .executableTarget(
            name: "LoginFlowBenchmarks",
            dependencies: [
                .product(name: "LoginFlow", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "PasswordHashing", package: "CRMAuth"),
                .product(name: "LockoutPolicy", package: "CRMAuth"),
                .product(name: "RBAC", package: "CRMAuth"),
                .product(name: "SessionTokens", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/LoginFlow",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // The SQLite backend's stores on a file in a temporary folder (WAL), synchronous NORMAL and FULL:
        // one file per store area, each a function the main file calls.
        .executableTarget(
            name: "SQLiteBenchmarks",
            dependencies: [
                "StoreBenchmarkFixtures",
                .product(name: "CRMAuthSQLite", package: "CRMAuth"),
                .product(name: "SessionTokens", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "LockoutPolicy", package: "CRMAuth"),
                .product(name: "RBAC", package: "CRMAuth"),
                .product(name: "AuditLog", package: "CRMAuth"),
                .product(name: "CRMAuth", package: "CRMAuth"),
                .product(name: "LoginFlow", package: "CRMAuth"),
                .product(name: "PasswordHashing", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SQLiteBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // The PostgreSQL backend's stores over loopback, in a schema of their own dropped at exit. Reads
        // the server's URL from CRMAUTH_POSTGRES_URL; without it, prints a notice and registers nothing.
        .executableTarget(
            name: "PostgresBenchmarks",
            dependencies: [
                "StoreBenchmarkFixtures",
                .product(name: "CRMAuthPostgres", package: "CRMAuth"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SessionTokens", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "LockoutPolicy", package: "CRMAuth"),
                .product(name: "RBAC", package: "CRMAuth"),
                .product(name: "AuditLog", package: "CRMAuth"),
                .product(name: "CRMAuth", package: "CRMAuth"),
                .product(name: "LoginFlow", package: "CRMAuth"),
                .product(name: "PasswordHashing", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PostgresBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // What the SQLite and PostgreSQL benchmarks share (configurations, the role policy, audit events,
        // the session population's loops): a library, not a benchmark.
        .target(
            name: "StoreBenchmarkFixtures",
            dependencies: [
                .product(name: "AuditLog", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "LockoutPolicy", package: "CRMAuth"),
                .product(name: "LoginFlow", package: "CRMAuth"),
                .product(name: "RBAC", package: "CRMAuth"),
                .product(name: "SessionTokens", package: "CRMAuth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/StoreBenchmarkFixtures"
        ),
        // Not a benchmark: heap per compiled RBAC snapshot at each size, and compile time, without the
        // harness's malloc interposer. `swift run -c release RBACSnapshotMemory [rules...]`.
        .executableTarget(
            name: "RBACSnapshotMemory",
            dependencies: [
                "CMallocStats",
                .product(name: "RBAC", package: "CRMAuth"),
            ],
            path: "Tools/RBACSnapshotMemory"
        ),
        // Not a benchmark: the attack simulations of issue 13 (guessing one account while its owner
        // logs in, credential stuffing) and memory per counter, printed as JSON.
        // `swift run -c release LockoutSimulation [strangers]`.
        // Audit appends per second from two processes at once on one PostgreSQL database (issue 17).
        .executableTarget(
            name: "PostgresAuditRace",
            dependencies: [
                .product(name: "CRMAuthPostgres", package: "CRMAuth"),
                .product(name: "AuditLog", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tools/PostgresAuditRace"
        ),
        .executableTarget(
            name: "LockoutSimulation",
            dependencies: [
                "CMallocStats",
                .product(name: "LockoutPolicy", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
            ],
            path: "Tools/LockoutSimulation"
        ),
        // Not a benchmark: measures the in-memory session store's memory per session without the
        // benchmark harness, whose malloc interposer adds a header to every allocation.
        // `swift run -c release SessionStoreMemory [count]`.
        .executableTarget(
            name: "SessionStoreMemory",
            dependencies: [
                "CMallocStats",
                .product(name: "SessionTokens", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
            ],
            path: "Tools/SessionStoreMemory"
        ),
        // Not a benchmark: validation in a plain loop for `perf record` and uprobe counts.
        // `swift run -c release SessionValidateLoop [sessions] [rounds] [calls]`.
        .executableTarget(
            name: "SessionValidateLoop",
            dependencies: [
                .product(name: "SessionTokens", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
            ],
            path: "Tools/SessionValidateLoop"
        ),
        // glibc's mallinfo2(), which Swift's Glibc module does not export.
        .target(name: "CMallocStats", path: "Tools/CMallocStats"),
    ],
    swiftLanguageModes: [.v6]
)

// The same language configuration as the root package, for every target, in one place.
for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    var settings = target.swiftSettings ?? []
    // SE-0335: `any` must be written for existential types.
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // SE-0444: a member is visible only from modules the file imports itself.
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    // SE-0409: imports are internal unless declared `public import`.
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    // SE-0461: a nonisolated async function runs in its caller's isolation unless marked `@concurrent`.
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}
