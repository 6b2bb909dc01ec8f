import AuthCore
import Foundation
import SessionTokens
import Testing

@Suite("InMemorySessionStore")
struct InMemorySessionStoreTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func session(user: UserID = "u1", lastSeen: TimeInterval = 0) -> Session {
        Session(
            id: .generate(), userID: user, createdAt: start, lastSeenAt: start.addingTimeInterval(lastSeen),
            idleTimeout: 3_600, absoluteTimeout: 86_400, authenticationLevel: .password, securityStamp: "s")
    }

    @Test("insert then look up by digest; unknown digests read nil")
    func insertLookup() async throws {
        let store = InMemorySessionStore()
        let session = Self.session()
        let token = SessionToken.generate()
        try await store.insert(session, digest: token.digest)
        #expect(try await store.session(digest: token.digest) == session)
        #expect(try await store.session(digest: SessionToken.generate().digest) == nil)
    }

    @Test("a duplicate digest or id is refused and changes nothing")
    func duplicate() async throws {
        let store = InMemorySessionStore()
        let session = Self.session()
        let digest = SessionToken.generate().digest
        try await store.insert(session, digest: digest)
        await #expect(throws: SessionTokenError.duplicate) { try await store.insert(Self.session(), digest: digest) }
        await #expect(throws: SessionTokenError.duplicate) {
            try await store.insert(session, digest: SessionToken.generate().digest)
        }
        #expect(store.count == 1)
    }

    @Test("touch only moves last seen forward; absent digests return false")
    func touch() async throws {
        let store = InMemorySessionStore()
        let digest = SessionToken.generate().digest
        try await store.insert(Self.session(lastSeen: 100), digest: digest)
        #expect(try await store.touch(digest: digest, lastSeenAt: Self.start.addingTimeInterval(50)))
        #expect(try await store.session(digest: digest)?.lastSeenAt == Self.start.addingTimeInterval(100))
        #expect(try await store.touch(digest: digest, lastSeenAt: Self.start.addingTimeInterval(200)))
        #expect(try await store.session(digest: digest)?.lastSeenAt == Self.start.addingTimeInterval(200))
        #expect(try await !store.touch(digest: SessionToken.generate().digest, lastSeenAt: Self.start))
    }

    @Test("replace swaps digests atomically and fails once the old digest is gone")
    func replace() async throws {
        let store = InMemorySessionStore()
        let session = Self.session()
        let (old, new, newer) = (
            SessionToken.generate().digest, SessionToken.generate().digest, SessionToken.generate().digest
        )
        try await store.insert(session, digest: old)
        #expect(try await store.replace(digest: old, with: new, session: session))
        #expect(try await store.session(digest: old) == nil)
        #expect(try await store.session(digest: new) == session)
        #expect(try await !store.replace(digest: old, with: newer, session: session))
        #expect(try await store.session(digest: newer) == nil)
        #expect(store.count == 1)
    }

    @Test("delete one, all but one, all; list per user")
    func deletions() async throws {
        let store = InMemorySessionStore()
        let sessions = (0..<4).map { _ in Self.session() }
        for session in sessions { try await store.insert(session, digest: SessionToken.generate().digest) }
        try await store.insert(Self.session(user: "u2"), digest: SessionToken.generate().digest)
        #expect(try await store.sessions(userID: "u1").count == 4)
        #expect(try await store.delete(id: sessions[0].id, userID: "u1"))
        #expect(try await !store.delete(id: sessions[0].id, userID: "u1"))
        #expect(try await store.deleteAll(userID: "u1", except: sessions[1].id) == 2)
        #expect(try await store.sessions(userID: "u1").map(\.id) == [sessions[1].id])
        #expect(try await store.deleteAll(userID: "u1", except: nil) == 1)
        #expect(try await store.sessions(userID: "u1").isEmpty)
        #expect(try await store.sessions(userID: "u2").count == 1)
    }

    @Test("purge removes exactly the sessions expired at the given instant")
    func purge() async throws {
        let store = InMemorySessionStore()
        try await store.insert(Self.session(lastSeen: 0), digest: SessionToken.generate().digest)
        try await store.insert(Self.session(lastSeen: 1_800), digest: SessionToken.generate().digest)
        #expect(try await store.purgeExpired(at: Self.start.addingTimeInterval(3_599)) == 0)
        #expect(try await store.purgeExpired(at: Self.start.addingTimeInterval(3_600)) == 1)
        #expect(try await store.purgeExpired(at: Self.start.addingTimeInterval(86_400)) == 1)
        #expect(store.count == 0)
    }

    /// Regression: sessions were listed by a `String`-keyed index, whose `==` is canonical
    /// equivalence, so "café" spelled with U+00E9 and with "e" + U+0301 was one user: one's "sign out
    /// everywhere" signed the other out and they shared one concurrent-session limit, where a
    /// database keeps two users. Indexed by `UserID` (byte-exact) now.
    @Test("canonically equivalent user ids merged into one user's sessions")
    func canonicallyEquivalentUserIDsMerged() async throws {
        let store = InMemorySessionStore()
        let (composedText, decomposedText) = ("caf\u{E9}", "cafe\u{301}")
        try #require(composedText == decomposedText)  // Swift's String equality, the cause of the flaw
        let (composed, decomposed) = (try UserID(composedText), try UserID(decomposedText))
        let mine = Self.session(user: composed)
        try await store.insert(mine, digest: SessionToken.generate().digest)
        let theirs = Self.session(user: decomposed)
        let limit = ConcurrentSessionLimit(maximum: 1, overflow: .refuseNew)
        #expect(try await store.insert(theirs, digest: SessionToken.generate().digest, limit: limit).isEmpty)
        #expect(try await store.sessions(userID: composed) == [mine], "each spelling lists its own session")
        #expect(try await store.sessions(userID: decomposed) == [theirs])
        #expect(try await store.deleteAll(userID: decomposed, except: nil) == 1, "sign-out-everywhere removes one")
        #expect(try await store.sessions(userID: composed) == [mine], "the other spelling stays signed in")
    }

    /// Regression: `SessionID`'s synthesized `==` compared its text as `String`, so two session ids
    /// spelled canonically equivalently were one id: the second insert was refused as a duplicate and
    /// deleting one deleted the other. It compares UTF-8 bytes now.
    @Test("canonically equivalent session ids merged into one session")
    func canonicallyEquivalentSessionIDsMerged() async throws {
        let store = InMemorySessionStore()
        var (first, second) = (Self.session(), Self.session())
        (first.id, second.id) = (SessionID(rawValue: "caf\u{E9}"), SessionID(rawValue: "cafe\u{301}"))
        try #require(first.id.rawValue == second.id.rawValue)  // Swift's String equality, the cause of the flaw
        #expect(first.id != second.id)
        try await store.insert(first, digest: SessionToken.generate().digest)
        try await store.insert(second, digest: SessionToken.generate().digest)
        #expect(try await store.delete(id: second.id, userID: "u1"))
        #expect(try await store.sessions(userID: "u1") == [first], "deleting one id leaves the other")
    }
}
