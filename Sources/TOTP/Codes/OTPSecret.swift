public import AuthCore

/// The shared secret of an HOTP/TOTP credential, as bytes, redacted when printed.
///
/// RFC 4226 §4 (R6) requires at least 128 bits and recommends 160; ``generate(byteCount:)`` makes
/// 160 bits by default, and the initializers accept 128 bits or more.
///
/// ```swift
/// let secret = OTPSecret.generate()
/// let text = secret.revealedBase32        // for the otpauth URI, never for logs
/// let same = try OTPSecret(base32: text)
/// ```
public struct OTPSecret: Sendable, Equatable, Redacting {
    /// The fewest bytes accepted: 128 bits (RFC 4226 §4, R6).
    public static let minimumByteCount = 16
    /// The default size of a generated secret: 160 bits (RFC 4226 §4, R6 recommendation).
    public static let defaultByteCount = 20
    /// The most bytes accepted, which bounds memory for secrets read from untrusted input.
    public static let maximumByteCount = 128

    private let storage: Secret<[UInt8]>

    /// Wraps `bytes`.
    ///
    /// - Throws: ``TOTPError/invalidSecret`` if `bytes` has fewer than ``minimumByteCount`` or more
    ///   than ``maximumByteCount`` bytes.
    public init(bytes: [UInt8]) throws(TOTPError) {
        guard bytes.count >= Self.minimumByteCount else {
            throw TOTPError(.invalidSecret, "secret is shorter than 128 bits (RFC 4226 §4 R6)")
        }
        guard bytes.count <= Self.maximumByteCount else {
            throw TOTPError(.invalidSecret, "secret is longer than \(Self.maximumByteCount) bytes")
        }
        storage = Secret(bytes)
    }

    /// Decodes a Base32 secret (RFC 4648 §6) as authenticator apps show it.
    ///
    /// Case, spaces, hyphens and trailing `=` are ignored.
    ///
    /// - Throws: ``TOTPError/invalidSecret`` for bad Base32 or a secret of the wrong size.
    public init(base32: some StringProtocol) throws(TOTPError) {
        let maxCharacters = (Self.maximumByteCount * 8 + 4) / 5 + 64  // room for padding and grouping
        let decoded: [UInt8]
        do {
            decoded = try Base32.decode(base32, maxLength: maxCharacters)
        } catch {
            throw TOTPError(.invalidSecret, "secret is not valid Base32: \(error.reason)")
        }
        try self.init(bytes: decoded)
    }

    /// A fresh random secret of `byteCount` bytes (default 160 bits, RFC 4226 §4 R6).
    ///
    /// `byteCount` is clamped to ``minimumByteCount``...``maximumByteCount``.
    public static func generate(byteCount: Int = defaultByteCount) -> OTPSecret {
        let count = min(max(byteCount, minimumByteCount), maximumByteCount)
        // The count is in range, so the throwing initializer cannot fail.
        return try! OTPSecret(bytes: SecureRandom.bytes(count: count))
    }

    /// The secret bytes. Reading them is deliberate; the name makes that visible in review.
    public var revealedBytes: [UInt8] { storage.revealed }

    /// The secret in unpadded upper-case Base32, as the `secret` parameter of an otpauth URI carries it.
    public var revealedBase32: String { Base32.encode(storage.revealed) }

    /// Compares in constant time.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.storage == rhs.storage }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `OTPSecret(<redacted>)`: what `debugDescription`, `dump` and `Mirror` show.
    public var redactedDescription: String { "OTPSecret(<redacted>)" }
}
