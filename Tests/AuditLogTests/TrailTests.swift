import AuditLog
import AuthCore
import Foundation
import InMemoryLogging
import Logging
import Testing

@Suite("The audit trail: checkpoints, verify, prune, queries, logging")
struct TrailTests {
    let store = InMemoryAuditStore()
    let clock = ManualClock(now: Sample.start)

    func trail(interval: UInt64 = 10, logger: Logger? = nil) throws -> AuditTrail {
        if let logger {
            return try AuditTrail(
                store: store, checkpoints: store, signingKey: Sample.key, checkpointInterval: interval, clock: clock,
                logger: logger)
        }
        return try AuditTrail(
            store: store, checkpoints: store, signingKey: Sample.key, checkpointInterval: interval, clock: clock)
    }

    @Test("a checkpoint every N records and on demand; the whole chain verifies")
    func checkpoints() async throws {
        let trail = try trail(interval: 10)
        try await trail.record(Sample.events(25))
        #expect(try await store.checkpoints(from: 1, through: 100).map(\.sequence) == [10, 20])
        var report = try await trail.verify(publicKeys: [Sample.key.publicKey])
        #expect(report.isIntact)
        #expect(report.unpinnedTail == 5)
        try await trail.checkpoint()
        report = try await trail.verify(publicKeys: [Sample.key.publicKey])
        #expect(report.lastPinnedSequence == 25)
        #expect(report.unpinnedTail == 0)
        #expect(try await trail.verify(publicKeys: [Sample.key.publicKey], from: 7, through: 18).isIntact)
    }

    @Test("prune then verify: the rest verifies from the checkpoint at the cut")
    func prune() async throws {
        let trail = try trail(interval: 1000)
        try await trail.record(Sample.events(30))  // event i at start + i seconds
        #expect(try await trail.prune(olderThan: Sample.start.addingTimeInterval(12)) == 12)
        #expect(try await store.records(from: 1, limit: 100).first?.sequence == 13)
        let report = try await trail.verify(publicKeys: [Sample.key.publicKey])
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.recordCount == 18)
        try await trail.record(Sample.events(2))
        #expect(try await store.head().sequence == 32)
        #expect(try await trail.verify(publicKeys: [Sample.key.publicKey]).isIntact)
        #expect(try await trail.prune(olderThan: Sample.start) == 0)
    }

    @Test("queries: by user, tenant, kind, outcome and time, newest first, with cursors")
    func queries() async throws {
        let trail = try trail()
        try await trail.record(Sample.events(60))
        var query = AuditQuery(limit: 4)
        query.user = "user1"
        query.tenant = "globex"
        var seen: [UInt64] = []
        while true {
            let page = try await store.query(query)
            seen += page.records.map(\.sequence)
            guard let next = page.nextCursor else { break }
            query.cursor = try AuditCursor(next.text)
        }
        let indices: [Int] = (0..<60).filter { (index: Int) -> Bool in index % 5 == 1 && index % 2 == 1 }
        let expected: [UInt64] = indices.reversed().map { UInt64($0 + 1) }
        #expect(seen == expected)
        var kinds = AuditQuery(limit: 100)
        kinds.kinds = [.loginFailed]
        kinds.outcome = .failure
        kinds.since = Sample.start.addingTimeInterval(20)
        let failed = try await store.query(kinds).records
        #expect(failed.allSatisfy { $0.event.kind == .loginFailed && $0.event.outcome == .failure })
        let failedIndices: [Int] = (20..<60).filter { (index: Int) -> Bool in index % 23 == 1 && index % 3 == 0 }
        let failedExpected: [UInt64] = failedIndices.reversed().map { UInt64($0 + 1) }
        #expect(failed.map(\.sequence) == failedExpected)
    }

    @Test(
        "bad cursors and page sizes are typed errors",
        arguments: ["", "ac1.", "ac1.0", "ac1.01", "ac2.5", "ac1.-1", "x"])
    func badCursor(text: String) async throws {
        #expect(throws: AuditError.invalidCursor) { try AuditCursor(text) }
        await #expect(throws: AuditError.invalidQuery) { try await store.query(AuditQuery(limit: 0)) }
    }

    @Test("each recorded event is logged with structured metadata")
    func logging() async throws {
        let handler = InMemoryLogHandler()
        let trail = try trail(logger: Logger(label: "audit", factory: { _ in handler }))
        try await trail.record([Sample.event(.roleGranted, 3)])
        let entry = try #require(handler.entries.first)
        #expect(entry.metadata["audit.kind"] == "role.granted")
        #expect(entry.metadata["audit.sequence"] == "1")
        #expect(entry.metadata["audit.subject"] == "user3")
        #expect(entry.metadata["audit.reason"] == "wrong_password")
    }
}
