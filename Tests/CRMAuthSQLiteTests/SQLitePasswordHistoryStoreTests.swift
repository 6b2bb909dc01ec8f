import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import PasswordPolicy
import Testing

@Suite("SQLitePasswordHistoryStore")
struct SQLitePasswordHistoryStoreTests {
    @Test("keeps the PasswordHistoryStore contract", arguments: PasswordHistoryStoreConformance.Check.allCases)
    func conformance(check: PasswordHistoryStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await PasswordHistoryStoreConformance { _ in SQLitePasswordHistoryStore(database: temporary.database) }
            .run(check)
    }

    @Test(
        "keeps the PasswordHistoryStore contract on two connections to one file",
        arguments: PasswordHistoryStoreConformance.Check.allCases)
    func twoServers(check: PasswordHistoryStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLitePasswordHistoryStore(database: $0) }
        try await PasswordHistoryStoreConformance { _ in servers }.run(check)
    }

    static let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA"

    @Test(
        "a stored hash that no hasher writes is a corrupted record for that user's history only",
        arguments: [
            "''", "'$argon2id'", "'$$x$y'", "'$argon_2$v=19$x'", "'has space'", "'tab\there'",
            "CAST(x'2461726700' AS TEXT)", "CAST(x'24c3a924' AS TEXT)", "CAST(x'ff' AS TEXT)",
        ])
    func badHash(replacement: String) async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLitePasswordHistoryStore(database: temporary.database)
        let at = Date(timeIntervalSinceReferenceDate: 1_000)
        for user: UserID in ["ada", "bob"] {
            try await store.append(
                PasswordHistoryEntry(storedHash: Self.hash, changedAt: at), userID: user, keepingNewest: 3)
            try await store.append(
                PasswordHistoryEntry(storedHash: "{SSHA}c2FsdA==", changedAt: at), userID: user, keepingNewest: 3)
        }
        try temporary.editByHand(
            "UPDATE password_history SET stored_hash = \(replacement) WHERE user_id = 'ada' AND stored_hash LIKE '$%'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.entries(userID: "ada") }
        #expect(try await store.entries(userID: "bob").map(\.storedHash) == ["{SSHA}c2FsdA==", Self.hash])
        // Appending trims the damaged entry out of the history like any other; then it reads again.
        for _ in 0..<2 {
            try await store.append(
                PasswordHistoryEntry(storedHash: Self.hash, changedAt: at), userID: "ada", keepingNewest: 2)
        }
        #expect(try await store.entries(userID: "ada").count == 2)
    }

    @Test("a wrong type or an invalid instant is a corrupted record; removing the history removes it")
    func wrongType() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLitePasswordHistoryStore(database: temporary.database)
        try await store.append(
            PasswordHistoryEntry(storedHash: Self.hash, changedAt: Date(timeIntervalSinceReferenceDate: 5)),
            userID: "ada", keepingNewest: 3)
        // Past STRICT, as a tool that ignores it would write.
        try temporary.editByHand(
            """
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'password_history';
            """)
        try temporary.editByHand("UPDATE password_history SET changed_at = 'yesterday'")
        let reopened = try SQLiteDatabase(path: temporary.path)
        defer { try? reopened.close() }
        let again = SQLitePasswordHistoryStore(database: reopened)
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await again.entries(userID: "ada") }
        try await again.removeEntries(userID: "ada")
        #expect(try await store.entries(userID: "ada").isEmpty)
    }
}
