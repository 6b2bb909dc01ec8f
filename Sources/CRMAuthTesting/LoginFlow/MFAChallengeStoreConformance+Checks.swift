import AuthCore
import Foundation
import LoginFlow
import SessionTokens
import Testing

extension MFAChallengeStoreConformance {
    func insertAndLookUp(_ store: any MFAChallengeStore, _ clock: ManualClock) async throws {
        let challenges = [
            MFAChallenge(
                userID: "caf\u{E9}", tenantID: "tenant-e\u{301}", methods: [.recoveryCode, .totp],
                securityStamp: "stamp-e\u{301}", createdAt: clock.now().addingTimeInterval(0.25),
                expiresAt: clock.now().addingTimeInterval(Self.lifetime + 0.5), failures: 2),
            MFAChallenge(
                userID: "cafe\u{301}", tenantID: nil, methods: [.totp], securityStamp: "stamp-\u{E9}",
                createdAt: clock.now(), expiresAt: clock.now().addingTimeInterval(Self.lifetime)),
            MFAChallenge(
                userID: "bob", tenantID: "acme", methods: [], securityStamp: "s", createdAt: clock.now(),
                expiresAt: clock.now().addingTimeInterval(1)),
        ]
        let digests = challenges.map { _ in Self.digest() }
        for (challenge, digest) in zip(challenges, digests) { try await store.insert(challenge, digest: digest) }
        for (index, digest) in digests.enumerated() {
            #expect(
                Self.exactlyEqual(try await store.challenge(digest: digest), challenges[index]),
                "challenge \(index): every field exactly as written, methods in order")
        }
        #expect(try await store.challenge(digest: Self.digest()) == nil, "an unknown digest is nil")
    }

    func valuesCopied(_ store: any MFAChallengeStore, _ clock: ManualClock) async throws {
        var challenge = Self.challenge(at: clock)
        let expected = challenge
        let digest = Self.digest()
        try await store.insert(challenge, digest: digest)
        challenge.failures = 99
        challenge.methods = []
        var read = try #require(try await store.challenge(digest: digest))
        read.failures = 42
        read.userID = "mallory"
        #expect(Self.exactlyEqual(try await store.challenge(digest: digest), expected), "the stored value is unchanged")
        var failed = try #require(try await store.recordFailure(digest: digest, maximumFailures: 5))
        failed.failures = 0
        #expect(try await store.challenge(digest: digest)?.failures == 1, "nor by changing a returned value")
    }

    func duplicateRefused(_ store: any MFAChallengeStore, _ clock: ManualClock) async throws {
        let challenge = Self.challenge(at: clock)
        let digest = Self.digest()
        try await store.insert(challenge, digest: digest)
        await #expect(throws: LoginFlowError.duplicate, "a stored digest is refused") {
            try await store.insert(Self.challenge("mallory", at: clock), digest: digest)
        }
        #expect(Self.exactlyEqual(try await store.challenge(digest: digest), challenge), "and nothing changes")
    }

    func failuresCountedToMaximum(_ store: any MFAChallengeStore, _ clock: ManualClock) async throws {
        let challenge = Self.challenge(at: clock)
        let digest = Self.digest()
        try await store.insert(challenge, digest: digest)
        for count in 1..<5 {
            var expected = challenge
            expected.failures = count
            #expect(
                Self.exactlyEqual(try await store.recordFailure(digest: digest, maximumFailures: 5), expected),
                "wrong answer \(count) is counted and the updated challenge returned")
            #expect(Self.exactlyEqual(try await store.challenge(digest: digest), expected), "and stored")
        }
        let last = try await store.recordFailure(digest: digest, maximumFailures: 5)
        #expect(last?.failures == 5, "the answer reaching the maximum returns failures == maximum")
        #expect(try await store.challenge(digest: digest) == nil, "and removes the challenge in the same step")
        #expect(try await store.recordFailure(digest: digest, maximumFailures: 5) == nil, "afterwards nil")
        #expect(try await store.consume(digest: digest) == nil, "and it cannot be consumed")
        #expect(
            try await store.recordFailure(digest: Self.digest(), maximumFailures: 5) == nil, "an unknown digest is nil")
    }

    func failuresPerChallenge(_ store: any MFAChallengeStore, _ clock: ManualClock) async throws {
        var worn = Self.challenge(at: clock)
        worn.failures = 2
        let fresh = Self.challenge(at: clock)
        let (wornDigest, freshDigest) = (Self.digest(), Self.digest())
        try await store.insert(worn, digest: wornDigest)
        try await store.insert(fresh, digest: freshDigest)
        #expect(
            try await store.recordFailure(digest: wornDigest, maximumFailures: 4)?.failures == 3,
            "counting starts from the stored count")
        #expect(try await store.recordFailure(digest: wornDigest, maximumFailures: 4)?.failures == 4)
        #expect(try await store.challenge(digest: wornDigest) == nil, "and ends at the maximum")
        #expect(
            Self.exactlyEqual(try await store.challenge(digest: freshDigest), fresh), "another challenge is untouched")
        #expect(
            try await store.recordFailure(digest: freshDigest, maximumFailures: 1)?.failures == 1,
            "a maximum of 1 removes at once")
        #expect(try await store.challenge(digest: freshDigest) == nil)
    }

    func consumeOnce(_ store: any MFAChallengeStore, _ clock: ManualClock) async throws {
        let challenge = Self.challenge(at: clock)
        let digest = Self.digest()
        try await store.insert(challenge, digest: digest)
        _ = try await store.recordFailure(digest: digest, maximumFailures: 5)
        var expected = challenge
        expected.failures = 1
        #expect(try await store.consume(digest: Self.digest()) == nil, "an unknown digest is nil")
        #expect(
            Self.exactlyEqual(try await store.consume(digest: digest), expected),
            "the challenge as stored, failures included")
        #expect(try await store.consume(digest: digest) == nil, "a challenge is consumed once")
        #expect(try await store.challenge(digest: digest) == nil, "and is gone")
        #expect(try await store.recordFailure(digest: digest, maximumFailures: 5) == nil, "no failure counts after it")
    }

    func expiryLeftToCaller(_ store: any MFAChallengeStore, _ clock: ManualClock) async throws {
        let challenge = Self.challenge(at: clock)
        let digest = Self.digest()
        try await store.insert(challenge, digest: digest)
        clock.advance(by: 86_400)
        #expect(Self.exactlyEqual(try await store.challenge(digest: digest), challenge), "read past its expiry")
        #expect(try await store.recordFailure(digest: digest, maximumFailures: 5)?.failures == 1, "counted past it")
        #expect(try await store.consume(digest: digest)?.userID == "ada", "consumed past it: the caller decides")
    }

    func purgeExpired(_ store: any MFAChallengeStore, _ clock: ManualClock) async throws {
        var soon = Self.challenge(at: clock)
        soon.expiresAt = clock.now().addingTimeInterval(60)
        let late = Self.challenge("bob", at: clock)
        let (soonDigest, lateDigest) = (Self.digest(), Self.digest())
        try await store.insert(soon, digest: soonDigest)
        try await store.insert(late, digest: lateDigest)
        clock.advance(by: 59)
        #expect(try await store.purgeExpired(at: clock.now()) == 0, "nothing is expired a second early")
        clock.advance(by: 1)
        #expect(try await store.purgeExpired(at: clock.now()) == 1, "the expiry instant counts as expired")
        #expect(try await store.purgeExpired(at: clock.now()) == 0, "purging again removes nothing")
        #expect(try await store.challenge(digest: soonDigest) == nil, "a purged challenge is gone")
        #expect(Self.exactlyEqual(try await store.challenge(digest: lateDigest), late), "live challenges survive")
    }
}
