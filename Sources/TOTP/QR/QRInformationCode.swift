/// The BCH-protected format and version information of a QR symbol (ISO/IEC 18004:2015 §7.9, §7.10).
enum QRInformationCode {
    /// The (15, 5) BCH generator x^10 + x^8 + x^5 + x^4 + x^2 + x + 1 (§7.9.1).
    static let formatGenerator = 0b101_0011_0111
    /// XORed into the format information so it is never all light (§7.9.1).
    static let formatMask = 0b101_0100_0001_0010
    /// The (18, 6) BCH generator x^12 + x^11 + x^10 + x^9 + x^8 + x^5 + x^2 + 1 (§7.10).
    static let versionGenerator = 0b1_1111_0010_0101

    /// The 15 format bits for an error-correction level and mask, masked with 101010000010010.
    static func formatBits(_ level: QRCode.ErrorCorrection, mask: Int) -> Int {
        let data = level.formatIndicator << 3 | mask
        return (data << 10 | remainder(of: data << 10, generator: formatGenerator)) ^ formatMask
    }

    /// The 18 version information bits for versions 7...40: 6 version bits and 12 BCH bits.
    static func versionBits(_ version: Int) -> Int {
        version << 12 | remainder(of: version << 12, generator: versionGenerator)
    }

    /// `value` modulo `generator` as polynomials over GF(2).
    private static func remainder(of value: Int, generator: Int) -> Int {
        let degree = generator.bitWidth - generator.leadingZeroBitCount - 1
        var value = value
        while value.bitWidth - value.leadingZeroBitCount - 1 >= degree {
            value ^= generator << (value.bitWidth - value.leadingZeroBitCount - 1 - degree)
        }
        return value
    }
}
