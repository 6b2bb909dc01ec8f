import AuthCore
import Foundation
import SessionTokens
import Testing

@Suite("OneTimeToken")
struct OneTimeTokenTests {
    let clock = ManualClock()
    let store = InMemoryOneTimeTokenStore()
    let stamps = TestStamps()
    var issuer: OneTimeTokenIssuer { OneTimeTokenIssuer(store: store, clock: clock, stamps: stamps) }

    @Test("a token redeems exactly once")
    func once() async throws {
        let token = try await issuer.issue(userID: "u1", purpose: .passwordReset, securityStamp: "s1")
        #expect(token.revealedText.hasPrefix("crm_o_"))
        #expect(!"\(token)".contains(token.revealedText.dropFirst(6)))
        let record = try await issuer.redeem(token.revealedText, purpose: .passwordReset)
        #expect(record.userID == "u1")
        await #expect(throws: SessionTokenError.notFound) {
            try await issuer.redeem(token.revealedText, purpose: .passwordReset)
        }
        #expect(store.count == 0)
    }

    @Test(
        "default lifetimes per purpose; the expiry instant is expired",
        arguments: [
            (OneTimeTokenPurpose.passwordReset, 1_800.0), (.emailVerification, 86_400.0), (.invitation, 604_800.0),
        ]
    )
    func lifetimes(purpose: OneTimeTokenPurpose, lifetime: Double) async throws {
        let early = try await issuer.issue(userID: "u1", purpose: purpose, securityStamp: "s1")
        let late = try await issuer.issue(userID: "u1", purpose: purpose, securityStamp: "s1")
        clock.advance(by: lifetime - 1)
        _ = try await issuer.redeem(early.revealedText, purpose: purpose)
        clock.advance(by: 1)
        await #expect(throws: SessionTokenError.expired) {
            try await issuer.redeem(late.revealedText, purpose: purpose)
        }
    }

    @Test("a token is refused for another purpose and stays usable for its own")
    func purpose() async throws {
        let token = try await issuer.issue(userID: "u1", purpose: .emailVerification, securityStamp: "s1")
        await #expect(throws: SessionTokenError.notFound) {
            try await issuer.redeem(token.revealedText, purpose: .passwordReset)
        }
        _ = try await issuer.redeem(token.revealedText, purpose: .emailVerification)
    }

    @Test("a password change (new stamp) voids pending reset links")
    func stamp() async throws {
        let token = try await issuer.issue(userID: "u1", purpose: .passwordReset, securityStamp: "s1")
        stamps.set("u1", "s1-new")
        await #expect(throws: SessionTokenError.stampMismatch) {
            try await issuer.redeem(token.revealedText, purpose: .passwordReset)
        }
    }

    @Test(
        "malformed one-time tokens, including session tokens, are rejected",
        arguments: ["", "crm_o_", SessionToken.generate().revealedText, "crm_o_" + String(repeating: "A", count: 49)]
    )
    func malformed(text: String) async throws {
        await #expect(throws: SessionTokenError.malformed) { try await issuer.redeem(text, purpose: .passwordReset) }
    }

    @Test("session token parsing rejects one-time tokens")
    func notASession() {
        #expect(throws: SessionTokenError.malformed) { try SessionToken(parsing: OneTimeToken.generate().revealedText) }
    }

    @Test("concurrent redemption: exactly one caller succeeds")
    func concurrent() async throws {
        let issuer = issuer
        let token = try await issuer.issue(userID: "u1", purpose: .passwordReset, securityStamp: "s1").revealedText
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<64 { group.addTask { (try? await issuer.redeem(token, purpose: .passwordReset)) != nil } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 1)
    }

    @Test("purge removes expired records only")
    func purge() async throws {
        _ = try await issuer.issue(userID: "u1", purpose: .passwordReset, securityStamp: "s1")
        _ = try await issuer.issue(userID: "u1", purpose: .emailVerification, securityStamp: "s1")
        clock.advance(by: 1_800)
        #expect(try await store.purgeExpired(at: clock.now()) == 1)
        #expect(store.count == 1)
    }
}

@Suite("InMemoryOneTimeTokenStore")
struct InMemoryOneTimeTokenStoreTests {
    @Test("regression: a purpose with a changed default lifetime orphaned outstanding tokens")
    func purposeLifetimeChangeOrphanedTokens() async throws {
        let store = InMemoryOneTimeTokenStore()
        let clock = ManualClock()
        let record = OneTimeTokenRecord(
            userID: "u1", purpose: .passwordReset, securityStamp: "s1", createdAt: clock.now(),
            expiresAt: clock.now().addingTimeInterval(1_800))
        let token = OneTimeToken.generate()
        try await store.insert(record, digest: token.digest)
        let redeployed = OneTimeTokenPurpose(name: "password-reset", defaultLifetime: 3_600)
        #expect(try await store.consume(digest: token.digest, purpose: redeployed) == record)
    }

    /// Regression: purposes were matched by `String` `==`, canonical equivalence, so a token issued
    /// for an app's purpose named with "é" (U+00E9) was accepted for one named with "e" + U+0301,
    /// where a database matching its purpose column keeps two purposes. Bytes decide now.
    @Test("canonically equivalent purpose names merged into one purpose")
    func canonicallyEquivalentPurposeNamesMerged() async throws {
        let store = InMemoryOneTimeTokenStore()
        let clock = ManualClock()
        let (composed, decomposed) = (
            OneTimeTokenPurpose(name: "caf\u{E9}-invite", defaultLifetime: 600),
            OneTimeTokenPurpose(name: "cafe\u{301}-invite", defaultLifetime: 600)
        )
        try #require(composed.name == decomposed.name)  // Swift's String equality, the cause of the flaw
        let record = OneTimeTokenRecord(
            userID: "u1", purpose: composed, securityStamp: "s1", createdAt: clock.now(),
            expiresAt: clock.now().addingTimeInterval(600))
        let token = OneTimeToken.generate()
        try await store.insert(record, digest: token.digest)
        #expect(
            try await store.consume(digest: token.digest, purpose: decomposed) == nil, "the other spelling gets nothing"
        )
        #expect(try await store.consume(digest: token.digest, purpose: composed) == record)
    }

    @Test("purposes are equal by the exact bytes of their name, as stores match them, whatever the lifetime")
    func purposeEquality() {
        let short = OneTimeTokenPurpose(name: "password-reset", defaultLifetime: 60)
        #expect(short == .passwordReset)
        #expect(short.hashValue == OneTimeTokenPurpose.passwordReset.hashValue)
        let composed = OneTimeTokenPurpose(name: "caf\u{E9}", defaultLifetime: 60)
        let decomposed = OneTimeTokenPurpose(name: "cafe\u{301}", defaultLifetime: 60)
        #expect(composed != decomposed)
        #expect(Set([composed, decomposed, short, .passwordReset]).count == 3)
        #expect(OneTimeTokenPurpose.invitation != .emailVerification)
    }
}
