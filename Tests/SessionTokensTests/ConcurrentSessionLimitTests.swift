import AuthCore
import SessionTokens
import Testing

@Suite("ConcurrentSessionLimit")
struct ConcurrentSessionLimitTests {
    let clock = ManualClock()
    let store = InMemorySessionStore()

    func manager(_ limit: ConcurrentSessionLimit) -> SessionManager {
        var policy = SessionPolicy.aal2
        policy.concurrentSessionLimit = limit
        return SessionManager(store: store, policy: policy, clock: clock, stamps: TestStamps())
    }

    @Test("evictOldest ends the oldest live sessions to make room")
    func evictOldest() async throws {
        let manager = manager(ConcurrentSessionLimit(maximum: 2))
        var issued: [IssuedSession] = []
        for _ in 0..<3 {
            issued.append(try await manager.issue(userID: "u1", securityStamp: "s1"))
            clock.advance(by: 60)
        }
        await #expect(throws: SessionTokenError.notFound) { try await manager.validate(issued[0].token.revealedText) }
        #expect(issued.map(\.evicted) == [[], [], [issued[0].session.id]], "the app learns which session ended")
        _ = try await manager.validate(issued[1].token.revealedText)
        _ = try await manager.validate(issued[2].token.revealedText)
        _ = try await manager.issue(userID: "u2", securityStamp: "s2")
        #expect(store.count == 3)
    }

    @Test("refuseNew throws limitReached and stores nothing")
    func refuseNew() async throws {
        let manager = manager(ConcurrentSessionLimit(maximum: 2, overflow: .refuseNew))
        let first = try await manager.issue(userID: "u1", securityStamp: "s1")
        _ = try await manager.issue(userID: "u1", securityStamp: "s1")
        await #expect(throws: SessionTokenError.limitReached) {
            try await manager.issue(userID: "u1", securityStamp: "s1")
        }
        #expect(store.count == 2)
        try await manager.revoke(first.token.revealedText)
        _ = try await manager.issue(userID: "u1", securityStamp: "s1")
    }

    @Test("expired sessions do not count toward the limit")
    func expiredDoNotCount() async throws {
        let manager = manager(ConcurrentSessionLimit(maximum: 1, overflow: .refuseNew))
        _ = try await manager.issue(userID: "u1", securityStamp: "s1")
        clock.advance(by: 3_600)
        _ = try await manager.issue(userID: "u1", securityStamp: "s1")
    }

    @Test(
        "concurrent logins never exceed the limit",
        arguments: [ConcurrentSessionLimit.Overflow.evictOldest, .refuseNew])
    func concurrentLogins(overflow: ConcurrentSessionLimit.Overflow) async throws {
        let manager = manager(ConcurrentSessionLimit(maximum: 3, overflow: overflow))
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<32 {
                group.addTask { (try? await manager.issue(userID: "u1", securityStamp: "s1")) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == (overflow == .refuseNew ? 3 : 32))
        #expect(try await store.sessions(userID: "u1").count == 3)
    }

    @Test("maximum below 1 is raised to 1", arguments: [0, -3])
    func clamp(maximum: Int) {
        #expect(ConcurrentSessionLimit(maximum: maximum).maximum == 1)
    }
}
