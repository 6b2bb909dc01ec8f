/// An error raised by the AuthCore primitives.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: AuthCoreError.invalidEncoding)`.
public struct AuthCoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case invalidEncoding
            case invalidKey
            case invalidParameter
            case authenticationFailed
            case unknownKey
            case cryptoFailure
            case invalidIdentifier
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Text was not valid Base32 / Base64URL / the expected layout.
        public static let invalidEncoding = Code(.invalidEncoding)
        /// A key had the wrong length or form.
        public static let invalidKey = Code(.invalidKey)
        /// A parameter was out of its allowed range.
        public static let invalidParameter = Code(.invalidParameter)
        /// A sealed box failed authentication: it was altered, or the wrong key or associated data was used.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// A sealed box names a key that is not in the key ring.
        public static let unknownKey = Code(.unknownKey)
        /// libcrypto reported a failure.
        public static let cryptoFailure = Code(.cryptoFailure)
        /// An identifier was empty, too long or held a control character.
        public static let invalidIdentifier = Code(.invalidIdentifier)

        public var description: String {
            switch value {
            case .invalidEncoding: "invalid encoding"
            case .invalidKey: "invalid key"
            case .invalidParameter: "invalid parameter"
            case .authenticationFailed: "authentication failed"
            case .unknownKey: "unknown key"
            case .cryptoFailure: "crypto failure"
            case .invalidIdentifier: "invalid identifier"
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

    /// Text was not valid Base32 / Base64URL / the expected layout.
    public static let invalidEncoding = AuthCoreError(.invalidEncoding)
    /// A key had the wrong length or form.
    public static let invalidKey = AuthCoreError(.invalidKey)
    /// A parameter was out of its allowed range.
    public static let invalidParameter = AuthCoreError(.invalidParameter)
    /// A sealed box failed authentication.
    public static let authenticationFailed = AuthCoreError(.authenticationFailed)
    /// A sealed box names a key that is not in the key ring.
    public static let unknownKey = AuthCoreError(.unknownKey)
    /// libcrypto reported a failure.
    public static let cryptoFailure = AuthCoreError(.cryptoFailure)
    /// An identifier was empty, too long or held a control character.
    public static let invalidIdentifier = AuthCoreError(.invalidIdentifier)

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String {
        reason.isEmpty ? "AuthCoreError(\(code))" : "AuthCoreError(\(code)): \(reason)"
    }
}
