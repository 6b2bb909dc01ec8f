// Audit appends on PostgreSQL: single events, batches, and the recorder the login flow uses. Every append
// is one transaction serialized on the chain head, committed under the server's `synchronous_commit`
// (on by default: when `append` returns, the records are in the flushed WAL).
//
// Unlike the SQLite audit benchmarks, which make a new file per sample, each benchmark here appends to
// one chain in a schema of its own (made in setup, dropped in teardown): a schema and its migration cost
// far more than a file, and a chain that grows over the run is what a server sees.

import AuditLog
import AuthCore
import Benchmark
import CRMAuthPostgres
import Foundation
import StoreBenchmarkFixtures

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
    let singleScratch = ScratchSchema()
    Benchmark(
        "PostgresAuditStore.append 1 event", configuration: durableConfiguration,
        closure: { benchmark, store in
            let events = AuditInputs.batch.map { [$0] }
            var index = 0
            for _ in benchmark.scaledIterations {
                benchmark.startMeasurement()
                blackHole(try await store.append(events[index % events.count]))
                benchmark.stopMeasurement()
                index += 1
            }
        },
        setup: { PostgresAuditStore(database: try await singleScratch.open()) },
        teardown: { await singleScratch.remove() })

    for size in [10, 100, 1000] {
        let batchScratch = ScratchSchema()
        Benchmark(
            "PostgresAuditStore.append 1000 events in batches of \(size)", configuration: durableConfiguration,
            closure: { benchmark, store in
                let batches = stride(from: 0, to: 1000, by: size).map { Array(AuditInputs.batch[$0..<$0 + size]) }
                for _ in benchmark.scaledIterations {
                    benchmark.startMeasurement()
                    for batch in batches { blackHole(try await store.append(batch)) }
                    benchmark.stopMeasurement()
                }
            },
            setup: { PostgresAuditStore(database: try await batchScratch.open()) },
            teardown: { await batchScratch.remove() })
    }

    let recorderScratch = ScratchSchema()
    Benchmark(
        "AuditRecorder.record 1000 events (batch 256) + flush on PostgreSQL", configuration: durableConfiguration,
        closure: { (benchmark, recorder: AuditRecorder) in
            for _ in benchmark.scaledIterations {
                benchmark.startMeasurement()
                for event in AuditInputs.batch { try await recorder.record(event) }
                try await recorder.flush()
                benchmark.stopMeasurement()
            }
        },
        setup: {
            let database = try await recorderScratch.open()
            let trail = try AuditTrail(
                store: PostgresAuditStore(database: database),
                checkpoints: PostgresAuditCheckpointStore(database: database), signingKey: AuditInputs.key,
                clock: ManualClock(now: AuditInputs.start))
            return try AuditRecorder(trail: trail, batchSize: 256)
        },
        teardown: { await recorderScratch.remove() })
}
