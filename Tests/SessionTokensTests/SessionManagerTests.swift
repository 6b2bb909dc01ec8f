import AuthCore
import Foundation
import SessionTokens
import Synchronization
import Testing

/// Users' current security stamps, changeable by tests.
final class TestStamps: SecurityStampProvider {
    let stamps: Mutex<[UserID: String]>
    init(_ stamps: [UserID: String] = ["u1": "s1", "u2": "s2"]) { self.stamps = Mutex(stamps) }
    func set(_ userID: UserID, _ stamp: String?) { stamps.withLock { $0[userID] = stamp } }
    func securityStamp(userID: UserID) async throws -> String? { stamps.withLock { $0[userID] } }
}

/// A store that counts lookups, to prove malformed tokens never reach it.
final class CountingStore: ForwardingSessionStore, @unchecked Sendable {
    let lookups = Mutex(0)
    override func session(digest: TokenDigest) async throws -> Session? {
        lookups.withLock { $0 += 1 }
        return try await super.session(digest: digest)
    }
}

@Suite("SessionManager")
struct SessionManagerTests {
    let clock = ManualClock()
    let store = InMemorySessionStore()
    let stamps = TestStamps()
    var manager: SessionManager { SessionManager(store: store, policy: .aal2, clock: clock, stamps: stamps) }

    func issue(_ userID: UserID = "u1") async throws -> IssuedSession {
        try await manager.issue(userID: userID, securityStamp: userID == "u1" ? "s1" : "s2")
    }

    @Test("an issued token validates to its session")
    func issueValidate() async throws {
        let issued = try await manager.issue(
            userID: "u1", tenantID: "t1", client: ClientMetadata(userAgent: "curl", address: "10.0.0.1"),
            securityStamp: "s1")
        let session = try await manager.validate(issued.token.revealedText)
        #expect(session == issued.session)
        #expect(session.tenantID == "t1")
        #expect(session.client.userAgent == "curl")
        #expect(session.idleTimeout == 3_600 && session.absoluteTimeout == 86_400)
    }

    @Test(
        "malformed tokens are rejected without a store lookup",
        arguments: [
            "", "crm_s_", "garbage", "crm_s_" + String(repeating: "A", count: 49), String(repeating: "x", count: 4096),
        ]
    )
    func malformedNoLookup(text: String) async throws {
        let counting = CountingStore()
        let manager = SessionManager(store: counting, clock: clock, stamps: stamps)
        await #expect(throws: SessionTokenError.malformed) { try await manager.validate(text) }
        await #expect(throws: SessionTokenError.malformed) { try await manager.rotate(text) }
        await #expect(throws: SessionTokenError.malformed) { try await manager.revoke(text) }
        #expect(counting.lookups.withLock { $0 } == 0)
    }

