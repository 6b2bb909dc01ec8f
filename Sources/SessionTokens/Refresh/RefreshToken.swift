public import AuthCore

/// A long-lived bearer token a mobile app or API client trades for a new one (and a new session).
///
/// Same format as ``SessionToken`` under the prefix `crm_r_`. Stores keep only ``digest``.
public struct RefreshToken: Sendable, Hashable, Redacting {
    /// The recognisable prefix every refresh token starts with.
    public static let prefix = "crm_r_"
    static let format = OpaqueTokenFormat(prefix: prefix)

    /// The token text, for the client. Reading it is deliberate; never log it.
    public let revealedText: String

    private init(validated: (text: String, digest: TokenDigest)) {
        (revealedText, digest) = validated
    }

    /// A new token from the secure random source.
    public static func generate() -> RefreshToken { RefreshToken(validated: format.generate()) }

    /// Parses token text from a client.
    /// - Throws: ``SessionTokenError/malformed`` when prefix, length, alphabet or checksum is wrong.
    public init(parsing text: some StringProtocol) throws(SessionTokenError) {
        self.init(validated: try Self.format.validate(text))
    }

    /// The key stores keep: SHA-256 over the prefix and the random body (the checksum characters
    /// are the first 4 bytes of this same digest), computed once when the token is made or parsed.
    public let digest: TokenDigest

    /// Compares in constant time.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        ConstantTime.equals(lhs.revealedText, rhs.revealedText)
    }

    /// Hashes the digest, consistently with `==` (equal texts have equal digests).
    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }

    /// Redacted: shows the prefix only.
    public var description: String { "\(Self.prefix)<redacted>" }
    /// Redacted: the type and prefix only, as `debugDescription` and `dump` show it.
    public var redactedDescription: String { "RefreshToken(\(Self.prefix)<redacted>)" }
}
