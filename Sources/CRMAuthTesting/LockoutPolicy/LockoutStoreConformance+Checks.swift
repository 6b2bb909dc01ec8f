import LockoutPolicy
import Testing

import struct Foundation.Date
import struct Foundation.TimeInterval

extension LockoutStoreConformance {
    /// Rules with a 600 s window, a day of memory and 60 s locks doubling to 480 s; no delays unless
    /// `free` is below the threshold (then 1 s doubling to 8 s).
    static func rules(threshold: Int, free: Int? = nil, administratorAfter: Int? = nil) -> CounterRules {
        // Constant arguments within every bound of `CounterRules.init`.
        try! CounterRules(
            threshold: threshold, failureWindow: 600, freeFailures: free ?? threshold, firstDelay: 1, maximumDelay: 8,
            firstLockDuration: 60, maximumLockDuration: 480, administratorLockAfter: administratorAfter,
            lockMemory: 86_400)
    }

    static func account(_ byte: UInt8) -> AccountDigest {
        // 32 bytes is what `AccountDigest(bytes:)` requires.
        try! AccountDigest(bytes: [UInt8](repeating: byte, count: 32))
    }

    static let ada = account(1)
    static let here = SourcePrefix(ipv4: 0xCB00_7107)
    static let start = Conformance.start

    static func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    /// The counters after `instants.count` failures under `rules`, as the transition defines them.
    static func expected(_ instants: [Date], rules: CounterRules) -> LockoutCounter? {
        instants.reduce(nil) { LockoutCounter.recordingFailure(to: $0, at: $1, rules: rules) }
    }

    /// Admits an attempt the contract says must be admitted, and returns the charged counters.
    func admitted(_ store: any LockoutStore, _ charges: [LockoutCharge], at instant: Date) async throws
        -> [LockoutCounter]
    {
        let admission = try await store.admit(charges, at: instant)
        #expect(admission.admitted, "no counter refuses this attempt: it is admitted")
        #expect(admission.counters.count == charges.count, "one counter per charge")
        return admission.counters.compactMap { $0 }
    }

    func unknownKeysReadNothing(_ store: any LockoutStore) async throws {
        let keys: [LockoutKey] = [.account(Self.ada), .source(Self.here), .pair(Self.ada, Self.here)]
        #expect(try await store.counters(for: keys) == [nil, nil, nil], "an unknown key has no counter")
        try await store.clear(keys)
        #expect(try await store.counters(for: []) == [])
    }

