public import AuthCore

/// HOTP codes (RFC 4226): HMAC of a moving counter, dynamically truncated to 6–8 decimal digits.
///
/// The HMAC key's pads are computed once, so each code costs the hash compressions of one HMAC.
///
/// ```swift
/// let generator = try HOTPGenerator(secret: secret, algorithm: .sha1, digits: 6)
/// let code = generator.code(counter: 0)   // "755224" for the RFC 4226 Appendix D secret
/// ```
public struct HOTPGenerator: Sendable {
    /// The digit counts RFC 4226 §5.3 allows (a value of at least 6, and 8 at most in practice).
    public static let allowedDigits: ClosedRange<Int> = 6...8

    /// The HMAC hash function: SHA-1 for RFC 4226; SHA-256 and SHA-512 as RFC 6238 §1.2 allows.
    public var algorithm: HashFunction { key.hash }
    /// The number of decimal digits in each code.
    public let digits: Int

    private let key: HMACKey
    private let modulus: UInt32

    /// Prepares a generator for `secret`.
    ///
    /// - Throws: ``TOTPError/parameterOutOfRange`` if `digits` is not in ``allowedDigits``.
    public init(secret: OTPSecret, algorithm: HashFunction = .sha1, digits: Int = 6) throws(TOTPError) {
        guard Self.allowedDigits.contains(digits) else {
            throw TOTPError(.parameterOutOfRange, "digits must be 6, 7 or 8 (RFC 4226 §5.3)")
        }
        self.digits = digits
        key = HMACKey(secret.revealedBytes, hash: algorithm)
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        self.modulus = modulus
    }

    /// The code for `counter`, zero-padded to ``digits`` characters (RFC 4226 §5.3).
    public func code(counter: UInt64) -> String {
        var message = counter.bigEndian
        let mac = withUnsafeBytes(of: &message) { key.authenticationCode(for: $0) }
        return format(Self.truncate(mac) % modulus)
    }

    /// Dynamic truncation (RFC 4226 §5.3): 31 bits read at the offset named by the last nibble.
    static func truncate(_ mac: [UInt8]) -> UInt32 {
        let offset = Int(mac[mac.count - 1] & 0x0f)
        return UInt32(mac[offset] & 0x7f) << 24 | UInt32(mac[offset + 1]) << 16
            | UInt32(mac[offset + 2]) << 8 | UInt32(mac[offset + 3])
    }

    private func format(_ value: UInt32) -> String {
        var remaining = value
        var ascii = [UInt8](repeating: 0x30, count: digits)
        for index in stride(from: digits - 1, through: 0, by: -1) {
            ascii[index] = 0x30 + UInt8(remaining % 10)
            remaining /= 10
        }
        return String(decoding: ascii, as: UTF8.self)
    }
}
