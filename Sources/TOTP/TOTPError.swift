/// An error raised while creating one-time-password secrets, configurations or `otpauth://` URIs.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: TOTPError.invalidURI)`. ``reason`` explains the failure for logs and operators and
/// never contains the secret.
public struct TOTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case invalidURI
            case invalidSecret
            case missingParameter
            case unsupportedAlgorithm
            case parameterOutOfRange
            case issuerMismatch
            case inputTooLong
            case sealingFailed
            case unsealingFailed
            case notEnrolled
            case alreadyEnrolled
            case noPendingEnrollment
            case qrCodeCapacityExceeded
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The text is not an `otpauth://totp/...` or `otpauth://hotp/...` URI: wrong scheme or type,
        /// bad percent-encoding, a colon in an issuer or account name, a repeated parameter.
        public static let invalidURI = Code(.invalidURI)
        /// The secret is not valid Base32 (RFC 4648 §6), or is shorter than 128 bits (RFC 4226 §4 R6)
        /// or longer than ``OTPSecret/maximumByteCount``.
        public static let invalidSecret = Code(.invalidSecret)
        /// A required URI parameter is absent: `secret`, or `counter` for HOTP.
        public static let missingParameter = Code(.missingParameter)
        /// The algorithm is not SHA1, SHA256 or SHA512 (RFC 6238 §1.2).
        public static let unsupportedAlgorithm = Code(.unsupportedAlgorithm)
        /// Digits outside 6...8 (RFC 4226 §5.3), a period outside 1...86400 s, a window or HOTP
        /// look-ahead over the maximum, or a counter that is not a 64-bit unsigned number.
        public static let parameterOutOfRange = Code(.parameterOutOfRange)
        /// The issuer in the label prefix differs from the `issuer` parameter.
        public static let issuerMismatch = Code(.issuerMismatch)
        /// The input is longer than the bound this library reads (see ``OTPAuthURI/maximumLength``).
        public static let inputTooLong = Code(.inputTooLong)
        /// The secret could not be sealed (a failure inside libcrypto).
        public static let sealingFailed = Code(.sealingFailed)
        /// A sealed secret was altered, malformed, sealed for another user, or under a key not in the ring.
        public static let unsealingFailed = Code(.unsealingFailed)
        /// The user has no active TOTP secret.
        public static let notEnrolled = Code(.notEnrolled)
        /// The user already has an active TOTP secret; disable it before enrolling again.
        public static let alreadyEnrolled = Code(.alreadyEnrolled)
        /// There is no pending enrollment to confirm, or it has expired.
        public static let noPendingEnrollment = Code(.noPendingEnrollment)
        /// The data is longer than a version 40 QR code holds at the chosen error-correction level
        /// (see ``QRCode/byteCapacity(version:errorCorrection:)``).
        public static let qrCodeCapacityExceeded = Code(.qrCodeCapacityExceeded)

        /// The code's name, for logs.
        public var description: String {
            switch value {
            case .invalidURI: "invalid URI"
            case .invalidSecret: "invalid secret"
            case .missingParameter: "missing parameter"
            case .unsupportedAlgorithm: "unsupported algorithm"
            case .parameterOutOfRange: "parameter out of range"
            case .issuerMismatch: "issuer mismatch"
            case .inputTooLong: "input too long"
            case .sealingFailed: "sealing failed"
            case .unsealingFailed: "unsealing failed"
            case .notEnrolled: "not enrolled"
            case .alreadyEnrolled: "already enrolled"
            case .noPendingEnrollment: "no pending enrollment"
            case .qrCodeCapacityExceeded: "QR code capacity exceeded"
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

    /// See ``Code/invalidURI``.
    public static let invalidURI = TOTPError(.invalidURI)
    /// See ``Code/invalidSecret``.
    public static let invalidSecret = TOTPError(.invalidSecret)
    /// See ``Code/missingParameter``.
    public static let missingParameter = TOTPError(.missingParameter)
    /// See ``Code/unsupportedAlgorithm``.
    public static let unsupportedAlgorithm = TOTPError(.unsupportedAlgorithm)
    /// See ``Code/parameterOutOfRange``.
    public static let parameterOutOfRange = TOTPError(.parameterOutOfRange)
    /// See ``Code/issuerMismatch``.
    public static let issuerMismatch = TOTPError(.issuerMismatch)
    /// See ``Code/inputTooLong``.
    public static let inputTooLong = TOTPError(.inputTooLong)
    /// See ``Code/sealingFailed``.
    public static let sealingFailed = TOTPError(.sealingFailed)
    /// See ``Code/unsealingFailed``.
    public static let unsealingFailed = TOTPError(.unsealingFailed)
    /// See ``Code/notEnrolled``.
    public static let notEnrolled = TOTPError(.notEnrolled)
    /// See ``Code/alreadyEnrolled``.
    public static let alreadyEnrolled = TOTPError(.alreadyEnrolled)
    /// See ``Code/noPendingEnrollment``.
    public static let noPendingEnrollment = TOTPError(.noPendingEnrollment)
    /// See ``Code/qrCodeCapacityExceeded``.
    public static let qrCodeCapacityExceeded = TOTPError(.qrCodeCapacityExceeded)

    /// Compares codes only, so `#expect(throws: TOTPError.invalidURI)` matches any reason.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The code and reason, for logs; never contains secret material.
    public var description: String {
        reason.isEmpty ? "TOTPError(\(code))" : "TOTPError(\(code)): \(reason)"
    }
}
