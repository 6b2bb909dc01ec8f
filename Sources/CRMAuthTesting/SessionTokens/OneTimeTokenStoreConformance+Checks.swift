import AuthCore
import SessionTokens
import Testing

extension OneTimeTokenStoreConformance {
    func consumeOnce(_ store: any OneTimeTokenStore, _ clock: ManualClock) async throws {
        var record = Self.record(at: clock)
        let inserted = record
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        record.userID = "mallory"
        #expect(
            try await store.consume(digest: Self.digest(), purpose: .passwordReset) == nil, "an unknown digest is nil")
        #expect(
            try await store.consume(digest: digest, purpose: .passwordReset) == inserted,
            "the record, exactly as inserted")
        #expect(try await store.consume(digest: digest, purpose: .passwordReset) == nil, "a token is consumed once")
    }

    func duplicateInsertRefused(_ store: any OneTimeTokenStore, _ clock: ManualClock) async throws {
        let record = Self.record(at: clock)
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        await #expect(throws: SessionTokenError.duplicate, "a stored digest is refused") {
            try await store.insert(Self.record("mallory", .emailVerification, at: clock), digest: digest)
        }
        #expect(
            try await store.consume(digest: digest, purpose: .passwordReset) == record,
            "a refused insert changes nothing")
    }

    func purposeBound(_ store: any OneTimeTokenStore, _ clock: ManualClock) async throws {
        let record = Self.record("ada", .emailVerification, at: clock)
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        #expect(try await store.consume(digest: digest, purpose: .passwordReset) == nil, "another purpose gets nothing")
        #expect(try await store.consume(digest: digest, purpose: .invitation) == nil, "another purpose gets nothing")
        #expect(try await store.consume(digest: digest, purpose: .emailVerification) == record, "and leaves the record")
    }

    func purposeMatchedByName(_ store: any OneTimeTokenStore, _ clock: ManualClock) async throws {
        let record = Self.record(at: clock)
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        let relaxed = OneTimeTokenPurpose(name: OneTimeTokenPurpose.passwordReset.name, defaultLifetime: 7_200)
        #expect(
            try await store.consume(digest: digest, purpose: relaxed) == record, "the purpose's name decides the match")
    }

    func recordsIndependent(_ store: any OneTimeTokenStore, _ clock: ManualClock) async throws {
        let (ada, bob) = (Self.record("ada", at: clock), Self.record("bob", at: clock))
        let (adaDigest, bobDigest) = (Self.digest(), Self.digest())
        try await store.insert(ada, digest: adaDigest)
        try await store.insert(bob, digest: bobDigest)
        #expect(
            try await store.consume(digest: bobDigest, purpose: .passwordReset)?.userID == "bob",
            "a token acts for its own user")
        #expect(
            try await store.consume(digest: adaDigest, purpose: .passwordReset) == ada, "consuming one leaves the other"
        )
    }

    func namesAndIDsExact(_ store: any OneTimeTokenStore, _ clock: ManualClock) async throws {
        // Canonically equivalent, byte-different: Swift's String == calls them equal, a database does not.
        let composed = OneTimeTokenPurpose(name: "caf\u{E9}-invitation", defaultLifetime: 3_600)
        let decomposed = OneTimeTokenPurpose(name: "cafe\u{301}-invitation", defaultLifetime: 3_600)
        let record = Self.record("caf\u{E9}", composed, at: clock)
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        #expect(
            try await store.consume(digest: digest, purpose: decomposed) == nil, "purpose names match byte for byte")
        let consumed = try await store.consume(digest: digest, purpose: composed)
        #expect(consumed == record, "and leave the record for its exact purpose")
        #expect(
            consumed?.userID.rawValue.utf8.elementsEqual(record.userID.rawValue.utf8) == true,
            "the user id is read back byte for byte")
        #expect(
            consumed?.purpose.name.utf8.elementsEqual(composed.name.utf8) == true,
            "the purpose name is read back byte for byte, never normalized")
    }

    func consumeIgnoresExpiry(_ store: any OneTimeTokenStore, _ clock: ManualClock) async throws {
        let record = Self.record(at: clock)
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        clock.advance(by: 86_400)
        #expect(try await store.consume(digest: digest, purpose: .passwordReset) == record, "the caller decides expiry")
    }

    func purgeExpired(_ store: any OneTimeTokenStore, _ clock: ManualClock) async throws {
        let (reset, verify) = (Self.record(at: clock), Self.record("ada", .emailVerification, at: clock))
        let (resetDigest, verifyDigest) = (Self.digest(), Self.digest())
        try await store.insert(reset, digest: resetDigest)
        try await store.insert(verify, digest: verifyDigest)
        clock.advance(by: OneTimeTokenPurpose.passwordReset.defaultLifetime - 1)
        #expect(try await store.purgeExpired(at: clock.now()) == 0, "nothing is expired a second early")
        clock.advance(by: 1)
        #expect(try await store.purgeExpired(at: clock.now()) == 1, "the expiry instant counts as expired")
        #expect(try await store.purgeExpired(at: clock.now()) == 0, "purging again removes nothing")
        #expect(try await store.consume(digest: resetDigest, purpose: .passwordReset) == nil, "a purged token is gone")
        #expect(
            try await store.consume(digest: verifyDigest, purpose: .emailVerification) == verify, "live tokens survive")
    }

    func concurrentConsume(_ store: any OneTimeTokenStore, _ clock: ManualClock) async throws {
        let record = Self.record(at: clock)
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        let outcomes = await Conformance.race(racers) { _ in
            try await store.consume(digest: digest, purpose: .passwordReset)
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(outcomes.filter { $0.value == record }.count == 1, "exactly one racing caller gets the record")
    }

    func concurrentMixedPurposes(_ store: any OneTimeTokenStore, _ clock: ManualClock) async throws {
        let record = Self.record(at: clock)
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        let outcomes = await Conformance.race(racers) { index in
            let purpose: OneTimeTokenPurpose = index.isMultiple(of: 2) ? .passwordReset : .invitation
            return (purpose, try await store.consume(digest: digest, purpose: purpose))
        }
        let winners = outcomes.compactMap(\.value).filter { $0.1 != nil }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(winners.count == 1, "exactly one racing caller gets the record")
        #expect(winners.allSatisfy { $0.0 == .passwordReset && $0.1 == record }, "and only with the right purpose")
    }
}
