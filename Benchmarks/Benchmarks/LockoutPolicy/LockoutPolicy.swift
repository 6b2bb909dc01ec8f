// Benchmarks of `LoginThrottle` as the login flow calls it around a password check: `check` then
// `recordFailure`, on the in-memory store, with the standard rules.
//
// Run from Benchmarks/: `swift package --disable-sandbox benchmark --target LockoutPolicyBenchmarks`.
// Memory per counter: `swift run -c release LockoutSimulation` (Documentation/Performance.md).

import AuthCore
import Benchmark
import Foundation
import LockoutPolicy

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

/// `count` strangers (distinct accounts and addresses), their identifiers digested once as a login
/// flow does per request, over a store already holding their counters (three per stranger).
private func prepared(_ count: Int = 10_000) async throws -> (LoginThrottle, [LoginAttempt]) {
    let throttle = LoginThrottle(
        store: InMemoryLockoutStore(), secret: .random(),
        clock: ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000)))
    let attempts = (0..<count).map { index in
        throttle.attempt(account: "user\(index)@example.com", source: SourceAddress(ipv4: 0x0A00_0000 + UInt32(index)))
    }
    for attempt in attempts { try await throttle.recordFailure(attempt) }
    return (throttle, attempts)
}

let benchmarks: @Sendable () -> Void = {
    // check + recordFailure: three counters read, three updated under one lock, a record built.
    Benchmark("LoginThrottle.check + recordFailure (in-memory store)", configuration: fastConfiguration) {
        benchmark in
        let (throttle, attempts) = try await prepared()
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let attempt = attempts[index % attempts.count]
            blackHole(try await throttle.check(attempt))
            blackHole(try await throttle.recordFailure(attempt))
            index += 1
        }
    }

    // The same, all calls on 16 strangers: the counters stay in cache, so this is the code's own cost.
    Benchmark(
        "LoginThrottle.check + recordFailure (in-memory store, 16 strangers, cache-warm)",
        configuration: fastConfiguration
    ) {
        benchmark in
        let (throttle, attempts) = try await prepared(16)
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let attempt = attempts[index % attempts.count]
            blackHole(try await throttle.check(attempt))
            blackHole(try await throttle.recordFailure(attempt))
            index += 1
        }
    }

    Benchmark("LoginThrottle.check (in-memory store)", configuration: fastConfiguration) { benchmark in
        let (throttle, attempts) = try await prepared()
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await throttle.check(attempts[index % attempts.count]))
            index += 1
        }
    }

    // What each request pays once: the keyed digest of the identifier typed, and the address parsed.
    Benchmark("LoginThrottle.attempt (HMAC-SHA256 of the identifier)", configuration: fastConfiguration) {
        benchmark in
        let throttle = LoginThrottle(store: InMemoryLockoutStore(), secret: .random())
        let source = try SourceAddress(parsing: "203.0.113.7")
        for _ in benchmark.scaledIterations {
            blackHole(throttle.attempt(account: "ada.lovelace@example.com", source: source))
        }
    }

    Benchmark("SourceAddress(parsing:) IPv6", configuration: fastConfiguration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try SourceAddress(parsing: "2001:db8:85a3::8a2e:370:7334"))
        }
    }
}
