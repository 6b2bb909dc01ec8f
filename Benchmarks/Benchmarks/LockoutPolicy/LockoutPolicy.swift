// Benchmarks of `LoginThrottle` as the login flow calls it before a password check: `admit`, which
// decides and charges in one store call (what `check` then `recordFailure` did in two before), on the
// in-memory store, with the standard rules.
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
private func prepared(_ count: Int = 10_000) async throws -> (LoginThrottle, [LoginAttempt], ManualClock) {
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
    let throttle = LoginThrottle(store: InMemoryLockoutStore(), secret: .random(), clock: clock)
    let attempts = (0..<count).map { index in
        throttle.attempt(account: "user\(index)@example.com", source: SourceAddress(ipv4: 0x0A00_0000 + UInt32(index)))
    }
    for attempt in attempts { _ = try await throttle.admit(attempt) }
    return (throttle, attempts, clock)
}

let benchmarks: @Sendable () -> Void = {
    // admit: three counters read and decided, then charged, under one lock; a record built. The clock
    // moves an hour and a second per call, past every failure window, so every attempt is admitted and
    // charged (the path a wrong password takes) rather than refused by a delay; the counters stay in
    // the table, updated in place.
    Benchmark("LoginThrottle.admit (in-memory store)", configuration: fastConfiguration) { benchmark in
        let (throttle, attempts, clock) = try await prepared()
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            clock.advance(by: 3_601)
            blackHole(try await throttle.admit(attempts[index % attempts.count]).decision)
            index += 1
        }
    }

    // The same, all calls on 16 strangers: the counters stay in cache, so this is the code's own cost.
    Benchmark("LoginThrottle.admit (in-memory store, 16 strangers, cache-warm)", configuration: fastConfiguration) {
        benchmark in
        let (throttle, attempts, clock) = try await prepared(16)
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            clock.advance(by: 3_601)
            blackHole(try await throttle.admit(attempts[index % attempts.count]).decision)
            index += 1
        }
    }

    // A successful login: admit (charged up front), then recordSuccess (the pair cleared, the account
    // and source charges refunded, the next decision read), on 10,000 strangers and on 16.
    for count in [10_000, 16] {
        Benchmark(
            "LoginThrottle.admit + recordSuccess (in-memory store\(count == 16 ? ", 16 strangers, cache-warm" : ""))",
            configuration: fastConfiguration
        ) { benchmark in
            let (throttle, attempts, clock) = try await prepared(count)
            var index = 0
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                clock.advance(by: 3_601)
                let ticket = try await throttle.admit(attempts[index % attempts.count])
                blackHole(try await throttle.recordSuccess(ticket).next)
                index += 1
            }
        }
    }

    // A refused attempt: two failures put the pair's delay in force and the clock stands still, so the
    // call reads and decides and writes nothing.
    Benchmark("LoginThrottle.admit, refused (in-memory store)", configuration: fastConfiguration) { benchmark in
        let (throttle, attempts, _) = try await prepared()
        for attempt in attempts {
            _ = try await throttle.admit(attempt)
        }
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await throttle.admit(attempts[index % attempts.count]).decision)
            index += 1
        }
    }

    Benchmark("LoginThrottle.check (in-memory store)", configuration: fastConfiguration) { benchmark in
        let (throttle, attempts, _) = try await prepared()
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
