public import struct Foundation.Date

/// The state of one counter, as a store keeps it, and the one transition a failure makes.
///
/// A store never decides anything itself: it applies ``recordingFailure(to:at:rules:)`` to the stored
/// state atomically and keeps the result, and drops the counter after ``expiresAt``.
public struct LockoutCounter: Sendable, Hashable, Codable {
    /// Failures since the count last started (the first failure, a lock, or a pause longer than the
    /// failure window): what the delay and the next lock are computed from.
    public var failures: Int
    /// Failures in the whole streak, across locks, until the streak is forgotten (``CounterRules/lockMemory``)
    /// or cleared: what an operator reads.
    public var streakFailures: Int
    /// When the last failure was recorded.
    public var lastFailure: Date
    /// Temporary locks in this streak.
    public var temporaryLocks: Int
    /// The end of the current temporary lock, if one was started (it may be in the past).
    public var lockedUntil: Date?
    /// Whether the counter is locked until an administrator unlocks it.
    public var administratorLocked: Bool
    /// When a store may drop the counter: it then decides nothing. `Date.distantFuture` while
    /// ``administratorLocked``.
    public var expiresAt: Date

    /// A counter with every field given, as a store reads it back.
    ///
    /// - Parameters:
    ///   - failures: failures of the current count.
    ///   - streakFailures: failures of the streak.
    ///   - lastFailure: the last failure's instant.
    ///   - temporaryLocks: temporary locks of the streak.
    ///   - lockedUntil: the end of the last temporary lock, if any.
    ///   - administratorLocked: whether only an administrator can unlock it.
    ///   - expiresAt: when it may be dropped.
    public init(
        failures: Int, streakFailures: Int, lastFailure: Date, temporaryLocks: Int, lockedUntil: Date?,
        administratorLocked: Bool, expiresAt: Date
    ) {
        self.failures = failures
        self.streakFailures = streakFailures
        self.lastFailure = lastFailure
        self.temporaryLocks = temporaryLocks
        self.lockedUntil = lockedUntil
        self.administratorLocked = administratorLocked
        self.expiresAt = expiresAt
    }

    /// The counter after one failure at `instant`, starting from `counter` (`nil`: no counter yet).
    ///
    /// In order: a streak whose last failure is ``CounterRules/lockMemory`` or more ago starts afresh
    /// (unless administrator-locked); a count whose last failure is ``CounterRules/failureWindow`` or
    /// more ago restarts; the failure is counted; when the count reaches ``CounterRules/threshold`` a
    /// temporary lock starts at `instant` (or the administrator lock, when it is the
    /// ``CounterRules/administratorLockAfter``-th) and the count restarts. Failures recorded while a
    /// lock holds (callers racing past a check) count like any other.
    ///
    /// - Parameters:
    ///   - counter: the stored state, or `nil` if the key has none (or it expired).
    ///   - instant: when the failure happened, as the caller's clock read it.
    ///   - rules: the rules of the key's dimension.
    public static func recordingFailure(to counter: LockoutCounter?, at instant: Date, rules: CounterRules)
        -> LockoutCounter
    {
        var next =
            counter
            ?? LockoutCounter(
                failures: 0, streakFailures: 0, lastFailure: instant, temporaryLocks: 0, lockedUntil: nil,
                administratorLocked: false, expiresAt: instant)
        let pause = instant.timeIntervalSince(next.lastFailure)
        if !next.administratorLocked, pause >= rules.lockMemory {
            next = LockoutCounter(
                failures: 0, streakFailures: 0, lastFailure: instant, temporaryLocks: 0, lockedUntil: nil,
                administratorLocked: false, expiresAt: instant)
        } else if pause >= rules.failureWindow {
            next.failures = 0
        }
        next.failures += 1
        next.streakFailures += 1
        next.lastFailure = max(next.lastFailure, instant)
        if next.failures >= rules.threshold, !next.administratorLocked {
            next.failures = 0
            next.temporaryLocks += 1
            if let limit = rules.administratorLockAfter, next.temporaryLocks >= limit {
                next.administratorLocked = true
            } else {
                next.lockedUntil = instant.addingTimeInterval(rules.lockDuration(forLock: next.temporaryLocks))
            }
        }
        next.expiresAt = next.expiry(rules: rules)
        return next
    }

    /// The counter with one failure taken back: the up-front charge of an attempt whose password was
    /// right (``LoginThrottle/recordSuccess(_:)``).
    ///
    /// ``failures`` and ``streakFailures`` drop by one, never below zero. A lock the charge started
    /// stays: the attempt that reached the threshold was admitted, and its success does not undo what
    /// the failures before it earned (see the guide's "Limits").
    public func refundingFailure() -> LockoutCounter {
        var next = self
        next.failures = max(0, failures - 1)
        next.streakFailures = max(0, streakFailures - 1)
        return next
    }

    /// When nothing in the counter matters any more: the failures have left their window, the lock has
    /// ended and, if there was one, its memory has passed.
    private func expiry(rules: CounterRules) -> Date {
        if administratorLocked { return .distantFuture }
        var end = lastFailure.addingTimeInterval(temporaryLocks > 0 ? rules.lockMemory : rules.failureWindow)
        if let lockedUntil { end = max(end, lockedUntil) }
        return end
    }
}
