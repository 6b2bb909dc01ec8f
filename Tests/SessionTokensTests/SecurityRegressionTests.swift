import AuthCore
import Foundation
import SessionTokens
import Testing

/// Issue 10: secrets in printouts, clamping skipped by setters, hostile numbers.
@Suite("Security regressions")
struct SecurityRegressionTests {
    // MARK: Redaction

    /// A value to print and the token whose text must not show in it.
    struct Printed: Sendable, CustomTestStringConvertible {
        let name: String
        let value: any Sendable
        let text: String
        var testDescription: String { name }
    }

    static func printed() -> [Printed] {
        let session = SessionToken.generate()
        let refresh = RefreshToken.generate()
        let oneTime = OneTimeToken.generate()
        let stored = Session(
            id: .generate(), userID: "u1", createdAt: Date(timeIntervalSince1970: 0),
            lastSeenAt: Date(timeIntervalSince1970: 0),
            idleTimeout: 60, absoluteTimeout: 60, authenticationLevel: .password, securityStamp: "s1")
        let issued = IssuedSession(token: session, session: stored)
        return [
            Printed(name: "SessionToken", value: session, text: session.revealedText),
            Printed(name: "RefreshToken", value: refresh, text: refresh.revealedText),
            Printed(name: "OneTimeToken", value: oneTime, text: oneTime.revealedText),
            Printed(name: "IssuedSession", value: issued, text: session.revealedText),
            Printed(name: "[IssuedSession]", value: [issued], text: session.revealedText),
            Printed(name: "tuple of tokens", value: (refresh: refresh, record: 1), text: refresh.revealedText),
        ]
    }

    @Test("regression: tokens and values holding them print no token text, in any rendering", arguments: printed())
    func tokensRedacted(_ printed: Printed) {
        let shown = RedactionAudit.renderings(of: printed.value)
        let body = printed.text.dropFirst(6).prefix(43)
        #expect(!shown.contains(String(body.prefix(8))), "\(shown)")
        #expect(RedactionAudit.leaks(of: Array(printed.text.utf8), in: shown) == [])
        // The 32 random bytes behind the text, in case a rendering decodes them.
        let random = (try? Base64URL.decode(body)) ?? []
        #expect(RedactionAudit.leaks(of: random, in: shown) == [])
    }

    @Test("regression: a token digest's dump and mirror show no more than its first 8 bytes")
    func digestRedacted() throws {
        let digest = SessionToken.generate().digest
        let shown = RedactionAudit.renderings(of: digest)
        #expect(Mirror(reflecting: digest).children.isEmpty)
        // Bytes 8...31 are never shown, in any encoding (the first 8 are, in hex, for log correlation).
        #expect(RedactionAudit.leaks(of: Array(digest.bytes[8...]), in: shown, window: 4) == [], "\(shown)")
        #expect(String(reflecting: digest) == String(describing: digest))
    }

    @Test("token digests compare all 32 bytes: a difference in the last byte counts")
    func digestEquality() throws {
        let bytes = SessionToken.generate().digest.bytes
        var changed = bytes
        changed[31] ^= 1
        #expect(try TokenDigest(bytes: bytes) == TokenDigest(bytes: bytes))
        #expect(try TokenDigest(bytes: bytes) != TokenDigest(bytes: changed))
        changed = bytes
        changed[0] ^= 0x80
        #expect(try TokenDigest(bytes: bytes) != TokenDigest(bytes: changed))
        #expect(try Set([TokenDigest(bytes: bytes), TokenDigest(bytes: bytes)]).count == 1)
    }

    // MARK: Clamping on set

    static let maxAges: [(set: Int, expected: Int)] = [
        (-100, 0), (Int.min, 0), (0, 0), (3600, 3600), (Int.max, 34_560_000),
    ]

    @Test("regression: SessionCookie.maxAge set after init is clamped to 0...400 days", arguments: maxAges)
    func cookieMaxAge(set: Int, expected: Int) throws {
        var cookie = try #require(SessionCookie(baseName: "crm"))
        cookie.maxAge = set
        #expect(cookie.maxAge == expected)
        #expect(cookie.setCookieValue(for: .generate()).hasSuffix("; Max-Age=\(expected)"))
        #expect(SessionCookie(baseName: "crm", maxAge: set)?.maxAge == expected)
        cookie.maxAge = nil
        #expect(!cookie.setCookieValue(for: .generate()).contains("Max-Age"))
    }

