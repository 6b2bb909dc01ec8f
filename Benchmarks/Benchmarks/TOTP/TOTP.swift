// Benchmarks of TOTP verification as the login flow's MFA step calls it: `TOTPVerifier.verify` with
// the default window of ±1 step (three candidate codes, every one computed and compared in constant
// time) and the replay check in `InMemoryTOTPStore`.
//
// Run from Benchmarks/: `swift package --disable-sandbox benchmark --target TOTPBenchmarks`.
// Reference figures: Benchmarks/Reference/pyotp_reference.py (same secret, time and window) and the
// HummingbirdOTP comparison package in Benchmarks/Reference/HummingbirdOTP; Documentation/Performance.md.

import AuthCore
import Benchmark
import Foundation
import TOTP

/// A thousand calls per sample, so figures are per call in nanoseconds.
///
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

/// The inputs pyotp_reference.py uses: the RFC 6238 Appendix B secret and test time.
private enum Inputs {
    /// "12345678901234567890": 20 bytes, 160 bits.
    static let secret = try! OTPSecret(bytes: Array("12345678901234567890".utf8))
    /// 1111111109, RFC 6238 Appendix B (step 37037036, 9 s before its end).
    static let now = Date(timeIntervalSince1970: 1_111_111_109)
    static let generator = TOTPGenerator(secret: secret)
    static let code = generator.code(at: now)
    /// The current code plus one: matches no step in the window, so all three candidates are computed.
    static let wrongCode: String = {
        let value = (Int(code)! + 1) % 1_000_000
        let digits = String(value)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }()
    /// Distinct users, so every accepted code is a first use (the replay check would refuse a repeat).
    static let userIDs = (0..<1_000).map { try! UserID("user-\($0)") }
}

/// A store in which every user of `Inputs.userIDs` last used a code ten steps ago.
private func returningUsers() async throws -> InMemoryTOTPStore {
    let store = InMemoryTOTPStore()
    let earlier = Inputs.generator.step(at: Inputs.now) - 10
    for user in Inputs.userIDs { _ = try await store.markStepUsed(userID: user, step: earlier) }
    return store
}

let benchmarks: @Sendable () -> Void = {
    // MARK: Verify, window ±1

    // The right code, accepted: a new user per call, so each call records its step. Before each sample
    // the store is refilled with every user's earlier step (returning users, as on a running server),
    // so the recording updates an entry rather than growing the table.
    Benchmark("TOTPVerifier.verify window ±1, right code (prepared generator)", configuration: fastConfiguration) {
        benchmark in
        let verifier = try TOTPVerifier(store: try await returningUsers(), clock: ManualClock(now: Inputs.now))
        let generator = Inputs.generator
        let code = Inputs.code
        let users = Inputs.userIDs
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            let result = try await verifier.verify(code, generator: generator, userID: users[index])
            precondition(result.isAccepted)
            blackHole(result)
        }
    }

    // A wrong code: three HMACs, three comparisons, no store write.
    Benchmark("TOTPVerifier.verify window ±1, wrong code (prepared generator)", configuration: fastConfiguration) {
        benchmark in
        let verifier = try TOTPVerifier(store: InMemoryTOTPStore(), clock: ManualClock(now: Inputs.now))
        let generator = Inputs.generator
        let code = Inputs.wrongCode
        let user = Inputs.userIDs[0]
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let result = try await verifier.verify(code, generator: generator, userID: user)
            precondition(result == .invalid)
            blackHole(result)
        }
    }

    // The convenience entry point, which prepares the HMAC key from the secret on every call.
    Benchmark("TOTPVerifier.verify window ±1, right code (from OTPSecret)", configuration: fastConfiguration) {
        benchmark in
        let verifier = try TOTPVerifier(store: try await returningUsers(), clock: ManualClock(now: Inputs.now))
        let secret = Inputs.secret
        let code = Inputs.code
        let users = Inputs.userIDs
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            let result = try await verifier.verify(code, secret: secret, userID: users[index])
            precondition(result.isAccepted)
            blackHole(result)
        }
    }

    Benchmark("TOTPVerifier.verify window ±1, wrong code (from OTPSecret)", configuration: fastConfiguration) {
        benchmark in
        let verifier = try TOTPVerifier(store: InMemoryTOTPStore(), clock: ManualClock(now: Inputs.now))
        let secret = Inputs.secret
        let code = Inputs.wrongCode
        let user = Inputs.userIDs[0]
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let result = try await verifier.verify(code, secret: secret, userID: user)
            precondition(result == .invalid)
            blackHole(result)
        }
    }

    // MARK: One code

    Benchmark("TOTPGenerator.code(at:) (prepared generator)", configuration: fastConfiguration) { benchmark in
        let generator = Inputs.generator
        let now = Inputs.now
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(generator.code(at: now))
        }
    }

    Benchmark("TOTPGenerator(secret:).code(at:) (key setup per call)", configuration: fastConfiguration) {
        benchmark in
        let secret = Inputs.secret
        let now = Inputs.now
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(TOTPGenerator(secret: secret).code(at: now))
        }
    }
}
