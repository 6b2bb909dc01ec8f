public import struct Foundation.Date

/// Where lockout counters are kept, shared by every app server that guards the same accounts.
///
/// A store keeps ``LockoutCounter``s by ``LockoutKey`` and applies the library's rules, never its own:
/// the decision of one counter is ``LockoutDecision/init(counter:rules:dimension:at:)``, the transition
/// of a failure ``LockoutCounter/recordingFailure(to:at:rules:)`` and of a refund
/// ``LockoutCounter/refundingFailure()``.
///
/// Contract for conformers:
/// - ``admit(_:at:)`` is one atomic read-decide-write over all its keys. It reads each key's counter
///   (`nil` if the key has none or its counter expired: ``LockoutCounter/expiresAt`` at or before
///   `instant`) and decides with `LockoutDecision(counter:rules:dimension:at:)`. If every key allows,
///   the attempt is admitted and charged one failure up front: each key's counter becomes
///   `LockoutCounter.recordingFailure(to: stored, at: instant, rules: charge.rules)`, and the new
///   counters are returned in the order of the charges. If any key refuses, nothing is written and the
///   counters read are returned. Two callers racing at one key (in one process, or on two servers
///   sharing a database) never both read the same state: with a threshold of N and no delays, N
///   racing attempts are admitted with the streak counts 1 through N, each once, exactly one of them
///   starts the lock, and every later racer is refused. A SQL store runs it in one transaction that
///   locks the rows before reading them: PostgreSQL `INSERT ... ON CONFLICT DO NOTHING` for each key
///   then `SELECT ... FOR UPDATE` in key order (so two transactions never wait on each other in a
///   cycle), decide, `UPDATE` if admitted, `COMMIT`; SQLite `BEGIN IMMEDIATE`, which takes the write
///   lock before the first read.
/// - ``settleSuccess(clearing:refunding:)`` is one atomic write: it removes the counters of `cleared`
///   and replaces each counter of `refunded` by ``LockoutCounter/refundingFailure()`` (keys without a
///   counter are skipped). A SQL store runs one transaction: `DELETE` of the cleared keys, then for
///   each refunded key one `UPDATE ... SET failures = GREATEST(failures - 1, 0), ...` (SQLite: `MAX`),
///   which locks its row for the statement.
/// - A failed call (a thrown error) wrote nothing for any key.
/// - ``counters(for:)`` reads without changing anything and returns `nil` for a key without a counter
///   (expiry is the reader's business: ``LoginThrottle`` ignores an expired counter's failures).
/// - ``clear(_:)`` removes the counters of the keys (an administrator's unlock); keys without a counter
///   are no error.
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
    /// Decides whether an attempt may go on and, if so, charges it one failure at `instant` on every
    /// key of `charges`, atomically.
    ///
    /// - Parameters:
    ///   - charges: the keys, and the rules each decides and escalates by; each key at most once.
    ///   - instant: when the attempt is made.
    /// - Returns: whether it was admitted, with the counters after the charge (admitted) or as read
    ///   (refused), in the order of the charges.
    func admit(_ charges: [LockoutCharge], at instant: Date) async throws -> LockoutAdmission

    /// Settles an admitted attempt whose password was right: removes the counters of `cleared` and
    /// takes back the up-front failure of each counter of `refunded`, atomically.
    ///
    /// - Parameters:
    ///   - cleared: the counters to remove (the successful party's own).
    ///   - refunded: the counters to take one failure back from.
    func settleSuccess(clearing cleared: [LockoutKey], refunding refunded: [LockoutKey]) async throws

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

/// What ``LockoutStore/admit(_:at:)`` did: whether the attempt was admitted (and charged), and the
/// counters of its keys.
public struct LockoutAdmission: Sendable, Hashable {
    /// Whether every counter allowed the attempt, which was then charged one failure on each.
    public let admitted: Bool
    /// The counters in the order of the charges: after the charge when admitted; as read when refused
    /// (`nil` for a key without a live counter).
    public let counters: [LockoutCounter?]

    /// An admission with every field given.
    ///
    /// - Parameters:
    ///   - admitted: whether the attempt was admitted and charged.
    ///   - counters: the counters after the charge, or as read.
    public init(admitted: Bool, counters: [LockoutCounter?]) {
        self.admitted = admitted
        self.counters = counters
    }
}
