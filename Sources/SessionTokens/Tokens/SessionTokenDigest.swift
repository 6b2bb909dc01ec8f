import AuthCore

/// The SHA-256 digest of a ``SessionToken``: what stores keep and look sessions up by.
///
/// The same type keys ``RefreshToken`` and ``OneTimeToken`` records; their prefixes differ, so a
/// digest of one kind never matches a token of another.
///
/// The token has 256 bits of entropy, so a plain (unsalted, fast) digest is enough: it cannot be
/// inverted, and knowing it does not let anyone present the token.
public struct SessionTokenDigest: Sendable, Hashable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Wraps digest bytes read back from a store.
    /// - Throws: ``SessionTokenError/malformed`` unless `bytes` has 32 bytes.
    public init(bytes: [UInt8]) throws(SessionTokenError) {
        guard bytes.count == HashFunction.sha256.digestLength else {
            throw SessionTokenError(.malformed, "a token digest has 32 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    init(token text: String) { bytes = HashFunction.sha256.digest(text) }

    /// The first 8 bytes in hex, enough to correlate log lines; reveals nothing usable.
    public var description: String {
        "SessionTokenDigest(" + bytes.prefix(8).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined() + "…)"
    }
}
