import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import SessionTokens
import Testing

@Suite("SQLiteRefreshTokenStore")
struct SQLiteRefreshTokenStoreTests {
    @Test("keeps the RefreshTokenStore contract", arguments: RefreshTokenStoreConformance.Check.allCases)
    func conformance(check: RefreshTokenStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await RefreshTokenStoreConformance { _ in SQLiteRefreshTokenStore(database: temporary.database) }.run(check)
    }

    static func record(family: String, user: UserID = "ana", stamp: String = "stamp") -> RefreshTokenRecord {
        RefreshTokenRecord(
            familyID: RefreshFamilyID(rawValue: family), userID: user, securityStamp: stamp,
            familyCreatedAt: Date(timeIntervalSinceReferenceDate: 100.25),
            expiresAt: Date(timeIntervalSinceReferenceDate: 86_500.5))
    }

    static func digest(_ byte: UInt8) throws -> TokenDigest {
        try TokenDigest(bytes: [UInt8](repeating: byte, count: 32))
    }

    @Test("a family id and a stamp holding U+0000 are kept whole; the id's prefix is another family")
    func textWithNUL() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteRefreshTokenStore(database: temporary.database)
        try await store.insert(Self.record(family: "fam\u{0}ily", stamp: "st\u{0}amp"), digest: Self.digest(1))
        try await store.insert(Self.record(family: "fam"), digest: Self.digest(2))
        let read = try #require(try await store.record(digest: Self.digest(1)))
        #expect(Array(read.familyID.rawValue.utf8) == Array("fam\u{0}ily".utf8))
        #expect(Array(read.securityStamp.utf8) == Array("st\u{0}amp".utf8))
        guard case .rotated(let successor) = try await store.rotate(digest: Self.digest(1), to: Self.digest(3)) else {
            Issue.record("the first rotation must succeed")
            return
        }
        #expect(Array(successor.securityStamp.utf8) == Array("st\u{0}amp".utf8))
        #expect(try await store.record(digest: Self.digest(3)) == successor)
        // Revoking "fam" leaves "fam\0ily" alone, and the other way round.
        #expect(try await store.revokeFamily(RefreshFamilyID(rawValue: "fam")) == 1)
        #expect(try await store.revokeFamily(RefreshFamilyID(rawValue: "fam\u{0}ily"), userID: "ana") == 2)
    }

    @Test("a hand-edited row is a corrupted-record error for that token only; rotation changes nothing")
    func corruptedRow() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteRefreshTokenStore(database: temporary.database)
        try await store.insert(Self.record(family: "damaged"), digest: Self.digest(1))
        try await store.insert(Self.record(family: "intact"), digest: Self.digest(2))
        let damaged = "x'\(String(repeating: "01", count: 32))'"
        for edit in [
            "used = 7", "user_id = ''", "security_stamp = CAST(x'41FF42' AS TEXT)", "family_id = CAST(x'FF' AS TEXT)",
        ] {
            try temporary.editByHand("UPDATE refresh_tokens SET \(edit) WHERE digest = \(damaged)")
            await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.record(digest: Self.digest(1)) }
            await #expect(throws: SQLiteStoreError.corruptedRecord) {
                try await store.rotate(digest: Self.digest(1), to: Self.digest(9))
            }
            #expect(try await store.record(digest: Self.digest(9)) == nil)
            try temporary.editByHand(
                """
                UPDATE refresh_tokens SET used = 0, user_id = 'ana', security_stamp = 'stamp', family_id = 'damaged'
                WHERE digest = \(damaged)
                """)
        }
        // A used token whose family id was damaged: reuse cannot name the family, so it fails too.
        try temporary.editByHand(
            "UPDATE refresh_tokens SET used = 1, family_id = CAST(x'FF' AS TEXT) WHERE digest = \(damaged)")
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await store.rotate(digest: Self.digest(1), to: Self.digest(9))
        }
        // The other family reads and rotates; purge removes the damaged row without reading it.
        #expect(try await store.record(digest: Self.digest(2)) == Self.record(family: "intact"))
        #expect(try await store.rotate(digest: Self.digest(2), to: Self.digest(3)) != .notFound)
        #expect(try await store.purgeExpired(at: Date(timeIntervalSinceReferenceDate: 86_500.5)) == 3)
    }

    @Test("a value of the wrong type, written past STRICT, is a corrupted-record error")
    func wrongType() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteRefreshTokenStore(database: temporary.database)
        try await store.insert(Self.record(family: "f"), digest: Self.digest(1))
        try await store.insert(Self.record(family: "g"), digest: Self.digest(2))
        try temporary.dropStrict("refresh_tokens")
        try temporary.editByHand(
            "UPDATE refresh_tokens SET expires_at = 'tomorrow' WHERE digest = x'\(String(repeating: "01", count: 32))'")
        let reopened = try SQLiteDatabase(path: temporary.path)
        defer { try? reopened.close() }
        let reopenedStore = SQLiteRefreshTokenStore(database: reopened)
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await reopenedStore.record(digest: Self.digest(1))
        }
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await reopenedStore.rotate(digest: Self.digest(1), to: Self.digest(3))
        }
        #expect(try await reopenedStore.record(digest: Self.digest(2)) == Self.record(family: "g"))
    }
}
