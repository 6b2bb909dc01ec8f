import Synchronization

public import struct Foundation.Date

/// A ``LockoutStore`` in memory, for tests and single-process apps, bounded in size.
///
/// Atomic under a mutex, exactly as the protocol requires of a database backend.
///
/// ```swift
/// let throttle = LoginThrottle(store: InMemoryLockoutStore(), secret: .random())
/// ```
///
/// **Memory bound.** The store never holds more than ``capacity`` counters, whatever is sprayed at it
/// (random identifiers, random addresses). Each counter costs about 200 bytes (Performance.md measures
/// it), so the default capacity of one million holds about 200 MB at most. Counters also leave on their
/// own: ``removeExpired(at:)`` drops those that decide nothing any more, and a full store drops them
/// before anything else.
///
/// **What a full store drops.** When an admitted attempt needs a new counter and the store is full, it first
/// drops expired counters; if that frees less than a sixteenth of the capacity, it drops unlocked
/// counters, those with the fewest failures in their streak first and, among equals, the least recently
/// failed; only then counters whose temporary lock ends soonest; administrator locks never. The counters
/// being charged are never dropped to make room for themselves. So erasing a counter with k failures
/// means filling the whole store with counters of k or more failures each, capacity × k failures of
/// work, all of which count against the attacker's own sources; a single-failure spray only ever
/// displaces single-failure counters. If every counter is administrator-locked the failure is refused
/// with ``LockoutError/capacityExceeded``
/// and nothing is charged.
public final class InMemoryLockoutStore: LockoutStore {
    /// The default ``capacity``: one million counters.
    public static let defaultCapacity = 1_000_000

    /// The most counters the store holds.
    public let capacity: Int

    private let table: Mutex<[LockoutKey: LockoutCounter]>

    /// Creates an empty store.
    ///
    /// - Parameter capacity: the most counters held, at least 16.
    public init(capacity: Int = InMemoryLockoutStore.defaultCapacity) {
        self.capacity = max(16, capacity)
        table = Mutex([:])
    }

    /// How many counters the store holds now, expired ones included until they are removed.
    public var count: Int { table.withLock { $0.count } }

    /// See ``LockoutStore/admit(_:at:)``.
    public func admit(_ charges: [LockoutCharge], at instant: Date) async throws -> LockoutAdmission {
        var counters = [LockoutCounter?](repeating: nil, count: charges.count)
        let admitted = try charges.withUnsafeBufferPointer { charges throws(LockoutError) in
            try counters.withUnsafeMutableBufferPointer { counters throws(LockoutError) in
                try admit(charges, at: instant, into: counters)
            }
        }
        return LockoutAdmission(admitted: admitted, counters: counters)
    }

    /// ``admit(_:at:)`` without arrays or a suspension, for ``LoginThrottle``: the same atomic
    /// read-decide-charge under the lock, reading the charges from and writing the counters (after
    /// the charge when admitted, as read when refused) to the caller's buffers.
    ///
    /// - Parameters:
    ///   - charges: the keys and their rules; each key at most once.
    ///   - instant: when the attempt is made.
    ///   - counters: as many slots as `charges` (any content); overwritten.
    /// - Returns: whether the attempt was admitted and charged.
    func admit(
        _ charges: UnsafeBufferPointer<LockoutCharge>, at instant: Date,
        into counters: UnsafeMutableBufferPointer<LockoutCounter?>
    ) throws(LockoutError) -> Bool {
        try table.withLock { table throws(LockoutError) in
            try withUnsafeTemporaryAllocation(
                of: Dictionary<LockoutKey, LockoutCounter>.Index?.self, capacity: charges.count
            ) { slots throws(LockoutError) in
                // Find every key first (one hash each, the index kept for the write), then read and
                // decide: the lookups do not wait on one another's counters, so in a large table their
                // cache misses overlap.
                for (position, charge) in charges.enumerated() {
                    slots.initializeElement(at: position, to: table.index(forKey: charge.key))
                }
                defer { slots.baseAddress!.deinitialize(count: charges.count) }
                var admitted = true
                var missing = 0
                for (position, charge) in charges.enumerated() {
                    let index = slots[position]
                    var counter: LockoutCounter? = nil
                    if let index {
                        let found = table.values[index]
                        if found.expiresAt > instant { counter = found }
                    } else {
                        missing += 1
                    }
                    counters[position] = counter
                    if admitted,
                        !LockoutDecision(
                            counter: counter, rules: charge.rules, dimension: charge.key.dimension, at: instant
                        )
                        .isAllowed
                    {
                        admitted = false
                    }
                }
                guard admitted else { return false }
                if table.count + missing > capacity {
                    try makeRoom(in: &table, for: missing, at: instant, keeping: Set(charges.map(\.key)))
                    // Dropping counters moved the others: look the keys up again.
                    for (position, charge) in charges.enumerated() { slots[position] = table.index(forKey: charge.key) }
                }
                for position in charges.indices {
                    counters[position] = LockoutCounter.recordingFailure(
                        to: counters[position], at: instant, rules: charges[position].rules)
                }
                // Existing counters first, through their indices; inserting may move them.
                for position in charges.indices {
                    if let slot = slots[position], let counter = counters[position] { table.values[slot] = counter }
                }
                for position in charges.indices where slots[position] == nil {
                    table[charges[position].key] = counters[position]
                }
                return true
            }
        }
    }

