public import struct Foundation.TimeInterval

/// How one kind of counter escalates: the progressive delay, the temporary lock, the administrator lock.
///
/// A counter counts failures. The first ``freeFailures`` cost nothing; each later one makes the next
/// attempt wait, ``firstDelay`` after the first delayed failure and twice as long after each further
/// one, up to ``maximumDelay``. The failure that brings the count to ``threshold`` starts a temporary
/// lock (and the count starts again): ``firstLockDuration``, doubling with each lock of the same streak
/// up to ``maximumLockDuration``. After ``administratorLockAfter`` temporary locks the counter is
/// locked until an administrator unlocks it, if that is set.
///
/// Failures older than ``failureWindow`` (measured from the last failure) are forgotten; the number of
/// temporary locks is forgotten after ``lockMemory`` without a failure. ``LockoutRules`` documents the
/// defaults of each dimension and why.
public struct CounterRules: Sendable, Hashable, Codable {
    /// Failures that start a temporary lock (or, with ``administratorLockAfter``, the final one).
    public let threshold: Int
    /// How long after the last failure the failure count starts again from zero.
    public let failureWindow: TimeInterval
    /// Failures that cost no delay (a typo or two).
    public let freeFailures: Int
    /// The delay after the first failure past ``freeFailures``; it doubles with each further failure.
    public let firstDelay: TimeInterval
    /// The longest delay.
    public let maximumDelay: TimeInterval
    /// The first temporary lock; it doubles with each further lock of the same streak.
    public let firstLockDuration: TimeInterval
    /// The longest temporary lock.
    public let maximumLockDuration: TimeInterval
    /// Temporary locks after which the counter is locked until an administrator acts; `nil` never.
    public let administratorLockAfter: Int?
    /// How long after the last failure the number of temporary locks is forgotten.
    public let lockMemory: TimeInterval

    /// Validates and creates rules.
    ///
    /// - Parameters:
    ///   - threshold: failures that start a lock, 1 to 100 (NIST SP 800-63B §3.2.2 / rev. 3 §5.2.2:
    ///     no more than 100 consecutive failures).
    ///   - failureWindow: seconds after the last failure before the count restarts; positive.
    ///   - freeFailures: failures without delay, 0 up to `threshold`.
    ///   - firstDelay: the first delay in seconds; at least 0.
    ///   - maximumDelay: the longest delay; at least `firstDelay`.
    ///   - firstLockDuration: the first lock in seconds; positive.
    ///   - maximumLockDuration: the longest lock; at least `firstLockDuration`.
    ///   - administratorLockAfter: temporary locks before the administrator lock, at least 1, or `nil`.
    ///   - lockMemory: seconds after the last failure before lock escalation is forgotten; at least
    ///     `failureWindow` and at least `maximumLockDuration`, so a lock does not outlive its memory.
    /// - Throws: ``LockoutError/invalidRules`` if any bound above is broken.
    public init(
        threshold: Int, failureWindow: TimeInterval, freeFailures: Int, firstDelay: TimeInterval,
        maximumDelay: TimeInterval, firstLockDuration: TimeInterval, maximumLockDuration: TimeInterval,
        administratorLockAfter: Int?, lockMemory: TimeInterval
    ) throws(LockoutError) {
        func require(_ condition: Bool, _ reason: String) throws(LockoutError) {
            if !condition { throw LockoutError(.invalidRules, reason) }
        }
        try require((1...100).contains(threshold), "threshold must be 1 to 100")
        try require(failureWindow > 0 && failureWindow.isFinite, "failureWindow must be positive")
        try require((0...threshold).contains(freeFailures), "freeFailures must be 0 up to threshold")
        try require(firstDelay >= 0 && maximumDelay >= firstDelay && maximumDelay.isFinite, "delays out of range")
        try require(
            firstLockDuration > 0 && maximumLockDuration >= firstLockDuration && maximumLockDuration.isFinite,
            "lock durations out of range")
        try require(administratorLockAfter.map { $0 >= 1 } ?? true, "administratorLockAfter must be at least 1")
        try require(
            lockMemory >= failureWindow && lockMemory >= maximumLockDuration && lockMemory.isFinite,
            "lockMemory must cover failureWindow and maximumLockDuration")
        self.threshold = threshold
        self.failureWindow = failureWindow
        self.freeFailures = freeFailures
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.firstLockDuration = firstLockDuration
        self.maximumLockDuration = maximumLockDuration
        self.administratorLockAfter = administratorLockAfter
        self.lockMemory = lockMemory
    }

    /// Decodes rules and validates them as ``init(threshold:failureWindow:freeFailures:firstDelay:maximumDelay:firstLockDuration:maximumLockDuration:administratorLockAfter:lockMemory:)`` does.
    ///
    /// - Parameter decoder: the decoder to read the fields from.
    /// - Throws: a `DecodingError`, or ``LockoutError/invalidRules``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            threshold: container.decode(Int.self, forKey: .threshold),
            failureWindow: container.decode(TimeInterval.self, forKey: .failureWindow),
            freeFailures: container.decode(Int.self, forKey: .freeFailures),
            firstDelay: container.decode(TimeInterval.self, forKey: .firstDelay),
            maximumDelay: container.decode(TimeInterval.self, forKey: .maximumDelay),
            firstLockDuration: container.decode(TimeInterval.self, forKey: .firstLockDuration),
            maximumLockDuration: container.decode(TimeInterval.self, forKey: .maximumLockDuration),
            administratorLockAfter: container.decodeIfPresent(Int.self, forKey: .administratorLockAfter),
            lockMemory: container.decode(TimeInterval.self, forKey: .lockMemory))
    }

    /// The wait after `failures` failures of the current count: zero up to ``freeFailures``, then
    /// ``firstDelay`` doubling per failure, at most ``maximumDelay``.
    ///
    /// - Parameter failures: the failures counted since the last lock or window restart.
    public func delay(afterFailures failures: Int) -> TimeInterval {
        let delayed = failures - freeFailures
        guard delayed > 0, firstDelay > 0 else { return 0 }
        // 2^62 seconds is beyond any cap; stop doubling before the exponent overflows.
        let doublings = min(delayed - 1, 62)
        return min(firstDelay * Double(UInt64(1) << UInt64(doublings)), maximumDelay)
    }

    /// The length of the `lock`-th temporary lock of a streak (1 for the first).
    ///
    /// - Parameter lock: which lock of the streak, from 1.
    public func lockDuration(forLock lock: Int) -> TimeInterval {
        let doublings = min(max(lock - 1, 0), 62)
        return min(firstLockDuration * Double(UInt64(1) << UInt64(doublings)), maximumLockDuration)
    }
}
