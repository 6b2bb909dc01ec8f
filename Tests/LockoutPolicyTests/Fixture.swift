import AuthCore
import Foundation
import LockoutPolicy
import Testing

/// A throttle over a fresh in-memory store and a manual clock.
struct Fixture {
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
    let store: InMemoryLockoutStore
    let throttle: LoginThrottle

    init(rules: LockoutRules = .standard, capacity: Int = InMemoryLockoutStore.defaultCapacity) {
        store = InMemoryLockoutStore(capacity: capacity)
        throttle = LoginThrottle(store: store, rules: rules, secret: .random(), clock: clock)
    }

    var now: Date { clock.now() }

    func stranger(_ account: String = "ada@example.com", from source: String = "203.0.113.7") throws -> LoginAttempt {
        throttle.attempt(account: account, source: try SourceAddress(parsing: source), trust: .stranger)
    }

    func knownDevice(_ account: String = "ada@example.com", from source: String = "198.51.100.9") throws
        -> LoginAttempt
    {
        throttle.attempt(account: account, source: try SourceAddress(parsing: source), trust: .knownDevice)
    }

    /// Asks for admission and drops the ticket, as a wrong password does: the record of the charge
    /// (or of the refusal).
    @discardableResult
    func charge(_ attempt: LoginAttempt) async throws -> LockoutRecord {
        try await throttle.admit(attempt).record
    }

    /// Fails `count` times, each as soon as the throttle allows (moving the clock past delays).
    @discardableResult
    func fail(_ attempt: LoginAttempt, times count: Int) async throws -> [LockoutRecord] {
        var records: [LockoutRecord] = []
        for _ in 0..<count {
            if case .delayed(let until, _) = try await throttle.check(attempt) {
                clock.set(to: until)
            }
            let record = try await charge(attempt)
            #expect(record.kind == .failure, "the attempt was admitted and charged")
            records.append(record)
        }
        return records
    }

    /// Admits `attempt` and reports its password right.
    @discardableResult
    func succeed(_ attempt: LoginAttempt) async throws -> LockoutRecord {
        try await throttle.recordSuccess(throttle.admit(attempt))
    }
}

extension CounterRules {
    /// Rules for tests: lock after `threshold`, delays from `free`, 1 s doubling to 8 s, 60 s locks
    /// doubling to 480 s, a 600 s window and a day of memory.
    static func test(threshold: Int, free: Int = 0, administratorAfter: Int? = nil) -> CounterRules {
        try! CounterRules(
            threshold: threshold, failureWindow: 600, freeFailures: free, firstDelay: 1, maximumDelay: 8,
            firstLockDuration: 60, maximumLockDuration: 480, administratorLockAfter: administratorAfter,
            lockMemory: 86_400)
    }
}

extension LockoutRules {
    /// Test rules: the dimensions not given neither delay nor lock within 100 failures.
    static func test(
        account: CounterRules = .test(threshold: 100, free: 100),
        source: CounterRules = .test(threshold: 100, free: 100),
        pair: CounterRules = .test(threshold: 100, free: 100),
        trustedPair: CounterRules = .test(threshold: 100, free: 100)
    ) -> LockoutRules {
        LockoutRules(account: account, source: source, pair: pair, trustedPair: trustedPair)
    }
}
