import AuthCore
import CRMAuthPostgres
import CRMAuthTesting
import Foundation
import LoginFlow
import SessionTokens
import Testing

extension PostgreSQLTests {
    @Suite("PostgresUserStore")
    struct PostgresUserStoreTests {
        @Test("keeps the UserStore contract", arguments: UserStoreConformance.Check.allCases)
        func conformance(check: UserStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await UserStoreConformance { _ in PostgresUserStore(database: database) }.run(check)
            }
        }

        @Test("keeps the UserStore contract on two servers", arguments: UserStoreConformance.Check.allCases)
        func twoServers(check: UserStoreConformance.Check) async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([PostgresUserStore(database: database), PostgresUserStore(database: other)])
                do {
                    try await UserStoreConformance { _ in servers }.run(check)
                } catch {
                    await other.close()
                    throw error
                }
                await other.close()
            }
        }

        @Test("A hand-edited row is a corrupted-record error for that user only")
        func corruptedRow() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresUserStore(database: database)
                for (id, email) in [("u-1", "ana@example.com"), ("u-2", "bea@example.com")] {
                    _ = try await store.insert(
                        User(
                            id: UserID(id), email: LoginIdentifier(email: email), displayName: "Someone",
                            status: .active, createdAt: Date(timeIntervalSinceReferenceDate: 0)))
                }
                try await schema.editByHand("UPDATE users SET status = 'superuser' WHERE id = 'u-1'")
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.user(id: "u-1") }
                #expect(try await store.user(id: "u-2")?.displayName == "Someone")
                // A listing that meets the damaged row says so rather than skip it.
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.users(after: nil, limit: 10)
                }
                #expect(try await store.users(after: "u-1", limit: 10).map(\.id) == ["u-2"])
            }
        }

        @Test("Text holding U+0000 is refused before anything is stored")
        func nulRefused() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresUserStore(database: database)
                await #expect(throws: PostgresStoreError.unrepresentable) {
                    try await store.insert(
                        User(
                            id: "u-1", email: LoginIdentifier(email: "ana@example.com"), displayName: "Ana\u{0}Lima",
                            status: .active, createdAt: Date(timeIntervalSinceReferenceDate: 0)))
                }
                let stored = try await store.users(after: nil, limit: 10)
                #expect(stored.isEmpty)
            }
        }
    }
}

extension PostgreSQLTests {
    @Suite("PostgresOneTimeTokenStore")
    struct PostgresOneTimeTokenStoreTests {
        @Test("keeps the OneTimeTokenStore contract", arguments: OneTimeTokenStoreConformance.Check.allCases)
        func conformance(check: OneTimeTokenStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await OneTimeTokenStoreConformance { _ in PostgresOneTimeTokenStore(database: database) }.run(check)
            }
        }

        @Test(
            "keeps the OneTimeTokenStore contract on two servers",
            arguments: OneTimeTokenStoreConformance.Check.allCases)
        func twoServers(check: OneTimeTokenStoreConformance.Check) async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([
                    PostgresOneTimeTokenStore(database: database), PostgresOneTimeTokenStore(database: other),
                ])
                do {
                    try await OneTimeTokenStoreConformance { _ in servers }.run(check)
                } catch {
                    await other.close()
                    throw error
                }
                await other.close()
            }
        }

        @Test("A damaged row fails its consume and stays; the other token is consumed")
        func corruptedRow() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresOneTimeTokenStore(database: database)
                let record = OneTimeTokenRecord(
                    userID: "ana", purpose: .passwordReset, securityStamp: "stamp",
                    createdAt: Date(timeIntervalSinceReferenceDate: 100),
                    expiresAt: Date(timeIntervalSinceReferenceDate: 1900))
                let damaged = try TokenDigest(bytes: [UInt8](repeating: 1, count: 32))
                let intact = try TokenDigest(bytes: [UInt8](repeating: 2, count: 32))
                try await store.insert(record, digest: damaged)
                try await store.insert(record, digest: intact)
                try await schema.editByHand(
                    "UPDATE one_time_tokens SET user_id = '' WHERE digest = '\\x\(String(repeating: "01", count: 32))'")
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.consume(digest: damaged, purpose: .passwordReset)
                }
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.consume(digest: damaged, purpose: .passwordReset)
                }
                #expect(try await store.consume(digest: intact, purpose: .passwordReset) == record)
                #expect(try await store.purgeExpired(at: record.expiresAt) == 1)
            }
        }
    }
}
