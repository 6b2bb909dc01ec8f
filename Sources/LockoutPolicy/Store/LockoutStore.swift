public import struct Foundation.Date

/// Where lockout counters are kept, shared by every app server that guards the same accounts.
///
/// A store keeps ``LockoutCounter``s by ``LockoutKey`` and decides nothing: the transition of a
/// failure is ``LockoutCounter/recordingFailure(to:at:rules:)``, the decision is ``LoginThrottle``'s.
///
/// Contract for conformers:
/// - ``recordFailure(_:at:)`` is one atomic read-modify-write over all its keys: each key's counter
///   becomes `LockoutCounter.recordingFailure(to: stored, at: instant, rules: charge.rules)`, where
///   `stored` is `nil` if the key has no counter or its counter expired (``LockoutCounter/expiresAt``
///   at or before `instant`), and the new counters are returned in the order of the charges. Two callers
///   racing at one key (in one process, or on two servers sharing a database) never both read the same
///   state: with a threshold of N, N racing failures return the streak counts 1 through N, each once,
///   and exactly one of them starts the lock. A SQL store runs it in one transaction that locks the
///   rows first: PostgreSQL `INSERT ... ON CONFLICT DO NOTHING` for each key then `SELECT ... FOR
///   UPDATE` in key order (so two transactions never wait on each other in a cycle), compute, `UPDATE`,
///   `COMMIT`; SQLite `BEGIN IMMEDIATE`, which takes the write lock before the first read. A store may
///   also write the transition as one `INSERT ... ON CONFLICT (dimension, account, source) DO UPDATE SET
///   ... = CASE ... END RETURNING *` per key inside one transaction.
/// - A failed call (a thrown error) recorded nothing for any key.
/// - ``counters(for:)`` reads without changing anything and returns `nil` for a key without a counter
///   (expiry is the reader's business: ``LoginThrottle`` ignores an expired counter's failures).
/// - ``clear(_:)`` removes the counters of the keys (a success, an administrator's unlock); keys
///   without a counter are no error.
/// - ``removeExpired(at:)`` removes every counter whose ``LockoutCounter/expiresAt`` is at or before
///   the instant (never an administrator-locked one, which expires in `Date.distantFuture`).
/// - Keys are equal when dimension, account digest and source prefix are equal, byte for byte.
/// - Stores never read a clock: every instant is the caller's.
/// - A store may bound its size; when it cannot record without dropping a counter that still decides
///   something it must either keep the more important one (``InMemoryLockoutStore`` documents its
///   order) or throw ``LockoutError/capacityExceeded``, never silently forget a lock.
///
/// `LockoutStoreConformance` in CRMAuthTesting checks every point above, including 64 racers at one
/// threshold.
public protocol LockoutStore: Sendable {
    /// Charges one failure at `instant` to every key of `charges`, atomically, and returns the new
    /// counters in the same order.
    ///
    /// - Parameters:
    ///   - charges: the keys and the rules each escalates by; each key at most once.
    ///   - instant: when the failure happened.
    func recordFailure(_ charges: [LockoutCharge], at instant: Date) async throws -> [LockoutCounter]

    /// The stored counters of `keys`, in the same order; `nil` for a key without one.
    ///
    /// - Parameter keys: the counters to read.
    func counters(for keys: [LockoutKey]) async throws -> [LockoutCounter?]

    /// Removes the counters of `keys`.
    ///
    /// - Parameter keys: the counters to remove.
    func clear(_ keys: [LockoutKey]) async throws

    /// Removes every counter that expired at or before `instant`, and returns how many.
    ///
    /// - Parameter instant: the caller's current time.
    func removeExpired(at instant: Date) async throws -> Int
}
