import AuthCore

/// The public identifier of a session, safe to show and log (unlike its token).
///
/// Apps use it to name a session in "where you're signed in" lists and to revoke one session
/// without ever handling its token.
public struct SessionID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier text (Base64URL of 16 random bytes for generated ids).
    public let rawValue: String

    /// Wraps an identifier read back from a store.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A new random identifier (128 bits).
    public static func generate() -> SessionID {
        SessionID(rawValue: Base64URL.encode(SecureRandom.bytes(count: 16)))
    }

    public var description: String { rawValue }
}