    /// See ``LockoutStore/settleSuccess(clearing:refunding:)``.
    public func settleSuccess(clearing cleared: [LockoutKey], refunding refunded: [LockoutKey]) async throws {
        cleared.withUnsafeBufferPointer { cleared in
            refunded.withUnsafeBufferPointer { refunded in settleSuccess(clearing: cleared, refunding: refunded) }
        }
    }

    /// ``settleSuccess(clearing:refunding:)`` without arrays or a suspension, for ``LoginThrottle``.
    ///
    /// - Parameters:
    ///   - cleared: the counters to remove.
    ///   - refunded: the counters to take one failure back from.
    func settleSuccess(
        clearing cleared: UnsafeBufferPointer<LockoutKey>, refunding refunded: UnsafeBufferPointer<LockoutKey>
    ) {
        table.withLock { table in
            for key in cleared { table.removeValue(forKey: key) }
            for key in refunded {
                if let index = table.index(forKey: key) {
                    table.values[index] = table.values[index].refundingFailure()
                }
            }
        }
    }

    /// ``settleSuccess(clearing:refunding:)`` of one cleared key, then ``counters(for:)`` of the cleared
    /// key and the refunded ones, under one lock: what ``LoginThrottle/recordSuccess(_:)`` does in two
    /// calls on another store, without arrays or suspensions.
    ///
    /// - Parameters:
    ///   - cleared: the counter to remove.
    ///   - refunded: the counters to take one failure back from.
    ///   - counters: `1 + refunded.count` slots (any content); overwritten with `nil` for the cleared
    ///     key, then the refunded keys' counters after the refund (`nil` for a key without one).
    func settleSuccess(
        clearing cleared: LockoutKey, refunding refunded: UnsafeBufferPointer<LockoutKey>,
        into counters: UnsafeMutableBufferPointer<LockoutCounter?>
    ) {
        table.withLock { table in
            table.removeValue(forKey: cleared)
            counters[0] = nil
            for (position, key) in refunded.enumerated() {
                if let index = table.index(forKey: key) {
                    let counter = table.values[index].refundingFailure()
                    table.values[index] = counter
                    counters[position + 1] = counter
                } else {
                    counters[position + 1] = nil
                }
            }
        }
    }

    /// ``counters(for:)`` without arrays or a suspension, for ``LoginThrottle``.
    ///
    /// - Parameters:
    ///   - keys: the counters to read.
    ///   - counters: as many slots as `keys` (any content); overwritten with the stored counters.
    func counters(for keys: UnsafeBufferPointer<LockoutKey>, into counters: UnsafeMutableBufferPointer<LockoutCounter?>)
    {
        table.withLock { table in
            for (position, key) in keys.enumerated() { counters[position] = table[key] }
        }
    }

    /// See ``LockoutStore/counters(for:)``.
    public func counters(for keys: [LockoutKey]) async throws -> [LockoutCounter?] {
        table.withLock { table in keys.map { table[$0] } }
    }

    /// See ``LockoutStore/clear(_:)``.
    public func clear(_ keys: [LockoutKey]) async throws {
        table.withLock { table in
            for key in keys { table.removeValue(forKey: key) }
        }
    }

    /// See ``LockoutStore/removeExpired(at:)``.
    public func removeExpired(at instant: Date) async throws -> Int {
        table.withLock { table in
            let before = table.count
            table = table.filter { $0.value.expiresAt > instant }
            return before - table.count
        }
    }

    /// Frees room for `needed` new counters and, past the expired ones, a sixteenth of the capacity
    /// more, so a spray pays for one sweep per many insertions rather than one per insertion.
    private func makeRoom(
        in table: inout [LockoutKey: LockoutCounter], for needed: Int, at instant: Date, keeping: Set<LockoutKey>
    ) throws(LockoutError) {
        table = table.filter { $0.value.expiresAt > instant || keeping.contains($0.key) }
        let target = capacity - capacity / 16 - needed
        guard table.count > target else { return }
        // Unlocked counters, fewest streak failures first, then least recently failed; then temporary
        // locks, soonest ending first. Administrator locks and the keys being charged stay.
        var candidates: [(rank: (Int, Int, Date), key: LockoutKey)] = []
        candidates.reserveCapacity(table.count)
        for (key, counter) in table where !counter.administratorLocked && !keeping.contains(key) {
            if let end = counter.lockedUntil, end > instant {
                candidates.append(((1, 0, end), key))
            } else {
                candidates.append(((0, counter.streakFailures, counter.lastFailure), key))
            }
        }
        candidates.sort { $0.rank < $1.rank }
        for candidate in candidates.prefix(table.count - target) {
            table.removeValue(forKey: candidate.key)
        }
        guard table.count + needed <= capacity else {
            throw LockoutError(.capacityExceeded, "every counter is administrator-locked or being charged")
        }
    }
}
