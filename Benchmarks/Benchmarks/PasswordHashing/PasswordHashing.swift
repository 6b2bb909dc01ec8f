// Benchmarks of password hashing through the public API a server calls: `PasswordHasher` on a
// `HashingPool`. Argon2id at OWASP's parameters (m=19 MiB, t=2, p=1) with the pool's reused workspace
// and with fresh memory per hash, and bcrypt at cost 10 and 12.
//
// Reference figures: Benchmarks/Reference/argon2_reference.py and bcrypt_reference.py, recorded in
// Documentation/Performance.md ("Password hashing").

import Benchmark
import PasswordHashing

// ASCII and far below the bound, so it cannot throw.
private let password = try! NormalizedPassword("correct horse battery staple")

/// One hash per sample, in milliseconds; memory matters for Argon2.
private func hashConfiguration(maxIterations: Int) -> Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 2,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: maxIterations
    )
}

private func hasher(_ algorithm: PasswordAlgorithm, pool: HashingPool) -> PasswordHasher {
    PasswordHasher(configuration: .init(algorithm: algorithm), pool: pool)
}

let benchmarks: @Sendable () -> Void = {
    // The production shape: one pool worker keeps its workspace, so the 19 MiB matrix is faulted in once.
    Benchmark("Argon2id m=19456 t=2 p=1 (pool, reused workspace)", configuration: hashConfiguration(maxIterations: 60))
    {
        benchmark async throws in
        let pool = HashingPool(workerCount: 1, queueLimit: 1)
        defer { pool.shutdown() }
        let argon2 = hasher(.recommended, pool: pool)
        _ = try await argon2.hash(password)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await argon2.hash(password))
        }
    }

    // A new pool per hash: its new thread allocates and faults in a fresh matrix, as a naive
    // implementation would on every login.
    Benchmark("Argon2id m=19456 t=2 p=1 (fresh memory per hash)", configuration: hashConfiguration(maxIterations: 40)) {
        benchmark async throws in
        for _ in benchmark.scaledIterations {
            let pool = HashingPool(workerCount: 1, queueLimit: 1)
            blackHole(try await hasher(.recommended, pool: pool).hash(password))
            pool.shutdown()
        }
    }

    Benchmark("bcrypt cost 10", configuration: hashConfiguration(maxIterations: 20)) { benchmark async throws in
        let pool = HashingPool(workerCount: 1, queueLimit: 1)
        defer { pool.shutdown() }
        let bcrypt = hasher(.bcrypt(cost: 10, mode: .rejectLongPasswords), pool: pool)
        for _ in benchmark.scaledIterations {
            blackHole(try await bcrypt.hash(password))
        }
    }

    Benchmark("bcrypt cost 12", configuration: hashConfiguration(maxIterations: 10)) { benchmark async throws in
        let pool = HashingPool(workerCount: 1, queueLimit: 1)
        defer { pool.shutdown() }
        let bcrypt = hasher(.bcrypt(cost: 12, mode: .rejectLongPasswords), pool: pool)
        for _ in benchmark.scaledIterations {
            blackHole(try await bcrypt.hash(password))
        }
    }
}
