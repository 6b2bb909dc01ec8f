import AuditLog
import AuthCore
import Foundation
import Testing

extension AuditStoreConformance {
    /// `count` events, one second apart from the clock's time, cycling through users, tenants,
    /// kinds and outcomes.
    static func events(_ count: Int, at clock: ManualClock, offset: Int = 0) throws -> [AuditEvent] {
        try (0..<count).map { step in
            let index = step + offset
            return try AuditEvent(
                kind: AuditEventKind.builtIn[index % AuditEventKind.builtIn.count],
                at: clock.now().addingTimeInterval(Double(index)), actor: index % 4 == 0 ? "admin" : nil,
                subject: UserID("user\(index % 3)"), tenant: index % 2 == 0 ? "acme" : "globex",
                sourceAddress: "198.51.100.\(index % 200)", outcome: index % 5 == 0 ? .failure : .success,
                metadata: ["index": "\(index)"])
        }
    }

    func appendLinksToHead(_ store: any AuditStore, _ clock: ManualClock) async throws {
        #expect(try await store.head() == .empty, "an empty store's head is the empty head")
        let first = try await store.append(Self.events(3, at: clock))
        #expect(
            first == AuditChain.link(try Self.events(3, at: clock), after: .empty), "records are linked by AuditChain")
        #expect(try await store.head() == first.last?.head, "the head is the last record")
        let second = try await store.append(Self.events(2, at: clock, offset: 3))
        #expect(second.map(\.sequence) == [4, 5], "the next batch continues the numbering")
        #expect(second.first?.previousHash == first.last?.hash, "and links to the head")
        #expect(try await store.head() == second.last?.head)
    }

    func emptyBatchWritesNothing(_ store: any AuditStore, _ clock: ManualClock) async throws {
        #expect(try await store.append([]).isEmpty)
        #expect(try await store.head() == .empty)
        _ = try await store.append(Self.events(2, at: clock))
        let head = try await store.head()
        #expect(try await store.append([]).isEmpty)
        #expect(try await store.head() == head, "an empty batch moves no head")
    }

    func recordsReadBack(_ store: any AuditStore, _ clock: ManualClock) async throws {
        let written = try await store.append(Self.events(20, at: clock))
        #expect(try await store.records(from: 1, limit: 100) == written, "read back exactly, ascending")
        #expect(try await store.records(from: 0, limit: 3) == Array(written.prefix(3)), "from 0 starts at the first")
        #expect(
            try await store.records(from: 8, limit: 5) == Array(written[7..<12]), "from the middle, up to the limit")
        #expect(try await store.records(from: 21, limit: 5).isEmpty, "nothing after the head")
        let report = AuditVerifier.withoutSignatures.verify(records: written, checkpoints: [])
        #expect(report.isIntact, "what the store returns verifies")
    }

    func queryFilters(_ store: any AuditStore, _ clock: ManualClock) async throws {
        let written = try await store.append(Self.events(60, at: clock))
        func check(_ query: AuditQuery, _ comment: Comment) async throws {
            let expected = Array(written.filter(query.matches).reversed().prefix(query.limit))
            #expect(try await store.query(query).records == expected, comment)
        }
        var query = AuditQuery(limit: 1000)
        try await check(query, "no filter: every record, newest first")
        query.user = "admin"
        try await check(query, "by actor")
        query.user = "user1"
        try await check(query, "by subject")
        query.tenant = "globex"
        try await check(query, "by user and tenant")
        query = AuditQuery(limit: 1000)
        query.kinds = [.loginFailed, .roleGranted]
        try await check(query, "by kinds")
        query.kinds = nil
        query.outcome = .failure
        try await check(query, "by outcome")
        query.outcome = nil
        query.since = clock.now().addingTimeInterval(10)
        query.until = clock.now().addingTimeInterval(20)
        try await check(query, "by time: since inclusive, until exclusive")
        query = AuditQuery(limit: 1000)
        query.user = "nobody"
        #expect(try await store.query(query).records.isEmpty, "an unknown user matches nothing")
    }

    func queryPages(_ store: any AuditStore, _ clock: ManualClock) async throws {
        let written = try await store.append(Self.events(50, at: clock))
        var query = AuditQuery(limit: 7)
        query.tenant = "acme"
        var seen: [AuditRecord] = []
        var pages = 0
        while pages < 100 {
            let page = try await store.query(query)
            seen += page.records
            pages += 1
            if pages == 2 { _ = try await store.append(Self.events(5, at: clock, offset: 50)) }
            guard let cursor = page.nextCursor else { break }
            query.cursor = try AuditCursor(cursor.text)
        }
        #expect(seen == written.filter { $0.event.tenant == "acme" }.reversed(), "every match once, newest first")
        #expect(pages == 4, "25 matches in pages of 7")
    }

    func pruneKeepsHead(_ store: any AuditStore, _ clock: ManualClock) async throws {
        let written = try await store.append(Self.events(10, at: clock))
        #expect(try await store.prune(through: 4) == 4, "prune reports how many records it deleted")
        #expect(try await store.records(from: 1, limit: 100) == Array(written.dropFirst(4)), "only those")
        #expect(try await store.prune(through: 2) == 0, "pruning again below the cut deletes nothing")
        #expect(try await store.prune(through: 10) == 6)
        #expect(try await store.head() == written.last?.head, "the head survives pruning every record")
        let next = try await store.append(Self.events(1, at: clock, offset: 10))
        #expect(next.first?.sequence == 11, "appends continue after the pruned head")
        #expect(next.first?.previousHash == written.last?.hash)
    }

    func concurrentAppends(_ store: any AuditStore, _ clock: ManualClock) async throws {
        let batches = try (0..<racers).map { try Self.events(3, at: clock, offset: $0 * 3) }
        let outcomes = await Conformance.race(racers) { index in try await store.append(batches[index]) }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing appends succeed")
        let stored = try await store.records(from: 1, limit: racers * 3 + 10)
        #expect(stored.map(\.sequence) == (1...UInt64(racers * 3)).map { $0 }, "one chain without gaps or repeats")
        let report = AuditVerifier.withoutSignatures.verify(records: stored, checkpoints: [])
        #expect(report.isIntact, "the racing appends form one valid chain: \(report.problems.prefix(5))")
        let bySequence = Dictionary(stored.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first })
        let returned = outcomes.compactMap(\.value)
        #expect(
            returned.allSatisfy { batch in
                batch.map(\.sequence) == Array((batch.first?.sequence ?? 0)..<(batch.first?.sequence ?? 0) + 3)
            },
            "each batch is contiguous")
        #expect(returned.joined().allSatisfy { bySequence[$0.sequence] == $0 }, "records are returned as stored")
        #expect(try await store.head() == stored.last?.head)
    }
}
