public import struct Foundation.Date

/// What the login flow does with an attempt, decided before it checks the password.
///
/// Proceed only on ``allowed``. Every other case names the counter that decided, for the audit log and
/// the operator; the user sees the same words whichever counter it was, so nothing tells them whether
/// the account exists. Encodes as `{"kind": "...", "until": ..., "counter": "..."}` with the stable
/// ``kind`` names.
public enum LockoutDecision: Sendable, Hashable, Codable {
    /// Go on and verify the password.
    case allowed
    /// Refused: try again at `until` (a progressive delay).
    case delayed(until: Date, counter: LockoutDimension)
    /// Refused: locked until `until` (a temporary lock).
    case locked(until: Date, counter: LockoutDimension)
    /// Refused: locked until an administrator unlocks the counter.
    case lockedUntilUnlocked(counter: LockoutDimension)

    /// What one counter alone decides at `now`: allowed without a live counter; the administrator
    /// lock, a temporary lock not yet ended, or a progressive delay not yet passed otherwise.
    ///
    /// Stores apply it in ``LockoutStore/admit(_:at:)``; ``LoginThrottle`` in its previews.
    ///
    /// - Parameters:
    ///   - counter: the stored counter, or `nil` if there is none.
    ///   - rules: the rules of the counter's dimension.
    ///   - dimension: the counter's dimension, named in a refusal.
    ///   - now: the instant of the attempt.
    public init(counter: LockoutCounter?, rules: CounterRules, dimension: LockoutDimension, at now: Date) {
        guard let counter, counter.expiresAt > now else {
            self = .allowed
            return
        }
        if counter.administratorLocked {
            self = .lockedUntilUnlocked(counter: dimension)
        } else if let end = counter.lockedUntil, end > now {
            self = .locked(until: end, counter: dimension)
        } else if now.timeIntervalSince(counter.lastFailure) < rules.failureWindow {
            // No delay due is no delay at all, even for an instant before the last failure (a racing
            // attempt, or another server whose clock is behind): only a real delay can refuse.
            let delay = rules.delay(afterFailures: counter.failures)
            let end = counter.lastFailure.addingTimeInterval(delay)
            self = delay > 0 && end > now ? .delayed(until: end, counter: dimension) : .allowed
        } else {
            self = .allowed
        }
    }

    /// The stable names of the cases.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// ``LockoutDecision/allowed``.
        case allowed
        /// ``LockoutDecision/delayed(until:counter:)``.
        case delayed
        /// ``LockoutDecision/locked(until:counter:)``.
        case locked
        /// ``LockoutDecision/lockedUntilUnlocked(counter:)``.
        case lockedUntilUnlocked
    }

    /// The case's stable name.
    public var kind: Kind {
        switch self {
        case .allowed: .allowed
        case .delayed: .delayed
        case .locked: .locked
        case .lockedUntilUnlocked: .lockedUntilUnlocked
        }
    }

    /// Whether the login flow may verify the password.
    public var isAllowed: Bool { self == .allowed }

    /// When the attempt may be made again: `nil` if allowed now or only an administrator can allow it.
    public var retryAt: Date? {
        switch self {
        case .delayed(let until, _), .locked(let until, _): until
        case .allowed, .lockedUntilUnlocked: nil
        }
    }

    /// The counter that decided, `nil` when allowed.
    public var counter: LockoutDimension? {
        switch self {
        case .allowed: nil
        case .delayed(_, let counter), .locked(_, let counter), .lockedUntilUnlocked(let counter): counter
        }
    }

    /// Orders refusals: an administrator lock over a temporary lock over a delay, then the later end.
    var severity: (Int, Date) {
        switch self {
        case .allowed: (0, .distantPast)
        case .delayed(let until, _): (1, until)
        case .locked(let until, _): (2, until)
        case .lockedUntilUnlocked: (3, .distantFuture)
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, until, counter }

    /// Decodes the form ``encode(to:)`` writes.
    ///
    /// - Parameter decoder: the decoder to read `kind`, `until` and `counter` from.
    /// - Throws: a `DecodingError` if a field the kind needs is missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .allowed: self = .allowed
        case .delayed:
            self = .delayed(
                until: try container.decode(Date.self, forKey: .until),
                counter: try container.decode(LockoutDimension.self, forKey: .counter))
        case .locked:
            self = .locked(
                until: try container.decode(Date.self, forKey: .until),
                counter: try container.decode(LockoutDimension.self, forKey: .counter))
        case .lockedUntilUnlocked:
            self = .lockedUntilUnlocked(counter: try container.decode(LockoutDimension.self, forKey: .counter))
        }
    }

    /// Encodes `kind`, and `until` and `counter` where the case has them.
    ///
    /// - Parameter encoder: the encoder to write the fields to.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(retryAt, forKey: .until)
        try container.encodeIfPresent(counter, forKey: .counter)
    }
}
