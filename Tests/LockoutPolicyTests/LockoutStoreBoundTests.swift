import AuthCore
import Foundation
import LockoutPolicy
import Testing

@Suite("InMemoryLockoutStore stays bounded and keeps what matters")
struct LockoutStoreBoundTests {
    /// A random stranger: a random identifier from a random IPv4 address or IPv6 /64.
    func randomAttempt(_ fixture: Fixture, _ index: Int) -> LoginAttempt {
        let source =
            index.isMultiple(of: 2)
            ? SourceAddress(ipv4: .random(in: 0...UInt32.max))
            : SourceAddress(ipv6High: .random(in: 0...UInt64.max), low: 1)
        return fixture.throttle.attempt(account: "spray-\(UInt64.random(in: 0...UInt64.max))", source: source)
    }

    @Test("a spray of random identifiers and addresses never holds more than the capacity")
    func sprayBound() async throws {
        let fixture = Fixture(
            rules: .test(account: .test(threshold: 5, free: 5), pair: .test(threshold: 50, free: 50)),
            capacity: 1_000)
        // A locked account and a heavily failed pair, before the spray.
        let victim = try fixture.stranger("victim@example.com")
        try await fixture.fail(victim, times: 5)
        let heavy = try fixture.stranger("heavy@example.com", from: "198.51.100.77")
        try await fixture.fail(heavy, times: 4)
        for index in 0..<20_000 {
            try await fixture.charge(randomAttempt(fixture, index))
            if index.isMultiple(of: 97) {
                #expect(fixture.store.count <= 1_000)
            }
        }
        #expect(fixture.store.count <= 1_000)
        #expect(
            try await fixture.throttle.check(victim) == .locked(until: fixture.now + 60, counter: .account),
            "20,000 single failures did not erase a lock")
        let heavyStatus = try await fixture.throttle.status(of: heavy.keys)
        #expect(heavyStatus[0].counter?.streakFailures == 4, "nor a pair with four failures")
    }

    @Test("expired counters are dropped; administrator locks are not")
    func expiry() async throws {
        let fixture = Fixture(rules: .test(account: .test(threshold: 2, free: 2, administratorAfter: 1)))
        for index in 0..<100 {
            try await fixture.charge(randomAttempt(fixture, index))
        }
        let victim = try fixture.stranger("victim@example.com")
        try await fixture.fail(victim, times: 2)
        #expect(fixture.store.count == 303)
        fixture.clock.advance(by: 599)
        #expect(try await fixture.throttle.removeExpired() == 0, "nothing has left its window yet")
        fixture.clock.advance(by: 1)
        #expect(try await fixture.throttle.removeExpired() == 302, "every counter outside the window goes")
        #expect(try await fixture.throttle.check(victim) == .lockedUntilUnlocked(counter: .account))
    }

    @Test("a store full of administrator locks refuses the failure and records nothing")
    func capacityExceeded() async throws {
        let store = InMemoryLockoutStore(capacity: 16)
        let rules = CounterRules.test(threshold: 1, administratorAfter: 1)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        for index in 0..<16 {
            let admission = try await store.admit(
                [LockoutCharge(key: .source(SourcePrefix(ipv4: UInt32(index))), rules: rules)], at: start)
            #expect(admission.admitted)
        }
        await #expect(throws: LockoutError.capacityExceeded) {
            try await store.admit([LockoutCharge(key: .source(SourcePrefix(ipv4: 99)), rules: rules)], at: start)
        }
        #expect(store.count == 16)
        #expect(try await store.counters(for: [.source(SourcePrefix(ipv4: 99))]) == [nil])
    }

    @Test("1,000 parallel failures at one account: the count and the locks are exact")
    func parallelFailures() async throws {
        // No delay, no lock within 1,000: every attempt is admitted and charged exactly once.
        let fixture = Fixture(rules: .test(account: .test(threshold: 100, free: 100, administratorAfter: 11)))
        let throttle = fixture.throttle
        let attempts = (0..<1_000).map { index in
            throttle.attempt(account: "ada@example.com", source: SourceAddress(ipv4: 0x0A00_0000 + UInt32(index)))
        }
        // The account locks at every 100th charge; the clock stands still, so later attempts are
        // refused until it moves. Each round lets the next 100 in.
        var records: [LockoutRecord?] = []
        for round in 0..<10 {
            records += await withTaskGroup(of: LockoutRecord?.self) { group in
                for attempt in attempts[(round * 100)..<(round * 100 + 100)] {
                    group.addTask { try? await throttle.admit(attempt).record }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            fixture.clock.advance(by: 480)  // past the longest lock (480 s), within the lock memory
        }
        #expect(records.allSatisfy { $0?.kind == .failure }, "every attempt was admitted and charged")
        let streaks = records.compactMap {
            $0?.counters.first { $0.key.dimension == .account }?.counter?.streakFailures
        }
        #expect(streaks.sorted() == Array(1...1_000), "each failure saw its own count, none lost or doubled")
        #expect(records.filter { $0?.locksStarted.contains(.account) == true }.count == 10, "one lock per 100")
        let account = try #require(try await throttle.status(of: [attempts[0].keys[1]]).first?.counter)
        #expect(account.streakFailures == 1_000)
        #expect(account.temporaryLocks == 10)
    }

    @Test("parallel attempts cannot slip past a threshold: of 1,000 at once, exactly 10 are admitted")
    func parallelAttemptsSlipPastThreshold() async throws {
        let fixture = Fixture(rules: .test(account: .test(threshold: 10, free: 10)))
        let throttle = fixture.throttle
        let attempts = (0..<1_000).map { index in
            throttle.attempt(account: "ada@example.com", source: SourceAddress(ipv4: 0x0A00_0000 + UInt32(index)))
        }
        let records = await withTaskGroup(of: LockoutRecord?.self) { group in
            for attempt in attempts {
                group.addTask { try? await throttle.admit(attempt).record }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(records.allSatisfy { $0 != nil }, "every attempt got an answer")
        let admitted = records.compactMap { $0 }.filter { $0.kind == .failure }
        #expect(admitted.count == 10, "exactly the threshold's number of attempts reached the password check")
        #expect(
            records.compactMap { $0 }.filter { $0.kind == .refused }.allSatisfy {
                $0.next == .locked(until: fixture.now + 60, counter: .account)
            }, "the other 990 were refused by the account's lock")
        let streaks = admitted.compactMap {
            $0.counters.first { $0.key.dimension == .account }?.counter?.streakFailures
        }
        #expect(streaks.sorted() == Array(1...10), "each admitted attempt was charged its own failure")
        #expect(admitted.filter { $0.locksStarted.contains(.account) }.count == 1, "one of them started the lock")
        let account = try #require(try await throttle.status(of: [attempts[0].keys[1]]).first?.counter)
        #expect(account.streakFailures == 10, "refused attempts charged nothing")
        let sources = try await throttle.status(of: attempts.map { $0.keys[2] })
        #expect(sources.compactMap(\.counter).count == 10, "nor their sources")
    }
}