    @Test("regression: ConcurrentSessionLimit.maximum set below 1 after init becomes 1", arguments: [0, -3, Int.min])
    func limitMaximum(set: Int) async throws {
        var limit = ConcurrentSessionLimit(maximum: 5, overflow: .refuseNew)
        limit.maximum = set
        #expect(limit.maximum == 1)
        var policy = SessionPolicy.aal2
        policy.concurrentSessionLimit = limit
        // Int.min used to trap in the store's `live + 1 - maximum`.
        let manager = SessionManager(
            store: InMemorySessionStore(), policy: policy, clock: ManualClock(), stamps: TestStamps())
        _ = try await manager.issue(userID: "u1", securityStamp: "s1")
        await #expect(throws: SessionTokenError.limitReached) {
            try await manager.issue(userID: "u1", securityStamp: "s1")
        }
    }

    static let timeouts: [(set: Double, expected: Double)] = [
        (-5, 0), (.nan, 0), (.infinity, 34_560_000), (1e300, 34_560_000), (7200, 7200),
    ]

    @Test(
        "regression: SessionPolicy timeouts set after init are clamped to 0...400 days, NaN to 0", arguments: timeouts)
    func policyTimeouts(set: Double, expected: Double) {
        var policy = SessionPolicy.aal2
        policy.absoluteTimeout = set
        policy.idleTimeout = set
        #expect(policy.absoluteTimeout == expected)
        #expect(policy.idleTimeout == expected)
        #expect(policy.lastSeenWriteInterval <= policy.idleTimeout)
        let fresh = SessionPolicy(absoluteTimeout: set, idleTimeout: set, lastSeenWriteInterval: set)
        #expect(fresh.absoluteTimeout == expected && fresh.idleTimeout == expected)
        #expect(fresh.lastSeenWriteInterval == expected)
    }

    @Test("regression: an infinite policy no longer makes sessions that never expire")
    func infinitePolicy() async throws {
        let clock = ManualClock()
        var policy = SessionPolicy.aal2
        policy.absoluteTimeout = .infinity
        policy.idleTimeout = .infinity
        let manager = SessionManager(store: InMemorySessionStore(), policy: policy, clock: clock, stamps: TestStamps())
        let issued = try await manager.issue(userID: "u1", securityStamp: "s1")
        #expect(issued.session.expiresAt.timeIntervalSince(clock.now()) == SessionPolicy.maximumTimeout)
        clock.advance(by: SessionPolicy.maximumTimeout)
        await #expect(throws: SessionTokenError.expired) { try await manager.validate(issued.token.revealedText) }
    }

    @Test(
        "regression: refresh-family and one-time lifetimes are clamped to finite instants",
        arguments: [Double.infinity, .nan, -1, 1e300])
    func lifetimes(lifetime: Double) async throws {
        let clock = ManualClock()
        let refresh = RefreshTokenIssuer(
            store: InMemoryRefreshTokenStore(), clock: clock, familyLifetime: lifetime, stamps: TestStamps())
        #expect((0...SessionPolicy.maximumTimeout).contains(refresh.familyLifetime))
        let (_, record) = try await refresh.startFamily(userID: "u1", securityStamp: "s1")
        #expect(record.expiresAt.timeIntervalSince1970.isFinite)

        let purpose = OneTimeTokenPurpose(name: "custom", defaultLifetime: lifetime)
        #expect((0...SessionPolicy.maximumTimeout).contains(purpose.defaultLifetime))
        let store = InMemoryOneTimeTokenStore()
        let issuer = OneTimeTokenIssuer(store: store, clock: clock, stamps: TestStamps())
        let token = try await issuer.issue(
            userID: "u1", purpose: .passwordReset, securityStamp: "s1", lifetime: lifetime)
        clock.advance(by: SessionPolicy.maximumTimeout)
        await #expect(throws: SessionTokenError.expired) {
            try await issuer.redeem(token.revealedText, purpose: .passwordReset)
        }
    }
}
