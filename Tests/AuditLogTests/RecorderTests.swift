import AuditLog
import AuthCore
import Synchronization
import Testing

/// A store that fails while `failing` is set, for the recorder's back-pressure.
final class FlakyAuditStore: AuditStore {
    let inner = InMemoryAuditStore()
    let failing = Mutex(false)
    struct Down: Error {}

    func append(_ events: [AuditEvent]) async throws -> [AuditRecord] {
        if failing.withLock({ $0 }) { throw Down() }
        return try await inner.append(events)
    }
    func head() async throws -> AuditChainHead { try await inner.head() }
    func records(from: UInt64, limit: Int) async throws -> [AuditRecord] {
        try await inner.records(from: from, limit: limit)
    }
    func query(_ query: AuditQuery) async throws -> AuditPage { try await inner.query(query) }
    func prune(through sequence: UInt64) async throws -> Int { try await inner.prune(through: sequence) }
}

@Suite("The batching recorder")
struct RecorderTests {
    @Test("events are appended in batches by size and on flush, in order")
    func batches() async throws {
        let store = InMemoryAuditStore()
        let trail = try AuditTrail(store: store, checkpoints: store, signingKey: Sample.key, clock: ManualClock())
        let recorder = try AuditRecorder(trail: trail, batchSize: 10)
        let events = Sample.events(25)
        for event in events { try await recorder.record(event) }
        #expect(try await store.head().sequence == 20, "two full batches were appended")
        #expect(await recorder.pendingCount == 5)
        try await recorder.flush()
        #expect(await recorder.pendingCount == 0)
        #expect(try await store.records(from: 1, limit: 100).map(\.event) == events, "in order")
    }

    @Test("many tasks recording at once: every event lands once, and the chain verifies")
    func concurrent() async throws {
        let store = InMemoryAuditStore()
        let trail = try AuditTrail(
            store: store, checkpoints: store, signingKey: Sample.key, checkpointInterval: 50, clock: ManualClock())
        let recorder = try AuditRecorder(trail: trail, batchSize: 16)
        let events = Sample.events(640)
        await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<64 {
                group.addTask { for index in 0..<10 { try await recorder.record(events[task * 10 + index]) } }
            }
        }
        try await recorder.flush()
        let stored = try await store.records(from: 1, limit: 1000)
        #expect(stored.count == 640)
        #expect(Set(stored.map(\.event)) == Set(events))
        #expect(try await trail.verify(publicKeys: [Sample.key.publicKey]).isIntact)
    }

    @Test("when the store fails, events stay buffered; a full buffer refuses with recorderFull, drops nothing")
    func backPressure() async throws {
        let store = FlakyAuditStore()
        let trail = try AuditTrail(store: store, checkpoints: store.inner, signingKey: Sample.key, clock: ManualClock())
        let recorder = try AuditRecorder(trail: trail, batchSize: 4, capacity: 8)
        store.failing.withLock { $0 = true }
        let events = Sample.events(9)
        for event in events.prefix(8) { try await recorder.record(event) }
        #expect(await recorder.pendingCount == 8, "a failed batch goes back into the buffer")
        await #expect(throws: AuditError.recorderFull) { try await recorder.record(events[8]) }
        await #expect(throws: AuditError.storeFailure) { try await recorder.flush() }
        #expect(await recorder.pendingCount == 8, "nothing was dropped")
        store.failing.withLock { $0 = false }
        try await recorder.record(events[8])
        try await recorder.flush()
        #expect(try await store.records(from: 1, limit: 100).map(\.event) == events, "all of them, in order")
    }
}
