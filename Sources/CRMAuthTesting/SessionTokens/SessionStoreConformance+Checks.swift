import AuthCore
import Foundation
import SessionTokens
import Testing

extension SessionStoreConformance {
    func insertAndLookUp(_ store: any SessionStore, _ clock: ManualClock) async throws {
        var session = Self.session(at: clock)
        session.tenantID = "tenant-7"
        session.authenticationLevel = .multiFactor
        session.client = ClientMetadata(userAgent: "Mozilla/5.0", address: "2001:db8::1", deviceLabel: "Ada’s laptop")
        session.lastSeenAt = clock.now().addingTimeInterval(17)
        let digest = Self.digest()
        #expect(try await store.insert(session, digest: digest, limit: nil).isEmpty, "no limit, nothing evicted")
        #expect(try await store.session(digest: digest) == session, "every field is read back exactly")
        #expect(try await store.session(digest: Self.digest()) == nil, "an unknown digest reads nil")
    }

    func duplicateRefused(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let session = Self.session(at: clock)
        let digest = Self.digest()
        try await store.insert(session, digest: digest)
        let other = Self.session(at: clock)
        await #expect(throws: SessionTokenError.duplicate, "a stored digest is refused") {
            try await store.insert(other, digest: digest)
        }
        await #expect(throws: SessionTokenError.duplicate, "a stored session id is refused") {
            try await store.insert(session, digest: Self.digest())
        }
        await #expect(throws: SessionTokenError.duplicate, "a stored digest is refused under a limit too") {
            try await store.insert(other, digest: digest, limit: ConcurrentSessionLimit(maximum: 1))
        }
        #expect(try await store.session(digest: digest) == session, "a refused insert changes nothing")
        #expect(try await store.sessions(userID: "ada").count == 1, "a refused insert stores nothing")
    }

    func valuesCopied(_ store: any SessionStore, _ clock: ManualClock) async throws {
        var session = Self.session(at: clock)
        let original = session
        let digest = Self.digest()
        try await store.insert(session, digest: digest)
        session.userID = "mallory"
        session.securityStamp = "changed"
        #expect(
            try await store.session(digest: digest) == original, "changing the inserted value changes nothing stored")
        var read = try #require(try await store.session(digest: digest))
        read.absoluteTimeout = 1
        #expect(try await store.session(digest: digest) == original, "changing a read value changes nothing stored")
    }

    func limitEvictsOldest(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let limit = ConcurrentSessionLimit(maximum: 2, overflow: .evictOldest)
        var stored: [(Session, TokenDigest)] = []
        for _ in 0..<4 {
            let entry = (Self.session(at: clock), Self.digest())
            try await store.insert(entry.0, digest: entry.1)
            stored.append(entry)
            clock.advance(by: 60)
        }
        let newest = (Self.session(at: clock), Self.digest())
        let evicted = try await store.insert(newest.0, digest: newest.1, limit: limit)
        #expect(Set(evicted) == Set(stored.prefix(3).map(\.0.id)), "the three oldest are evicted to make room")
        #expect(evicted.count == 3, "each evicted session is reported once")
        for (session, digest) in stored.prefix(3) {
            #expect(try await store.session(digest: digest) == nil, "evicted session \(session.id) no longer resolves")
        }
        #expect(try await store.session(digest: stored[3].1) == stored[3].0, "the newest earlier session stays")
        #expect(try await store.session(digest: newest.1) == newest.0, "the new session is stored")
    }

    func limitRefusesNew(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let limit = ConcurrentSessionLimit(maximum: 2, overflow: .refuseNew)
        for _ in 0..<2 {
            #expect(try await store.insert(Self.session(at: clock), digest: Self.digest(), limit: limit).isEmpty)
            clock.advance(by: 60)
        }
        let refused = Self.digest()
        await #expect(throws: SessionTokenError.limitReached, "the third live session is refused") {
            try await store.insert(Self.session(at: clock), digest: refused, limit: limit)
        }
        #expect(try await store.session(digest: refused) == nil, "a refused session is not stored")
        #expect(try await store.sessions(userID: "ada").count == 2, "a refusal evicts nothing")
    }

    func limitIgnoresExpired(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let expired = (Self.session(at: clock, idle: 600), Self.digest())
        try await store.insert(expired.0, digest: expired.1)
        clock.advance(by: 300)
        let live = (Self.session(at: clock), Self.digest())
        try await store.insert(live.0, digest: live.1)
        clock.advance(by: 300)  // the first session's idle expiry instant: expired from here on
        let refuse = ConcurrentSessionLimit(maximum: 2, overflow: .refuseNew)
        let admitted = Self.session(at: clock)
        #expect(
            try await store.insert(admitted, digest: Self.digest(), limit: refuse).isEmpty,
            "an expired session does not count")
        clock.advance(by: 60)
        let evict = ConcurrentSessionLimit(maximum: 2, overflow: .evictOldest)
        let evicted = try await store.insert(Self.session(at: clock), digest: Self.digest(), limit: evict)
        #expect(evicted == [live.0.id], "the oldest live session is evicted, not the expired one")
        #expect(try await store.session(digest: expired.1) == expired.0, "expired sessions are left for purging")
    }

    func limitIsPerUser(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let limit = ConcurrentSessionLimit(maximum: 1, overflow: .refuseNew)
        func insert(_ user: UserID, _ limit: ConcurrentSessionLimit) async throws -> [SessionID] {
            try await store.insert(Self.session(user, at: clock), digest: Self.digest(), limit: limit)
        }
        _ = try await insert("ada", limit)
        #expect(try await insert("bob", limit).isEmpty, "another user's sessions do not count")
        #expect(try await insert("Ada", limit).isEmpty, "user ids are case-sensitive")
        #expect(try await insert("bob", ConcurrentSessionLimit(maximum: 1)).count == 1)
        #expect(try await store.sessions(userID: "ada").count == 1, "another user's limit never evicts ada")
    }

    func touchMovesForward(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let session = Self.session(at: clock)
        let digest = Self.digest()
        let (early, late) = (clock.now().addingTimeInterval(60), clock.now().addingTimeInterval(120))
        try await store.insert(session, digest: digest)
        #expect(try await store.touch(digest: digest, lastSeenAt: late))
        #expect(try await store.session(digest: digest)?.lastSeenAt == late, "last seen moves forward")
        #expect(try await store.touch(digest: digest, lastSeenAt: early), "an earlier instant still finds the session")
        #expect(try await store.session(digest: digest)?.lastSeenAt == late, "last seen never moves back")
        #expect(try await store.session(digest: digest)?.createdAt == session.createdAt, "touch changes nothing else")
        #expect(try await !store.touch(digest: Self.digest(), lastSeenAt: clock.now()), "an absent digest is false")
    }
}
