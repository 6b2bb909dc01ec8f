// Benchmarks of session validation and issue through `SessionManager` over `InMemorySessionStore`,
// the path every authenticated request takes: parse the token (prefix, alphabet, checksum), digest it,
// look the session up under the store's lock, check expiry and the security stamp, and decide whether
// "last seen" is due for a write.
//
// Run from Benchmarks/: `swift package --disable-sandbox benchmark --target SessionTokensBenchmarks`.
// Memory per session is measured without the harness: `swift run -c release SessionStoreMemory`.
// Documentation/Performance.md records the figures and the machine they ran on.

import AuthCore
import Benchmark
import Foundation
import SessionTokens

/// A thousand calls per sample, so figures are per call in nanoseconds.
///
/// Computed, not stored: `Benchmark.Configuration` is not `Sendable`, so it cannot be a global `let`.
private var fastConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 2_000
    )
}

/// The instant every population is issued at.
private let issuedAt = Date(timeIntervalSince1970: 1_700_000_000)

/// Every user's current stamp: one constant, so the benchmark measures the library, not an app's
/// user cache (a real provider's lookup adds its own cost).
private let stamp = "Zm9yLWJlbmNobWFya3Mtb25seQ"
private let stamps = ClosureSecurityStampProvider { _ in stamp }

/// A store holding `count` live sessions and the token texts of 1,024 of them, spread evenly, so
/// consecutive validations touch unrelated parts of the store (as requests from different users do).
private struct Population: @unchecked Sendable {
    // @unchecked: the store and clock are Sendable classes; the arrays are never mutated after setup.
    let store: InMemorySessionStore
    let tokens: [String]

    static func make(count: Int) async throws -> Population {
        let store = InMemorySessionStore()
        let manager = SessionManager(store: store, clock: ManualClock(now: issuedAt), stamps: stamps)
        let stride = max(1, count / 1_024)
        var tokens: [String] = []
        tokens.reserveCapacity(1_024)
        for index in 0..<count {
            // Two sessions per user, as a user signed in on a laptop and a phone.
            let issued = try await manager.issue(userID: "user-\(index / 2)", securityStamp: stamp)
            if index % stride == 0, tokens.count < 1_024 { tokens.append(issued.token.revealedText) }
        }
        return Population(store: store, tokens: tokens)
    }
}

/// Builds each population once per process, however many benchmarks use it.
private actor Populations {
    private var built: [Int: Population] = [:]

    func population(count: Int) async throws -> Population {
        if let population = built[count] { return population }
        let population = try await Population.make(count: count)
        built[count] = population
        return population
    }
}

private let populations = Populations()

let benchmarks: @Sendable () -> Void = {
    // MARK: Validation (one request's work)

    for count in [1_000, 1_000_000] {
        Benchmark(
            "SessionManager.validate, \(count) live sessions",
            configuration: fastConfiguration,
            closure: { benchmark, population in
                // One second after issue: the last-seen write (every 300 s) is not due.
                let manager = SessionManager(
                    store: population.store, clock: ManualClock(now: issuedAt + 1), stamps: stamps)
                let tokens = population.tokens
                var index = 0
                for _ in benchmark.scaledIterations {
                    blackHole(try await manager.validate(tokens[index & 1_023]))
                    index += 1
                }
            },
            setup: { try await populations.population(count: count) }
        )
    }

    // A policy that writes last seen on every validation, with a clock moving 1 ms per request, so
    // every call performs the store's touch (the worst case of the throttled write decision).
    Benchmark(
        "SessionManager.validate, 1000000 live sessions, last-seen write every call",
        configuration: fastConfiguration,
        closure: { benchmark, population in
            let clock = ManualClock(now: issuedAt + 1)
            let policy = SessionPolicy(absoluteTimeout: 24 * 3600, idleTimeout: 3600, lastSeenWriteInterval: 0)
            let manager = SessionManager(store: population.store, policy: policy, clock: clock, stamps: stamps)
            let tokens = population.tokens
            var index = 0
            for _ in benchmark.scaledIterations {
                clock.advance(by: 0.001)
                blackHole(try await manager.validate(tokens[index & 1_023]))
                index += 1
            }
        },
        setup: { try await populations.population(count: 1_000_000) }
    )

    // MARK: Issue

    // Into a fresh store per sample (1,000 sessions), so the store does not grow without bound.
    Benchmark("SessionManager.issue", configuration: fastConfiguration) { benchmark in
        let manager = SessionManager(
            store: InMemorySessionStore(), clock: ManualClock(now: issuedAt), stamps: stamps)
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await manager.issue(userID: "user-\(index)", securityStamp: stamp))
        }
    }

    // MARK: The parts of validation

    Benchmark("SessionToken(parsing:)", configuration: fastConfiguration) { benchmark in
        let text = SessionToken.generate().revealedText
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try SessionToken(parsing: text))
        }
    }

    Benchmark("SessionToken.digest", configuration: fastConfiguration) { benchmark in
        let token = SessionToken.generate()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(token.digest)
        }
    }

    Benchmark(
        "InMemorySessionStore.session(digest:), 1000000 live sessions",
        configuration: fastConfiguration,
        closure: { benchmark, population in
            let digests = try population.tokens.map { try SessionToken(parsing: $0).digest }
            benchmark.startMeasurement()
            var index = 0
            for _ in benchmark.scaledIterations {
                blackHole(try await population.store.session(digest: digests[index & 1_023]))
                index += 1
            }
        },
        setup: { try await populations.population(count: 1_000_000) }
    )
}
