/// An error raised while parsing, validating or storing a session token.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: SessionTokenError.malformed)`. ``reason`` explains the failure for logs and
/// operators and never contains the token.
public struct SessionTokenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case malformed
            case notFound
            case expired
            case idleExpired
            case stampMismatch
            case duplicate
            case limitReached
            case reuseDetected
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The text is not a session token: wrong prefix, length, alphabet or checksum.
        /// Raised before any store lookup.
        public static let malformed = Code(.malformed)
        /// No session has this token: it never existed, was revoked, rotated away or purged.
        public static let notFound = Code(.notFound)
        /// The session is past its absolute lifetime.
        public static let expired = Code(.expired)
        /// The session was idle for longer than its idle timeout.
        public static let idleExpired = Code(.idleExpired)
        /// The user's security stamp changed since the session was issued (password change, disable).
        public static let stampMismatch = Code(.stampMismatch)
        /// A store already holds a session with this token digest or id.
        public static let duplicate = Code(.duplicate)
        /// The user already holds the most sessions ``ConcurrentSessionLimit`` allows.
        public static let limitReached = Code(.limitReached)
        /// An already-used refresh token was presented: likely theft, so its whole family was revoked.
        public static let reuseDetected = Code(.reuseDetected)

        public var description: String {
            switch value {
            case .malformed: "malformed"
            case .notFound: "not found"
            case .expired: "expired"
            case .idleExpired: "idle expired"
            case .stampMismatch: "security stamp mismatch"
            case .duplicate: "duplicate"
            case .limitReached: "session limit reached"
            case .reuseDetected: "refresh token reuse detected"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation; never contains the token.
    public let reason: String

    /// The error that caused this one (a store's backend error, a failed decoder), kept as it is
    /// so callers and logs can inspect it; `nil` when there was none. Not part of equality.
    public let underlying: (any Error)?

    /// Creates an error with a code, a reason and, optionally, the error that caused it.
    public init(_ code: Code, _ reason: String = "", underlying: (any Error)? = nil) {
        self.code = code
        self.reason = reason
        self.underlying = underlying
    }

    /// See ``Code/malformed``.
    public static let malformed = SessionTokenError(.malformed)
    /// See ``Code/notFound``.
    public static let notFound = SessionTokenError(.notFound)
    /// See ``Code/expired``.
    public static let expired = SessionTokenError(.expired)
    /// See ``Code/idleExpired``.
    public static let idleExpired = SessionTokenError(.idleExpired)
    /// See ``Code/stampMismatch``.
    public static let stampMismatch = SessionTokenError(.stampMismatch)
    /// See ``Code/duplicate``.
    public static let duplicate = SessionTokenError(.duplicate)
    /// See ``Code/limitReached``.
    public static let limitReached = SessionTokenError(.limitReached)
    /// See ``Code/reuseDetected``.
    public static let reuseDetected = SessionTokenError(.reuseDetected)

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String {
        reason.isEmpty ? "SessionTokenError(\(code))" : "SessionTokenError(\(code)): \(reason)"
    }
}
