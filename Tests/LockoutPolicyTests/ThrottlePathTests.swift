import AuthCore
import Foundation
import LockoutPolicy
import Testing

/// Forwards every requirement to an in-memory store, so `LoginThrottle` takes the protocol's path
/// (arrays and suspensions, as for a database store) rather than the in-memory store's own.
private final class ForwardingStore: LockoutStore {
    let inner = InMemoryLockoutStore()

    func admit(_ charges: [LockoutCharge], at instant: Date) async throws -> LockoutAdmission {
        try await inner.admit(charges, at: instant)
    }

    func settleSuccess(clearing cleared: [LockoutKey], refunding refunded: [LockoutKey]) async throws {
        try await inner.settleSuccess(clearing: cleared, refunding: refunded)
    }

    func counters(for keys: [LockoutKey]) async throws -> [LockoutCounter?] { try await inner.counters(for: keys) }

    func clear(_ keys: [LockoutKey]) async throws { try await inner.clear(keys) }

    func removeExpired(at instant: Date) async throws -> Int { try await inner.removeExpired(at: instant) }
}

@Suite("LoginThrottle answers alike on the in-memory store's own path and through the protocol")
struct ThrottlePathTests {
    @Test(
        "a scripted mix of strangers, known devices, failures, successes, delays and locks gives equal tickets, records and counters",
        arguments: [
            LockoutRules.standard,
            .test(
                account: .test(threshold: 4, free: 2, administratorAfter: 3), source: .test(threshold: 6, free: 3),
                pair: .test(threshold: 3, free: 1), trustedPair: .test(threshold: 3, free: 1)),
        ])
    func samePath(rules: LockoutRules) async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
        let secret = LockoutSecret.random()
        let direct = LoginThrottle(store: InMemoryLockoutStore(), rules: rules, secret: secret, clock: clock)
        let forwarded = LoginThrottle(store: ForwardingStore(), rules: rules, secret: secret, clock: clock)
        var keys: Set<LockoutKey> = []
        var admittedCount = 0
        var refusedCount = 0
        for step in 0..<600 {
            let attempt = direct.attempt(
                account: "user\(step % 3)@example.com", source: SourceAddress(ipv4: 0x0A00_0000 + UInt32(step % 4)),
                trust: step % 5 == 0 ? .knownDevice : .stranger)
            keys.formUnion(attempt.keys)
            let first = try await direct.admit(attempt)
            let second = try await forwarded.admit(attempt)
            #expect(first.decision == second.decision)
            #expect(first.record == second.record)
            let checked = try await direct.check(attempt)
            #expect(try await forwarded.check(attempt) == checked)
            if first.decision.isAllowed {
                admittedCount += 1
                if step % 4 == 3 {
                    let succeeded = try await direct.recordSuccess(first)
                    let other = try await forwarded.recordSuccess(second)
                    #expect(succeeded == other)
                }
            } else {
                refusedCount += 1
            }
            clock.advance(by: TimeInterval(step % 7) * 3)
        }
        // Both kinds of answer were exercised, and the stores ended equal.
        #expect(admittedCount > 0 && refusedCount > 0)
        let sorted = keys.sorted { $0.description < $1.description }
        let status = try await direct.status(of: sorted)
        #expect(try await forwarded.status(of: sorted) == status)
    }
}
