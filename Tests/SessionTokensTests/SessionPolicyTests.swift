import AuthCore
import Foundation
import SessionTokens
import Testing

@Suite("SessionPolicy and Session")
struct SessionPolicyTests {
    @Test(
        "presets carry their documented lifetimes",
        arguments: [
            (SessionPolicy.aal2, 86_400.0, 3_600.0, 300.0),
            (SessionPolicy.aal3, 43_200.0, 900.0, 60.0),
            (SessionPolicy.relaxedAAL1, 2_592_000.0, 604_800.0, 3_600.0),
        ]
    )
    func presets(policy: SessionPolicy, absolute: Double, idle: Double, write: Double) {
        #expect(policy.absoluteTimeout == absolute)
        #expect(policy.idleTimeout == idle)
        #expect(policy.lastSeenWriteInterval == write)
    }

    @Test("the write interval is clamped to 0...idle", arguments: [(-5.0, 0.0), (30.0, 30.0), (7200.0, 3600.0)])
    func clamp(requested: Double, expected: Double) {
        let policy = SessionPolicy(absoluteTimeout: 86_400, idleTimeout: 3_600, lastSeenWriteInterval: requested)
        #expect(policy.lastSeenWriteInterval == expected)
    }

    @Test("expiry is the earlier of absolute and idle; the instant itself is expired")
    func expiry() {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var session = Session(
            id: .generate(), userID: "u", createdAt: start, lastSeenAt: start, idleTimeout: 3_600,
            absoluteTimeout: 86_400, authenticationLevel: .password, securityStamp: "s1")
        #expect(session.expiresAt == start.addingTimeInterval(3_600))
        #expect(!session.isExpired(at: start.addingTimeInterval(3_599)))
        #expect(session.isExpired(at: start.addingTimeInterval(3_600)))
        session.lastSeenAt = start.addingTimeInterval(86_000)
        #expect(session.expiresAt == start.addingTimeInterval(86_400))
        #expect(session.matches(securityStamp: "s1"))
        #expect(!session.matches(securityStamp: "s2"))
        #expect(AuthenticationLevel.password < .multiFactor)
    }

    @Test("setting the write interval or the idle timeout later keeps the interval within 0...idle")
    func clampedWhenSet() {
        var policy = SessionPolicy.aal2
        policy.lastSeenWriteInterval = 7_200
        #expect(policy.lastSeenWriteInterval == 3_600)
        policy.lastSeenWriteInterval = -1
        #expect(policy.lastSeenWriteInterval == 0)
        policy.lastSeenWriteInterval = 300
        policy.idleTimeout = 120
        #expect(policy.lastSeenWriteInterval == 120)
        policy.idleTimeout = 3_600
        #expect(policy.lastSeenWriteInterval == 120, "raising the idle timeout leaves the interval alone")
    }
}