    func failuresCountedAndReturned(_ store: any LockoutStore) async throws {
        let rules = Self.rules(threshold: 10)
        let charges = [
            LockoutCharge(key: .pair(Self.ada, Self.here), rules: rules),
            LockoutCharge(key: .account(Self.ada), rules: Self.rules(threshold: 20)),
            LockoutCharge(key: .source(Self.here), rules: Self.rules(threshold: 30)),
        ]
        let instants = [Self.at(0), Self.at(5), Self.at(7)]
        var last: [LockoutCounter] = []
        for instant in instants {
            last = try await admitted(store, charges, at: instant)
        }
        let expected = charges.map { Self.expected(instants, rules: $0.rules) }
        #expect(last.map { Optional($0) } == expected, "the returned counters follow the transition, in order")
        #expect(last.first?.failures == 3 && last.first?.lastFailure == Self.at(7), "the instants given are used")
        #expect(try await store.counters(for: charges.map(\.key)) == expected, "reads return what was stored")
        #expect(
            try await store.counters(for: [.source(Self.here), .account(Self.ada)]) == [expected[2], expected[1]],
            "reads follow the order of the keys asked")
    }

    func failureWindowRestartsCount(_ store: any LockoutStore) async throws {
        let charge = [LockoutCharge(key: .account(Self.ada), rules: Self.rules(threshold: 10))]
        for second in [0.0, 599] {
            _ = try await admitted(store, charge, at: Self.at(second))
        }
        let counter = try await admitted(store, charge, at: Self.at(1_198))
        #expect(counter.first?.failures == 3, "599 s apart is within the window")
        let restarted = try await admitted(store, charge, at: Self.at(1_798))
        #expect(restarted.first?.failures == 1, "600 s after the last failure the count restarts")
        #expect(restarted.first?.streakFailures == 1, "and a streak without a lock has expired with it")
        let locking = [LockoutCharge(key: .source(Self.here), rules: Self.rules(threshold: 2))]
        for second in [0.0, 1, 701] {
            _ = try await admitted(store, locking, at: Self.at(second))
        }
        let stored = try await store.counters(for: [.source(Self.here)]).first
        #expect(stored??.failures == 1, "after a lock, too, the count restarts after the window")
        #expect(stored??.streakFailures == 3 && stored??.temporaryLocks == 1, "but the locked streak is remembered")
    }

    func thresholdStartsLock(_ store: any LockoutStore) async throws {
        let rules = Self.rules(threshold: 3)
        let charge = [LockoutCharge(key: .pair(Self.ada, Self.here), rules: rules)]
        var counters: [LockoutCounter] = []
        for second in [0.0, 1, 2] {
            counters += try await admitted(store, charge, at: Self.at(second))
        }
        #expect(counters.map(\.lockedUntil) == [nil, nil, Self.at(62)], "the third failure locks for 60 s")
        #expect(counters.last?.temporaryLocks == 1 && counters.last?.failures == 0)
        for second in [70.0, 71, 72] {
            counters = try await admitted(store, charge, at: Self.at(second))
        }
        #expect(counters.first?.lockedUntil == Self.at(192), "the second lock lasts 120 s")
        #expect(counters.first?.temporaryLocks == 2)
        #expect(counters.first?.expiresAt == Self.at(72 + 86_400), "a locked streak is remembered a day")
    }

    func administratorLockHolds(_ store: any LockoutStore) async throws {
        let rules = Self.rules(threshold: 2, administratorAfter: 2)
        let charge = [LockoutCharge(key: .account(Self.ada), rules: rules)]
        var counter: LockoutCounter?
        for second in [0.0, 1, 100, 101] {
            counter = try await admitted(store, charge, at: Self.at(second)).first
        }
        #expect(counter?.administratorLocked == true, "the second lock is the administrator's")
        #expect(counter?.expiresAt == Date.distantFuture)
        #expect(try await store.removeExpired(at: Self.at(10 * 365 * 86_400)) == 0, "it never expires")
        let later = try await store.admit(charge, at: Self.at(10 * 365 * 86_400))
        #expect(!later.admitted, "ten years later it still refuses")
        #expect(later.counters.first??.administratorLocked == true && later.counters.first??.streakFailures == 4)
    }

    func expiredCounterStartsAfresh(_ store: any LockoutStore) async throws {
        let rules = Self.rules(threshold: 3)
        let charge = [LockoutCharge(key: .source(Self.here), rules: rules)]
        for second in [0.0, 1] {
            _ = try await admitted(store, charge, at: Self.at(second))
        }
        // Never locked, so it expires a window (600 s) after its last failure, removed or not.
        let fresh = try await admitted(store, charge, at: Self.at(601)).first
        #expect(fresh == Self.expected([Self.at(601)], rules: rules), "an expired counter is not carried on")
    }

    func keysIndependent(_ store: any LockoutStore) async throws {
        let rules = Self.rules(threshold: 50)
        let keys: [LockoutKey] = [
            .account(Self.ada), .account(Self.account(2)), .trustedPair(Self.ada), .pair(Self.ada, Self.here),
            .pair(Self.account(2), Self.here), .pair(Self.ada, SourcePrefix(ipv6Network: 0xCB00_7107)),
            .source(Self.here), .source(SourcePrefix(ipv6Network: 0xCB00_7107)),
            .source(SourcePrefix(ipv4: 0xCB00_7108)),
        ]
        for (index, key) in keys.enumerated() {
            for _ in 0...index {
                _ = try await admitted(store, [LockoutCharge(key: key, rules: rules)], at: Self.at(0))
            }
        }
        let counters = try await store.counters(for: keys)
        #expect(counters.map { $0?.streakFailures } == Array(1...keys.count), "each key keeps its own count")
    }

    func clearRemovesOnlyGivenKeys(_ store: any LockoutStore) async throws {
        let rules = Self.rules(threshold: 50)
        let keys: [LockoutKey] = [.account(Self.ada), .trustedPair(Self.ada), .pair(Self.ada, Self.here)]
        _ = try await admitted(store, keys.map { LockoutCharge(key: $0, rules: rules) }, at: Self.at(0))
        try await store.clear([.trustedPair(Self.ada), .source(Self.here)])
        let counters = try await store.counters(for: keys)
        #expect(counters.map { $0 != nil } == [true, false, true], "only the key given is removed")
        let again = try await admitted(
            store,
            [LockoutCharge(key: .trustedPair(Self.ada), rules: rules)], at: Self.at(1))
        #expect(again.first?.streakFailures == 1, "a cleared counter starts afresh")
    }

    func removeExpiredDropsOnlyExpired(_ store: any LockoutStore) async throws {
        let rules = Self.rules(threshold: 50)
        let early = LockoutKey.source(SourcePrefix(ipv4: 1))
        let late = LockoutKey.source(SourcePrefix(ipv4: 2))
        _ = try await admitted(store, [LockoutCharge(key: early, rules: rules)], at: Self.at(0))
        _ = try await admitted(store, [LockoutCharge(key: late, rules: rules)], at: Self.at(100))
        #expect(try await store.removeExpired(at: Self.at(599)) == 0, "nothing has expired yet")
        #expect(try await store.removeExpired(at: Self.at(600)) == 1, "expired at the instant counts")
        #expect(try await store.counters(for: [early, late]).map { $0 != nil } == [false, true])
        #expect(try await store.removeExpired(at: Self.at(700)) == 1)
        #expect(try await store.counters(for: [late]) == [nil])
    }

    func concurrentFailuresAtThreshold(_ store: any LockoutStore) async throws {
        let count = min(racers, 100)
        let charge = [LockoutCharge(key: .account(Self.ada), rules: Self.rules(threshold: count))]
        let outcomes = await Conformance.race(count) { _ in try await store.admit(charge, at: Self.at(0)) }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(outcomes.allSatisfy { $0.value?.admitted == true }, "the lock starts with the last racer")
        let counters = outcomes.compactMap { $0.value?.counters.first ?? nil }
        #expect(counters.map(\.streakFailures).sorted() == Array(1...count), "each racer saw its own count")
        #expect(counters.filter { $0.temporaryLocks == 1 }.count == 1, "exactly one racer started the lock")
        let stored = try await store.counters(for: [.account(Self.ada)]).first
        #expect(stored??.streakFailures == count && stored??.lockedUntil == Self.at(60))
    }

    func concurrentSharedKey(_ store: any LockoutStore) async throws {
        let rules = Self.rules(threshold: 100)
        let outcomes = await Conformance.race(racers) { index in
            try await store.admit(
                [
                    LockoutCharge(key: .pair(Self.ada, SourcePrefix(ipv4: UInt32(index))), rules: rules),
                    LockoutCharge(key: .source(Self.here), rules: rules),
                ], at: Self.at(0))
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        let shared = outcomes.compactMap { $0.value?.counters.last??.streakFailures }.sorted()
        #expect(shared == Array(1...racers), "the shared count is exact")
        #expect(outcomes.allSatisfy { $0.value?.counters.first??.streakFailures == 1 }, "each own key counts one")
        #expect(try await store.counters(for: [.source(Self.here)]).first??.streakFailures == racers)
    }

    func refusalChargesNothing(_ store: any LockoutStore) async throws {
        let delaying = Self.rules(threshold: 5, free: 1)
        let pair = LockoutCharge(key: .pair(Self.ada, Self.here), rules: delaying)
        let account = LockoutCharge(key: .account(Self.ada), rules: Self.rules(threshold: 50))
        _ = try await admitted(store, [pair, account], at: Self.at(0))
        _ = try await admitted(store, [pair, account], at: Self.at(0.5))
        let stored = try await store.counters(for: [pair.key, account.key])
        let early = try await store.admit([account, pair], at: Self.at(1.4))
        #expect(!early.admitted, "one failure past the free one delays the next attempt 1 s")
        #expect(early.counters == [stored[1], stored[0]], "a refusal returns the counters as read, in order")
        #expect(try await store.counters(for: [pair.key, account.key]) == stored, "and charges no key")
        let onTime = try await store.admit([pair, account], at: Self.at(1.5))
        #expect(onTime.admitted, "at the instant the delay ends the attempt is admitted")
        #expect(onTime.counters.map { $0?.streakFailures } == [3, 3])
        let locking = LockoutCharge(key: .source(Self.here), rules: Self.rules(threshold: 2))
        for second in [0.0, 1] {
            _ = try await admitted(store, [locking], at: Self.at(second))
        }
        for second in [1.0, 30, 60.9] {
            #expect(!(try await store.admit([locking], at: Self.at(second))).admitted, "locked until 61 s")
        }
        #expect(try await store.counters(for: [locking.key]).first??.streakFailures == 2, "refusals charge nothing")
        #expect(try await store.admit([locking], at: Self.at(61)).admitted, "the lock ends on time")
    }

    func successSettles(_ store: any LockoutStore) async throws {
        let rules = Self.rules(threshold: 50)
        let keys: [LockoutKey] = [.pair(Self.ada, Self.here), .account(Self.ada), .source(Self.here)]
        let charges = keys.map { LockoutCharge(key: $0, rules: rules) }
        for second in [0.0, 1, 2] {
            _ = try await admitted(store, charges, at: Self.at(second))
        }
        try await store.settleSuccess(
            clearing: [keys[0]], refunding: [keys[1], keys[2], .trustedPair(Self.account(9))])
        let counters = try await store.counters(for: keys + [.trustedPair(Self.account(9))])
        #expect(counters[0] == nil, "the cleared counter is gone")
        #expect(counters[1] == Self.expected([Self.at(0), Self.at(1), Self.at(2)], rules: rules)?.refundingFailure())
        #expect(counters[1]?.failures == 2 && counters[2]?.streakFailures == 2, "each refunded counter lost one")
        #expect(counters[3] == nil, "refunding a key without a counter creates none")
    }

    func concurrentAttemptsPastThreshold(_ store: any LockoutStore) async throws {
        let threshold = max(1, min(racers / 4, 100))
        let charge = [LockoutCharge(key: .account(Self.ada), rules: Self.rules(threshold: threshold))]
        let outcomes = await Conformance.race(racers) { _ in try await store.admit(charge, at: Self.at(0)) }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        let admitted = outcomes.compactMap { $0.value }.filter(\.admitted)
        #expect(admitted.count == threshold, "exactly the threshold's number of attempts is admitted")
        #expect(
            admitted.compactMap { $0.counters.first??.streakFailures }.sorted() == Array(1...threshold),
            "each admitted attempt was charged its own failure")
        #expect(
            outcomes.compactMap { $0.value }.filter { !$0.admitted }.allSatisfy {
                $0.counters.first??.lockedUntil == Self.at(60)
            }, "every other racer is refused by the lock")
        let stored = try await store.counters(for: [.account(Self.ada)]).first
        #expect(stored??.streakFailures == threshold, "refused racers charged nothing")
    }
}
