import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import LoginFlow
import Testing

@Suite("SQLiteUserStore")
struct SQLiteUserStoreTests {
    @Test("keeps the UserStore contract", arguments: UserStoreConformance.Check.allCases)
    func conformance(check: UserStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await UserStoreConformance { _ in SQLiteUserStore(database: temporary.database) }.run(check)
    }

    @Test(
        "instants round-trip bit for bit, finer than the microsecond, before 2001 and far ahead",
        arguments: [-978_307_200.000_001, -0.5, 0, 1e-9, 784_111_777.123_456_789, 4e9 + 0.000_000_1, 6.3e10]
    )
    func instantsExact(seconds: Double) async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteUserStore(database: temporary.database)
        let instant = Date(timeIntervalSinceReferenceDate: seconds)
        let user = User(
            id: "ana", email: try LoginIdentifier(email: "ana@example.com"), displayName: "Ana", status: .active,
            passwordChangedAt: instant, createdAt: instant, lastLoginAt: instant)
        _ = try await store.insert(user)
        let read = try #require(try await store.user(id: "ana"))
        for date in [read.createdAt, read.passwordChangedAt, read.lastLoginAt] {
            #expect(date?.timeIntervalSinceReferenceDate.bitPattern == seconds.bitPattern)
        }
    }

    @Test("canonically equivalent texts are stored and found as different bytes")
    func canonicallyEquivalentTexts() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteUserStore(database: temporary.database)
        let composed = "Jos\u{E9}"
        let decomposed = "Jose\u{301}"
        for (id, name) in [(composed, composed), (decomposed, decomposed)] {
            _ = try await store.insert(
                User(
                    id: try UserID(id), email: try LoginIdentifier(email: "\(id.utf8.count)@example.com"),
                    displayName: name, status: .active, createdAt: Date(timeIntervalSinceReferenceDate: 0)))
        }
        let first = try #require(try await store.user(id: UserID(composed)))
        let second = try #require(try await store.user(id: UserID(decomposed)))
        #expect(Array(first.displayName.utf8) == Array(composed.utf8))
        #expect(Array(second.displayName.utf8) == Array(decomposed.utf8))
        #expect(
            try await store.users(after: nil, limit: 10).map { Array($0.id.rawValue.utf8) }
                == [
                    Array(composed.utf8), Array(decomposed.utf8),
                ].sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test("text holding U+0000 round-trips whole (GRDB's String binding would stop at it), empty text too")
    func textWithNUL() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteUserStore(database: temporary.database)
        let user = User(
            id: "ana", email: try LoginIdentifier(email: "ana@example.com"), displayName: "Ana\u{0}Lima\u{0}",
            status: .active, passwordHash: "$argon2id$v=19$\u{0}tail", securityStamp: "",
            externalIdentities: [ExternalIdentity(provider: "p\u{0}q", subject: "\u{0}")],
            createdAt: Date(timeIntervalSinceReferenceDate: 0))
        _ = try await store.insert(user)
        let read = try #require(try await store.user(id: "ana"))
        #expect(Array(read.displayName.utf8) == Array(user.displayName.utf8))
        #expect(read.passwordHash.map { Array($0.utf8) } == user.passwordHash.map { Array($0.utf8) })
        #expect(read.securityStamp.isEmpty)
        #expect(read.externalIdentities == user.externalIdentities)
        #expect(read == user.withVersion(1))
    }

    @Test("a hand-edited row is a corrupted-record error for that user only")
    func corruptedRow() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteUserStore(database: temporary.database)
        let created = Date(timeIntervalSinceReferenceDate: 100)
        let ana = try await store.insert(
            User(
                id: UserID("ana"), email: LoginIdentifier(email: "ana@example.com"), displayName: "Ana",
                status: .active, createdAt: created))
        let bo = try await store.insert(
            User(
                id: UserID("bo"), email: LoginIdentifier(email: "bo@example.com"), displayName: "Bo",
                status: .active, createdAt: created))
        try temporary.editByHand("UPDATE users SET status = 'deleted by hand' WHERE id = 'ana'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.user(id: ana.id) }
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.user(identifier: ana.email) }
        #expect(try await store.user(id: bo.id) == bo)

        try temporary.editByHand("UPDATE users SET status = 'active', email_text = 'not an address' WHERE id = 'ana'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.user(id: ana.id) }
        try temporary.editByHand(
            "UPDATE users SET email_text = 'ana@example.com', external_identities = '{' WHERE id = 'ana'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.user(id: ana.id) }
        try temporary.editByHand(
            "UPDATE users SET external_identities = '[]', password_change_required = 7 WHERE id = 'ana'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.user(id: ana.id) }
        try temporary.editByHand(
            "UPDATE users SET password_change_required = 0, display_name = CAST(x'41FF42' AS TEXT) WHERE id = 'ana'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.user(id: ana.id) }
        try temporary.editByHand("UPDATE users SET display_name = 'Ana' WHERE id = 'ana'")
        #expect(try await store.user(id: ana.id) == ana)
    }

    @Test("a value of the wrong type, written past STRICT, is a corrupted-record error")
    func wrongType() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteUserStore(database: temporary.database)
        let ana = try await store.insert(
            User(
                id: UserID("ana"), email: LoginIdentifier(email: "ana@example.com"), displayName: "Ana",
                status: .active, createdAt: Date(timeIntervalSinceReferenceDate: 100)))
        // A tool that ignores STRICT (an older sqlite3, a raw page edit) can leave TEXT in a REAL column;
        // writable_schema lets this test do the same by dropping STRICT from the stored schema.
        try temporary.editByHand(
            """
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'users';
            """)
        try temporary.editByHand("UPDATE users SET created_at = 'yesterday' WHERE id = 'ana'")
        let reopened = try SQLiteDatabase(path: temporary.path)
        defer { try? reopened.close() }
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await SQLiteUserStore(database: reopened).user(id: ana.id)
        }
    }
}

extension User {
    fileprivate func withVersion(_ version: UInt64) -> User {
        var copy = self
        copy.version = version
        return copy
    }
}
