import AuthCore
import CRMAuthPostgres
import CRMAuthTesting
import Foundation
import LoginFlow
import SessionTokens
import Testing

extension PostgreSQLTests {
    @Suite("PostgresSessionStore")
    struct PostgresSessionStoreTests {
        @Test("keeps the SessionStore contract", arguments: SessionStoreConformance.Check.allCases)
        func conformance(check: SessionStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await SessionStoreConformance { _ in PostgresSessionStore(database: database) }.run(check)
            }
        }

        @Test("keeps the SessionStore contract on two servers", arguments: SessionStoreConformance.Check.allCases)
        func twoServers(check: SessionStoreConformance.Check) async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([
                    PostgresSessionStore(database: database), PostgresSessionStore(database: other),
                ])
                do {
                    try await SessionStoreConformance { _ in servers }.run(check)
                } catch {
                    await other.close()
                    throw error
                }
                await other.close()
            }
        }

        @Test(
            "session_cache: each server answers from memory, and a session revoked on the other is refused once the bound has passed"
        )
        func sessionCacheAcrossServers() async throws {
            try await TemporarySchema.with { schema, database in
                var configuration = schema.configuration
                configuration.sessionCacheMaximumAge = 0.5
                let other = try await PostgresAuthDatabase(configuration: configuration)
                let mine = try await PostgresAuthDatabase(configuration: configuration)
                let storesA = AuthFlowStores.postgres(database: mine)
                let storesB = AuthFlowStores.postgres(database: other)
                let cacheA = try #require(storesA.sessions as? CachingSessionStore<PostgresSessionStore>)
                #expect(cacheA.maximumAge == 0.5)
                let plain = AuthFlowStores.postgres(database: database)
                #expect(plain.sessions is PostgresSessionStore, "no cache unless asked for")

                let session = Self.session("cached", user: "u1")
                let token = SessionToken.generate()
                try await storesA.sessions.insert(session, digest: token.digest)
                #expect(try await storesA.sessions.session(digest: token.digest) == session)
                #expect(cacheA.cachedCount == 1)
                #expect(try await storesB.sessions.delete(id: session.id, userID: "u1"))
                #expect(try await storesB.sessions.session(digest: token.digest) == nil, "at once where revoked")
                try await Task.sleep(for: .milliseconds(600))
                #expect(
                    try await storesA.sessions.session(digest: token.digest) == nil,
                    "refused on the other server once its copy is older than the bound")
                await mine.close()
                await other.close()
            }
        }

        private static func session(_ id: String, user: UserID) -> Session {
            Session(
                id: SessionID(rawValue: id), userID: user, createdAt: Date(timeIntervalSinceReferenceDate: 100),
                lastSeenAt: Date(timeIntervalSinceReferenceDate: 100), idleTimeout: 600, absoluteTimeout: 3600,
                authenticationLevel: .password, securityStamp: "stamp")
        }

        private static func digest(_ byte: UInt8) throws -> TokenDigest {
            try TokenDigest(bytes: [UInt8](repeating: byte, count: 32))
        }

        @Test("A hand-edited row is a corrupted-record error for that session only")
        func corruptedRow() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresSessionStore(database: database)
                let first = Self.session("s-1", user: "ana")
                let second = Self.session("s-2", user: "ana")
                let other = Self.session("s-3", user: "bo")
                try await store.insert(first, digest: Self.digest(1))
                try await store.insert(second, digest: Self.digest(2))
                try await store.insert(other, digest: Self.digest(3))

                try await schema.editByHand("UPDATE sessions SET authentication_level = 'root' WHERE id = 's-1'")
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.session(digest: Self.digest(1))
                }
                #expect(try await store.session(digest: Self.digest(2)) == second)
                // A listing fails rather than silently leave the damaged session out; another user's still reads.
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.sessions(userID: "ana") }
                #expect(try await store.sessions(userID: "bo") == [other])

                try await schema.editByHand(
                    "UPDATE sessions SET authentication_level = 'password', user_id = '' WHERE id = 's-1'")
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.session(digest: Self.digest(1))
                }
                try await schema.editByHand("UPDATE sessions SET user_id = 'ana', digest = '\\x0101' WHERE id = 's-1'")
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.sessions(userID: "ana") }
                // Deleting the damaged session by id still works, and the user's listing reads again.
                #expect(try await store.delete(id: first.id, userID: "ana"))
                #expect(try await store.sessions(userID: "ana") == [second])
            }
        }

        @Test("A limited insert evicts a damaged session, reading only its id")
        func corruptedRowEvicted() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresSessionStore(database: database)
                try await store.insert(Self.session("s-1", user: "ana"), digest: Self.digest(1))
                try await store.insert(Self.session("s-2", user: "ana"), digest: Self.digest(2))
                try await schema.editByHand("UPDATE sessions SET authentication_level = 'root' WHERE id = 's-1'")
                let limit = ConcurrentSessionLimit(maximum: 2, overflow: .evictOldest)
                let evicted = try await store.insert(
                    Self.session("s-3", user: "ana"), digest: Self.digest(3), limit: limit)
                #expect(evicted == [SessionID(rawValue: "s-1")], "the oldest (then lowest id) live session goes")
                #expect(Set(try await store.sessions(userID: "ana").map(\.id.rawValue)) == ["s-2", "s-3"])
            }
        }

        @Test("Text holding U+0000 is refused before anything is stored")
        func nulRefused() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresSessionStore(database: database)
                var session = Self.session("s-1", user: "ana")
                session.client = ClientMetadata(userAgent: "Agent\u{0}/1", address: nil, deviceLabel: nil)
                await #expect(throws: PostgresStoreError.unrepresentable) {
                    try await store.insert(session, digest: Self.digest(1))
                }
                await #expect(throws: PostgresStoreError.unrepresentable) {
                    try await store.insert(session, digest: Self.digest(1), limit: ConcurrentSessionLimit(maximum: 1))
                }
                #expect(try await store.sessions(userID: "ana").isEmpty)
                #expect(try await store.session(digest: Self.digest(1)) == nil)

                let stored = Self.session("s-2", user: "ana")
                try await store.insert(stored, digest: Self.digest(2))
                var rotated = stored
                rotated.securityStamp = "st\u{0}amp"
                await #expect(throws: PostgresStoreError.unrepresentable) {
                    try await store.replace(digest: Self.digest(2), with: Self.digest(3), session: rotated)
                }
                #expect(try await store.session(digest: Self.digest(2)) == stored, "a refused rotation changes nothing")
                #expect(try await store.session(digest: Self.digest(3)) == nil)
            }
        }

        @Test("The limit's transaction rolls back: a refused insert evicts nothing")
        func refusedInsertKeepsSessions() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresSessionStore(database: database)
                try await store.insert(Self.session("s-1", user: "ana"), digest: Self.digest(1))
                // With evictOldest and a limit of 1 the stored session would otherwise be evicted.
                await #expect(throws: SessionTokenError.duplicate) {
                    try await store.insert(
                        Self.session("s-2", user: "ana"), digest: Self.digest(1),
                        limit: ConcurrentSessionLimit(maximum: 1))
                }
                // A digest held by another user's session is refused too, and evicts nothing.
                try await store.insert(Self.session("s-9", user: "bo"), digest: Self.digest(9))
                await #expect(throws: SessionTokenError.duplicate) {
                    try await store.insert(
                        Self.session("s-3", user: "ana"), digest: Self.digest(9),
                        limit: ConcurrentSessionLimit(maximum: 1))
                }
                #expect(try await store.sessions(userID: "ana").map(\.id) == [SessionID(rawValue: "s-1")])
            }
        }
    }
}
