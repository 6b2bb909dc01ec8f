// Benchmarks of a full password policy check through the public API a registration form calls:
// `PasswordPolicyChecker.check` with a person's context (email, name, company, product). Each
// iteration normalizes the typed text (`NormalizedPassword`) and checks it, as a form handler does.
//
// "default sources" uses `PasswordPolicyChecker.Configuration()`, so it measures whatever breached-
// password list and strength estimator are the configuration's defaults; "rules and context only"
// leaves both out, to show the cost of normalization, the rules and word matching alone.
// Issue 3's target: under 50 µs median for a 20-character password with blocklist, strength and context.

import Benchmark
import PasswordHashing
import PasswordPolicy

private let context = PasswordContext(
    hasMultiFactor: false, email: "ada.lovelace@acme.example", name: "Ada King-Noel",
    companyName: "Acme Widgets Inc.", productName: "Acme CRM")

/// 20 code points, ASCII: the common case.
private let asciiPassword = "plum ferry orbits 42"
/// 20 code points after NFKC, with accents typed as combining marks and a full-width digit.
private let unicodePassword = "cre\u{300}me bru\u{302}le\u{301}e \u{FF14}2 mo\u{308}we"

/// One check per sample, in microseconds.
private func checkConfiguration() -> Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 100,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 100_000
    )
}

/// The checker with the configuration's default sources (breached-password list, strength estimator).
private func standard() throws -> PasswordPolicyChecker {
    try PasswordPolicyChecker(configuration: PasswordPolicyChecker.Configuration())
}

/// The checker without sources: normalization, rules and word matching only.
private func rulesOnly() throws -> PasswordPolicyChecker {
    try PasswordPolicyChecker(
        configuration: PasswordPolicyChecker.Configuration(breachedPasswords: nil, strengthEstimator: nil))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark("check, 20 ASCII chars, default sources + context", configuration: checkConfiguration()) {
        benchmark async throws in
        let checker = try standard()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await checker.check(NormalizedPassword(asciiPassword), context: context))
        }
    }

    Benchmark("check, 20 non-ASCII chars, default sources + context", configuration: checkConfiguration()) {
        benchmark async throws in
        let checker = try standard()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await checker.check(NormalizedPassword(unicodePassword), context: context))
        }
    }

    Benchmark("check, 20 ASCII chars, rules and context only", configuration: checkConfiguration()) {
        benchmark async throws in
        let checker = try rulesOnly()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await checker.check(NormalizedPassword(asciiPassword), context: context))
        }
    }

    Benchmark("check, 20 non-ASCII chars, rules and context only", configuration: checkConfiguration()) {
        benchmark async throws in
        let checker = try rulesOnly()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await checker.check(NormalizedPassword(unicodePassword), context: context))
        }
    }
}
