import AuditLog
import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import Testing

@Suite("SQLiteAuditStore and SQLiteAuditCheckpointStore")
struct SQLiteAuditStoreTests {
    @Test("SQLiteAuditStore keeps the AuditStore contract", arguments: AuditStoreConformance.Check.allCases)
    func conformance(check: AuditStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await AuditStoreConformance { _ in SQLiteAuditStore(database: temporary.database) }.run(check)
    }

    @Test(
        "SQLiteAuditCheckpointStore keeps the AuditCheckpointStore contract",
        arguments: AuditCheckpointStoreConformance.Check.allCases)
    func checkpointConformance(check: AuditCheckpointStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await AuditCheckpointStoreConformance { _ in SQLiteAuditCheckpointStore(database: temporary.database) }
            .run(check)
    }

    @Test("AuditStore on two connections to one file", arguments: AuditStoreConformance.Check.allCases)
    func twoServers(check: AuditStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteAuditStore(database: $0) }
        try await AuditStoreConformance { _ in servers }.run(check)
    }

    @Test(
        "AuditCheckpointStore on two connections to one file",
        arguments: AuditCheckpointStoreConformance.Check.allCases)
    func checkpointsOnTwoServers(check: AuditCheckpointStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteAuditCheckpointStore(database: $0) }
        try await AuditCheckpointStoreConformance { _ in servers }.run(check)
    }

    @Test("non-ASCII text is stored byte for byte: composed and decomposed spellings stay distinct")
    func exactText() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteAuditStore(database: temporary.database)
        let composed = try AuditEvent(
            kind: .loginFailed, at: Self.start, subject: UserID("jos\u{E9}"), tenant: "caf\u{E9}",
            userAgent: "Agent \u{1F600} \"quoted\" \\ back", outcome: .failure, reason: "wrong_password",
            metadata: ["note": "caf\u{E9} \u{2028}", "a.b-c_d": "\"{}\""])
        let decomposed = try AuditEvent(
            kind: .loginFailed, at: Self.start, subject: UserID("jose\u{301}"), tenant: "cafe\u{301}",
            outcome: .failure)
        let written = try await store.append([composed, decomposed])
        let read = try await store.records(from: 1, limit: 10)
        #expect(read == written)
        #expect(
            read.map { Array(($0.event.subject?.rawValue ?? "").utf8) } == [
                Array("jos\u{E9}".utf8), Array("jose\u{301}".utf8),
            ])
        #expect(AuditVerifier.withoutSignatures.verify(records: read, checkpoints: []).isIntact)
        var query = AuditQuery()
        query.user = UserID("jose\u{301}")
        #expect(try await store.query(query).records.map(\.sequence) == [2], "the decomposed spelling only")
    }

    @Test("a field changed by hand reads back, and the verifier names its record")
    func changedField() async throws {
        let fixture = try await Fixture()
        try fixture.temporary.editByHand(
            "UPDATE audit_records SET outcome = 'success', reason = NULL WHERE sequence = 7")
        let report = try await fixture.trail.verify(publicKeys: [fixture.key.publicKey])
        #expect(report.problems == [AuditProblem(.recordAltered, at: 7)])
        #expect(try await fixture.store.records(from: 7, limit: 1).first?.event.outcome == .success)
    }

    @Test("a broken chain link is reported at its record")
    func brokenLink() async throws {
        let fixture = try await Fixture()
        try fixture.temporary.editByHand("UPDATE audit_records SET previous_hash = zeroblob(32) WHERE sequence = 12")
        let report = try await fixture.trail.verify(publicKeys: [fixture.key.publicKey])
        #expect(report.problems.contains(AuditProblem(.linkBroken, at: 12)))
        #expect(report.problems.allSatisfy { $0.sequence == 12 })
        // A deleted record shows as missing at the next one.
        try fixture.temporary.editByHand("DELETE FROM audit_records WHERE sequence = 15")
        let again = try await fixture.trail.verify(publicKeys: [fixture.key.publicKey])
        #expect(again.problems.contains(AuditProblem(.recordsMissing, at: 16)))
    }

    @Test("a value no event accepts is a corrupted-record error naming the sequence; other records read")
    func invalidValue() async throws {
        let fixture = try await Fixture()
        for edit in [
            "outcome = 'maybe'", "kind = 'Login Failed'", "subject = ''", "hash = x'00'", "metadata = '{\"a\":1}'",
            "metadata = '['", "reason = CAST(x'41FF' AS TEXT)", "time = 9007199254740993",
        ] {
            try fixture.temporary.editByHand("UPDATE audit_records SET \(edit) WHERE sequence = 9")
            try await fixture.expectDamaged(at: 9, edit)
            try fixture.restore(9)
        }
        #expect(try await fixture.trail.verify(publicKeys: [fixture.key.publicKey]).isIntact, "restored")
    }

    @Test("a value of the wrong type, written past STRICT, is a corrupted-record error naming the sequence")
    func wrongType() async throws {
        let fixture = try await Fixture()
        try fixture.temporary.editByHand(
            """
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'audit_records';
            """)
        try fixture.temporary.editByHand("UPDATE audit_records SET time = 'noon' WHERE sequence = 9")
        let reopened = try SQLiteDatabase(path: fixture.temporary.path)
        defer { try? reopened.close() }
        try await fixture.expectDamaged(at: 9, "time as TEXT", store: SQLiteAuditStore(database: reopened))
    }

    @Test("a damaged head row stops appends without writing anything")
    func damagedHead() async throws {
        let fixture = try await Fixture()
        let event = try AuditEvent(kind: .userCreated, at: Self.start)
        try fixture.temporary.editByHand("UPDATE audit_head SET sequence = 10")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await fixture.store.append([event]) }
        try fixture.temporary.editByHand("UPDATE audit_head SET hash = x'0102'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await fixture.store.head() }
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await fixture.store.append([event]) }
        #expect(try await fixture.store.records(from: 1, limit: 100).count == 20, "nothing was appended")
    }

    @Test("a damaged checkpoint: an edited signature is reported, an unreadable row names itself")
    func damagedCheckpoint() async throws {
        let fixture = try await Fixture()
        try fixture.temporary.editByHand("UPDATE audit_checkpoints SET signature = zeroblob(64) WHERE sequence = 10")
        let report = try await fixture.trail.verify(publicKeys: [fixture.key.publicKey])
        #expect(report.problems == [AuditProblem(.checkpointSignatureInvalid, at: 10)])
        try fixture.temporary.editByHand("UPDATE audit_checkpoints SET record_hash = x'00' WHERE sequence = 10")
        let checkpoints = SQLiteAuditCheckpointStore(database: fixture.temporary.database)
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await checkpoints.checkpoints(from: 1, through: 20)
        }
        #expect(try await checkpoints.checkpoints(from: 11, through: 20).map(\.sequence) == [20])
    }

    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// Twenty records on a trail signing a checkpoint every ten.
    struct Fixture {
        let temporary: TemporaryDatabase
        let store: SQLiteAuditStore
        let trail: AuditTrail
        let key: Ed25519SigningKey
        let written: [AuditRecord]

        init() async throws {
            temporary = try TemporaryDatabase()
            store = SQLiteAuditStore(database: temporary.database)
            key = try Ed25519SigningKey.generate(id: "audit-1")
            trail = try AuditTrail(
                store: store, checkpoints: SQLiteAuditCheckpointStore(database: temporary.database), signingKey: key,
                checkpointInterval: 10, clock: ManualClock(now: SQLiteAuditStoreTests.start))
            let events = try (0..<20).map(Self.event)
            written = try await trail.record(events)
            #expect(try await trail.verify(publicKeys: [key.publicKey]).isIntact)
        }

        static func event(_ index: Int) throws -> AuditEvent {
            let failed = index % 2 == 0
            let time: Date = SQLiteAuditStoreTests.start.addingTimeInterval(Double(index))
            let subject = try UserID("user\(index % 3)")
            let kind: AuditEventKind = failed ? .loginFailed : .loginSucceeded
            let outcome: AuditOutcome = failed ? .failure : .success
            let reason: String? = failed ? "wrong_password" : nil
            return try AuditEvent(
                kind: kind, at: time, subject: subject, tenant: "acme", sourceAddress: "203.0.113.\(index)",
                outcome: outcome, reason: reason, metadata: ["request_id": "r\(index)"])
        }

        /// Writes record `sequence` back as it was.
        func restore(_ sequence: UInt64) throws {
            let record = written[Int(sequence) - 1]
            let event = record.event
            func text(_ value: String?) -> String {
                value.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" } ?? "NULL"
            }
            let metadata =
                "{"
                + event.metadata.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }
                .joined(separator: ",") + "}"
            try temporary.editByHand(
                """
                UPDATE audit_records SET time = \(event.milliseconds), kind = \(text(event.kind.name)),
                    outcome = \(text(event.outcome.rawValue)), subject = \(text(event.subject?.rawValue)),
                    reason = \(text(event.reason)), metadata = \(text(metadata)),
                    hash = x'\(record.hash.hex)', previous_hash = x'\(record.previousHash.hex)'
                WHERE sequence = \(sequence)
                """)
        }

        /// The damaged record fails every read that reaches it, naming its sequence number, and the
        /// verifier's error names it too; the records around it read, export and verify.
        func expectDamaged(
            at sequence: UInt64, _ comment: String, store given: SQLiteAuditStore? = nil,
            sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            let store = given ?? self.store
            let error = await #expect(
                throws: SQLiteStoreError.corruptedRecord, "\(comment)", sourceLocation: sourceLocation
            ) {
                try await store.records(from: 1, limit: 100)
            }
            #expect(
                error?.reason.contains("audit_records sequence \(sequence)") == true,
                "\(comment): \(error?.reason ?? "")",
                sourceLocation: sourceLocation)
            await #expect(throws: SQLiteStoreError.corruptedRecord, sourceLocation: sourceLocation) {
                try await store.query(AuditQuery())
            }
            let checkpoints = SQLiteAuditCheckpointStore(database: temporary.database)
            let trail = try AuditTrail(store: store, checkpoints: checkpoints, signingKey: key)
            let failure = await #expect(throws: AuditError.storeFailure, sourceLocation: sourceLocation) {
                try await trail.verify(publicKeys: [key.publicKey])
            }
            let cause = failure?.underlying as? SQLiteStoreError
            #expect(cause?.reason.contains("sequence \(sequence)") == true, sourceLocation: sourceLocation)

            let before = try await store.records(from: 1, limit: Int(sequence) - 1)
            let after = try await store.records(from: sequence + 1, limit: 100)
            #expect(before == Array(written.prefix(Int(sequence) - 1)), sourceLocation: sourceLocation)
            #expect(after == Array(written.dropFirst(Int(sequence))), sourceLocation: sourceLocation)
            var query = AuditQuery(limit: 5)
            query.cursor = AuditCursor(before: sequence)
            #expect(
                try await store.query(query).records == Array(before.reversed().prefix(5)),
                sourceLocation: sourceLocation)
            // An export of the records after it verifies, anchored by the checkpoint at 10.
            let exported = AuditExport(
                records: Array(written.dropFirst(10)),
                checkpoints: try await checkpoints.checkpoints(from: 10, through: 20))
            let parsed = try AuditExport(parsing: exported.encoded())
            let tail = try await store.records(from: 11, limit: 100)
            #expect(parsed.records == tail, sourceLocation: sourceLocation)
            #expect(
                AuditVerifier(publicKeys: [key.publicKey]).verify(records: tail, checkpoints: parsed.checkpoints)
                    .isIntact,
                sourceLocation: sourceLocation)
            #expect(
                try await trail.verify(publicKeys: [key.publicKey], from: 11).isIntact, sourceLocation: sourceLocation)
        }
    }
}
