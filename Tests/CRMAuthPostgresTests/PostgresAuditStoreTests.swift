import AuditLog
import AuthCore
import CRMAuthPostgres
import CRMAuthTesting
import Foundation
import Testing

extension PostgreSQLTests {
    @Suite("PostgresAuditStore and PostgresAuditCheckpointStore")
    struct PostgresAuditStoreTests {
        @Test("keeps the AuditStore contract", arguments: AuditStoreConformance.Check.allCases)
        func conformance(check: AuditStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await AuditStoreConformance { _ in PostgresAuditStore(database: database) }.run(check)
            }
        }

        @Test("keeps the AuditCheckpointStore contract", arguments: AuditCheckpointStoreConformance.Check.allCases)
        func checkpointConformance(check: AuditCheckpointStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await AuditCheckpointStoreConformance { _ in PostgresAuditCheckpointStore(database: database) }
                    .run(check)
            }
        }

        @Test("keeps the AuditStore contract on two servers", arguments: AuditStoreConformance.Check.allCases)
        func twoServers(check: AuditStoreConformance.Check) async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([PostgresAuditStore(database: database), PostgresAuditStore(database: other)])
                do {
                    try await AuditStoreConformance { _ in servers }.run(check)
                } catch {
                    await other.close()
                    throw error
                }
                await other.close()
            }
        }

        @Test(
            "keeps the AuditCheckpointStore contract on two servers",
            arguments: AuditCheckpointStoreConformance.Check.allCases)
        func checkpointsOnTwoServers(check: AuditCheckpointStoreConformance.Check) async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([
                    PostgresAuditCheckpointStore(database: database), PostgresAuditCheckpointStore(database: other),
                ])
                do {
                    try await AuditCheckpointStoreConformance { _ in servers }.run(check)
                } catch {
                    await other.close()
                    throw error
                }
                await other.close()
            }
        }

        @Test("appends racing on two servers make one chain that verifies, every record once")
        func racingAppends() async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let stores = [PostgresAuditStore(database: database), PostgresAuditStore(database: other)]
                let written = try await withThrowingTaskGroup(of: [AuditRecord].self) { group in
                    for index in 0..<200 {
                        group.addTask {
                            let events = try (0..<(1 + index % 3)).map { _ in
                                try AuditEvent(
                                    kind: .loginSucceeded, at: Self.start, subject: UserID("user\(index)"),
                                    outcome: .success)
                            }
                            return try await stores[index % 2].append(events)
                        }
                    }
                    var all: [AuditRecord] = []
                    for try await records in group { all += records }
                    return all
                }
                await other.close()
                let stored = try await stores[0].records(from: 1, limit: 1_000)
                #expect(written.count == 399)
                #expect(stored.map(\.sequence) == Array(1...399))
                #expect(Set(written.map(\.sequence)).count == written.count, "no sequence handed out twice")
                #expect(AuditVerifier.withoutSignatures.verify(records: stored, checkpoints: []).isIntact)
                #expect(try await stores[0].head().sequence == 399)
            }
        }

        @Test("non-ASCII text is stored byte for byte: composed and decomposed spellings stay distinct")
        func exactText() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresAuditStore(database: database)
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
                #expect(AuditVerifier.withoutSignatures.verify(records: read, checkpoints: []).isIntact)
                var query = AuditQuery()
                query.user = UserID("jose\u{301}")
                #expect(try await store.query(query).records.map(\.sequence) == [2], "the decomposed spelling only")
            }
        }

        @Test("a field changed by hand reads back, and the verifier names its record")
        func changedField() async throws {
            try await Fixture.with { fixture in
                try await fixture.schema.editByHand(
                    "UPDATE audit_records SET outcome = 'success', reason = NULL WHERE sequence = 7")
                let report = try await fixture.trail.verify(publicKeys: [fixture.key.publicKey])
                #expect(report.problems == [AuditProblem(.recordAltered, at: 7)])
                try await fixture.schema.editByHand(
                    "UPDATE audit_records SET previous_hash = decode(repeat('00', 32), 'hex') WHERE sequence = 12")
                let again = try await fixture.trail.verify(publicKeys: [fixture.key.publicKey])
                #expect(again.problems.contains(AuditProblem(.linkBroken, at: 12)))
            }
        }

        @Test("a value no event accepts is a corrupted-record error naming the sequence; other records read")
        func invalidValue() async throws {
            try await Fixture.with { fixture in
                for edit in [
                    "outcome = 'maybe'", "kind = 'Login Failed'", "subject = ''", "hash = '\\x00'",
                    "metadata = '{\"a\":1}'", "metadata = '['", "time = 9007199254740993",
                ] {
                    try await fixture.schema.editByHand("UPDATE audit_records SET \(edit) WHERE sequence = 9")
                    let error = await #expect(throws: PostgresStoreError.corruptedRecord, "\(edit)") {
                        try await fixture.store.records(from: 0, limit: 100)
                    }
                    #expect(error?.reason.contains("audit_records sequence 9") == true, "\(edit)")
                    #expect(try await fixture.store.records(from: 10, limit: 100).count == 11, "\(edit)")
                    try await fixture.schema.editByHand("DELETE FROM audit_records WHERE sequence = 9")
                    try await fixture.schema.editByHand(fixture.reinsert(9))
                }
                #expect(try await fixture.trail.verify(publicKeys: [fixture.key.publicKey]).isIntact, "restored")
            }
        }

        @Test("a damaged head row stops appends without writing anything")
        func damagedHead() async throws {
            try await Fixture.with { fixture in
                let event = try AuditEvent(kind: .userCreated, at: Self.start)
                try await fixture.schema.editByHand("UPDATE audit_head SET sequence = 10")
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await fixture.store.append([event]) }
                try await fixture.schema.editByHand("UPDATE audit_head SET hash = '\\x0102'")
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await fixture.store.head() }
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await fixture.store.append([event]) }
                #expect(try await fixture.store.records(from: 1, limit: 100).count == 20, "nothing was appended")
            }
        }

        @Test("a damaged checkpoint: an edited signature is reported, an unreadable row names itself")
        func damagedCheckpoint() async throws {
            try await Fixture.with { fixture in
                try await fixture.schema.editByHand(
                    "UPDATE audit_checkpoints SET signature = decode(repeat('00', 64), 'hex') WHERE sequence = 10")
                let report = try await fixture.trail.verify(publicKeys: [fixture.key.publicKey])
                #expect(report.problems == [AuditProblem(.checkpointSignatureInvalid, at: 10)])
                try await fixture.schema.editByHand(
                    "UPDATE audit_checkpoints SET record_hash = '\\x00' WHERE sequence = 10")
                let error = await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await fixture.checkpoints.checkpoints(from: 1, through: 20)
                }
                #expect(error?.reason.contains("audit_checkpoints sequence 10 key 'audit-1'") == true)
                #expect(try await fixture.checkpoints.checkpoints(from: 11, through: 20).map(\.sequence) == [20])
            }
        }

        static let start = Date(timeIntervalSince1970: 1_700_000_000)

        /// Twenty records on a trail signing a checkpoint every ten, in a schema of their own.
        struct Fixture {
            let schema: TemporarySchema
            let store: PostgresAuditStore
            let checkpoints: PostgresAuditCheckpointStore
            let trail: AuditTrail
            let key: Ed25519SigningKey
            let written: [AuditRecord]

            static func with(_ body: (Fixture) async throws -> Void) async throws {
                try await TemporarySchema.with { schema, database in
                    let store = PostgresAuditStore(database: database)
                    let checkpoints = PostgresAuditCheckpointStore(database: database)
                    let key = try Ed25519SigningKey.generate(id: "audit-1")
                    let trail = try AuditTrail(
                        store: store, checkpoints: checkpoints, signingKey: key, checkpointInterval: 10,
                        clock: ManualClock(now: PostgresAuditStoreTests.start))
                    let written = try await trail.record(try (0..<20).map(event))
                    #expect(try await trail.verify(publicKeys: [key.publicKey]).isIntact)
                    try await body(
                        Fixture(
                            schema: schema, store: store, checkpoints: checkpoints, trail: trail, key: key,
                            written: written))
                }
            }

            static func event(_ index: Int) throws -> AuditEvent {
                let failed = index % 2 == 0
                return try AuditEvent(
                    kind: failed ? .loginFailed : .loginSucceeded,
                    at: PostgresAuditStoreTests.start.addingTimeInterval(Double(index)),
                    subject: try UserID("user\(index % 3)"), tenant: "acme", sourceAddress: "203.0.113.\(index)",
                    outcome: failed ? .failure : .success, reason: failed ? "wrong_password" : nil,
                    metadata: ["request_id": "r\(index)"])
            }

            /// SQL that inserts record `sequence` again as it was written.
            func reinsert(_ sequence: UInt64) -> String {
                let record = written[Int(sequence) - 1]
                let event = record.event
                func text(_ value: String?) -> String {
                    value.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" } ?? "NULL"
                }
                let metadata =
                    "{"
                    + event.metadata.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }
                    .joined(separator: ",") + "}"
                return """
                    INSERT INTO audit_records (sequence, time, kind, outcome, actor, subject, tenant, source_address,
                        user_agent, reason, metadata, previous_hash, hash)
                    VALUES (\(sequence), \(event.milliseconds), \(text(event.kind.name)),
                        \(text(event.outcome.rawValue)), \(text(event.actor?.rawValue)),
                        \(text(event.subject?.rawValue)), \(text(event.tenant?.rawValue)), \(text(event.sourceAddress)),
                        \(text(event.userAgent)), \(text(event.reason)), \(text(metadata)),
                        '\\x\(record.previousHash.hex)', '\\x\(record.hash.hex)')
                    """
            }
        }
    }
}
