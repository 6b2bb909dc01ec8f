/// The public identifier of a refresh-token family: every token descended from one login shares it.
///
/// Safe to show and log (in a "signed-in devices" list), so it is not a capability: revoking a family
/// by id also requires its owner (``RefreshTokenIssuer/revokeFamily(_:userID:)``).
///
/// The same format as ``SessionID`` (128 random bits as 22 Base64URL characters; other text read
/// back from a store kept as given) and the same byte-exact equality, but its own type, so a session
/// id can never be passed where a family id is meant.
///
/// ```swift
/// let family = RefreshFamilyID(rawValue: row.familyID)   // read back from a store
/// try await refresh.revokeFamily(family, userID: user.id)
/// ```
public struct RefreshFamilyID: Sendable, Hashable, Codable, CustomStringConvertible {
    private let value: RandomIdentifier

    private init(_ value: RandomIdentifier) { self.value = value }

    /// The identifier text (Base64URL of 16 random bytes for generated ids).
    public var rawValue: String { value.rawValue }

    /// Wraps an identifier read back from a store.
    public init(rawValue: String) { value = RandomIdentifier(rawValue: rawValue) }

    /// A new random identifier (128 bits).
    public static func generate() -> RefreshFamilyID { RefreshFamilyID(.generate()) }

    /// Whether both ids have the same UTF-8 bytes (Unicode normalization counts).
    public static func == (lhs: RefreshFamilyID, rhs: RefreshFamilyID) -> Bool { lhs.value == rhs.value }

    /// Hashes the id consistently with `==`.
    public func hash(into hasher: inout Hasher) { value.hash(into: &hasher) }

    /// The identifier text.
    public var description: String { rawValue }

    /// Decodes a plain string.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes as a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
