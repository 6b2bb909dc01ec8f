/// A source as lockout counts it: one IPv4 address, or one IPv6 /64 network.
///
/// Made from a ``SourceAddress`` (``SourceAddress/prefix``). Encodes as text, `203.0.113.7` or
/// `2001:db8:0:7::/64`, so an audit record or an operator's status shows it as people write it.
public struct SourcePrefix: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Whether this is an IPv6 /64 network (otherwise an IPv4 address).
    public let isIPv6: Bool
    /// The IPv4 address (low 32 bits) or the first 64 bits of the IPv6 network.
    public let value: UInt64

    /// One IPv4 address.
    ///
    /// - Parameter address: the address as a 32-bit number, first octet most significant.
    public init(ipv4 address: UInt32) {
        isIPv6 = false
        value = UInt64(address)
    }

    /// One IPv6 /64 network.
    ///
    /// - Parameter network: the first 64 bits of the network's addresses.
    public init(ipv6Network network: UInt64) {
        isIPv6 = true
        value = network
    }

    /// `203.0.113.7`, or the network's four groups followed by `::/64`.
    public var description: String {
        isIPv6
            ? AddressText.groups(value).joined(separator: ":") + "::/64"
            : AddressText.dotted(UInt32(truncatingIfNeeded: value))
    }

    /// Decodes the text ``description`` writes.
    ///
    /// - Parameter decoder: the decoder to read a single string from.
    /// - Throws: `DecodingError.dataCorrupted` if the text is neither form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if text.hasSuffix("/64"), let address = try? SourceAddress(parsing: String(text.dropLast(3))),
            !address.isIPv4, address.low == 0
        {
            self = address.prefix
        } else if !text.contains(":"), let address = try? SourceAddress(parsing: text) {
            self = address.prefix
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an IPv4 address or an IPv6 /64 network")
        }
    }

    /// Encodes ``description``.
    ///
    /// - Parameter encoder: the encoder to write a single string to.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
