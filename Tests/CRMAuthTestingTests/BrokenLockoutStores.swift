import LockoutPolicy
import Synchronization

import struct Foundation.Date

/// Reads the counters and decides, gives way to other tasks, then writes what it computed: the
/// read-then-write of a SQL store that runs `SELECT` and `UPDATE` without a transaction holding the
/// row. Racing attempts read the same count, all pass the check, and one overwrites the other, so a
/// threshold can be slipped past.
/// The first two callers meet between read and write, so the race happens every run.
final class CheckThenActLockoutStore: LockoutStore {
    private let table = Mutex<[LockoutKey: LockoutCounter]>([:])
    private let rendezvous = Mutex<(arrived: Int, waiting: CheckedContinuation<Void, Never>?)>((0, nil))

    func admit(_ charges: [LockoutCharge], at instant: Date) async throws -> LockoutAdmission {
        let stored = table.withLock { table in
            charges.map { table[$0.key].flatMap { $0.expiresAt > instant ? $0 : nil } }
        }
        let allowed = zip(charges, stored).allSatisfy { charge, counter in
            LockoutDecision(counter: counter, rules: charge.rules, dimension: charge.key.dimension, at: instant)
                .isAllowed
        }
        guard allowed else { return LockoutAdmission(admitted: false, counters: stored) }
        await meet()
        let next = zip(charges, stored).map { charge, counter in
            LockoutCounter.recordingFailure(to: counter, at: instant, rules: charge.rules)
        }
        table.withLock { table in
            for (charge, counter) in zip(charges, next) { table[charge.key] = counter }
        }
        return LockoutAdmission(admitted: true, counters: next)
    }

    func settleSuccess(clearing cleared: [LockoutKey], refunding refunded: [LockoutKey]) async throws {
        table.withLock { table in settle(&table, clearing: cleared, refunding: refunded) }
    }

    func counters(for keys: [LockoutKey]) async throws -> [LockoutCounter?] {
        table.withLock { t in keys.map { t[$0] } }
    }

    func clear(_ keys: [LockoutKey]) async throws { table.withLock { t in for key in keys { t[key] = nil } } }

    func removeExpired(at instant: Date) async throws -> Int {
        table.withLock { table in
            let before = table.count
            table = table.filter { $0.value.expiresAt > instant }
            return before - table.count
        }
    }

    /// The first caller waits for the second; later callers pass straight through.
    private func meet() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let release: [CheckedContinuation<Void, Never>] = rendezvous.withLock { state in
                state.arrived += 1
                if state.arrived == 1 {
                    state.waiting = continuation
                    return []
                }
                defer { state.waiting = nil }
                return [continuation] + (state.waiting.map { [$0] } ?? [])
            }
            for waiter in release { waiter.resume() }
        }
    }
}

/// Carries an expired counter on until `removeExpired` runs, as a SQL store whose upsert forgets the
/// `expires_at <= ?` condition would: a lock's escalation outlives its memory.
final class StaleCounterLockoutStore: LockoutStore {
    private let table = Mutex<[LockoutKey: LockoutCounter]>([:])

    func admit(_ charges: [LockoutCharge], at instant: Date) async throws -> LockoutAdmission {
        table.withLock { table in
            let stored = charges.map { table[$0.key] }
            let allowed = zip(charges, stored).allSatisfy { charge, counter in
                LockoutDecision(counter: counter, rules: charge.rules, dimension: charge.key.dimension, at: instant)
                    .isAllowed
            }
            guard allowed else { return LockoutAdmission(admitted: false, counters: stored) }
            return LockoutAdmission(
                admitted: true,
                counters: charges.map { charge in
                    let next = LockoutCounter.recordingFailure(to: table[charge.key], at: instant, rules: charge.rules)
                    table[charge.key] = next
                    return next
                })
        }
    }

    func settleSuccess(clearing cleared: [LockoutKey], refunding refunded: [LockoutKey]) async throws {
        table.withLock { table in settle(&table, clearing: cleared, refunding: refunded) }
    }

    func counters(for keys: [LockoutKey]) async throws -> [LockoutCounter?] {
        table.withLock { t in keys.map { t[$0] } }
    }

    func clear(_ keys: [LockoutKey]) async throws { table.withLock { t in for key in keys { t[key] = nil } } }

    func removeExpired(at instant: Date) async throws -> Int {
        table.withLock { table in
            let before = table.count
            table = table.filter { $0.value.expiresAt > instant }
            return before - table.count
        }
    }
}

/// The success transition both broken stores keep correct (their flaws are elsewhere).
private func settle(
    _ table: inout [LockoutKey: LockoutCounter], clearing cleared: [LockoutKey], refunding refunded: [LockoutKey]
) {
    for key in cleared { table[key] = nil }
    for key in refunded { table[key] = table[key]?.refundingFailure() }
}
