import AuthCore
import Foundation
import SessionTokens
import Testing

@Suite("RefreshToken families")
struct RefreshTokenTests {
    let clock = ManualClock()
    let store = InMemoryRefreshTokenStore()
    /// Every user's current stamp; tests change it to stand for a password change.
    let stamps = Stamps()
    var issuer: RefreshTokenIssuer { RefreshTokenIssuer(store: store, clock: clock, stamps: stamps) }

    final class Stamps: SecurityStampProvider, @unchecked Sendable {
        // @unchecked: guarded by `lock`.
        private let lock = NSLock()
        private var stamps: [UserID: String] = ["u1": "s1", "u2": "s2"]
        func set(_ stamp: String?, for user: UserID) { lock.withLock { stamps[user] = stamp } }
        func securityStamp(userID: UserID) async throws -> String? { lock.withLock { stamps[userID] } }
    }

    @Test("each refresh returns a new token and retires the presented one")
    func rotation() async throws {
        let (first, record) = try await issuer.startFamily(userID: "u1", securityStamp: "s1")
        #expect(first.revealedText.hasPrefix("crm_r_"))
        let (second, next) = try await issuer.refresh(first.revealedText)
        #expect(next.familyID == record.familyID)
        let (third, _) = try await issuer.refresh(second.revealedText)
        #expect(third != second)
        #expect(store.count == 3)
    }

    @Test("reusing a used token revokes the whole family, including the newest token")
    func reuse() async throws {
        let (first, _) = try await issuer.startFamily(userID: "u1", securityStamp: "s1")
        let (second, _) = try await issuer.refresh(first.revealedText)
        let other = try await issuer.startFamily(userID: "u1", securityStamp: "s1")
        await #expect(throws: SessionTokenError.reuseDetected) { try await issuer.refresh(first.revealedText) }
        await #expect(throws: SessionTokenError.notFound) { try await issuer.refresh(second.revealedText) }
        await #expect(throws: SessionTokenError.notFound) { try await issuer.refresh(first.revealedText) }
        _ = try await issuer.refresh(other.token.revealedText)
    }

    @Test("the family lifetime is absolute: rotation never extends it")
    func lifetime() async throws {
        var (token, _) = try await issuer.startFamily(userID: "u1", securityStamp: "s1")
        for _ in 0..<29 {
            clock.advance(by: 86_400)
            token = try await issuer.refresh(token.revealedText).token
        }
        clock.advance(by: 86_400)
        await #expect(throws: SessionTokenError.expired) { try await issuer.refresh(token.revealedText) }
        #expect(try await store.purgeExpired(at: clock.now()) == 30)
    }

    @Test("a changed security stamp ends the family at its next use; other users' families go on")
    func stampChange() async throws {
        let (token, record) = try await issuer.startFamily(userID: "u1", securityStamp: "s1")
        let (next, _) = try await issuer.refresh(token.revealedText)
        let theirs = try await issuer.startFamily(userID: "u2", securityStamp: "s2")
        stamps.set("s1-after-password-change", for: "u1")
        await #expect(throws: SessionTokenError.stampMismatch) { try await issuer.refresh(next.revealedText) }
        #expect(try await store.revokeFamily(record.familyID) == 0, "the whole family was revoked")
        stamps.set("s1", for: "u1")
        await #expect(throws: SessionTokenError.notFound) { try await issuer.refresh(next.revealedText) }
        _ = try await issuer.refresh(theirs.token.revealedText)
    }

    @Test("a user who is gone (no stamp) can no longer refresh")
    func userGone() async throws {
        let (token, _) = try await issuer.startFamily(userID: "u2", securityStamp: "s2")
        stamps.set(nil, for: "u2")
        await #expect(throws: SessionTokenError.stampMismatch) { try await issuer.refresh(token.revealedText) }
        #expect(store.count == 0)
    }

    @Test("a family started under an old stamp is refused at its first refresh")
    func startedUnderOldStamp() async throws {
        let (token, _) = try await issuer.startFamily(userID: "u1", securityStamp: "s0")
        await #expect(throws: SessionTokenError.stampMismatch) { try await issuer.refresh(token.revealedText) }
    }

    @Test("refresh and one-time tokens never show their text in descriptions, dumps or mirrors")
    func redacted() throws {
        let refresh = RefreshToken.generate()
        let oneTime = OneTimeToken.generate()
        for (token, text) in [(refresh as Any, refresh.revealedText), (oneTime as Any, oneTime.revealedText)] {
            var dumped = ""
            dump(token, to: &dumped)
            for shown in ["\(token)", String(reflecting: token), dumped] {
                #expect(!shown.contains(String(text.dropFirst(6).prefix(12))), "\(shown)")
            }
            #expect(Mirror(reflecting: token).children.isEmpty)
        }
        #expect(try RefreshToken(parsing: refresh.revealedText) == refresh)
        #expect(try OneTimeToken(parsing: oneTime.revealedText) == oneTime)
        #expect(RefreshToken.generate() != refresh)
        #expect(Set([refresh, try RefreshToken(parsing: refresh.revealedText)]).count == 1)
    }

