/// The network address a login attempt came from, parsed from text: IPv4 or IPv6.
///
/// Lockout counts an address by its ``prefix``: an IPv4 address as itself, an IPv6 address by its /64
/// (one subnet, what a single customer is usually given: RFC 6177 §3, RFC 7421 §1), so an attacker who
/// holds a /64 cannot reset a counter by moving to the next address. An IPv4-mapped IPv6 address
/// (`::ffff:192.0.2.7`, RFC 4291 §2.5.5.2, what a dual-stack socket reports for an IPv4 client) is the
/// IPv4 address it carries.
///
/// ```swift
/// let source = try SourceAddress(parsing: request.remoteAddress)   // "203.0.113.7" or "2001:db8::1"
/// ```
///
/// Parse the address your server saw (the socket peer, or the client address a proxy you trust wrote
/// in a header you trust); a header anyone can set lets an attacker choose their own counter.
public struct SourceAddress: Sendable, Hashable, CustomStringConvertible {
    /// The longest text parsed: 45 characters, an IPv6 address with an embedded IPv4 one written out
    /// in full (`ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255`).
    public static let maximumLength = 45

    /// The first 64 bits of the IPv6 address (0 for IPv4).
    let high: UInt64
    /// The last 64 bits of the IPv6 address, or the IPv4 address in the low 32 bits.
    let low: UInt64
    /// Whether this is an IPv4 address (given as such or IPv4-mapped).
    public let isIPv4: Bool

    /// The IPv4 address `value` (the first octet in the most significant byte).
    ///
    /// - Parameter value: the address as a 32-bit number in network order of significance.
    public init(ipv4 value: UInt32) {
        self.init(high: 0, low: UInt64(value), isIPv4: true)
    }

    private init(high: UInt64, low: UInt64, isIPv4: Bool) {
        self.high = high
        self.low = low
        self.isIPv4 = isIPv4
    }

    /// The IPv6 address made of two 64-bit halves; an IPv4-mapped address becomes the IPv4 address.
    ///
    /// - Parameters:
    ///   - high: the first 64 bits (the /64 prefix).
    ///   - low: the last 64 bits (the interface identifier).
    public init(ipv6High high: UInt64, low: UInt64) {
        if high == 0, low >> 32 == 0xFFFF {
            self.init(ipv4: UInt32(truncatingIfNeeded: low))
        } else {
            self.init(high: high, low: low, isIPv4: false)
        }
    }

    /// Parses an IPv4 address in dotted-decimal form or an IPv6 address in RFC 4291 §2.2 text form.
    ///
    /// - Parameter text: the address, e.g. `203.0.113.7`, `2001:db8::1` or `::ffff:203.0.113.7`.
    /// - Throws: ``LockoutError/invalidAddress`` for anything else: longer than ``maximumLength``,
    ///   empty, with a zone index (`%eth0`), brackets or a port, an IPv4 part over 255 or with a leading
    ///   zero (`010` is octal to some parsers and decimal to others), a hexadecimal group over four
    ///   digits, more than one `::`, or the wrong number of groups.
    public init(parsing text: String) throws(LockoutError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= Self.maximumLength else {
            throw LockoutError(.invalidAddress, "an address has 1 to \(Self.maximumLength) characters")
        }
        if !bytes.contains(UInt8(ascii: ":")) {
            guard let value = AddressText.ipv4(bytes[...]) else {
                throw LockoutError(.invalidAddress, "not a dotted-decimal IPv4 address")
            }
            self.init(ipv4: value)
        } else {
            guard let (high, low) = AddressText.ipv6(bytes[...]) else {
                throw LockoutError(.invalidAddress, "not an IPv6 address in RFC 4291 text form")
            }
            self.init(ipv6High: high, low: low)
        }
    }

    /// What lockout counts this address as: the IPv4 address, or the IPv6 /64 prefix.
    public var prefix: SourcePrefix {
        isIPv4 ? SourcePrefix(ipv4: UInt32(truncatingIfNeeded: low)) : SourcePrefix(ipv6Network: high)
    }

    /// Dotted decimal for IPv4; eight hexadecimal groups for IPv6.
    public var description: String {
        if isIPv4 { return AddressText.dotted(UInt32(truncatingIfNeeded: low)) }
        return (AddressText.groups(high) + AddressText.groups(low)).joined(separator: ":")
    }
}
