/// An error raised while parsing a source address, validating lockout rules or keeping counters.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: LockoutError.invalidAddress)`. ``reason`` explains the failure for logs and
/// operators and never contains an account identifier (which may be a mistyped password).
public struct LockoutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case invalidAddress
            case invalidRules
            case invalidSecret
            case capacityExceeded
            case notAdmitted
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The text is not an IPv4 address in dotted-decimal form or an IPv6 address in the text form
        /// of RFC 4291 §2.2 (zone indices, brackets, ports and leading zeros in IPv4 parts are refused).
        public static let invalidAddress = Code(.invalidAddress)
        /// A threshold, window, delay or lock duration is out of range, or the windows contradict
        /// each other (see ``CounterRules/init(threshold:failureWindow:freeFailures:firstDelay:maximumDelay:firstLockDuration:maximumLockDuration:administratorLockAfter:lockMemory:)``).
        public static let invalidRules = Code(.invalidRules)
        /// The key for account digests is shorter than 32 bytes.
        public static let invalidSecret = Code(.invalidSecret)
        /// The store is full of counters it must not drop (locked until an administrator acts); the
        /// failure was not recorded. Raise the capacity or unlock counters.
        public static let capacityExceeded = Code(.capacityExceeded)
        /// A success was reported for an attempt the throttle refused: its password must not have been
        /// checked, so nothing was refunded or cleared.
        public static let notAdmitted = Code(.notAdmitted)

        /// The code's name, for logs.
        public var description: String {
            switch value {
            case .invalidAddress: "invalid address"
            case .invalidRules: "invalid rules"
            case .invalidSecret: "invalid secret"
            case .capacityExceeded: "capacity exceeded"
            case .notAdmitted: "not admitted"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation; never contains an account identifier.
    public let reason: String

    /// The error that caused this one (a store's backend error), kept as it is so callers and logs can
    /// inspect it; `nil` when there was none. Not part of equality.
    public let underlying: (any Error)?

    /// Creates an error with a code, a reason and, optionally, the error that caused it.
    ///
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - reason: an explanation for logs, without account identifiers.
    ///   - underlying: the error that caused this one, if any.
    public init(_ code: Code, _ reason: String = "", underlying: (any Error)? = nil) {
        self.code = code
        self.reason = reason
        self.underlying = underlying
    }

    /// See ``Code/invalidAddress``.
    public static let invalidAddress = LockoutError(.invalidAddress)
    /// See ``Code/invalidRules``.
    public static let invalidRules = LockoutError(.invalidRules)
    /// See ``Code/invalidSecret``.
    public static let invalidSecret = LockoutError(.invalidSecret)
    /// See ``Code/capacityExceeded``.
    public static let capacityExceeded = LockoutError(.capacityExceeded)
    /// See ``Code/notAdmitted``.
    public static let notAdmitted = LockoutError(.notAdmitted)

    /// Compares codes only, so `#expect(throws: LockoutError.invalidAddress)` matches any reason.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The code and reason, for logs.
    public var description: String {
        reason.isEmpty ? "LockoutError(\(code))" : "LockoutError(\(code)): \(reason)"
    }
}
