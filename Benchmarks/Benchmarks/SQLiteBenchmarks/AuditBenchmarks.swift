// Audit appends on SQLite: single events, batches, and the recorder the login flow uses. Every append
// is one `BEGIN IMMEDIATE` transaction, committed under the database's `synchronous` setting (`FULL`,
// the default once `SQLiteDatabase.Synchronous` is in: when `append` returns, the records are on disk).

import AuditLog
import AuthCore
import Benchmark
import CRMAuthSQLite
import Foundation
import StoreBenchmarkFixtures

/// A database file in a new temporary folder, removed by ``remove()``.
private struct AuditDatabase {
    let folder: URL
    let database: SQLiteDatabase

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmauth-bench-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        database = try SQLiteDatabase(path: folder.appendingPathComponent("auth.sqlite").path)
    }

    func remove() {
        try? database.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// One sample is one append call or one group of them; the name says how many events a sample holds.
private var durableConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 3,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 2_000
    )
}

func auditBenchmarks() {
    Benchmark("SQLiteAuditStore.append 1 event", configuration: durableConfiguration) { benchmark in
        let file = try AuditDatabase()
        defer { file.remove() }
        let store = SQLiteAuditStore(database: file.database)
        let events = AuditInputs.batch.map { [$0] }
        var index = 0
        for _ in benchmark.scaledIterations {
            benchmark.startMeasurement()
            blackHole(try await store.append(events[index % events.count]))
            benchmark.stopMeasurement()
            index += 1
        }
    }

    for size in [10, 100, 1000] {
        Benchmark(
            "SQLiteAuditStore.append 1000 events in batches of \(size)", configuration: durableConfiguration
        ) {
            benchmark in
            let file = try AuditDatabase()
            defer { file.remove() }
            let store = SQLiteAuditStore(database: file.database)
            let batches = stride(from: 0, to: 1000, by: size).map { Array(AuditInputs.batch[$0..<$0 + size]) }
            for _ in benchmark.scaledIterations {
                benchmark.startMeasurement()
                for batch in batches { blackHole(try await store.append(batch)) }
                benchmark.stopMeasurement()
            }
        }
    }

    Benchmark(
        "AuditRecorder.record 1000 events (batch 256) + flush on SQLite", configuration: durableConfiguration
    ) {
        benchmark in
        let file = try AuditDatabase()
        defer { file.remove() }
        let store = SQLiteAuditStore(database: file.database)
        let trail = try AuditTrail(
            store: store, checkpoints: SQLiteAuditCheckpointStore(database: file.database), signingKey: AuditInputs.key,
            clock: ManualClock(now: AuditInputs.start))
        let recorder = try AuditRecorder(trail: trail, batchSize: 256)
        for _ in benchmark.scaledIterations {
            benchmark.startMeasurement()
            for event in AuditInputs.batch { try await recorder.record(event) }
            try await recorder.flush()
            benchmark.stopMeasurement()
        }
    }
}
