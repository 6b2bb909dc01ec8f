/// The public identifier of a remembered device, safe to show and log (unlike its ``DeviceToken``).
///
/// Apps use it to name a device in a "remembered devices" list and to forget one device without ever
/// handling its token.
///
/// Two ids are equal when their text has the same UTF-8 bytes, as a database compares them: not
/// Swift's `String` `==`, under which canonically equivalent spellings are equal, so a store keyed by
/// it would treat as one the two devices a database keeps apart.
///
/// Generated ids are 128 random bits spelled as 22 Base64URL characters, held as their 16 bytes
/// inline; every other text read back from a store is kept as given.
///
/// ```swift
/// let id = DeviceID(rawValue: row.id)     // read back from a store
/// try await devices.delete(id: id, userID: user.id)
/// ```
public struct DeviceID: Sendable, Hashable, Codable, CustomStringConvertible {
    private let value: RandomIdentifier

    private init(_ value: RandomIdentifier) { self.value = value }

    /// The identifier text (Base64URL of 16 random bytes for generated ids).
    public var rawValue: String { value.rawValue }

    /// Wraps an identifier read back from a store.
    public init(rawValue: String) { value = RandomIdentifier(rawValue: rawValue) }

    /// A new random identifier (128 bits).
    public static func generate() -> DeviceID { DeviceID(.generate()) }

    /// Whether both ids have the same UTF-8 bytes (Unicode normalization counts).
    public static func == (lhs: DeviceID, rhs: DeviceID) -> Bool { lhs.value == rhs.value }

    /// Hashes the id consistently with `==`.
    public func hash(into hasher: inout Hasher) { value.hash(into: &hasher) }

    /// The identifier text.
    public var description: String { rawValue }

    /// Decodes a plain string, as `UserID` and ``RefreshFamilyID`` are encoded.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes as a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
