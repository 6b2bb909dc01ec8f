// Session validation through `SessionManager` over `SQLiteSessionStore`: one request's work (parse the
// token, digest it, read the session row on a reader connection, check expiry and the security stamp,
// decide whether "last seen" is due), on a WAL file in a temporary folder holding 10,000 live sessions,
// under `synchronous` NORMAL and FULL. The same validation over `InMemorySessionStore` with the same
// population runs beside them for comparison. Rows with a last-seen write on every call measure a
// commit per request, where the two settings differ.

import AuthCore
import Benchmark
import CRMAuthSQLite
import Foundation
import SessionTokens
import StoreBenchmarkFixtures

/// A thousand calls per sample, so figures are per call in nanoseconds.
private var readConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(5),
        maxIterations: 200
    )
}

/// One call per sample: each call commits a write (under FULL, a wait for the disk).
private var writeConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock],
        timeUnits: .microseconds,
        warmupIterations: 10,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 5_000
    )
}

/// The folder holding the benchmark's database file, removed when the process exits.
private let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("crmauth-sqlite-bench-\(UUID().uuidString)", isDirectory: true).path

/// Token texts in random order, and the store holding their sessions.
private struct Population: @unchecked Sendable {
    // @unchecked: the store is a Sendable class; the array is never mutated after setup.
    let store: any SessionStore
    let tokens: [String]

    /// Issues `SessionPopulation.count` sessions (two per user) through `SessionManager` into `store`.
    static func issue(into store: some SessionStore) async throws -> Population {
        let manager = SessionPopulation.issuingManager(store)
        var tokens: [String] = []
        tokens.reserveCapacity(SessionPopulation.count)
        for index in 0..<SessionPopulation.count {
            let issued = try await manager.issue(
                userID: try UserID("user-\(index / 2)"), securityStamp: SessionPopulation.stamp)
            tokens.append(issued.token.revealedText)
        }
        return Population(store: store, tokens: SessionPopulation.presentationOrder(tokens))
    }
}

/// Builds each population once per process: one file filled once (under NORMAL: 10,000 commits),
/// then opened once more per setting, two pools on one file as two servers would have.
private actor Populations {
    private var file: (tokens: [String], databases: [SQLiteDatabase.Synchronous: SQLiteDatabase])?
    private var memory: Population?

    func sqlite(_ synchronous: SQLiteDatabase.Synchronous) async throws -> Population {
        if file == nil {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            atexit { try? FileManager.default.removeItem(atPath: folder) }
            let path = folder + "/auth.sqlite"
            let normal = try SQLiteDatabase(path: path, synchronous: .normal)
            let filled = try await Population.issue(into: SQLiteSessionStore(database: normal))
            file = (filled.tokens, [.normal: normal, .full: try SQLiteDatabase(path: path, synchronous: .full)])
        }
        guard let file, let database = file.databases[synchronous] else { fatalError("no database") }
        return Population(store: SQLiteSessionStore(database: database), tokens: file.tokens)
    }

    func inMemory() async throws -> Population {
        if let memory { return memory }
        let population = try await Population.issue(into: InMemorySessionStore())
        memory = population
        return population
    }
}

private let populations = Populations()

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

/// Session validation over SQLite (NORMAL and FULL) and in memory, 10,000 live sessions.
func sessionBenchmarks() {
    for synchronous in [SQLiteDatabase.Synchronous.normal, .full] {
        Benchmark(
            "SQLiteSessionStore: SessionManager.validate, 10000 live sessions, synchronous \(synchronous)",
            configuration: readConfiguration, closure: validating,
            setup: { try await populations.sqlite(synchronous) })
        Benchmark(
            "SQLiteSessionStore: SessionManager.validate, last-seen write every call, synchronous \(synchronous)",
            configuration: writeConfiguration, closure: validatingWithWrite,
            setup: { try await populations.sqlite(synchronous) })
    }
    Benchmark(
        "InMemorySessionStore: SessionManager.validate, 10000 live sessions",
        configuration: readConfiguration, closure: validating,
        setup: { try await populations.inMemory() })
}
