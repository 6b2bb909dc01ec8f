import AuthCore
import CRMAuth
import CRMAuthPostgres
import CRMAuthTesting
import Foundation
import Testing

extension PostgreSQLTests {
    @Suite("PostgresPasswordHistoryStore")
    struct PostgresPasswordHistoryStoreTests {
        @Test("keeps the PasswordHistoryStore contract", arguments: PasswordHistoryStoreConformance.Check.allCases)
        func conformance(check: PasswordHistoryStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await PasswordHistoryStoreConformance { _ in PostgresPasswordHistoryStore(database: database) }
                    .run(check)
            }
        }

        @Test(
            "keeps the PasswordHistoryStore contract on two servers",
            arguments: PasswordHistoryStoreConformance.Check.allCases)
        func twoServers(check: PasswordHistoryStoreConformance.Check) async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([
                    PostgresPasswordHistoryStore(database: database), PostgresPasswordHistoryStore(database: other),
                ])
                do {
                    try await PasswordHistoryStoreConformance { _ in servers }.run(check)
                } catch {
                    await other.close()
                    throw error
                }
                await other.close()
            }
        }

        static let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA"

        @Test(
            "A stored hash that no hasher writes is a corrupted record for that user's history only",
            arguments: [
                "''", "'$argon2id'", "'$$x$y'", "'$argon_2$v=19$x'", "'has space'", "E'tab\\there'", "'$é$x'",
            ])
        func badHash(replacement: String) async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresPasswordHistoryStore(database: database)
                let at = Date(timeIntervalSinceReferenceDate: 1_000)
                for user: UserID in ["ada", "bob"] {
                    try await store.append(
                        PasswordHistoryEntry(storedHash: Self.hash, changedAt: at), userID: user, keepingNewest: 3)
                    try await store.append(
                        PasswordHistoryEntry(storedHash: "{SSHA}c2FsdA==", changedAt: at), userID: user,
                        keepingNewest: 3)
                }
                try await schema.editByHand(
                    """
                    UPDATE password_history SET stored_hash = \(replacement)
                    WHERE user_id = 'ada' AND stored_hash LIKE '$%'
                    """)
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.entries(userID: "ada") }
                #expect(try await store.entries(userID: "bob").map(\.storedHash) == ["{SSHA}c2FsdA==", Self.hash])
                // Appending trims the damaged entry out of the history like any other; then it reads again.
                for _ in 0..<2 {
                    try await store.append(
                        PasswordHistoryEntry(storedHash: Self.hash, changedAt: at), userID: "ada", keepingNewest: 2)
                }
                #expect(try await store.entries(userID: "ada").count == 2)
            }
        }

        @Test("A hand-made NULL is a corrupted record; removing the history removes it")
        func nullInstant() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresPasswordHistoryStore(database: database)
                try await store.append(
                    PasswordHistoryEntry(storedHash: Self.hash, changedAt: Date(timeIntervalSinceReferenceDate: 5)),
                    userID: "ada", keepingNewest: 3)
                try await schema.editByHand("ALTER TABLE password_history ALTER COLUMN changed_at DROP NOT NULL")
                try await schema.editByHand("UPDATE password_history SET changed_at = NULL")
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.entries(userID: "ada") }
                try await store.removeEntries(userID: "ada")
                #expect(try await store.entries(userID: "ada").isEmpty)
            }
        }

        @Test("Text holding U+0000 is refused before anything is stored")
        func nulRefused() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresPasswordHistoryStore(database: database)
                try await store.append(
                    PasswordHistoryEntry(storedHash: Self.hash, changedAt: Date(timeIntervalSinceReferenceDate: 5)),
                    userID: "ada", keepingNewest: 1)
                await #expect(throws: PostgresStoreError.unrepresentable) {
                    try await store.append(
                        PasswordHistoryEntry(
                            storedHash: "$arg\u{0}", changedAt: Date(timeIntervalSinceReferenceDate: 6)),
                        userID: "ada", keepingNewest: 1)
                }
                #expect(
                    try await store.entries(userID: "ada")
                        == [
                            PasswordHistoryEntry(
                                storedHash: Self.hash, changedAt: Date(timeIntervalSinceReferenceDate: 5))
                        ],
                    "the refused append neither added nor trimmed")
            }
        }
    }
}
