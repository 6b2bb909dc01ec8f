// Session validation through `SessionManager` over `PostgresSessionStore`: one request's work (parse the
// token, digest it, read the session row with one `SELECT` over a pooled loopback connection, check
// expiry and the security stamp, decide whether "last seen" is due), on a schema holding 10,000 live
// sessions. A row with a last-seen write on every call measures one `UPDATE` (an autocommit, so a WAL
// flush under the server's `synchronous_commit`) per request. The in-memory and SQLite figures are in
// Documentation/Performance.md (SQLiteBenchmarks), not re-measured here. A bare `SELECT 1` through
// PostgresNIO's own pool, without CRMAuth, gives the floor of one round trip on the same machine; the
// same inside a task group racing a sleeping task shows what a per-call timeout of that shape (the one
// `PostgresAuthDatabase` puts around every call) adds to it; the session row fetched by digest through
// PostgresNIO alone (`SELECT *`, the row not decoded) separates the server's work from the store's.

import AuthCore
import Benchmark
import CRMAuthPostgres
import Foundation
import PostgresNIO
import SessionTokens
import StoreBenchmarkFixtures

/// One call per sample, in microseconds: each call is a round trip to the server.
private var roundTripConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 10,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 5_000
    )
}

/// In-memory calls: 1,000 per sample, in nanoseconds.
private var cachedConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 1_000,
        scalingFactor: .kilo,
        maxDuration: .seconds(5),
        maxIterations: 1_000
    )
}

/// Token texts in random order, and the store holding their sessions.
private struct Population: @unchecked Sendable {
    // @unchecked: the store is a Sendable class; the array is never mutated after setup.
    let store: PostgresSessionStore
    let tokens: [String]

    /// Issues `SessionPopulation.count` sessions (two per user) through `SessionManager` into a new schema, eight
    /// inserts in flight at a time (only to fill it sooner).
    static func issue(into scratch: ScratchSchema) async throws -> Population {
        let store = PostgresSessionStore(database: try await scratch.open())
        let manager = SessionPopulation.issuingManager(store)
        var tokens: [String] = []
        tokens.reserveCapacity(SessionPopulation.count)
        for start in stride(from: 0, to: SessionPopulation.count, by: 8) {
            try await withThrowingTaskGroup(of: String.self) { group in
                for index in start..<min(start + 8, SessionPopulation.count) {
                    group.addTask {
                        let user = try UserID("user-\(index / 2)")
                        return try await manager.issue(userID: user, securityStamp: SessionPopulation.stamp).token
                            .revealedText
                    }
                }
                for try await token in group { tokens.append(token) }
            }
        }
        return Population(store: store, tokens: SessionPopulation.presentationOrder(tokens))
    }
}

/// Validates the population's tokens in turn, one second after issue (the 300 s last-seen write is
/// not due): each call is exactly the work of one authenticated request, a read.
private func validating(_ benchmark: Benchmark, _ population: Population) async throws {
    try await SessionPopulation.validating(benchmark, store: population.store, tokens: population.tokens)
}

/// Validates with a policy that writes last seen on every call and a clock moving 1 ms per call, so
/// each validation commits the store's `touch` (the worst case of the throttled write).
private func validatingWithWrite(_ benchmark: Benchmark, _ population: Population) async throws {
    try await SessionPopulation.validatingWithWrite(benchmark, store: population.store, tokens: population.tokens)
}

