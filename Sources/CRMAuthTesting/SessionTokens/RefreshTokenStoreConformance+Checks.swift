import AuthCore
import SessionTokens
import Testing

extension RefreshTokenStoreConformance {
    func insertAndRead(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        var record = Self.record(at: clock)
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        let inserted = record
        record.userID = "mallory"
        #expect(try await store.record(digest: digest) == inserted, "every field is read back exactly, as inserted")
        #expect(try await store.record(digest: Self.digest()) == nil, "an unknown digest reads nil")
    }

    func duplicateInsertRefused(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        let record = Self.record(at: clock)
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        await #expect(throws: SessionTokenError.duplicate, "a stored digest is refused") {
            try await store.insert(Self.record("bob", at: clock), digest: digest)
        }
        #expect(try await store.record(digest: digest) == record, "a refused insert changes nothing")
    }

    func rotateStoresSuccessor(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        let record = Self.record(at: clock)
        let (first, second, third) = (Self.digest(), Self.digest(), Self.digest())
        try await store.insert(record, digest: first)
        clock.advance(by: 3_600)
        #expect(
            try await store.rotate(digest: first, to: second) == .rotated(record),
            "the successor carries the family unchanged")
        #expect(try await store.record(digest: first)?.isUsed == true, "the presented token is kept, marked used")
        #expect(try await store.record(digest: second) == record, "the successor is stored unused")
        #expect(try await store.rotate(digest: second, to: third) == .rotated(record), "the successor rotates in turn")
        var used = record
        used.isUsed = true
        #expect(try await store.record(digest: second) == used)
    }

    func rotateUnknownIsNotFound(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        let new = Self.digest()
        #expect(try await store.rotate(digest: Self.digest(), to: new) == .notFound, "an unknown token is notFound")
        #expect(try await store.record(digest: new) == nil, "and nothing is stored")
    }

    func rotateRefusesTakenDigest(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        let (record, other) = (Self.record(at: clock), Self.record("bob", at: clock))
        let (digest, taken) = (Self.digest(), Self.digest())
        try await store.insert(record, digest: digest)
        try await store.insert(other, digest: taken)
        await #expect(throws: SessionTokenError.duplicate, "rotating onto a stored digest is refused") {
            try await store.rotate(digest: digest, to: taken)
        }
        #expect(try await store.record(digest: digest) == record, "the presented token stays unused")
        #expect(try await store.record(digest: taken) == other, "the other record is untouched")
    }

    func rotateIgnoresExpiry(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        let record = Self.record(at: clock, lifetime: 60)
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        clock.advance(by: 3_600)
        #expect(
            try await store.rotate(digest: digest, to: Self.digest()) == .rotated(record), "the caller decides expiry")
    }

    func reuseRevokesFamily(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        let (record, other) = (Self.record(at: clock), Self.record(at: clock))
        let (first, second, third, otherDigest) = (Self.digest(), Self.digest(), Self.digest(), Self.digest())
        try await store.insert(record, digest: first)
        try await store.insert(other, digest: otherDigest)
        _ = try await store.rotate(digest: first, to: second)
        #expect(
            try await store.rotate(digest: first, to: third) == .reuseDetected(familyID: record.familyID),
            "reuse is detected")
        for digest in [first, second, third] {
            #expect(try await store.record(digest: digest) == nil, "every token of the family is gone")
        }
        #expect(try await store.rotate(digest: first, to: Self.digest()) == .notFound, "reuse is detected once")
        #expect(
            try await store.rotate(digest: second, to: Self.digest()) == .notFound, "the newest token is revoked too")
        #expect(try await store.record(digest: otherDigest) == other, "other families of the user stay")
    }

    func revokeFamily(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        let (record, other) = (Self.record(at: clock), Self.record(at: clock))
        let (first, second, otherDigest) = (Self.digest(), Self.digest(), Self.digest())
        try await store.insert(record, digest: first)
        try await store.insert(other, digest: otherDigest)
        _ = try await store.rotate(digest: first, to: second)
        #expect(try await store.revokeFamily(record.familyID) == 2, "used and unused records are counted")
        #expect(try await store.record(digest: second) == nil)
        #expect(
            try await store.rotate(digest: second, to: Self.digest()) == .notFound, "a revoked family does not rotate")
        #expect(try await store.revokeFamily(record.familyID) == 0, "revoking again removes nothing")
        #expect(try await store.revokeFamily(.generate()) == 0)
        #expect(try await store.record(digest: otherDigest) == other, "other families stay")
    }

    func revokeFamilyChecksOwner(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        let record = Self.record("ad\u{E9}", at: clock)
        let (first, second) = (Self.digest(), Self.digest())
        try await store.insert(record, digest: first)
        _ = try await store.rotate(digest: first, to: second)
        #expect(
            try await store.revokeFamily(record.familyID, userID: "mallory") == 0,
            "another user cannot revoke the family")
        #expect(
            try await store.revokeFamily(record.familyID, userID: "ade\u{301}") == 0,
            "a canonically equivalent user id is another user")
        #expect(try await store.record(digest: second) != nil, "the family is untouched")
        #expect(
            try await store.revokeFamily(record.familyID, userID: "ad\u{E9}") == 2,
            "the owner revokes used and unused records")
        #expect(try await store.record(digest: second) == nil)
        #expect(
            try await store.revokeFamily(record.familyID, userID: "ad\u{E9}") == 0, "revoking again removes nothing")
    }

    func purgeExpired(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        let (short, long) = (Self.record(at: clock, lifetime: 3_600), Self.record(at: clock, lifetime: 7_200))
        let (shortFirst, shortSecond, longDigest) = (Self.digest(), Self.digest(), Self.digest())
        try await store.insert(short, digest: shortFirst)
        try await store.insert(long, digest: longDigest)
        _ = try await store.rotate(digest: shortFirst, to: shortSecond)
        clock.advance(by: 3_599)
        #expect(try await store.purgeExpired(at: clock.now()) == 0, "nothing is expired a second early")
        clock.advance(by: 1)
        #expect(try await store.purgeExpired(at: clock.now()) == 2, "the expiry instant counts, used records included")
        #expect(try await store.record(digest: shortSecond) == nil)
        #expect(try await store.record(digest: longDigest) == long, "live families survive a purge")
        #expect(try await store.purgeExpired(at: clock.now()) == 0, "purging again removes nothing")
    }

    func concurrentRotation(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        let record = Self.record(at: clock)
        let digest = Self.digest()
        try await store.insert(record, digest: digest)
        let successors = (0..<racers).map { _ in Self.digest() }
        let outcomes = await Conformance.race(racers) { index in
            try await store.rotate(digest: digest, to: successors[index])
        }
        let results = outcomes.compactMap(\.value)
        #expect(results.count == racers, "racing rotations get answers, not errors")
        #expect(results.filter { $0 == .rotated(record) }.count == 1, "exactly one rotation succeeds")
        #expect(
            results.filter { $0 == .reuseDetected(familyID: record.familyID) }.count == 1,
            "reuse is detected exactly once")
        #expect(results.filter { $0 == .notFound }.count == racers - 2, "every later caller finds nothing")
        for successor in successors {
            #expect(
                try await store.record(digest: successor) == nil, "the winner's successor is revoked with the family")
        }
    }
}
