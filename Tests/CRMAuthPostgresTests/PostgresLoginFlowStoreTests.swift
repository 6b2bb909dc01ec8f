import AuthCore
import CRMAuthPostgres
import CRMAuthTesting
import Foundation
import LoginFlow
import SessionTokens
import Testing

/// A digest of 32 equal bytes, and its `bytea` literal for hand edits.
private func digest(_ byte: UInt8) throws -> TokenDigest {
    try TokenDigest(bytes: [UInt8](repeating: byte, count: 32))
}

private func literal(_ byte: UInt8) -> String {
    "'\\x\(String(repeating: String(format: "%02x", byte), count: 32))'"
}

private func at(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: 700_000_000 + seconds) }

extension PostgreSQLTests {
    @Suite("PostgresRememberedDeviceStore")
    struct PostgresRememberedDeviceStoreTests {
        @Test("keeps the RememberedDeviceStore contract", arguments: RememberedDeviceStoreConformance.Check.allCases)
        func conformance(check: RememberedDeviceStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await RememberedDeviceStoreConformance { _ in PostgresRememberedDeviceStore(database: database) }
                    .run(check)
            }
        }

        @Test(
            "keeps the RememberedDeviceStore contract on two servers",
            arguments: RememberedDeviceStoreConformance.Check.allCases)
        func twoServers(check: RememberedDeviceStoreConformance.Check) async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([
                    PostgresRememberedDeviceStore(database: database), PostgresRememberedDeviceStore(database: other),
                ])
                do {
                    try await RememberedDeviceStoreConformance { _ in servers }.run(check)
                } catch {
                    await other.close()
                    throw error
                }
                await other.close()
            }
        }

        static func device(_ id: String, user: UserID = "ana", label: String = "Safari", lastUsed: Double = 0)
            -> RememberedDevice
        {
            RememberedDevice(
                id: DeviceID(rawValue: id), userID: user, label: label, securityStamp: "stamp", createdAt: at(0),
                lastUsedAt: at(lastUsed), expiresAt: at(86_400))
        }

        @Test(
            "A hand-edited row is a corrupted-record error for that device; the user's list fails rather than omit it")
        func corruptedRow() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresRememberedDeviceStore(database: database)
                _ = try await store.insert(Self.device("d1", lastUsed: 1), digest: try digest(1), limit: 5)
                _ = try await store.insert(Self.device("d2", lastUsed: 2), digest: try digest(2), limit: 5)
                _ = try await store.insert(Self.device("b1", user: "bob"), digest: try digest(3), limit: 5)
                try await schema.editByHand("ALTER TABLE remembered_devices ALTER COLUMN label DROP NOT NULL")
                try await schema.editByHand("UPDATE remembered_devices SET label = NULL WHERE id = 'd1'")
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.device(digest: try digest(1))
                }
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.devices(userID: "ana") }
                #expect(try await store.device(digest: try digest(2))?.id == DeviceID(rawValue: "d2"))
                #expect(try await store.devices(userID: "bob").count == 1)
                // Remembering another device evicts the damaged, least recently used one, reading only its id.
                #expect(
                    try await store.insert(Self.device("d3", lastUsed: 3), digest: try digest(4), limit: 2) == [
                        DeviceID(rawValue: "d1")
                    ])
                #expect(try await store.devices(userID: "ana").count == 2)
                try await schema.editByHand("UPDATE remembered_devices SET digest = '\\x0102' WHERE id = 'd2'")
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.devices(userID: "ana") }
                #expect(try await store.deleteAll(userID: "ana") == 2)
            }
        }

        @Test("Text holding U+0000 is refused before anything is stored")
        func nulRefused() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresRememberedDeviceStore(database: database)
                _ = try await store.insert(Self.device("d1"), digest: try digest(1), limit: 1)
                var stamped = Self.device("d3")
                stamped.securityStamp = "st\u{0}amp"
                for device in [Self.device("d2", label: "Safari\u{0} on iPhone"), Self.device("dev\u{0}ice"), stamped] {
                    await #expect(throws: PostgresStoreError.unrepresentable) {
                        try await store.insert(device, digest: try digest(2), limit: 1)
                    }
                }
                #expect(try await store.device(digest: try digest(2)) == nil)
                #expect(
                    try await store.devices(userID: "ana").map(\.id) == [DeviceID(rawValue: "d1")], "nothing evicted")
            }
        }

        @Test("Equal last-used instants evict by creation, then by id")
        func evictionOrderIsTotal() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresRememberedDeviceStore(database: database)
                for (index, id) in ["d-b", "d-a", "d-c"].enumerated() {
                    _ = try await store.insert(Self.device(id), digest: try digest(UInt8(index + 1)), limit: 5)
                }
                let evicted = try await store.insert(Self.device("d-d", lastUsed: 1), digest: try digest(9), limit: 2)
                #expect(Set(evicted) == [DeviceID(rawValue: "d-a"), DeviceID(rawValue: "d-b")])
            }
        }
    }
}

