// Benchmarks of the password hashes: Argon2id at OWASP's minimum (m=19 MiB, t=2, p=1), with and
// without a reused workspace, and bcrypt at cost 10 and 12.
//
// NOT BUILT YET: the `PasswordHashing` target is commented out in ../../Package.swift. The engines
// (`Argon2Engine`, `Argon2Workspace`, `BcryptEngine`) are `package` access in the root package, and
// `package` symbols are invisible from this separate package. Enable the target once the root package
// exposes a public entry point for them, and change the calls below to that entry point.
//
// Reference figures to compare with: Benchmarks/Reference/argon2_reference.py and bcrypt_reference.py,
// recorded in Documentation/Performance.md ("Password hashing").

import AuthCore
import Benchmark
import PasswordHashing

private enum Inputs {
    static let password = Array("correct horse battery staple".utf8)
    /// 16 bytes, the salt length both Argon2 (RFC 9106 §3.1 recommends 16) and bcrypt use.
    static let salt = [UInt8](repeating: 0x5A, count: 16)
}

/// One hash per sample, in milliseconds; memory matters for Argon2.
///
/// Computed, not stored: `Benchmark.Configuration` is not `Sendable`, so it cannot be a global `let`.
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

let benchmarks: @Sendable () -> Void = {
    // MARK: Argon2id (RFC 9106), OWASP parameters

    // The production shape: each hashing worker keeps one workspace, so the 19 MiB matrix is
    // allocated and faulted in once, not per hash.
    Benchmark("Argon2id m=19456 t=2 p=1 reused workspace", configuration: hashConfiguration(maxIterations: 60)) {
        benchmark in
        let workspace = Argon2Workspace()
        // Fault the matrix in before measuring, as a long-running worker would have.
        blackHole(try Argon2Engine.hash(password: Inputs.password, salt: Inputs.salt, parameters: .owasp, workspace: workspace))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(
                try Argon2Engine.hash(
                    password: Inputs.password, salt: Inputs.salt, parameters: .owasp, workspace: workspace))
        }
    }

    // Without a workspace every hash allocates, faults in and frees its own matrix.
    Benchmark("Argon2id m=19456 t=2 p=1 fresh memory", configuration: hashConfiguration(maxIterations: 60)) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Argon2Engine.hash(password: Inputs.password, salt: Inputs.salt, parameters: .owasp))
        }
    }

    // MARK: bcrypt

    Benchmark("bcrypt cost 10", configuration: hashConfiguration(maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BcryptEngine.checksum(password: Inputs.password, salt: Inputs.salt, cost: 10))
        }
    }

    Benchmark("bcrypt cost 12", configuration: hashConfiguration(maxIterations: 10)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BcryptEngine.checksum(password: Inputs.password, salt: Inputs.salt, cost: 12))
        }
    }
}
