// Benchmarks of the audit log: appending to the in-memory store (in batches, directly and through
// the recorder), verifying a million records, exporting and parsing.
//
// Run from Benchmarks/: `swift package --disable-sandbox benchmark --target AuditLogBenchmarks`.
// Documentation/Performance.md records the figures and the machine they ran on.

import AuditLog
import AuthCore
import Benchmark

import struct Foundation.Date

/// Realistic events: every field set, two metadata entries, kinds and users cycling.
private enum Inputs {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func events(_ count: Int) -> [AuditEvent] {
        (0..<count).map(event)
    }

    static func event(_ index: Int) -> AuditEvent {
        let kind: AuditEventKind = AuditEventKind.builtIn[index % AuditEventKind.builtIn.count]
        let time: Date = start.addingTimeInterval(Double(index) / 1000)
        let actor: UserID? = index % 10 == 0 ? "admin" : nil
        let subject: UserID = try! UserID("user\(index % 5000)@example.com")
        let tenant: TenantID = try! TenantID("tenant\(index % 50)")
        let failed: Bool = index % 7 == 0
        let agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"
        let metadata: [String: String] = ["request_id": "req-\(index)", "ui.page": "login"]
        return try! AuditEvent(
            kind: kind, at: time, actor: actor, subject: subject, tenant: tenant,
            sourceAddress: "203.0.113.\(index % 250)",
            userAgent: agent, outcome: failed ? .failure : .success, reason: failed ? "wrong_password" : nil,
            metadata: metadata)
    }

    static let batch = events(1000)
    static let key = try! Ed25519SigningKey(id: "bench", seed: [UInt8](repeating: 7, count: 32))
}

/// A million records and a checkpoint every 1,000, built once for the verify benchmark.
private let million: (records: [AuditRecord], checkpoints: [AuditCheckpoint]) = {
    let events = Inputs.events(1000)
    var records: [AuditRecord] = []
    records.reserveCapacity(1_000_000)
    var head = AuditChainHead.empty
    var checkpoints: [AuditCheckpoint] = []
    for _ in 0..<1000 {
        let linked = AuditChain.link(events, after: head)
        records.append(contentsOf: linked)
        head = linked[linked.count - 1].head
        checkpoints.append(try! AuditCheckpoint(signing: head, at: Inputs.start, with: Inputs.key))
    }
    return (records, checkpoints)
}()

private let hundredThousand = Array(million.records.prefix(100_000))
private let exported = AuditExport(records: hundredThousand, checkpoints: Array(million.checkpoints.prefix(100)))
    .encoded()

/// One sample appends 1,000 events; figures are per 1,000 events (events/s = 10^12 / ns).
private var appendConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 5,
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 2_000
    )
}

/// Whole-data-set operations: a few samples, in milliseconds.
private var bulkConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(20),
        maxIterations: 5
    )
}

let benchmarks: @Sendable () -> Void = {
    Benchmark("InMemoryAuditStore.append 1000 events in one batch", configuration: appendConfiguration) { benchmark in
        let batch = Inputs.batch
        for _ in benchmark.scaledIterations {
            let store = InMemoryAuditStore()
            benchmark.startMeasurement()
            blackHole(try await store.append(batch))
            benchmark.stopMeasurement()
        }
    }

    Benchmark("InMemoryAuditStore.append 1000 events in batches of 100", configuration: appendConfiguration) {
        benchmark in
        let batches = (0..<10).map { Array(Inputs.batch[($0 * 100)..<($0 * 100 + 100)]) }
        for _ in benchmark.scaledIterations {
            let store = InMemoryAuditStore()
            benchmark.startMeasurement()
            for batch in batches { blackHole(try await store.append(batch)) }
            benchmark.stopMeasurement()
        }
    }

    Benchmark("AuditRecorder.record 1000 events (batch 256) + flush", configuration: appendConfiguration) {
        benchmark in
        let batch = Inputs.batch
        for _ in benchmark.scaledIterations {
            let store = InMemoryAuditStore()
            let trail = try AuditTrail(
                store: store, checkpoints: store, signingKey: Inputs.key, checkpointInterval: 1_000_000)
            let recorder = try AuditRecorder(trail: trail, batchSize: 256)
            benchmark.startMeasurement()
            for event in batch { try await recorder.record(event) }
            try await recorder.flush()
            benchmark.stopMeasurement()
        }
    }

    Benchmark("AuditVerifier.verify 1,000,000 records, 1,000 checkpoints", configuration: bulkConfiguration) {
        benchmark in
        let data = million
        let verifier = AuditVerifier(publicKeys: [Inputs.key.publicKey])
        benchmark.startMeasurement()
        let report = verifier.verify(records: data.records, checkpoints: data.checkpoints)
        benchmark.stopMeasurement()
        precondition(report.isIntact)
    }

    Benchmark("AuditExport.encoded 100,000 records", configuration: bulkConfiguration) { benchmark in
        let records = hundredThousand
        benchmark.startMeasurement()
        blackHole(AuditExport(records: records, checkpoints: []).encoded())
    }

    Benchmark("AuditExport(parsing:) 100,000 records", configuration: bulkConfiguration) { benchmark in
        let bytes = exported
        benchmark.startMeasurement()
        blackHole(try AuditExport(parsing: bytes))
    }
}
