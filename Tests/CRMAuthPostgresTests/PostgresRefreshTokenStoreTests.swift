import AuthCore
import CRMAuthPostgres
import CRMAuthTesting
import Foundation
import SessionTokens
import Testing

extension PostgreSQLTests {
    @Suite("PostgresRefreshTokenStore")
    struct PostgresRefreshTokenStoreTests {
        @Test("keeps the RefreshTokenStore contract", arguments: RefreshTokenStoreConformance.Check.allCases)
        func conformance(check: RefreshTokenStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await RefreshTokenStoreConformance { _ in PostgresRefreshTokenStore(database: database) }.run(check)
            }
        }

        @Test(
            "keeps the RefreshTokenStore contract on two servers",
            arguments: RefreshTokenStoreConformance.Check.allCases)
        func twoServers(check: RefreshTokenStoreConformance.Check) async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([
                    PostgresRefreshTokenStore(database: database), PostgresRefreshTokenStore(database: other),
                ])
                do {
                    try await RefreshTokenStoreConformance { _ in servers }.run(check)
                } catch {
                    await other.close()
                    throw error
                }
                await other.close()
            }
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

        @Test("A hand-edited row is a corrupted-record error for that token only; rotation changes nothing")
        func corruptedRow() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresRefreshTokenStore(database: database)
                try await store.insert(Self.record(family: "damaged"), digest: Self.digest(1))
                try await store.insert(Self.record(family: "intact"), digest: Self.digest(2))
                let damaged = "'\\x\(String(repeating: "01", count: 32))'"
                try await schema.editByHand("UPDATE refresh_tokens SET user_id = '' WHERE digest = \(damaged)")
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.record(digest: Self.digest(1))
                }
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.rotate(digest: Self.digest(1), to: Self.digest(9))
                }
                // The failed rotation was rolled back: no successor, and the token is still unused.
                #expect(try await store.record(digest: Self.digest(9)) == nil)
                try await schema.editByHand("UPDATE refresh_tokens SET user_id = 'ana' WHERE digest = \(damaged)")
                #expect(try await store.record(digest: Self.digest(1)) == Self.record(family: "damaged"))
                // The other family reads and rotates; purge removes a damaged row without reading it.
                try await schema.editByHand("UPDATE refresh_tokens SET user_id = '' WHERE digest = \(damaged)")
                #expect(try await store.record(digest: Self.digest(2)) == Self.record(family: "intact"))
                #expect(
                    try await store.rotate(digest: Self.digest(2), to: Self.digest(3))
                        == .rotated(Self.record(family: "intact")))
                #expect(try await store.purgeExpired(at: Date(timeIntervalSinceReferenceDate: 86_500.5)) == 3)
            }
        }

        @Test("Reuse of a token whose row is damaged still revokes its family, which it reads by id only")
        func reuseOfDamagedRow() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresRefreshTokenStore(database: database)
                try await store.insert(Self.record(family: "f"), digest: Self.digest(1))
                #expect(
                    try await store.rotate(digest: Self.digest(1), to: Self.digest(2))
                        == .rotated(Self.record(family: "f")))
                try await schema.editByHand(
                    "UPDATE refresh_tokens SET user_id = '' WHERE digest = '\\x\(String(repeating: "01", count: 32))'")
                #expect(
                    try await store.rotate(digest: Self.digest(1), to: Self.digest(3))
                        == .reuseDetected(familyID: RefreshFamilyID(rawValue: "f")))
                #expect(try await store.record(digest: Self.digest(2)) == nil, "the family is gone")
            }
        }

        @Test("Text holding U+0000 is refused before anything is stored")
        func nulRefused() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresRefreshTokenStore(database: database)
                let refused = try Self.digest(1)
                await #expect(throws: PostgresStoreError.unrepresentable) {
                    try await store.insert(Self.record(family: "fam\u{0}ily"), digest: refused)
                }
                await #expect(throws: PostgresStoreError.unrepresentable) {
                    try await store.insert(Self.record(family: "family", stamp: "st\u{0}amp"), digest: refused)
                }
                #expect(try await store.record(digest: refused) == nil)
                #expect(try await store.purgeExpired(at: Date.distantFuture) == 0, "nothing was stored")
            }
        }
    }
}
