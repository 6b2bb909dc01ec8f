/// A block of addresses in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`), or one address: for example
/// the reverse proxies whose `X-Forwarded-For` an app believes.
///
/// An IPv4 range matches IPv4 addresses only (IPv4-mapped IPv6 addresses are IPv4 here, as
/// ``SourceAddress`` reads them); an IPv6 range matches IPv6 addresses only.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the block (the host bits cleared).
    public let base: SourceAddress
    /// How many leading bits are fixed: 0 to 32 for IPv4, 0 to 128 for IPv6.
    public let prefixLength: Int

    /// Parses `ADDRESS/LENGTH`, or a lone `ADDRESS` (a block of one).
    ///
    /// - Parameter text: the range, e.g. `192.0.2.0/24`, `2001:db8::/48` or `203.0.113.7`.
    /// - Throws: ``LockoutError/invalidAddress`` for an address ``SourceAddress/init(parsing:)`` refuses,
    ///   a length that is not a decimal number within the family's bits, or set host bits
    ///   (`10.0.0.1/8` is refused, so that no one reads it as a single address).
    public init(parsing text: String) throws(LockoutError) {
        guard text.utf8.count <= SourceAddress.maximumLength + 4 else {
            throw LockoutError(
                .invalidAddress, "an address range has at most \(SourceAddress.maximumLength + 4) characters")
        }
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let address = try SourceAddress(parsing: String(parts[0]))
        let bits = address.isIPv4 ? 32 : 128
        var length = bits
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.utf8.count <= 3, digits.utf8.allSatisfy({ (48...57).contains($0) }),
                let value = Int(digits), value <= bits, digits.utf8.count == 1 || digits.utf8.first != 48
            else {
                throw LockoutError(.invalidAddress, "a prefix length is a decimal number from 0 to \(bits)")
            }
            length = value
        }
        let masked = Self.masked(address, length)
        guard masked == address else {
            throw LockoutError(.invalidAddress, "the address has bits set past its prefix length")
        }
        base = address
        prefixLength = length
    }

    /// Whether `address` is in the block.
    public func contains(_ address: SourceAddress) -> Bool {
        address.isIPv4 == base.isIPv4 && Self.masked(address, prefixLength) == base
    }

    /// `ADDRESS/LENGTH`.
    public var description: String { "\(base)/\(prefixLength)" }

    /// `address` with every bit past the first `length` cleared.
    private static func masked(_ address: SourceAddress, _ length: Int) -> SourceAddress {
        if address.isIPv4 {
            let mask: UInt64 = length == 0 ? 0 : (UInt64(0xFFFF_FFFF) << (32 - length)) & 0xFFFF_FFFF
            return SourceAddress(ipv4: UInt32(truncatingIfNeeded: address.low & mask))
        }
        let highMask: UInt64 = length >= 64 ? .max : length == 0 ? 0 : ~(UInt64.max >> length)
        let lowBits = max(0, length - 64)
        let lowMask: UInt64 = lowBits == 0 ? 0 : lowBits >= 64 ? .max : ~(UInt64.max >> lowBits)
        return SourceAddress(ipv6High: address.high & highMask, low: address.low & lowMask)
    }
}