    @Test("a well-formed unknown token is notFound")
    func unknown() async throws {
        await #expect(throws: SessionTokenError.notFound) {
            try await manager.validate(SessionToken.generate().revealedText)
        }
    }

    @Test(
        "an unused session idles out at exactly 1 h",
        arguments: [(3_599.0, true), (3_600.0, false), (7_200.0, false)]
    )
    func idle(after: Double, valid: Bool) async throws {
        let issued = try await issue()
        clock.advance(by: after)
        if valid {
            _ = try await manager.validate(issued.token.revealedText)
        } else {
            await #expect(throws: SessionTokenError.idleExpired) {
                try await manager.validate(issued.token.revealedText)
            }
        }
    }

    @Test("activity slides the idle expiry")
    func sliding() async throws {
        let issued = try await issue()
        for _ in 0..<5 {
            clock.advance(by: 3_000)
            _ = try await manager.validate(issued.token.revealedText)
        }
        clock.advance(by: 3_600)
        await #expect(throws: SessionTokenError.idleExpired) { try await manager.validate(issued.token.revealedText) }
    }

    @Test("last seen is written at most once per 5-minute interval")
    func writeInterval() async throws {
        let issued = try await issue()
        let start = clock.now()
        clock.advance(by: 299)
        #expect(try await manager.validate(issued.token.revealedText).lastSeenAt == start)
        #expect(try await store.session(digest: issued.token.digest)?.lastSeenAt == start)
        clock.advance(by: 1)
        #expect(try await manager.validate(issued.token.revealedText).lastSeenAt == start.addingTimeInterval(300))
        clock.advance(by: 200)
        _ = try await manager.validate(issued.token.revealedText)
        #expect(try await store.session(digest: issued.token.digest)?.lastSeenAt == start.addingTimeInterval(300))
    }

    @Test("even a constantly active session ends at the 24 h absolute limit")
    func absolute() async throws {
        let issued = try await issue()
        for _ in 0..<47 {
            clock.advance(by: 1_800)
            _ = try await manager.validate(issued.token.revealedText)
        }
        clock.advance(by: 1_799)
        _ = try await manager.validate(issued.token.revealedText)
        clock.advance(by: 1)
        await #expect(throws: SessionTokenError.expired) { try await manager.validate(issued.token.revealedText) }
    }

    @Test("absolute expiry is reported before idle expiry and stamp mismatch")
    func order() async throws {
        let issued = try await issue()
        stamps.set("u1", "changed")
        clock.advance(by: 86_400)
        await #expect(throws: SessionTokenError.expired) { try await manager.validate(issued.token.revealedText) }
    }

    @Test(
        "a changed or removed security stamp voids every session of the user", arguments: ["s1-new", nil] as [String?])
    func stamp(newStamp: String?) async throws {
        let first = try await issue()
        let second = try await issue()
        let other = try await issue("u2")
        stamps.set("u1", newStamp)
        for issued in [first, second] {
            await #expect(throws: SessionTokenError.stampMismatch) {
                try await manager.validate(issued.token.revealedText)
            }
        }
        _ = try await manager.validate(other.token.revealedText)
        #expect(try await manager.activeSessions(userID: "u1").isEmpty)
    }

    @Test("rotation: the new token works, the old one stops, id and creation time are kept")
    func rotate() async throws {
        let issued = try await issue()
        clock.advance(by: 600)
        let rotated = try await manager.rotate(issued.token.revealedText, authenticationLevel: .multiFactor)
        #expect(rotated.token != issued.token)
        #expect(rotated.session.id == issued.session.id)
        #expect(rotated.session.createdAt == issued.session.createdAt)
        #expect(rotated.session.lastSeenAt == clock.now())
        #expect(rotated.session.authenticationLevel == .multiFactor)
        await #expect(throws: SessionTokenError.notFound) { try await manager.validate(issued.token.revealedText) }
        await #expect(throws: SessionTokenError.notFound) { try await manager.rotate(issued.token.revealedText) }
        #expect(try await manager.validate(rotated.token.revealedText).authenticationLevel == .multiFactor)
        #expect(store.count == 1)
    }

    @Test("rotation does not extend the absolute lifetime")
    func rotateKeepsAbsolute() async throws {
        var current = try await issue()
        for _ in 0..<47 {
            clock.advance(by: 1_800)
            current = try await manager.rotate(current.token.revealedText)
        }
        clock.advance(by: 1_800)
        await #expect(throws: SessionTokenError.expired) { try await manager.rotate(current.token.revealedText) }
    }

    @Test("expired sessions cannot be rotated", arguments: [(3_600.0, SessionTokenError.idleExpired)])
    func rotateExpired(after: Double, error: SessionTokenError) async throws {
        let issued = try await issue()
        clock.advance(by: after)
        await #expect(throws: error) { try await manager.rotate(issued.token.revealedText) }
    }

    @Test("revoke one by token, and by id only for its owner")
    func revokeOne() async throws {
        let a = try await issue()
        let b = try await issue()
        #expect(try await manager.revoke(a.token.revealedText))
        #expect(try await !manager.revoke(a.token.revealedText))
        await #expect(throws: SessionTokenError.notFound) { try await manager.validate(a.token.revealedText) }
        #expect(try await !manager.revoke(id: b.session.id, userID: "u2"))
        _ = try await manager.validate(b.token.revealedText)
        #expect(try await manager.revoke(id: b.session.id, userID: "u1"))
        await #expect(throws: SessionTokenError.notFound) { try await manager.validate(b.token.revealedText) }
    }

    @Test("revoke all, and all but the current session")
    func revokeMany() async throws {
        let sessions = try await [issue(), issue(), issue()]
        let other = try await issue("u2")
        #expect(try await manager.revokeAllOthers(current: sessions[1].token.revealedText) == 2)
        _ = try await manager.validate(sessions[1].token.revealedText)
        for index in [0, 2] {
            await #expect(throws: SessionTokenError.notFound) {
                try await manager.validate(sessions[index].token.revealedText)
            }
        }
        #expect(try await manager.revokeAll(userID: "u1") == 1)
        await #expect(throws: SessionTokenError.notFound) { try await manager.validate(sessions[1].token.revealedText) }
        _ = try await manager.validate(other.token.revealedText)
    }

    @Test("active sessions: unexpired only, most recently seen first")
    func activeList() async throws {
        let old = try await issue()
        clock.advance(by: 1_800)
        let newer = try await issue()
        clock.advance(by: 600)
        _ = try await manager.validate(old.token.revealedText)
        #expect(try await manager.activeSessions(userID: "u1").map(\.id) == [old.session.id, newer.session.id])
        clock.advance(by: 3_300)
        #expect(try await manager.activeSessions(userID: "u1").map(\.id) == [old.session.id])
        #expect(try await store.purgeExpired(at: clock.now()) == 1)
    }

    @Test("the closure-backed stamp provider is called with the user id")
    func closureProvider() async throws {
        let provider = ClosureSecurityStampProvider { userID in userID == "u1" ? "s1" : nil }
        let manager = SessionManager(store: store, clock: clock, stamps: provider)
        let issued = try await manager.issue(userID: "u1", securityStamp: "s1")
        _ = try await manager.validate(issued.token.revealedText)
        let ghost = try await manager.issue(userID: "ghost", securityStamp: "s")
        await #expect(throws: SessionTokenError.stampMismatch) { try await manager.validate(ghost.token.revealedText) }
    }
}
