public import AuthCore

/// HOTP codes (RFC 4226): HMAC of a moving counter, dynamically truncated to 6–8 decimal digits.
///
/// The HMAC key's pads are absorbed once, so each code costs two hash compressions (SHA-1, SHA-256)
/// and allocates only the returned string.
///
/// ```swift
/// let generator = try HOTPGenerator(secret: secret, algorithm: .sha1, digits: 6)
/// let code = generator.code(counter: 0)   // "755224" for the RFC 4226 Appendix D secret
/// ```
///
/// The generator holds the HMAC key's pad states, from which every code can be computed, so it
/// prints as `HOTPGenerator(SHA1, digits: 6, key: <redacted>)` everywhere, `dump` included.
public struct HOTPGenerator: Sendable, Redacting {
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

    /// Shows the algorithm and digit count only.
    public var redactedDescription: String { "HOTPGenerator(\(algorithm), digits: \(digits), key: <redacted>)" }

    /// The code for `counter`, zero-padded to ``digits`` characters (RFC 4226 §5.3).
    public func code(counter: UInt64) -> String {
        format(value(counter: counter))
    }

    /// The code for `counter` as a number below 10^``digits`` (the code without its leading zeros),
    /// computed without allocating: what a verifier compares.
    func value(counter: UInt64) -> UInt32 {
        var message = counter.bigEndian
        // 64 bytes: room for the longest digest (SHA-512).
        return withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { mac in
            withUnsafeBytes(of: &message) { key.authenticationCode(for: $0, into: mac) }
            return Self.truncate(UnsafeRawBufferPointer(rebasing: mac[..<key.hash.digestLength])) % modulus
        }
    }

    /// Dynamic truncation (RFC 4226 §5.3): 31 bits read at the offset named by the last nibble.
    static func truncate(_ mac: UnsafeRawBufferPointer) -> UInt32 {
        let offset = Int(mac[mac.count - 1] & 0x0f)
        return UInt32(mac[offset] & 0x7f) << 24 | UInt32(mac[offset + 1]) << 16
            | UInt32(mac[offset + 2]) << 8 | UInt32(mac[offset + 3])
    }

    private func format(_ value: UInt32) -> String {
        // At most 8 characters: a small string, stored inline without a heap allocation.
        String(unsafeUninitializedCapacity: digits) { ascii in
            var remaining = value
            for index in stride(from: digits - 1, through: 0, by: -1) {
                ascii[index] = 0x30 + UInt8(remaining % 10)
                remaining /= 10
            }
            return digits
        }
    }
}