    @Test("revoking a family ends all its tokens")
    func revoke() async throws {
        let (token, record) = try await issuer.startFamily(userID: "u1", securityStamp: "s1")
        #expect(try await issuer.revokeFamily(record.familyID, userID: "u1"))
        await #expect(throws: SessionTokenError.notFound) { try await issuer.refresh(token.revealedText) }
    }

    @Test("regression: revokeFamily refuses a family id named by another user")
    func revokeNeedsOwner() async throws {
        let (token, record) = try await issuer.startFamily(userID: "u1", securityStamp: "s1")
        // Family ids are safe to show (device lists, logs), so naming one must not be enough.
        #expect(try await issuer.revokeFamily(record.familyID, userID: "u2") == false)
        #expect(try await issuer.revokeFamily(record.familyID, userID: "U1") == false, "user ids compare byte for byte")
        let (next, _) = try await issuer.refresh(token.revealedText)
        #expect(try await issuer.revokeFamily(record.familyID, userID: "u1"))
        await #expect(throws: SessionTokenError.notFound) { try await issuer.refresh(next.revealedText) }
        #expect(try await issuer.revokeFamily(record.familyID, userID: "u1") == false, "already revoked")
    }

    @Test("malformed refresh tokens are rejected", arguments: ["", "crm_r_", SessionToken.generate().revealedText])
    func malformed(text: String) async throws {
        await #expect(throws: SessionTokenError.malformed) { try await issuer.refresh(text) }
    }

    enum Outcome: Sendable { case rotated, reuse, notFound, other }

    @Test("concurrent refreshes of one token: one rotation, reuse detected exactly once")
    func concurrent() async throws {
        let issuer = issuer
        let token = try await issuer.startFamily(userID: "u1", securityStamp: "s1").token.revealedText
        let outcomes = await withTaskGroup(of: Outcome.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    do {
                        _ = try await issuer.refresh(token)
                        return .rotated
                    } catch let error as SessionTokenError {
                        return error == .reuseDetected ? .reuse : error == .notFound ? .notFound : .other
                    } catch { return .other }
                }
            }
            return await group.reduce(into: [Outcome]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == .rotated }.count == 1)
        #expect(outcomes.filter { $0 == .reuse }.count == 1)
        #expect(outcomes.filter { $0 == .notFound }.count == 62)
        #expect(store.count == 0)
    }
}

@Suite("InMemoryRefreshTokenStore")
struct InMemoryRefreshTokenStoreTests {
    /// Regression: family ids were compared with `SessionID`'s synthesized `==`, which compared their
    /// text as `String` (canonical equivalence), so revoking a family also revoked one whose id was
    /// spelled canonically equivalently, where a database keeps two families. Bytes decide now.
    @Test("canonically equivalent family ids merged into one family")
    func canonicallyEquivalentFamilyIDsMerged() async throws {
        let store = InMemoryRefreshTokenStore()
        let (composed, decomposed) = (RefreshFamilyID(rawValue: "caf\u{E9}"), RefreshFamilyID(rawValue: "cafe\u{301}"))
        try #require(composed.rawValue == decomposed.rawValue)  // Swift's String equality, the cause of the flaw
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let mine = RefreshTokenRecord(
            familyID: composed, userID: "u1", securityStamp: "s1", familyCreatedAt: start, expiresAt: start + 3_600)
        let theirs = RefreshTokenRecord(
            familyID: decomposed, userID: "u2", securityStamp: "s2", familyCreatedAt: start, expiresAt: start + 3_600)
        let (mineDigest, theirDigest) = (RefreshToken.generate().digest, RefreshToken.generate().digest)
        try await store.insert(mine, digest: mineDigest)
        try await store.insert(theirs, digest: theirDigest)
        #expect(try await store.revokeFamily(composed) == 1, "revoking counts one family's record")
        #expect(try await store.record(digest: theirDigest) == theirs, "the other family stays")
        _ = try await store.rotate(digest: theirDigest, to: RefreshToken.generate().digest)
        try await store.insert(mine, digest: mineDigest)
        let reused = try await store.rotate(digest: theirDigest, to: RefreshToken.generate().digest)
        #expect(reused == .reuseDetected(familyID: decomposed))
        #expect(try await store.record(digest: mineDigest) == mine, "reuse detection revokes only the exact family")
    }
}
