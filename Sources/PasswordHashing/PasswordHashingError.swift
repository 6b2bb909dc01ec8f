/// An error raised while hashing or verifying a password.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: PasswordHashingError.malformedHash)`. ``reason`` explains the failure for logs and
/// operators and never contains the password or hash material.
public struct PasswordHashingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case malformedHash
            case unsupportedAlgorithm
            case parameterOutOfRange
            case exceedsLimits
            case emptyPassword
            case passwordTooLong
            case busy
            case unknownPepper
            case internalFailure
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The stored hash string is truncated, has a bad field or bad encoding.
        public static let malformedHash = Code(.malformedHash)
        /// The hash names an algorithm or variant this library does not verify.
        public static let unsupportedAlgorithm = Code(.unsupportedAlgorithm)
        /// A parameter is outside the range its algorithm defines.
        public static let parameterOutOfRange = Code(.parameterOutOfRange)
        /// A parameter is valid but costs more memory or time than the configured ``HashingLimits`` allow.
        public static let exceedsLimits = Code(.exceedsLimits)
        /// The password is empty.
        public static let emptyPassword = Code(.emptyPassword)
        /// The password is longer than the maximum (see ``HashingLimits/maxPasswordBytes``), or longer than
        /// bcrypt's 72 bytes when the policy rejects rather than pre-hashes.
        public static let passwordTooLong = Code(.passwordTooLong)
        /// The hashing pool's queue is full; try again shortly.
        public static let busy = Code(.busy)
        /// The hash was peppered under a key id the hasher does not have.
        public static let unknownPepper = Code(.unknownPepper)
        /// libcrypto or the runtime failed in a way input cannot explain.
        public static let internalFailure = Code(.internalFailure)

        public var description: String {
            switch value {
            case .malformedHash: "malformed hash"
            case .unsupportedAlgorithm: "unsupported algorithm"
            case .parameterOutOfRange: "parameter out of range"
            case .exceedsLimits: "exceeds limits"
            case .emptyPassword: "empty password"
            case .passwordTooLong: "password too long"
            case .busy: "busy"
            case .unknownPepper: "unknown pepper"
            case .internalFailure: "internal failure"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation; never contains secret material.
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

    /// See ``Code/malformedHash``.
    public static let malformedHash = PasswordHashingError(.malformedHash)
    /// See ``Code/unsupportedAlgorithm``.
    public static let unsupportedAlgorithm = PasswordHashingError(.unsupportedAlgorithm)
    /// See ``Code/parameterOutOfRange``.
    public static let parameterOutOfRange = PasswordHashingError(.parameterOutOfRange)
    /// See ``Code/exceedsLimits``.
    public static let exceedsLimits = PasswordHashingError(.exceedsLimits)
    /// See ``Code/emptyPassword``.
    public static let emptyPassword = PasswordHashingError(.emptyPassword)
    /// See ``Code/passwordTooLong``.
    public static let passwordTooLong = PasswordHashingError(.passwordTooLong)
    /// See ``Code/busy``.
    public static let busy = PasswordHashingError(.busy)
    /// See ``Code/unknownPepper``.
    public static let unknownPepper = PasswordHashingError(.unknownPepper)
    /// See ``Code/internalFailure``.
    public static let internalFailure = PasswordHashingError(.internalFailure)

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String {
        reason.isEmpty ? "PasswordHashingError(\(code))" : "PasswordHashingError(\(code)): \(reason)"
    }
}
