// hummingbird-auth 2.5.0's HummingbirdOTP beside CRMAuth's TOTP, in one process, with the same
// harness settings, secret and time as Benchmarks/Benchmarks/TOTP and pyotp_reference.py.
//
// What HummingbirdOTP offers: `TOTP(secret:).compute(date:) -> Int`, one code per call, with the HMAC
// key set up from the secret string on every call (swift-crypto's HMAC). It has no verify function, no
// window and no replay check; an app compares the number itself. So the pairs below are:
// - one code: `compute(date:)` against `TOTPGenerator(secret:).code(at:)` (both set the key up per
//   call) and against a prepared `TOTPGenerator` (CRMAuth's intended use);
// - one code checked: `compute(date:) == Int(code)` against `TOTPVerifier` with window 0;
// - window ±1: the three `compute` calls an app would write by hand (stopping at the first match, and
//   comparing with `==`, which is not constant time) against `TOTPVerifier` with its default window.
// CRMAuth's verify also records the accepted step in an in-memory replay store; HummingbirdOTP's
// figures include no such work.
//
// Run from this folder: `swift package --disable-sandbox benchmark`.

import AuthCore
import Benchmark
import Foundation
import HummingbirdOTP
import TOTP

/// A thousand calls per sample, as in Benchmarks/Benchmarks/TOTP.
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

/// The RFC 6238 Appendix B secret and test time, as pyotp_reference.py and TOTPBenchmarks use.
private enum Inputs {
    static let secretText = "12345678901234567890"
    static let secret = try! OTPSecret(bytes: Array(secretText.utf8))
    static let now = Date(timeIntervalSince1970: 1_111_111_109)
    static let hummingbird = HummingbirdOTP.TOTP(secret: secretText)
    static let generator = TOTPGenerator(secret: secret)
    static let code = generator.code(at: now)
    static let wrongCode = String(format: "%06d", (Int(code)! + 1) % 1_000_000)
    static let userIDs = (0..<1_000).map { "user-\($0)" }
}

/// An app's hand-written window check over HummingbirdOTP: previous, current and next step.
private func hummingbirdMatchesWindow(_ code: String, at date: Date) -> Bool {
    guard let submitted = Int(code) else { return false }
    for offset in [0.0, -30, 30] where Inputs.hummingbird.compute(date: date + offset) == submitted {
        return true
    }
    return false
}

let benchmarks: @Sendable () -> Void = {
    // Both libraries must agree on the code, or the comparison means nothing.
    precondition(Inputs.hummingbird.compute(date: Inputs.now) == Int(Inputs.code)!)

    // MARK: One code

    Benchmark("HummingbirdOTP TOTP.compute(date:)", configuration: fastConfiguration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Inputs.hummingbird.compute(date: Inputs.now))
        }
    }

    Benchmark("CRMAuth TOTPGenerator(secret:).code(at:) (key setup per call)", configuration: fastConfiguration) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(TOTPGenerator(secret: Inputs.secret).code(at: Inputs.now))
        }
    }

    Benchmark("CRMAuth TOTPGenerator.code(at:) (prepared generator)", configuration: fastConfiguration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Inputs.generator.code(at: Inputs.now))
        }
    }

    // MARK: One code checked

    Benchmark("HummingbirdOTP compute(date:) == Int(code), wrong code", configuration: fastConfiguration) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Inputs.hummingbird.compute(date: Inputs.now) == Int(Inputs.wrongCode))
        }
    }

    Benchmark("CRMAuth TOTPVerifier.verify window 0, wrong code (from OTPSecret)", configuration: fastConfiguration) {
        benchmark in
        let verifier = try TOTPVerifier(window: 0, store: InMemoryTOTPStore(), clock: ManualClock(now: Inputs.now))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await verifier.verify(Inputs.wrongCode, secret: Inputs.secret, userID: "user-0"))
        }
    }

    // MARK: Window ±1

    Benchmark("HummingbirdOTP hand-written window ±1, right code", configuration: fastConfiguration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(hummingbirdMatchesWindow(Inputs.code, at: Inputs.now))
        }
    }

    Benchmark("HummingbirdOTP hand-written window ±1, wrong code", configuration: fastConfiguration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(hummingbirdMatchesWindow(Inputs.wrongCode, at: Inputs.now))
        }
    }

    Benchmark("CRMAuth TOTPVerifier.verify window ±1, right code (from OTPSecret)", configuration: fastConfiguration) {
        benchmark in
        let verifier = try TOTPVerifier(store: InMemoryTOTPStore(), clock: ManualClock(now: Inputs.now))
        let users = Inputs.userIDs
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await verifier.verify(Inputs.code, secret: Inputs.secret, userID: users[index]))
        }
    }

    Benchmark("CRMAuth TOTPVerifier.verify window ±1, wrong code (from OTPSecret)", configuration: fastConfiguration) {
        benchmark in
        let verifier = try TOTPVerifier(store: InMemoryTOTPStore(), clock: ManualClock(now: Inputs.now))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await verifier.verify(Inputs.wrongCode, secret: Inputs.secret, userID: "user-0"))
        }
    }

    Benchmark("CRMAuth TOTPVerifier.verify window ±1, wrong code (prepared generator)", configuration: fastConfiguration) {
        benchmark in
        let verifier = try TOTPVerifier(store: InMemoryTOTPStore(), clock: ManualClock(now: Inputs.now))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await verifier.verify(Inputs.wrongCode, generator: Inputs.generator, userID: "user-0"))
        }
    }
}