extension PostgreSQLTests {
    @Suite("PostgresMFAChallengeStore")
    struct PostgresMFAChallengeStoreTests {
        @Test("keeps the MFAChallengeStore contract", arguments: MFAChallengeStoreConformance.Check.allCases)
        func conformance(check: MFAChallengeStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await MFAChallengeStoreConformance { _ in PostgresMFAChallengeStore(database: database) }.run(check)
            }
        }

        @Test(
            "keeps the MFAChallengeStore contract on two servers",
            arguments: MFAChallengeStoreConformance.Check.allCases)
        func twoServers(check: MFAChallengeStoreConformance.Check) async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([
                    PostgresMFAChallengeStore(database: database), PostgresMFAChallengeStore(database: other),
                ])
                do {
                    try await MFAChallengeStoreConformance { _ in servers }.run(check)
                } catch {
                    await other.close()
                    throw error
                }
                await other.close()
            }
        }

        static let challenge = MFAChallenge(
            userID: "ana", tenantID: "acme", methods: [.totp, .recoveryCode], securityStamp: "stamp",
            createdAt: at(0), expiresAt: at(300))

        @Test(
            "A hand-edited row is a corrupted-record error for that challenge only, and stays until purged",
            arguments: ["methods = '[\"sms\"]'", "methods = 'totp'", "failures = -1", "user_id = ''", "tenant_id = ''"])
        func corruptedRow(edit: String) async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresMFAChallengeStore(database: database)
                try await store.insert(Self.challenge, digest: try digest(1))
                try await store.insert(Self.challenge, digest: try digest(2))
                try await schema.editByHand("UPDATE mfa_challenges SET \(edit) WHERE digest = \(literal(1))")
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.challenge(digest: try digest(1))
                }
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.recordFailure(digest: try digest(1), maximumFailures: 1)
                }
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.consume(digest: try digest(1))
                }
                #expect(try await store.recordFailure(digest: try digest(2), maximumFailures: 5)?.failures == 1)
                #expect(try await store.consume(digest: try digest(2))?.failures == 1)
                // The failed calls changed nothing; purging at its expiry removes the row without reading it.
                #expect(try await store.purgeExpired(at: Self.challenge.expiresAt) == 1)
                #expect(try await store.challenge(digest: try digest(1)) == nil)
            }
        }

        @Test("Text holding U+0000 is refused before anything is stored")
        func nulRefused() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresMFAChallengeStore(database: database)
                var challenge = Self.challenge
                challenge.securityStamp = "st\u{0}amp"
                let refused = try digest(1)
                await #expect(throws: PostgresStoreError.unrepresentable) {
                    try await store.insert(challenge, digest: refused)
                }
                #expect(try await store.challenge(digest: refused) == nil)
                #expect(try await store.purgeExpired(at: Date.distantFuture) == 0, "nothing was stored")
            }
        }
    }
}
