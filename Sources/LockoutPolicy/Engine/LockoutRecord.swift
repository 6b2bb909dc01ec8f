public import struct Foundation.Date

/// What a record or an administrator's action did, as a value the audit log keeps.
///
/// ```swift
/// let ticket = try await throttle.admit(attempt)
/// audit.append(kind: ticket.record.kind.rawValue, details: ticket.record)   // "lockout.failure", ...
/// ```
public struct LockoutRecord: Sendable, Hashable, Codable {
    /// The stable names of the records.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An attempt was admitted and charged one failure up front, before its password was checked
        /// (a success later refunds it: ``success``).
        case failure = "lockout.failure"
        /// An attempt was refused; nothing was charged.
        case refused = "lockout.refused"
        /// A successful login cleared the counters of its party and took back the up-front failure of
        /// the others.
        case success = "lockout.success"
        /// An administrator removed counters.
        case unlock = "lockout.unlock"
    }

    /// What happened.
    public let kind: Kind
    /// When.
    public let at: Date
    /// The counters touched, after the change (`counter` is `nil` for a cleared one).
    public let counters: [LockoutEntry]
    /// The counters this charge locked (temporarily or until an administrator acts); empty otherwise.
    public let locksStarted: [LockoutDimension]
    /// What the next attempt of the same party faces now.
    public let next: LockoutDecision

    /// A record with every field given.
    ///
    /// - Parameters:
    ///   - kind: what happened.
    ///   - at: when.
    ///   - counters: the counters touched, after the change.
    ///   - locksStarted: the counters this failure locked.
    ///   - next: what the next attempt faces.
    public init(
        kind: Kind, at: Date, counters: [LockoutEntry], locksStarted: [LockoutDimension], next: LockoutDecision
    ) {
        self.kind = kind
        self.at = at
        self.counters = counters
        self.locksStarted = locksStarted
        self.next = next
    }
}

/// One counter with its key and what it decides: an item of a ``LockoutRecord`` or of a status.
public struct LockoutEntry: Sendable, Hashable, Codable {
    /// Which counter.
    public let key: LockoutKey
    /// Its state, `nil` if there is none (never failed, expired or cleared).
    public let counter: LockoutCounter?
    /// What it alone decides for the next attempt.
    public let decision: LockoutDecision

    /// An entry with every field given.
    ///
    /// - Parameters:
    ///   - key: which counter.
    ///   - counter: its state, or `nil`.
    ///   - decision: what it decides.
    public init(key: LockoutKey, counter: LockoutCounter?, decision: LockoutDecision) {
        self.key = key
        self.counter = counter
        self.decision = decision
    }
}
