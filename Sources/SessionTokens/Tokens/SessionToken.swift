import AuthCore

/// An opaque bearer token naming one session.
///
/// The text is `crm_s_` + Base64URL of 32 random bytes (256 bits) + a 6-character checksum
/// (Base64URL of the first 4 bytes of SHA-256 over prefix and body). The prefix lets secret scanners
/// find leaked tokens; the checksum lets ``init(parsing:)`` reject typos and garbage before any
/// store lookup. Stores keep only ``digest``, so a stolen database yields no usable token.
///
/// ```swift
/// let token = SessionToken.generate()
/// response.setCookie(value: token.revealedText)
/// let parsed = try SessionToken(parsing: request.cookie)   // throws .malformed on garbage
/// let session = try await store.session(digest: parsed.digest)
/// ```
public struct SessionToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The recognisable prefix every session token starts with.
    public static let prefix = "crm_s_"
    /// Random bytes in a token (NIST SP 800-63B rev. 4 §7.1: at least 64 bits; we use 256).
    static let randomByteCount = 32
    /// Characters of Base64URL for 32 bytes, unpadded.
    static let bodyLength = 43
    /// Characters of the checksum (Base64URL of 4 bytes).
    static let checksumLength = 6
    /// Total characters of a well-formed token.
    public static let length = prefix.utf8.count + bodyLength + checksumLength

    /// The token text, to hand to the client. Reading it is deliberate; never log it.
    public let revealedText: String

    private init(validatedText: String) { revealedText = validatedText }

    /// A new token from the secure random source.
    public static func generate() -> SessionToken {
        let body = Base64URL.encode(SecureRandom.bytes(count: randomByteCount))
        return SessionToken(validatedText: prefix + body + checksum(ofBody: body))
    }

    /// Parses token text received from a client.
    ///
    /// Checks the prefix, the length, the alphabet and the checksum, in time independent of the
    /// checksum's value. Does not touch any store.
    /// - Throws: ``SessionTokenError/malformed`` when any check fails.
    public init(parsing text: some StringProtocol) throws(SessionTokenError) {
        // Check the length before copying, so an oversized header costs no allocation.
        let count = text.utf8.count
        guard count == Self.length else {
            throw SessionTokenError(.malformed, "expected \(Self.length) characters, got \(count)")
        }
        let utf8 = Array(text.utf8)
        let prefixBytes = Array(Self.prefix.utf8)
        guard Array(utf8[0..<prefixBytes.count]) == prefixBytes else {
            throw SessionTokenError(.malformed, "missing the \(Self.prefix) prefix")
        }
        guard utf8[prefixBytes.count...].allSatisfy(Self.isBase64URL) else {
            throw SessionTokenError(.malformed, "character outside the Base64URL alphabet")
        }
        let bodyEnd = prefixBytes.count + Self.bodyLength
        let body = String(decoding: utf8[prefixBytes.count..<bodyEnd], as: UTF8.self)
        let checksum = Array(utf8[bodyEnd...])
        guard ConstantTime.equals(checksum, Array(Self.checksum(ofBody: body).utf8)) else {
            throw SessionTokenError(.malformed, "checksum mismatch")
        }
        // 43 characters carry 258 bits; the last 2 must be zero for the text to be canonical.
        guard (try? Base64URL.decode(body)).map({ Base64URL.encode($0) == body }) == true else {
            throw SessionTokenError(.malformed, "non-canonical Base64URL body")
        }
        revealedText = String(decoding: utf8, as: UTF8.self)
    }

    /// The SHA-256 digest of the whole token text: the key stores look sessions up by.
    public var digest: SessionTokenDigest { SessionTokenDigest(token: revealedText) }

    private static func checksum(ofBody body: String) -> String {
        Base64URL.encode(HashFunction.sha256.digest(prefix + body).prefix(4))
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    /// Compares in constant time.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        ConstantTime.equals(lhs.revealedText, rhs.revealedText)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }

    /// Redacted: shows the prefix only.
    public var description: String { "\(Self.prefix)<redacted>" }
    public var debugDescription: String { "SessionToken(\(Self.prefix)<redacted>)" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