/// Session validation over PostgreSQL, 10,000 live sessions, with and without a last-seen write.
func sessionBenchmarks() {
    let readScratch = ScratchSchema()
    Benchmark(
        "PostgresSessionStore: SessionManager.validate, 10000 live sessions",
        configuration: roundTripConfiguration, closure: validating,
        setup: { try await Population.issue(into: readScratch) },
        teardown: { await readScratch.remove() })

    let writeScratch = ScratchSchema()
    Benchmark(
        "PostgresSessionStore: SessionManager.validate, last-seen write every call",
        configuration: roundTripConfiguration, closure: validatingWithWrite,
        setup: { try await Population.issue(into: writeScratch) },
        teardown: { await writeScratch.remove() })

    // The optional cache (`session_cache`): a working set of 1,000 sessions validated in turn, each
    // again within the 60 s bound, so after the first pass every call is answered from memory; the
    // first pass (one read each) is in the warm-up and the setup.
    let cachedScratch = ScratchSchema()
    Benchmark(
        "PostgresSessionStore behind CachingSessionStore (60 s): SessionManager.validate, 1000 sessions validated again",
        configuration: cachedConfiguration,
        closure: { (benchmark, state: (SessionManager, [String])) in
            let (manager, tokens) = state
            var index = 0
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try await manager.validate(tokens[index]))
                index = index + 1 == tokens.count ? 0 : index + 1
            }
        },
        setup: {
            let population = try await Population.issue(into: cachedScratch)
            let cache = CachingSessionStore(base: population.store, maximumAge: 60)
            let manager = SessionManager(
                store: cache, clock: ManualClock(now: SessionPopulation.issuedAt + 1), stamps: SessionPopulation.stamps)
            let tokens = Array(population.tokens.prefix(1_000))
            for token in tokens { _ = try await manager.validate(token) }
            return (manager, tokens)
        },
        teardown: { await cachedScratch.remove() })

    let floorScratch = ScratchSchema()
    Benchmark(
        "PostgresNIO alone: SELECT 1 on a pooled PostgresClient (one loopback round trip)",
        configuration: roundTripConfiguration,
        closure: { benchmark, client in
            for _ in benchmark.scaledIterations {
                for try await value in try await client.query("SELECT 1").decode(Int32.self) { blackHole(value) }
            }
        },
        setup: { try floorScratch.plain() },
        teardown: { await floorScratch.remove() })

    let timedScratch = ScratchSchema()
    Benchmark(
        "PostgresNIO alone: SELECT 1 in a task group racing a 10 s sleep (a per-call timeout)",
        configuration: roundTripConfiguration,
        closure: { benchmark, client in
            for _ in benchmark.scaledIterations {
                let value = try await withThrowingTaskGroup(of: Int32?.self) { group in
                    group.addTask {
                        for try await value in try await client.query("SELECT 1").decode(Int32.self) { return value }
                        return nil
                    }
                    group.addTask {
                        try await Task.sleep(for: .seconds(10))
                        return nil
                    }
                    defer { group.cancelAll() }
                    return try await group.next() ?? nil
                }
                blackHole(value)
            }
        },
        setup: { try timedScratch.plain() },
        teardown: { await timedScratch.remove() })

    let rawScratch = ScratchSchema()
    Benchmark(
        "PostgresNIO alone: SELECT * FROM sessions WHERE digest = $1, 10000 live sessions, row not decoded",
        configuration: roundTripConfiguration,
        closure: { (benchmark, state: (PostgresClient, [ByteBuffer])) in
            let (client, digests) = state
            let table = rawScratch.name + ".sessions"
            var index = Int.random(in: 0..<digests.count)
            for _ in benchmark.scaledIterations {
                let query: PostgresQuery = "SELECT * FROM \(unescaped: table) WHERE digest = \(digests[index])"
                var rows = 0
                for try await _ in try await client.query(query) { rows += 1 }
                precondition(rows == 1)
                index = index + 1 == digests.count ? 0 : index + 1
            }
        },
        setup: {
            _ = try await Population.issue(into: rawScratch)
            let client = try rawScratch.plain()
            var digests: [ByteBuffer] = []
            let query = PostgresQuery(unsafeSQL: "SELECT digest FROM \(rawScratch.name).sessions")
            for try await digest in try await client.query(query).decode(ByteBuffer.self) { digests.append(digest) }
            digests.shuffle()
            return (client, digests)
        },
        teardown: { await rawScratch.remove() })
}
