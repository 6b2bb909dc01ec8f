/// An error raised while checking a password against a policy, loading a word list or consulting a
/// breached-password source.
///
/// Policy *violations* (too short, on the blocklist, ...) are not errors: they are listed in the
/// result of a check. An error means the check itself could not be carried out.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: PasswordPolicyError.passwordTooLong)`. ``reason`` explains the failure for logs and
/// operators and never contains the password.
public struct PasswordPolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case passwordTooLong
            case invalidConfiguration
            case wordListUnreadable
            case wordListMalformed
            case breachCheckUnavailable
            case historyUnavailable
            case invalidStoredHash
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The password is longer than the policy's hard maximum in UTF-8 bytes. It is refused whole,
        /// never truncated, and no further work is done on it.
        public static let passwordTooLong = Code(.passwordTooLong)
        /// The policy's settings contradict each other or are out of range (for example a minimum
        /// length above the maximum, or a maximum below the 64 characters NIST requires be allowed).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// A word list file could not be opened or read.
        public static let wordListUnreadable = Code(.wordListUnreadable)
        /// A word list is not valid UTF-8, is larger than the bound this library reads, or holds an
        /// entry longer than the bound.
        public static let wordListMalformed = Code(.wordListMalformed)
        /// A breached-password source (for example a remote range service) could not answer.
        public static let breachCheckUnavailable = Code(.breachCheckUnavailable)
        /// The password history could not be read, written or checked: the store failed, or the
        /// hashing pool was too busy to verify against it.
        public static let historyUnavailable = Code(.historyUnavailable)
        /// A hash given to the password history is not one the configured hasher can verify.
        public static let invalidStoredHash = Code(.invalidStoredHash)

        /// The code's name, for logs.
        public var description: String {
            switch value {
            case .passwordTooLong: "password too long"
            case .invalidConfiguration: "invalid configuration"
            case .wordListUnreadable: "word list unreadable"
            case .wordListMalformed: "word list malformed"
            case .breachCheckUnavailable: "breach check unavailable"
            case .historyUnavailable: "history unavailable"
            case .invalidStoredHash: "invalid stored hash"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation; never contains the password.
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

    /// See ``Code/passwordTooLong``.
    public static let passwordTooLong = PasswordPolicyError(.passwordTooLong)
    /// See ``Code/invalidConfiguration``.
    public static let invalidConfiguration = PasswordPolicyError(.invalidConfiguration)
    /// See ``Code/wordListUnreadable``.
    public static let wordListUnreadable = PasswordPolicyError(.wordListUnreadable)
    /// See ``Code/wordListMalformed``.
    public static let wordListMalformed = PasswordPolicyError(.wordListMalformed)
    /// See ``Code/breachCheckUnavailable``.
    public static let breachCheckUnavailable = PasswordPolicyError(.breachCheckUnavailable)
    /// See ``Code/historyUnavailable``.
    public static let historyUnavailable = PasswordPolicyError(.historyUnavailable)
    /// See ``Code/invalidStoredHash``.
    public static let invalidStoredHash = PasswordPolicyError(.invalidStoredHash)

    /// Compares codes only, so `#expect(throws: PasswordPolicyError.passwordTooLong)` matches any reason.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The code and reason, for logs; never contains the password.
    public var description: String {
        reason.isEmpty ? "PasswordPolicyError(\(code))" : "PasswordPolicyError(\(code)): \(reason)"
    }
}
