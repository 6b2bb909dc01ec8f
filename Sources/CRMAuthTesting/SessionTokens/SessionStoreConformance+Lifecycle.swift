import AuthCore
import Foundation
import SessionTokens
import Testing

extension SessionStoreConformance {
    func replaceRotates(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let session = Self.session(at: clock)
        let (old, new, newer) = (Self.digest(), Self.digest(), Self.digest())
        try await store.insert(session, digest: old)
        clock.advance(by: 600)
        var rotated = session
        rotated.lastSeenAt = clock.now()
        rotated.authenticationLevel = .multiFactor
        #expect(try await store.replace(digest: old, with: new, session: rotated), "the stored digest rotates")
        #expect(try await store.session(digest: old) == nil, "the old digest stops resolving")
        #expect(try await store.session(digest: new) == rotated, "the new digest resolves to the new value")
        #expect(try await store.sessions(userID: "ada") == [rotated], "rotation leaves one session")
        #expect(try await !store.replace(digest: old, with: newer, session: rotated), "the old digest rotates once")
        #expect(try await store.session(digest: newer) == nil, "a failed rotation stores nothing")
        #expect(try await store.delete(id: session.id, userID: "ada"), "the rotated session keeps its id")
    }

    func replaceRefusesTakenDigest(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let (first, second) = (Self.session(at: clock), Self.session(at: clock))
        let (firstDigest, secondDigest) = (Self.digest(), Self.digest())
        try await store.insert(first, digest: firstDigest)
        try await store.insert(second, digest: secondDigest)
        await #expect(throws: SessionTokenError.duplicate, "rotating onto a stored digest is refused") {
            try await store.replace(digest: firstDigest, with: secondDigest, session: first)
        }
        #expect(try await store.session(digest: firstDigest) == first, "the refused rotation keeps the old digest")
        #expect(try await store.session(digest: secondDigest) == second, "and the other session")
    }

    func deleteOne(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let (kept, removed) = (Self.session(at: clock), Self.session(at: clock))
        let (keptDigest, removedDigest) = (Self.digest(), Self.digest())
        try await store.insert(kept, digest: keptDigest)
        try await store.insert(removed, digest: removedDigest)
        #expect(try await store.delete(id: removed.id, userID: "ada"), "a stored session is deleted")
        #expect(try await store.session(digest: removedDigest) == nil, "its digest stops resolving")
        #expect(try await !store.delete(id: removed.id, userID: "ada"), "deleting again reports false")
        #expect(try await !store.delete(id: .generate(), userID: "ada"), "deleting an unknown id reports false")
        #expect(try await store.session(digest: keptDigest) == kept, "other sessions stay")
    }

    func deleteChecksOwner(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let session = Self.session("ad\u{E9}", at: clock)
        let digest = Self.digest()
        try await store.insert(session, digest: digest)
        #expect(try await !store.delete(id: session.id, userID: "mallory"), "another user cannot delete the session")
        #expect(
            try await !store.delete(id: session.id, userID: "ade\u{301}"),
            "a canonically equivalent user id is another user")
        #expect(try await store.session(digest: digest) == session, "the session is untouched")
        #expect(try await store.delete(id: session.id, userID: "ad\u{E9}"), "its owner deletes it")
        #expect(try await store.session(digest: digest) == nil)
    }

    func deleteAllExcept(_ store: any SessionStore, _ clock: ManualClock) async throws {
        var ada: [(Session, TokenDigest)] = []
        for _ in 0..<4 { ada.append((Self.session(at: clock), Self.digest())) }
        for (session, digest) in ada { try await store.insert(session, digest: digest) }
        let bob = (Self.session("bob", at: clock), Self.digest())
        try await store.insert(bob.0, digest: bob.1)
        #expect(try await store.deleteAll(userID: "ada", except: ada[2].0.id) == 3, "all but the kept one are counted")
        #expect(try await store.sessions(userID: "ada") == [ada[2].0], "the kept session stays")
        #expect(try await store.session(digest: ada[0].1) == nil, "removed sessions stop resolving")
        #expect(try await store.deleteAll(userID: "ada", except: ada[2].0.id) == 0, "deleting again removes nothing")
        #expect(try await store.deleteAll(userID: "ada", except: nil) == 1, "nil keeps nothing")
        #expect(try await store.deleteAll(userID: "nobody", except: nil) == 0)
        #expect(try await store.session(digest: bob.1) == bob.0, "other users' sessions stay")
    }

    func listsPerUser(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let expired = Self.session(at: clock, idle: 60)
        try await store.insert(expired, digest: Self.digest())
        clock.advance(by: 3_600)
        let live = Self.session(at: clock)
        try await store.insert(live, digest: Self.digest())
        try await store.insert(Self.session("bob", at: clock), digest: Self.digest())
        #expect(Set(try await store.sessions(userID: "ada")) == [expired, live], "every session, expired included")
        #expect(try await store.sessions(userID: "Ada").isEmpty, "user ids are case-sensitive")
        #expect(try await store.sessions(userID: "nobody").isEmpty)
    }

    func purgeExpired(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let idle = (Self.session(at: clock), Self.digest())  // idle expiry at +1 h
        var active = Self.session(at: clock)
        active.lastSeenAt = clock.now().addingTimeInterval(82_800)  // absolute expiry at +24 h
        let activeDigest = Self.digest()
        try await store.insert(idle.0, digest: idle.1)
        try await store.insert(active, digest: activeDigest)
        clock.advance(by: 3_599)
        #expect(try await store.purgeExpired(at: clock.now()) == 0, "nothing is expired a second early")
        clock.advance(by: 1)
        #expect(try await store.purgeExpired(at: clock.now()) == 1, "the idle expiry instant counts as expired")
        #expect(try await store.session(digest: idle.1) == nil)
        #expect(try await store.session(digest: activeDigest) == active, "live sessions survive a purge")
        clock.set(to: active.absoluteExpiry)
        #expect(try await store.purgeExpired(at: clock.now()) == 1, "the absolute expiry instant counts as expired")
        #expect(try await store.purgeExpired(at: clock.now()) == 0, "purging again removes nothing")
        #expect(try await store.sessions(userID: "ada").isEmpty)
    }
}
