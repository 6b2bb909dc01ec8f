public import AuthCore

/// An opaque bearer token naming one session.
///
/// The text is `crm_s_` + Base64URL of 32 random bytes (256 bits) + a 6-character checksum
/// (Base64URL of the first 4 bytes of SHA-256 over prefix and body). The prefix lets secret scanners
/// find leaked tokens; the checksum lets `init(parsing:)` reject typos and garbage before any
/// store lookup. Stores keep only ``digest``, so a stolen database yields no usable token.
///
/// ```swift
/// let token = SessionToken.generate()
/// response.setCookie(value: token.revealedText)
/// let parsed = try SessionToken(parsing: request.cookie)   // throws .malformed on garbage
/// let session = try await store.session(digest: parsed.digest)
/// ```
public struct SessionToken: Sendable, Hashable, Redacting {
    /// The recognisable prefix every session token starts with.
    public static let prefix = "crm_s_"
    static let format = OpaqueTokenFormat(prefix: prefix)
    /// Total characters of a well-formed token.
    public static let length = format.length

    /// The token text, to hand to the client. Reading it is deliberate; never log it.
    public let revealedText: String

    private init(validated: (text: String, digest: TokenDigest)) {
        (revealedText, digest) = validated
    }

    /// A new token from the secure random source.
    public static func generate() -> SessionToken {
        SessionToken(validated: format.generate())
    }

    /// Parses token text received from a client.
    ///
    /// Checks the prefix, the length, the alphabet and the checksum, in time independent of the
    /// checksum's value. Does not touch any store.
    /// - Throws: ``SessionTokenError/malformed`` when any check fails.
    public init(parsing text: some StringProtocol) throws(SessionTokenError) {
        self.init(validated: try Self.format.validate(text))
    }

    /// Parses token text received from a client; the same checks as the generic overload, reading
    /// the String's bytes in place.
    public init(parsing text: String) throws(SessionTokenError) {
        self.init(validated: try Self.format.validate(text))
    }

    /// The key stores keep: SHA-256 over the prefix and the random body (the checksum characters
    /// are the first 4 bytes of this same digest), computed once when the token is made or parsed.
    public let digest: TokenDigest

    /// Compares in constant time.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        ConstantTime.equals(lhs.revealedText, rhs.revealedText)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }

    /// Redacted: shows the prefix only.
    public var description: String { "\(Self.prefix)<redacted>" }
    /// Redacted: the type and prefix only, as `debugDescription` and `dump` show it.
    public var redactedDescription: String { "SessionToken(\(Self.prefix)<redacted>)" }
}
