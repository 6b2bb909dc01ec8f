public import AuthCore

/// A long-lived bearer token that marks a browser or app as a device its user chose to remember
/// ("remember this device"), so a later login from it may skip the second factor and is counted apart
/// from strangers by lockout.
///
/// Same format as ``SessionToken`` under the prefix `crm_d_`: 256 random bits and a checksum. Stores
/// keep only ``digest``; the text lives in the device's cookie.
public struct DeviceToken: Sendable, Hashable, Redacting {
    /// The recognisable prefix every device token starts with.
    public static let prefix = "crm_d_"
    static let format = OpaqueTokenFormat(prefix: prefix)

    /// The token text, to put in the device's cookie. Reading it is deliberate; never log it.
    public let revealedText: String

    /// The key stores keep: SHA-256 over the prefix and the random body, computed once when the token
    /// is made or parsed.
    public let digest: TokenDigest

    private init(validated: (text: String, digest: TokenDigest)) {
        (revealedText, digest) = validated
    }

    /// A new token from the secure random source.
    public static func generate() -> DeviceToken { DeviceToken(validated: format.generate()) }

    /// Parses token text from a cookie.
    /// - Parameter text: the cookie's value.
    /// - Throws: ``SessionTokenError/malformed`` when prefix, length, alphabet or checksum is wrong.
    public init(parsing text: some StringProtocol) throws(SessionTokenError) {
        self.init(validated: try Self.format.validate(text))
    }

    /// Compares in constant time.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        ConstantTime.equals(lhs.revealedText, rhs.revealedText)
    }

    /// Hashes the digest, consistently with `==` (equal texts have equal digests).
    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }

    /// Redacted: shows the prefix only.
    public var description: String { "\(Self.prefix)<redacted>" }
    /// Redacted: the type and prefix only, as `debugDescription` and `dump` show it.
    public var redactedDescription: String { "DeviceToken(\(Self.prefix)<redacted>)" }
}
