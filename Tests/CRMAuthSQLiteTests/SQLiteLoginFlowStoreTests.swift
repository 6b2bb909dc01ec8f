import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import LoginFlow
import SessionTokens
import Testing

private func digest(_ byte: UInt8) throws -> TokenDigest {
    try TokenDigest(bytes: [UInt8](repeating: byte, count: 32))
}

private func hex(_ byte: UInt8) -> String {
    String(repeating: String(format: "%02x", byte), count: 32)
}

private func at(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: 700_000_000 + seconds) }

@Suite("SQLiteRememberedDeviceStore")
struct SQLiteRememberedDeviceStoreTests {
    @Test("keeps the RememberedDeviceStore contract", arguments: RememberedDeviceStoreConformance.Check.allCases)
    func conformance(check: RememberedDeviceStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await RememberedDeviceStoreConformance { _ in SQLiteRememberedDeviceStore(database: temporary.database) }
            .run(check)
    }

    @Test(
        "keeps the RememberedDeviceStore contract on two connections to one file",
        arguments: RememberedDeviceStoreConformance.Check.allCases)
    func twoServers(check: RememberedDeviceStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteRememberedDeviceStore(database: $0) }
        try await RememberedDeviceStoreConformance { _ in servers }.run(check)
    }

    static func device(_ id: String, user: UserID = "ana", label: String = "Safari", lastUsed: Double = 0)
        -> RememberedDevice
    {
        RememberedDevice(
            id: DeviceID(rawValue: id), userID: user, label: label, securityStamp: "stamp", createdAt: at(0),
            lastUsedAt: at(lastUsed), expiresAt: at(86_400))
    }

    @Test("a label, stamp and id holding U+0000 are kept whole; the prefix is another device id")
    func textWithNUL() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteRememberedDeviceStore(database: temporary.database)
        var device = Self.device("dev\u{0}ice", label: "Safari\u{0} on iPhone")
        device.securityStamp = "st\u{0}amp"
        #expect(try await store.insert(device, digest: try digest(1), limit: 5).isEmpty)
        let read = try #require(try await store.device(digest: try digest(1)))
        #expect(Array(read.label.utf8) == Array(device.label.utf8))
        #expect(Array(read.securityStamp.utf8) == Array(device.securityStamp.utf8))
        #expect(Array(read.id.rawValue.utf8) == Array(device.id.rawValue.utf8))
        #expect(try await store.delete(id: DeviceID(rawValue: "dev"), userID: "ana") == false)
        #expect(try await store.delete(id: device.id, userID: "ana"))
    }

    @Test("a hand-edited row is a corrupted-record error for that device; the user's list fails rather than omit it")
    func corruptedRow() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteRememberedDeviceStore(database: temporary.database)
        _ = try await store.insert(Self.device("d1", lastUsed: 1), digest: try digest(1), limit: 5)
        _ = try await store.insert(Self.device("d2", lastUsed: 2), digest: try digest(2), limit: 5)
        _ = try await store.insert(Self.device("b1", user: "bob"), digest: try digest(3), limit: 5)
        try temporary.editByHand("UPDATE remembered_devices SET label = CAST(x'41ff' AS TEXT) WHERE id = 'd1'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.device(digest: try digest(1)) }
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.devices(userID: "ana") }
        #expect(try await store.device(digest: try digest(2))?.id == DeviceID(rawValue: "d2"))
        #expect(try await store.devices(userID: "bob").count == 1)
        // Remembering another device evicts the damaged, least recently used one without reading it.
        #expect(
            try await store.insert(Self.device("d3", lastUsed: 3), digest: try digest(4), limit: 2) == [
                DeviceID(rawValue: "d1")
            ])
        #expect(try await store.devices(userID: "ana").count == 2)
        try temporary.editByHand("UPDATE remembered_devices SET digest = x'0102' WHERE id = 'd2'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.devices(userID: "ana") }
        #expect(try await store.deleteAll(userID: "ana") == 2)
    }
}

@Suite("SQLiteMFAChallengeStore")
struct SQLiteMFAChallengeStoreTests {
    @Test("keeps the MFAChallengeStore contract", arguments: MFAChallengeStoreConformance.Check.allCases)
    func conformance(check: MFAChallengeStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await MFAChallengeStoreConformance { _ in SQLiteMFAChallengeStore(database: temporary.database) }.run(check)
    }

    @Test(
        "keeps the MFAChallengeStore contract on two connections to one file",
        arguments: MFAChallengeStoreConformance.Check.allCases)
    func twoServers(check: MFAChallengeStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteMFAChallengeStore(database: $0) }
        try await MFAChallengeStoreConformance { _ in servers }.run(check)
    }

    static let challenge = MFAChallenge(
        userID: "ana", tenantID: "acme", methods: [.totp, .recoveryCode], securityStamp: "stamp", createdAt: at(0),
        expiresAt: at(300))

    @Test("a security stamp holding U+0000 is kept whole")
    func stampWithNUL() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteMFAChallengeStore(database: temporary.database)
        var challenge = Self.challenge
        challenge.securityStamp = "st\u{0}amp"
        try await store.insert(challenge, digest: try digest(1))
        let read = try #require(try await store.consume(digest: try digest(1)))
        #expect(Array(read.securityStamp.utf8) == Array(challenge.securityStamp.utf8))
        #expect(read == challenge)
    }

    @Test(
        "a hand-edited row is a corrupted-record error for that challenge only, and stays until purged",
        arguments: ["methods = '[\"sms\"]'", "methods = 'totp'", "failures = -1", "user_id = ''", "tenant_id = ''"])
    func corruptedRow(edit: String) async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteMFAChallengeStore(database: temporary.database)
        try await store.insert(Self.challenge, digest: try digest(1))
        try await store.insert(Self.challenge, digest: try digest(2))
        try temporary.editByHand("UPDATE mfa_challenges SET \(edit) WHERE digest = x'\(hex(1))'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.challenge(digest: try digest(1)) }
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await store.recordFailure(digest: try digest(1), maximumFailures: 1)
        }
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.consume(digest: try digest(1)) }
        #expect(try await store.recordFailure(digest: try digest(2), maximumFailures: 5)?.failures == 1)
        #expect(try await store.consume(digest: try digest(2))?.failures == 1)
        // The failed calls changed nothing; purging at its expiry removes the row without reading it.
        #expect(try await store.purgeExpired(at: Self.challenge.expiresAt) == 1)
        #expect(try await store.challenge(digest: try digest(1)) == nil)
    }
}
