import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import SessionTokens
import Testing

@Suite("SQLiteOneTimeTokenStore")
struct SQLiteOneTimeTokenStoreTests {
    @Test("keeps the OneTimeTokenStore contract", arguments: OneTimeTokenStoreConformance.Check.allCases)
    func conformance(check: OneTimeTokenStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await OneTimeTokenStoreConformance { _ in SQLiteOneTimeTokenStore(database: temporary.database) }.run(check)
    }

    @Test("a purpose name holding U+0000 is matched whole: its prefix is another purpose")
    func purposeWithNUL() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteOneTimeTokenStore(database: temporary.database)
        let purpose = OneTimeTokenPurpose(name: "reset\u{0}admin", defaultLifetime: 600)
        let record = OneTimeTokenRecord(
            userID: "ana", purpose: purpose, securityStamp: "st\u{0}",
            createdAt: Date(timeIntervalSinceReferenceDate: 0), expiresAt: Date(timeIntervalSinceReferenceDate: 600))
        let digest = try TokenDigest(bytes: [UInt8](repeating: 9, count: 32))
        try await store.insert(record, digest: digest)
        #expect(
            try await store.consume(digest: digest, purpose: OneTimeTokenPurpose(name: "reset", defaultLifetime: 600))
                == nil)
        let consumed = try #require(try await store.consume(digest: digest, purpose: purpose))
        #expect(Array(consumed.purpose.name.utf8) == Array(purpose.name.utf8))
        #expect(Array(consumed.securityStamp.utf8) == Array("st\u{0}".utf8))
    }

    @Test("a hand-edited row is a corrupted-record error for that token only")
    func corruptedRow() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteOneTimeTokenStore(database: temporary.database)
        let record = OneTimeTokenRecord(
            userID: UserID("ana"), purpose: .passwordReset, securityStamp: "stamp",
            createdAt: Date(timeIntervalSinceReferenceDate: 100), expiresAt: Date(timeIntervalSinceReferenceDate: 1900))
        let damaged = try TokenDigest(bytes: [UInt8](repeating: 1, count: 32))
        let intact = try TokenDigest(bytes: [UInt8](repeating: 2, count: 32))
        try await store.insert(record, digest: damaged)
        try await store.insert(record, digest: intact)
        try temporary.editByHand(
            "UPDATE one_time_tokens SET user_id = '' WHERE digest = x'\(String(repeating: "01", count: 32))'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await store.consume(digest: damaged, purpose: .passwordReset)
        }
        // The failed consume removed nothing: the damaged row stays and fails again; the other token reads.
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await store.consume(digest: damaged, purpose: .passwordReset)
        }
        #expect(try await store.consume(digest: intact, purpose: .passwordReset) == record)
        // Purging at its expiry removes the damaged row without reading it.
        #expect(try await store.purgeExpired(at: record.expiresAt) == 1)
        #expect(try await store.consume(digest: damaged, purpose: .passwordReset) == nil)
    }
}
