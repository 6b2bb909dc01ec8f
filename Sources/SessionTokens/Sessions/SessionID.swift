import AuthCore

/// The public identifier of a session, safe to show and log (unlike its token).
///
/// Apps use it to name a session in "where you're signed in" lists and to revoke one session
/// without ever handling its token.
///
/// Two ids are equal when their text has the same UTF-8 bytes, as a database compares them: not
/// Swift's `String` `==`, under which canonically equivalent spellings are equal, so a store keyed by
/// it would treat as one the two sessions or refresh-token families a database keeps apart.
public struct SessionID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier text (Base64URL of 16 random bytes for generated ids).
    public let rawValue: String

    /// Wraps an identifier read back from a store.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A new random identifier (128 bits).
    public static func generate() -> SessionID {
        SessionID(rawValue: Base64URL.encode(SecureRandom.bytes(count: 16)))
    }

    /// Whether both ids have the same UTF-8 bytes (Unicode normalization counts).
    public static func == (lhs: SessionID, rhs: SessionID) -> Bool {
        ExactText(lhs.rawValue) == ExactText(rhs.rawValue)
    }

    /// Hashes the id's UTF-8 bytes, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        ExactText(rawValue).hash(into: &hasher)
    }

    public var description: String { rawValue }
}
