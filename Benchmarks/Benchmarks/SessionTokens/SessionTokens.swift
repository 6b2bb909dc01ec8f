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

/// The stamp provider, as an app writes one on its own user-cache type: conforming to the protocol
/// directly. (`ClosureSecurityStampProvider` adds one async call and executor check per validation;
/// Documentation/Performance.md has the difference.)
private struct Stamps: SecurityStampProvider {
    func securityStamp(userID: UserID) async throws -> String? { stamp }
}
private let stamps = Stamps()

/// A store holding `count` live sessions and the token texts of all of them, in random order.
///
/// Validating tokens in that order makes every lookup touch memory no recent request touched (a
/// million sessions take ~650 MB, far beyond the caches): the cold case. The first 1,024 tokens,
/// cycled, stand for a set of recently active users whose sessions stay in the CPU caches.
private struct Population: @unchecked Sendable {
    // @unchecked: the store and clock are Sendable classes; the arrays are never mutated after setup.
    let store: InMemorySessionStore
    let tokens: [String]
    /// The digests of `tokens`, in the same order.
    let digests: [TokenDigest]
    var recentlyActive: ArraySlice<String> { tokens.prefix(1_024) }

    static func make(count: Int) async throws -> Population {
        let store = InMemorySessionStore()
        let manager = SessionManager(store: store, clock: ManualClock(now: issuedAt), stamps: stamps)
        var tokens: [String] = []
        tokens.reserveCapacity(count)
        for index in 0..<count {
            // Two sessions per user, as a user signed in on a laptop and a phone.
            let issued = try await manager.issue(userID: try UserID("user-\(index / 2)"), securityStamp: stamp)
            tokens.append(issued.token.revealedText)
        }
        tokens.shuffle()
        // Each text anew, in presentation order: a server meets a token in the request it has just
        // read, so its bytes are in the cache. The texts made by `issue` lie in issue order, and
        // reading them shuffled would add a cache miss per request that no server pays.
        tokens = tokens.map { String(decoding: Array($0.utf8), as: UTF8.self) }
        let digests = try tokens.map { try SessionToken(parsing: $0).digest }
        return Population(store: store, tokens: tokens, digests: digests)
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

    /// Validates `tokens` in turn with a clock one second after issue (the 300 s last-seen write is
    /// not due), so each call is exactly the work of one authenticated request.
    func validating(_ tokens: @escaping @Sendable (Population) -> [String]) -> (Benchmark, Population) async throws ->
        Void
    {
        { benchmark, population in
            let manager = SessionManager(store: population.store, clock: ManualClock(now: issuedAt + 1), stamps: stamps)
            let tokens = tokens(population)
            // A random start, so that with a million tokens each sample meets sessions no earlier
            // sample touched.
            var index = Int.random(in: 0..<tokens.count)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try await manager.validate(tokens[index]))
                index = index + 1 == tokens.count ? 0 : index + 1
            }
        }
    }

    Benchmark(
        "SessionManager.validate, 1000 live sessions",
        configuration: fastConfiguration, closure: validating { $0.tokens },
        setup: { try await populations.population(count: 1_000) })

    Benchmark(
        "SessionManager.validate, 1000000 live sessions, 1024 recently active (cache-warm)",
        configuration: fastConfiguration, closure: validating { Array($0.recentlyActive) },
        setup: { try await populations.population(count: 1_000_000) })

    Benchmark(
        "SessionManager.validate, 1000000 live sessions, each a different one (cache-cold)",
        configuration: fastConfiguration, closure: validating { $0.tokens },
        setup: { try await populations.population(count: 1_000_000) })

    // A policy that writes last seen on every validation, with a clock moving 1 ms per request, so
    // every call performs the store's touch (the worst case of the throttled write decision).
    Benchmark(
        "SessionManager.validate, 1000000 live sessions, 1024 recently active, last-seen write every call",
        configuration: fastConfiguration,
        closure: { benchmark, population in
            let clock = ManualClock(now: issuedAt + 1)
            let policy = SessionPolicy(absoluteTimeout: 24 * 3600, idleTimeout: 3600, lastSeenWriteInterval: 0)
            let manager = SessionManager(store: population.store, policy: policy, clock: clock, stamps: stamps)
            let tokens = Array(population.recentlyActive)
            var index = 0
            benchmark.startMeasurement()
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
            blackHole(try await manager.issue(userID: try UserID("user-\(index)"), securityStamp: stamp))
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

    for (label, warm) in [("1024 recently active (cache-warm)", true), ("each a different one (cache-cold)", false)] {
        Benchmark(
            "InMemorySessionStore.session(digest:), 1000000 live sessions, \(label)",
            configuration: fastConfiguration,
            closure: { benchmark, population in
                let digests = warm ? Array(population.digests.prefix(1_024)) : population.digests
                var index = Int.random(in: 0..<digests.count)
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    blackHole(try await population.store.session(digest: digests[index]))
                    index = index + 1 == digests.count ? 0 : index + 1
                }
            },
            setup: { try await populations.population(count: 1_000_000) }
        )
    }
}
