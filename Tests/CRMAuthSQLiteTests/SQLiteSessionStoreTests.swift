import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import SessionTokens
import Testing

@Suite("SQLiteSessionStore")
struct SQLiteSessionStoreTests {
    @Test("keeps the SessionStore contract", arguments: SessionStoreConformance.Check.allCases)
    func conformance(check: SessionStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await SessionStoreConformance { _ in SQLiteSessionStore(database: temporary.database) }.run(check)
    }

    private static func session(_ id: String, user: String) throws -> Session {
        Session(
            id: SessionID(rawValue: id), userID: try UserID(user), createdAt: Date(timeIntervalSinceReferenceDate: 100),
            lastSeenAt: Date(timeIntervalSinceReferenceDate: 100), idleTimeout: 600, absoluteTimeout: 3600,
            authenticationLevel: .password, securityStamp: "stamp")
    }

    private static func digest(_ byte: UInt8) throws -> TokenDigest {
        try TokenDigest(bytes: [UInt8](repeating: byte, count: 32))
    }

    @Test("text holding U+0000 round-trips whole: session id, client metadata, stamp")
    func textWithNUL() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteSessionStore(database: temporary.database)
        var session = try Self.session("s\u{0}1", user: "ana")
        session.client = ClientMetadata(userAgent: "Agent\u{0}/1", address: "\u{0}", deviceLabel: "")
        session.securityStamp = "st\u{0}amp"
        #expect(
            try await store.insert(session, digest: Self.digest(1), limit: ConcurrentSessionLimit(maximum: 1)).isEmpty)
        #expect(try await store.session(digest: Self.digest(1)) == session)
        let read = try #require(try await store.session(digest: Self.digest(1)))
        #expect(Array(read.id.rawValue.utf8) == Array("s\u{0}1".utf8))
        #expect(read.client.userAgent.map { Array($0.utf8) } == Array("Agent\u{0}/1".utf8))
        // "s" alone is another session id: deleting it removes nothing.
        #expect(try await store.delete(id: SessionID(rawValue: "s"), userID: UserID("ana")) == false)
        // Evicted by the limit, the id comes back whole.
        let evicted = try await store.insert(
            Self.session("s-2", user: "ana"), digest: Self.digest(2), limit: ConcurrentSessionLimit(maximum: 1))
        #expect(evicted.map { Array($0.rawValue.utf8) } == [Array("s\u{0}1".utf8)])
    }

    @Test("a hand-edited row is a corrupted-record error for that session only")
    func corruptedRow() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteSessionStore(database: temporary.database)
        let first = try Self.session("s-1", user: "ana")
        let second = try Self.session("s-2", user: "ana")
        let other = try Self.session("s-3", user: "bo")
        try await store.insert(first, digest: Self.digest(1))
        try await store.insert(second, digest: Self.digest(2))
        try await store.insert(other, digest: Self.digest(3))

        try temporary.editByHand("UPDATE sessions SET authentication_level = 'root' WHERE id = 's-1'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.session(digest: Self.digest(1)) }
        #expect(try await store.session(digest: Self.digest(2)) == second)
        // A listing fails rather than silently leave the damaged session out; another user's still reads.
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.sessions(userID: UserID("ana")) }
        #expect(try await store.sessions(userID: UserID("bo")) == [other])

        try temporary.editByHand("UPDATE sessions SET authentication_level = 'password', user_id = '' WHERE id = 's-1'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.session(digest: Self.digest(1)) }
        try temporary.editByHand("UPDATE sessions SET user_id = 'ana', digest = x'0101' WHERE id = 's-1'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.sessions(userID: UserID("ana")) }
        // Deleting the damaged session by id still works, and the user's listing reads again.
        #expect(try await store.delete(id: first.id, userID: UserID("ana")))
        #expect(try await store.sessions(userID: UserID("ana")) == [second])
    }

    @Test("the limit's transaction rolls back: a refused insert evicts nothing")
    func refusedInsertKeepsSessions() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteSessionStore(database: temporary.database)
        try await store.insert(Self.session("s-1", user: "ana"), digest: Self.digest(1))
        // The duplicate digest is found after nothing was evicted yet; with evictOldest and a limit of 1
        // the existing session would otherwise be evicted.
        await #expect(throws: SessionTokenError.duplicate) {
            try await store.insert(
                Self.session("s-2", user: "ana"), digest: Self.digest(1),
                limit: ConcurrentSessionLimit(maximum: 1))
        }
        #expect(try await store.sessions(userID: UserID("ana")).map(\.id) == [SessionID(rawValue: "s-1")])
    }
}
