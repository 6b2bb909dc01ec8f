import AuthCore
import Foundation
import LockoutPolicy
import Testing

@Suite("LoginThrottle transitions on a manual clock")
struct ThrottleTransitionTests {
    @Test("the delay doubles from 1 s per failure past the free ones, up to the cap")
    func delayGrowth() async throws {
        let fixture = Fixture(rules: .test(pair: .test(threshold: 10, free: 1)))
        let attempt = try fixture.stranger()
        try await fixture.charge(attempt)
        #expect(try await fixture.throttle.check(attempt) == .allowed, "the first failure is free")
        for delay in [1.0, 2, 4, 8, 8] {
            let record = try await fixture.charge(attempt)
            let until = fixture.now.addingTimeInterval(delay)
            #expect(record.next == .delayed(until: until, counter: .pair))
            #expect(try await fixture.throttle.check(attempt) == .delayed(until: until, counter: .pair))
            fixture.clock.advance(by: delay - 0.001)
            #expect(try await fixture.throttle.check(attempt).kind == .delayed, "still waiting just before")
            fixture.clock.advance(by: 0.001)
            #expect(try await fixture.throttle.check(attempt) == .allowed, "allowed at the instant named")
        }
    }

    @Test(
        "regression: an attempt dated before the last failure was delayed although no delay was due (seen as one lost attempt when two servers raced)"
    )
    func noDelayForAnEarlierInstant() async throws {
        // Two servers (or two racing requests) take their instants before admission: the second
        // admitted may carry an instant a little earlier than the failure stored first.
        let rules = CounterRules.test(threshold: 10, free: 10)
        let lastFailure = Date(timeIntervalSince1970: 1_700_000_000)
        let counter = LockoutCounter.recordingFailure(to: nil, at: lastFailure, rules: rules)
        let earlier = lastFailure.addingTimeInterval(-0.000_5)
        #expect(LockoutDecision(counter: counter, rules: rules, dimension: .account, at: earlier) == .allowed)

        // A real delay still refuses, measured from the last failure whatever the caller's instant.
        let delaying = CounterRules.test(threshold: 10, free: 1)
        var delayed = LockoutCounter.recordingFailure(to: nil, at: lastFailure, rules: delaying)
        delayed = LockoutCounter.recordingFailure(to: delayed, at: lastFailure, rules: delaying)
        #expect(
            LockoutDecision(counter: delayed, rules: delaying, dimension: .account, at: earlier)
                == .delayed(until: lastFailure + 1, counter: .account))
    }

    @Test("failures older than the window are forgotten: the delay and the count restart")
    func resetWindow() async throws {
        let fixture = Fixture(rules: .test(pair: .test(threshold: 5, free: 1)))
        let attempt = try fixture.stranger()
        try await fixture.fail(attempt, times: 4)
        #expect(try await fixture.throttle.check(attempt).kind == .delayed)
        fixture.clock.advance(by: 599)
        #expect(try await fixture.throttle.check(attempt) == .allowed, "the delay (8 s) has passed")
        fixture.clock.advance(by: 1)
        let record = try await fixture.charge(attempt)
        let pair = try #require(record.counters.first { $0.key.dimension == .pair }?.counter)
        #expect(pair.failures == 1, "600 s after the last failure the count starts again")
        #expect(record.next == .allowed, "and the first failure is free again")
        #expect(record.locksStarted.isEmpty, "five failures in all, but not within one window: no lock")
    }

    @Test("the threshold starts a temporary lock that doubles with each lock and ends on time")
    func temporaryLock() async throws {
        let fixture = Fixture(rules: .test(pair: .test(threshold: 3, free: 3)))
        let attempt = try fixture.stranger()
        let first = try await fixture.fail(attempt, times: 3)
        #expect(first.map(\.locksStarted) == [[], [], [.pair]], "exactly the third failure locks")
        #expect(try await fixture.throttle.check(attempt) == .locked(until: fixture.now + 60, counter: .pair))
        fixture.clock.advance(by: 60)
        #expect(try await fixture.throttle.check(attempt) == .allowed)
        try await fixture.fail(attempt, times: 3)
        #expect(
            try await fixture.throttle.check(attempt) == .locked(until: fixture.now + 120, counter: .pair),
            "the second lock of the streak lasts twice as long")
        let other = try fixture.stranger(from: "203.0.113.8")
        #expect(try await fixture.throttle.check(other) == .allowed, "a pair lock holds one source only")
    }

    @Test("after M temporary locks the counter stays locked until an administrator unlocks it")
    func administratorLock() async throws {
        let fixture = Fixture(rules: .test(account: .test(threshold: 2, free: 2, administratorAfter: 2)))
        let attempt = try fixture.stranger()
        try await fixture.fail(attempt, times: 2)
        #expect(try await fixture.throttle.check(attempt) == .locked(until: fixture.now + 60, counter: .account))
        fixture.clock.advance(by: 60)
        let records = try await fixture.fail(attempt, times: 2)
        #expect(records.last?.locksStarted == [.account])
        #expect(try await fixture.throttle.check(attempt) == .lockedUntilUnlocked(counter: .account))
        fixture.clock.advance(by: 365 * 86_400)
        try await fixture.throttle.removeExpired()
        #expect(
            try await fixture.throttle.check(fixture.stranger(from: "192.0.2.1"))
                == .lockedUntilUnlocked(counter: .account), "a year later, from anywhere untrusted")
        let unlock = try await fixture.throttle.unlock(fixture.throttle.accountKeys("ada@example.com"))
        #expect(unlock.kind == .unlock)
        #expect(try await fixture.throttle.check(attempt) == .allowed, "the administrator lifted it")
        let status = try await fixture.throttle.status(of: fixture.throttle.accountKeys("ada@example.com"))
        #expect(status.allSatisfy { $0.counter == nil })
    }

    @Test("unlock lifts a temporary lock at once")
    func unlockTemporary() async throws {
        let fixture = Fixture(rules: .test(pair: .test(threshold: 2, free: 2)))
        let attempt = try fixture.stranger()
        try await fixture.fail(attempt, times: 2)
        #expect(try await fixture.throttle.check(attempt).kind == .locked)
        try await fixture.throttle.unlock([.pair(attempt.account, attempt.source)])
        #expect(try await fixture.throttle.check(attempt) == .allowed)
    }

    @Test("a success clears its own pair, not the account counter strangers built")
    func successReset() async throws {
        let fixture = Fixture(
            rules: .test(account: .test(threshold: 5, free: 5), pair: .test(threshold: 4, free: 1)))
        let attempt = try fixture.stranger()
        try await fixture.fail(attempt, times: 2)
        let delay = try await fixture.throttle.check(attempt)
        #expect(delay.kind == .delayed)
        fixture.clock.set(to: try #require(delay.retryAt))
        let record = try await fixture.succeed(attempt)
        #expect(record.kind == .success)
        #expect(record.next == .allowed, "the owner does not wait after logging in")
        let status = try await fixture.throttle.status(of: attempt.keys)
        #expect(status[0].key.dimension == .pair && status[0].counter == nil, "the pair is cleared")
        #expect(status[1].counter?.streakFailures == 2, "the account counter keeps the strangers' failures")
        #expect(status[1].counter?.failures == 2, "and the success's own up-front charge was taken back")
        #expect(status[2].counter?.streakFailures == 2, "so does the source counter")
        try await fixture.fail(attempt, times: 3)
        #expect(
            try await fixture.throttle.check(attempt).counter == .account,
            "a success did not hand out a fresh allowance: the account locks at 5")
    }

    @Test("strangers cannot lock the owner's known device out; its failures count apart")
    func trustedPath() async throws {
        let fixture = Fixture(
            rules: .test(
                account: .test(threshold: 3, free: 3, administratorAfter: 1),
                trustedPair: .test(threshold: 4, free: 2)))
        for index in 0..<3 {
            try await fixture.charge(fixture.stranger(from: "192.0.2.\(index)"))
        }
        let stranger = try fixture.stranger(from: "192.0.2.200")
        #expect(try await fixture.throttle.check(stranger) == .lockedUntilUnlocked(counter: .account))
        let owner = try fixture.knownDevice()
        #expect(try await fixture.throttle.check(owner) == .allowed, "the known device is not refused")
        try await fixture.succeed(owner)
        try await fixture.charge(owner)
        let status = try await fixture.throttle.status(of: fixture.throttle.accountKeys("ada@example.com"))
        #expect(status[0].counter?.streakFailures == 3, "the owner's typo is not charged to the account counter")
        #expect(status[1].counter?.streakFailures == 1, "but to the trusted pair")
        try await fixture.fail(owner, times: 3)
        #expect(
            try await fixture.throttle.check(owner).counter == .trustedPair,
            "a stolen device token gets the trusted pair's allowance only")
    }

    @Test("one source failing across many accounts is throttled as a source (credential stuffing)")
    func stuffing() async throws {
        let fixture = Fixture(rules: .test(source: .test(threshold: 5, free: 5)))
        var records: [LockoutRecord] = []
        for index in 0..<5 {
            records.append(try await fixture.charge(fixture.stranger("user\(index)@example.com")))
        }
        #expect(records.map(\.locksStarted) == [[], [], [], [], [.source]])
        let next = try fixture.stranger("user99@example.com")
        #expect(try await fixture.throttle.check(next) == .locked(until: fixture.now + 60, counter: .source))
        let elsewhere = try fixture.stranger("user0@example.com", from: "198.51.100.1")
        #expect(try await fixture.throttle.check(elsewhere) == .allowed, "each account saw one failure only")
    }

    @Test("an IPv6 /64 is one source; the neighbouring /64 is another")
    func ipv6Prefix() async throws {
        let fixture = Fixture(rules: .test(source: .test(threshold: 3, free: 3)))
        for (index, host) in ["2001:db8:0:7::1", "2001:db8:0:7::2", "2001:db8:0:7:ffff::3"].enumerated() {
            try await fixture.charge(fixture.stranger("user\(index)", from: host))
        }
        #expect(try await fixture.throttle.check(fixture.stranger("x", from: "2001:db8:0:7::99")).counter == .source)
        #expect(try await fixture.throttle.check(fixture.stranger("x", from: "2001:db8:0:8::1")) == .allowed)
        #expect(
            try await fixture.throttle.check(fixture.stranger("x", from: "::ffff:203.0.113.7")) == .allowed,
            "an IPv4 address is its own source")
    }

    @Test("an unknown identifier gets exactly the answers a known one gets")
    func unknownIdentifiers() async throws {
        func trace(_ account: String) async throws -> [String] {
            let fixture = Fixture()
            let attempt = try fixture.stranger(account)
            var trace: [String] = []
            for _ in 0..<12 {
                let ticket = try await fixture.throttle.admit(attempt)
                let record = ticket.record
                trace.append("\(ticket.decision.kind) \(record.kind) \(record.locksStarted) \(record.next.kind)")
                fixture.clock.advance(by: 2)
            }
            return trace
        }
        // The throttle is never told which accounts exist; both traces must be equal.
        #expect(try await trace("ada@example.com") == trace("nobody-here@example.com"))
    }

    @Test("a success reported for a refused attempt is an error and refunds nothing")
    func successOfRefusal() async throws {
        let fixture = Fixture(rules: .test(pair: .test(threshold: 2, free: 2)))
        let attempt = try fixture.stranger()
        try await fixture.fail(attempt, times: 2)
        let refused = try await fixture.throttle.admit(attempt)
        #expect(refused.decision == .locked(until: fixture.now + 60, counter: .pair))
        #expect(refused.record.kind == .refused && refused.record.next == refused.decision)
        // A ticket cannot be copied into an `#expect(throws:)` closure: catch the error by hand.
        var thrown: LockoutError?
        do {
            try await fixture.throttle.recordSuccess(refused)
        } catch let error as LockoutError {
            thrown = error
        }
        #expect(thrown == .notAdmitted)
        let status = try await fixture.throttle.status(of: attempt.keys)
        #expect(
            status.map { $0.counter?.streakFailures } == [2, 2, 2], "the refusal charged nothing, refunded nothing")
    }

    @Test("a released attempt takes back its charge from every counter and clears nothing")
    func releaseRefundsAll() async throws {
        let fixture = Fixture(rules: .test(pair: .test(threshold: 5, free: 5)))
        let attempt = try fixture.stranger()
        try await fixture.fail(attempt, times: 2)
        let admitted = try await fixture.throttle.admit(attempt)
        #expect(try await fixture.throttle.status(of: attempt.keys).map { $0.counter?.failures } == [3, 3, 3])
        try await fixture.throttle.release(admitted)
        let status = try await fixture.throttle.status(of: attempt.keys)
        #expect(status.map { $0.counter?.failures } == [2, 2, 2], "the two real failures stay, the charge is gone")

        try await fixture.fail(attempt, times: 3)
        let refused = try await fixture.throttle.admit(attempt)
        var thrown: LockoutError?
        do {
            try await fixture.throttle.release(refused)
        } catch let error as LockoutError {
            thrown = error
        }
        #expect(thrown == .notAdmitted, "a refusal charged nothing to take back")
    }
}
