/// A set of ASCII characters as a 128-bit mask, for membership tests in the matchers' inner loops.
struct ASCIISet: Sendable {
    private let low: UInt64
    private let high: UInt64

    /// The set of the ASCII characters in `characters` (others are ignored).
    init(_ characters: String) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in characters.utf8 where byte < 128 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        self.low = low
        self.high = high
    }

    /// Whether `scalar` is in the set.
    @inline(__always)
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 64 { return low >> UInt64(v) & 1 == 1 }
        if v < 128 { return high >> UInt64(v - 64) & 1 == 1 }
        return false
    }
}
