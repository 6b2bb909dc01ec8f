import AuthCore
import TOTP
import Testing

extension HOTPCounterStoreConformance {
    func firstCounterAccepted(_ store: any HOTPCounterStore) async throws {
        #expect(try await store.lastAcceptedCounter(userID: "ada") == nil, "an unknown user has no counter")
        #expect(try await store.advanceCounter(userID: "ada", to: 0), "counter 0 is a valid first counter")
        #expect(try await store.lastAcceptedCounter(userID: "ada") == 0, "the accepted counter is the last one")
        #expect(
            try await store.advanceCounter(userID: "bob", to: 1_000_000), "a token enrolled further on starts there")
        #expect(try await store.lastAcceptedCounter(userID: "bob") == 1_000_000)
    }

    func sameCounterRefused(_ store: any HOTPCounterStore) async throws {
        _ = try await store.advanceCounter(userID: "ada", to: 500)
        #expect(try await !store.advanceCounter(userID: "ada", to: 500), "the same counter is refused (replay)")
        #expect(try await store.lastAcceptedCounter(userID: "ada") == 500)
    }

    func olderCounterRefused(_ store: any HOTPCounterStore) async throws {
        _ = try await store.advanceCounter(userID: "ada", to: 500)
        #expect(try await !store.advanceCounter(userID: "ada", to: 499), "an older counter is refused")
        #expect(try await !store.advanceCounter(userID: "ada", to: 0), "an older counter is refused")
        #expect(try await store.lastAcceptedCounter(userID: "ada") == 500, "a refused counter records nothing")
    }

    func laterCounterAccepted(_ store: any HOTPCounterStore) async throws {
        _ = try await store.advanceCounter(userID: "ada", to: 500)
        #expect(try await store.advanceCounter(userID: "ada", to: 501), "the next counter is accepted")
        #expect(try await store.advanceCounter(userID: "ada", to: 510), "a resynchronised counter is accepted")
        #expect(try await store.lastAcceptedCounter(userID: "ada") == 510)
        #expect(try await !store.advanceCounter(userID: "ada", to: 505), "counters passed over stay refused")
    }

    func unsignedSixtyFourBitCounters(_ store: any HOTPCounterStore) async throws {
        // 2^53 and 2^53 + 1 are one Double; 2^63 is Int64.min as a bit pattern, below 2^63 - 1.
        let counters: [UInt64] = [
            0, 1, 1 << 53, (1 << 53) + 1, UInt64(Int64.max) - 1, UInt64(Int64.max), 1 << 63, (1 << 63) + 1,
            .max - 1, .max,
        ]
        for counter in counters {
            #expect(
                try await store.advanceCounter(userID: "ada", to: counter),
                "counter \(counter) follows the one before it")
            #expect(
                try await store.lastAcceptedCounter(userID: "ada") == counter, "counter \(counter) is read back exactly"
            )
        }
        #expect(try await !store.advanceCounter(userID: "ada", to: .max), "UInt64.max is refused once used")
        #expect(try await !store.advanceCounter(userID: "ada", to: UInt64(Int64.max)), "2^63 - 1 stays below 2^63")
        #expect(try await store.advanceCounter(userID: "bob", to: 1 << 63), "2^63 is a valid first counter")
        #expect(try await !store.advanceCounter(userID: "bob", to: UInt64(Int64.max)), "and 2^63 - 1 is below it")
        #expect(try await store.advanceCounter(userID: "cy", to: .max), "UInt64.max is a valid first counter")
        #expect(try await store.lastAcceptedCounter(userID: "cy") == .max)
    }

    func usersIndependent(_ store: any HOTPCounterStore) async throws {
        _ = try await store.advanceCounter(userID: "ada", to: 10)
        #expect(try await store.advanceCounter(userID: "bob", to: 3), "another user's counter does not count")
        #expect(try await store.advanceCounter(userID: "Ada", to: 3), "user ids are case-sensitive")
        #expect(try await store.advanceCounter(userID: "ада@пример.рф", to: 3), "non-ASCII user ids work")
        #expect(try await store.lastAcceptedCounter(userID: "ada") == 10)
        #expect(try await store.lastAcceptedCounter(userID: "bob") == 3)
        #expect(try await !store.advanceCounter(userID: "ada", to: 10))
        // Canonically equivalent, byte-different: Swift's String == calls them equal, a database does not.
        #expect(try await store.advanceCounter(userID: "caf\u{E9}", to: 10))
        #expect(
            try await store.advanceCounter(userID: "cafe\u{301}", to: 3),
            "canonically equivalent ids are distinct users (é precomposed, then e + U+0301)")
        #expect(try await store.lastAcceptedCounter(userID: "caf\u{E9}") == 10, "each spelling keeps its own counter")
        #expect(try await store.lastAcceptedCounter(userID: "cafe\u{301}") == 3, "each spelling keeps its own counter")
        try await store.removeCounter(userID: "cafe\u{301}")
        #expect(
            try await store.lastAcceptedCounter(userID: "caf\u{E9}") == 10, "removing one spelling leaves the other")
    }

    func removeForgetsUser(_ store: any HOTPCounterStore) async throws {
        _ = try await store.advanceCounter(userID: "ada", to: 10)
        _ = try await store.advanceCounter(userID: "bob", to: 10)
        try await store.removeCounter(userID: "ada")
        #expect(try await store.lastAcceptedCounter(userID: "ada") == nil, "a removed counter is forgotten")
        #expect(try await store.lastAcceptedCounter(userID: "bob") == 10, "removal touches only that user")
        #expect(try await store.advanceCounter(userID: "ada", to: 1), "after removal any counter is accepted")
        try await store.removeCounter(userID: "nobody")
        try await store.removeCounter(userID: "ada")
        try await store.removeCounter(userID: "ada")
    }

    func concurrentSameCounter(_ store: any HOTPCounterStore) async throws {
        let outcomes = await Conformance.race(racers) { _ in try await store.advanceCounter(userID: "ada", to: 42) }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(outcomes.filter { $0.value == true }.count == 1, "exactly one racing caller is accepted")
        #expect(try await store.lastAcceptedCounter(userID: "ada") == 42)
    }

    func concurrentDistinctCounters(_ store: any HOTPCounterStore) async throws {
        // Around 2^63, so a store that compares signed bit patterns picks the wrong greatest.
        let base: UInt64 = (1 << 63) - UInt64(racers / 2)
        let outcomes = await Conformance.race(racers) { index in
            (index, try await store.advanceCounter(userID: "ada", to: base + UInt64(index)))
        }
        let greatest = base + UInt64(racers - 1)
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(
            outcomes.contains { $0.value?.0 == racers - 1 && $0.value?.1 == true }, "the greatest counter is accepted")
        #expect(try await store.lastAcceptedCounter(userID: "ada") == greatest, "the greatest counter is the last one")
    }

    func concurrentUsers(_ store: any HOTPCounterStore) async throws {
        let outcomes = await Conformance.race(racers) { index in
            try await store.advanceCounter(userID: UserID("user\(index)"), to: 7)
        }
        #expect(outcomes.allSatisfy { $0.value == true }, "every user's first counter is accepted")
        for index in 0..<racers {
            #expect(try await store.lastAcceptedCounter(userID: UserID("user\(index)")) == 7)
        }
    }
}
