public import AuthCore

/// The SHA-256 digest of a normalized recovery code: the only form a store keeps.
///
/// Recovery codes carry 80 random bits, so an unsalted fast digest is enough to keep them useless to
/// someone who reads the database (the design's rule for high-entropy tokens). It still prints as
/// `RecoveryCodeDigest(<redacted>)`: a digest in a log is one less thing to keep from an attacker.
public struct RecoveryCodeDigest: Sendable, Hashable, Redacting {
    /// The 32 digest bytes, for a backend to store.
    public let bytes: [UInt8]

    /// Restores a digest a backend stored.
    ///
    /// - Throws: ``TOTPError/invalidSecret`` unless `bytes` is 32 bytes long.
    public init(bytes: [UInt8]) throws(TOTPError) {
        guard bytes.count == HashFunction.sha256.digestLength else {
            throw TOTPError(.invalidSecret, "a recovery code digest is 32 bytes")
        }
        self.bytes = bytes
    }

    /// The digest of what a user typed, or `nil` if it cannot be a recovery code.
    ///
    /// Case, spaces and hyphens are ignored, and the letters people confuse with digits are read as
    /// those digits (O as 0, I and L as 1), as Crockford's Base32 does.
    public init?(typed text: String) {
        guard let normalized = RecoveryCode.normalize(text) else { return nil }
        bytes = HashFunction.sha256.digest(normalized)
    }

    /// Compares in constant time.
    public static func == (lhs: Self, rhs: Self) -> Bool { ConstantTime.equals(lhs.bytes, rhs.bytes) }

    /// Hashes the digest bytes, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
