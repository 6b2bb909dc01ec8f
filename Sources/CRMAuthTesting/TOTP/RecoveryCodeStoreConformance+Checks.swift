import AuthCore
import TOTP
import Testing

extension RecoveryCodeStoreConformance {
    func unknownUserIsEmpty(_ store: any RecoveryCodeStore) async throws {
        #expect(try await store.remainingCodes(userID: "ada") == 0, "an unknown user has no codes")
        #expect(
            try await !store.consumeCode(userID: "ada", digest: Self.digests(1)[0]), "an unknown user consumes nothing")
    }

    func consumeOnce(_ store: any RecoveryCodeStore) async throws {
        let codes = try Self.digests(10)
        try await store.replaceCodes(userID: "ada", digests: codes)
        #expect(try await store.remainingCodes(userID: "ada") == 10)
        #expect(try await store.consumeCode(userID: "ada", digest: codes[3]), "a stored code is accepted")
        #expect(try await !store.consumeCode(userID: "ada", digest: codes[3]), "a used code is refused")
        #expect(try await !store.consumeCode(userID: "ada", digest: Self.digests(1)[0]), "an unknown code is refused")
        #expect(try await store.remainingCodes(userID: "ada") == 9, "only the accepted code is used up")
        #expect(try await store.consumeCode(userID: "ada", digest: codes[9]), "the other codes still work")
    }

    func replaceInvalidatesOldSet(_ store: any RecoveryCodeStore) async throws {
        let (old, new) = (try Self.digests(10), try Self.digests(5))
        try await store.replaceCodes(userID: "ada", digests: old)
        try await store.replaceCodes(userID: "ada", digests: new)
        #expect(try await store.remainingCodes(userID: "ada") == 5, "the count is the new set's")
        for code in old {
            #expect(
                try await !store.consumeCode(userID: "ada", digest: code), "old codes are refused after replacement")
        }
        #expect(try await store.consumeCode(userID: "ada", digest: new[0]), "new codes work")
    }

    func emptySetRemovesAll(_ store: any RecoveryCodeStore) async throws {
        let codes = try Self.digests(3)
        try await store.replaceCodes(userID: "ada", digests: codes)
        try await store.replaceCodes(userID: "ada", digests: [])
        #expect(try await store.remainingCodes(userID: "ada") == 0, "an empty set leaves no codes")
        #expect(try await !store.consumeCode(userID: "ada", digest: codes[0]))
        try await store.replaceCodes(userID: "ada", digests: [])
    }

    func duplicateDigestsCollapse(_ store: any RecoveryCodeStore) async throws {
        let codes = try Self.digests(2)
        try await store.replaceCodes(userID: "ada", digests: [codes[0], codes[1], codes[0]])
        #expect(try await store.remainingCodes(userID: "ada") == 2, "a repeated digest counts once")
        #expect(try await store.consumeCode(userID: "ada", digest: codes[0]))
        #expect(try await !store.consumeCode(userID: "ada", digest: codes[0]), "a repeated digest is accepted once")
    }

    func usersIndependent(_ store: any RecoveryCodeStore) async throws {
        let (ada, bob) = (try Self.digests(3), try Self.digests(3))
        try await store.replaceCodes(userID: "ada", digests: ada)
        try await store.replaceCodes(userID: "bob", digests: bob)
        #expect(try await !store.consumeCode(userID: "bob", digest: ada[0]), "one user's code never works for another")
        #expect(try await !store.consumeCode(userID: "Ada", digest: ada[0]), "user ids are case-sensitive")
        try await store.replaceCodes(userID: "bob", digests: [])
        #expect(try await store.remainingCodes(userID: "ada") == 3, "replacing one user's set leaves the others")
        #expect(try await store.consumeCode(userID: "ada", digest: ada[0]))
        // Canonically equivalent, byte-different: Swift's String == calls them equal, a database does not.
        let (composed, decomposed, mine): (UserID, UserID, [RecoveryCodeDigest]) = (
            "caf\u{E9}", "cafe\u{301}", try Self.digests(2)
        )
        try await store.replaceCodes(userID: composed, digests: mine)
        #expect(
            try await store.remainingCodes(userID: decomposed) == 0, "canonically equivalent ids are distinct users")
        #expect(
            try await !store.consumeCode(userID: decomposed, digest: mine[0]),
            "one spelling never uses the other's codes")
        try await store.replaceCodes(userID: decomposed, digests: [])
        #expect(
            try await store.remainingCodes(userID: composed) == 2, "replacing one spelling's set leaves the other's")
    }

    func concurrentSameCode(_ store: any RecoveryCodeStore) async throws {
        let codes = try Self.digests(10)
        try await store.replaceCodes(userID: "ada", digests: codes)
        let outcomes = await Conformance.race(racers) { _ in
            try await store.consumeCode(userID: "ada", digest: codes[0])
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(outcomes.filter { $0.value == true }.count == 1, "exactly one racing caller consumes the code")
        #expect(try await store.remainingCodes(userID: "ada") == 9)
    }

    func concurrentDistinctCodes(_ store: any RecoveryCodeStore) async throws {
        let codes = try Self.digests(racers)
        try await store.replaceCodes(userID: "ada", digests: codes)
        let outcomes = await Conformance.race(racers) { index in
            try await store.consumeCode(userID: "ada", digest: codes[index])
        }
        #expect(outcomes.allSatisfy { $0.value == true }, "every caller consumes its own code")
        #expect(try await store.remainingCodes(userID: "ada") == 0, "no consumption is lost")
    }
}
