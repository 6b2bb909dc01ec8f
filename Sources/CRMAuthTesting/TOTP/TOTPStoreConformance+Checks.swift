import AuthCore
import TOTP
import Testing

extension TOTPStoreConformance {
    func firstStepAccepted(_ store: any TOTPStore) async throws {
        #expect(try await store.lastUsedStep(userID: "ada") == nil, "an unknown user has no last step")
        #expect(try await store.markStepUsed(userID: "ada", step: 56_666_667), "the first step is accepted")
        #expect(try await store.lastUsedStep(userID: "ada") == 56_666_667, "the accepted step is the last one")
    }

    func sameStepRefused(_ store: any TOTPStore) async throws {
        _ = try await store.markStepUsed(userID: "ada", step: 500)
        #expect(try await !store.markStepUsed(userID: "ada", step: 500), "the same step is refused (replay)")
        #expect(try await store.lastUsedStep(userID: "ada") == 500)
    }

    func olderStepRefused(_ store: any TOTPStore) async throws {
        _ = try await store.markStepUsed(userID: "ada", step: 500)
        #expect(try await !store.markStepUsed(userID: "ada", step: 499), "an older step is refused")
        #expect(try await !store.markStepUsed(userID: "ada", step: 0), "an older step is refused")
        #expect(try await store.lastUsedStep(userID: "ada") == 500, "a refused step records nothing")
    }

    func laterStepAccepted(_ store: any TOTPStore) async throws {
        _ = try await store.markStepUsed(userID: "ada", step: 500)
        #expect(try await store.markStepUsed(userID: "ada", step: 501), "the next step is accepted")
        #expect(try await store.markStepUsed(userID: "ada", step: 900), "a step far ahead is accepted")
        #expect(try await store.lastUsedStep(userID: "ada") == 900)
        #expect(try await !store.markStepUsed(userID: "ada", step: 501), "steps passed over stay refused")
    }

    func signedSixtyFourBitSteps(_ store: any TOTPStore) async throws {
        // 2^53 and 2^53 + 1 are one Double: a backend storing steps as floating point merges them.
        let steps: [Int64] = [.min, -2, -1, 0, 1 << 53, (1 << 53) + 1, .max - 1, .max]
        for step in steps {
            #expect(try await store.markStepUsed(userID: "ada", step: step), "step \(step) follows the one before it")
            #expect(try await store.lastUsedStep(userID: "ada") == step, "step \(step) is read back exactly")
        }
        #expect(try await !store.markStepUsed(userID: "ada", step: .max), "Int64.max is refused once used")
        #expect(try await store.markStepUsed(userID: "bob", step: .min), "Int64.min is a valid first step")
    }

    func usersIndependent(_ store: any TOTPStore) async throws {
        _ = try await store.markStepUsed(userID: "ada", step: 10)
        #expect(try await store.markStepUsed(userID: "bob", step: 3), "another user's steps do not count")
        #expect(try await store.markStepUsed(userID: "Ada", step: 3), "user ids are case-sensitive")
        #expect(
            try await store.markStepUsed(userID: Self.longestID, step: 3),
            "the longest user id is a user like any other")
        #expect(try await store.markStepUsed(userID: "ада@пример.рф", step: 3), "non-ASCII user ids work")
        #expect(try await store.lastUsedStep(userID: "ada") == 10)
        #expect(try await store.lastUsedStep(userID: "bob") == 3)
        #expect(try await !store.markStepUsed(userID: "ada", step: 10))
        // Canonically equivalent, byte-different: Swift's String == calls them equal, a database does not.
        #expect(try await store.markStepUsed(userID: "caf\u{E9}", step: 10))
        #expect(
            try await store.markStepUsed(userID: "cafe\u{301}", step: 3),
            "canonically equivalent ids are distinct users (é precomposed, then e + U+0301)")
        #expect(try await store.lastUsedStep(userID: "caf\u{E9}") == 10, "each spelling keeps its own step")
        #expect(try await store.lastUsedStep(userID: "cafe\u{301}") == 3, "each spelling keeps its own step")
    }

    func removeForgetsUser(_ store: any TOTPStore) async throws {
        _ = try await store.markStepUsed(userID: "ada", step: 10)
        _ = try await store.markStepUsed(userID: "bob", step: 10)
        try await store.removeSteps(userID: "ada")
        #expect(try await store.lastUsedStep(userID: "ada") == nil, "removed steps are forgotten")
        #expect(try await store.lastUsedStep(userID: "bob") == 10, "removal touches only that user")
        #expect(try await store.markStepUsed(userID: "ada", step: 1), "after removal any step is accepted")
        try await store.removeSteps(userID: "nobody")
        try await store.removeSteps(userID: "ada")
        try await store.removeSteps(userID: "ada")
    }

    func concurrentSameStep(_ store: any TOTPStore) async throws {
        let outcomes = await Conformance.race(racers) { _ in try await store.markStepUsed(userID: "ada", step: 42) }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(outcomes.filter { $0.value == true }.count == 1, "exactly one racing caller is accepted")
        #expect(try await store.lastUsedStep(userID: "ada") == 42)
    }

    func concurrentDistinctSteps(_ store: any TOTPStore) async throws {
        let count = racers
        let outcomes = await Conformance.race(count) { index in
            (index, try await store.markStepUsed(userID: "ada", step: Int64(index)))
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(outcomes.contains { $0.value?.0 == count - 1 && $0.value?.1 == true }, "the greatest step is accepted")
        #expect(try await store.lastUsedStep(userID: "ada") == Int64(count - 1), "the greatest step is the last one")
    }

    func concurrentUsers(_ store: any TOTPStore) async throws {
        let outcomes = await Conformance.race(racers) { index in
            try await store.markStepUsed(userID: UserID("user\(index)"), step: 7)
        }
        #expect(outcomes.allSatisfy { $0.value == true }, "every user's first step is accepted")
        for index in 0..<racers {
            #expect(try await store.lastUsedStep(userID: UserID("user\(index)")) == 7)
        }
    }
}
