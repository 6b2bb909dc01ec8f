// Benchmarks of the AuthCore primitives that the login path calls: HMAC (TOTP's shape), SHA-256,
// the two password KDFs libcrypto provides, and the AES-256-GCM key ring that seals TOTP secrets.
//
// Run from Benchmarks/: `swift package --disable-sandbox benchmark --target CryptoPrimitives`.
// Documentation/Performance.md records the figures and the machine they ran on.

import AuthCore
import Benchmark

/// Inputs fixed once, so every sample measures the primitive and not the input's construction.
private enum Inputs {
    /// A 20-byte HMAC-SHA1 key: the RFC 6238 §B test secret, the size of a typical TOTP secret.
    static let totpKey = Array("12345678901234567890".utf8)
    /// An 8-byte big-endian TOTP time-step counter (RFC 4226 §5.2).
    static let counter: [UInt8] = [0, 0, 0, 0, 0x03, 0x82, 0x7E, 0x45]
    static let thirtyTwoBytes = [UInt8](repeating: 0xA5, count: 32)
    static let password = Array("correct horse battery staple".utf8)
    static let salt = [UInt8](repeating: 0x5A, count: 16)
    /// A TOTP secret's size: what the key ring seals per enrolled user.
    static let twentyBytes = [UInt8](repeating: 0x42, count: 20)
    static let userID = Array("user-0001".utf8)
}

/// Fast primitives: a thousand calls per sample, so figures are per call in nanoseconds.
///
/// No `cpuTotal` here: on Linux it is read in 10 ms clock ticks, so a 1 ms sample reads 0 or 10 ms.
/// Computed, not stored: `Benchmark.Configuration` is not `Sendable`, so it cannot be a global `let`.
private var fastConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 2_000
    )
}

/// Password KDFs: one call per sample, in milliseconds; memory matters for scrypt.
private func kdfConfiguration(maxIterations: Int) -> Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: maxIterations
    )
}

let benchmarks: @Sendable () -> Void = {
    // MARK: HMAC and digests

    Benchmark("HMACKey.authenticationCode SHA1 20B key 8B msg", configuration: fastConfiguration) {
        benchmark in
        let key = HMACKey(Inputs.totpKey, hash: .sha1)
        let message = Inputs.counter
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(key.authenticationCode(for: message))
        }
    }

    Benchmark("HMAC.authenticationCode one-shot SHA1 20B key 8B msg", configuration: fastConfiguration) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(HMAC.authenticationCode(for: Inputs.counter, key: Inputs.totpKey, using: .sha1))
        }
    }

    Benchmark("HashFunction.sha256.digest 32B", configuration: fastConfiguration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(HashFunction.sha256.digest(Inputs.thirtyTwoBytes))
        }
    }

    // MARK: Key ring (AES-256-GCM)

    Benchmark("KeyRing.seal 20B", configuration: fastConfiguration) { benchmark in
        let ring = try KeyRing(current: SealingKey.generate(id: "bench-1"))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try ring.seal(Inputs.twentyBytes, associatedData: Inputs.userID))
        }
    }

    Benchmark("KeyRing.open 20B", configuration: fastConfiguration) { benchmark in
        let ring = try KeyRing(current: SealingKey.generate(id: "bench-1"))
        let sealed = try ring.seal(Inputs.twentyBytes, associatedData: Inputs.userID)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try ring.open(sealed, associatedData: Inputs.userID))
        }
    }

    // MARK: Password KDFs (OWASP 2023 parameters)

    Benchmark("KeyDerivation.pbkdf2 SHA256 600k iterations", configuration: kdfConfiguration(maxIterations: 20)) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try KeyDerivation.pbkdf2(
                    password: Inputs.password, salt: Inputs.salt, iterations: 600_000, hash: .sha256,
                    keyLength: 32))
        }
    }

    Benchmark("KeyDerivation.scrypt N=2^17 r=8 p=1", configuration: kdfConfiguration(maxIterations: 12)) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try KeyDerivation.scrypt(
                    password: Inputs.password, salt: Inputs.salt, n: 1 << 17, r: 8, p: 1, keyLength: 32,
                    maxMemory: 256 * 1024 * 1024))
        }
    }
}
