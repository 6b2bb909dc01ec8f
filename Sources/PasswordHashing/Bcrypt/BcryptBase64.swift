/// bcrypt's own Base64: the alphabet `./A-Za-z0-9`, no padding, bits taken most significant first.
///
/// It is not RFC 4648 Base64 with another alphabet only in name: the letters sit in a different order,
/// so neither AuthCore's codec nor Foundation's can be reused.
///
/// ```swift
/// let text = BcryptBase64.encode(salt)            // 22 characters for 16 bytes
/// let bytes = BcryptBase64.decode(text, byteCount: 16)
/// ```
package enum BcryptBase64 {
    /// The 64 symbols in value order.
    private static let alphabet: [UInt8] = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Symbol value by ASCII code; 0xFF marks a byte outside the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(value) }
        return table
    }()

    /// The number of characters that encode `byteCount` bytes (22 for a salt, 31 for a checksum).
    package static func encodedLength(byteCount: Int) -> Int {
        (byteCount * 8 + 5) / 6
    }

    /// Encodes `bytes`; unused low bits of the last character are zero.
    package static func encode(_ bytes: [UInt8]) -> String {
        var output = [UInt8]()
        output.reserveCapacity(encodedLength(byteCount: bytes.count))
        var accumulator: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            accumulator = accumulator << 8 | UInt32(byte)
            bitCount += 8
            while bitCount >= 6 {
                bitCount -= 6
                output.append(alphabet[Int((accumulator >> UInt32(bitCount)) & 0x3F)])
            }
        }
        if bitCount > 0 {
            output.append(alphabet[Int((accumulator << UInt32(6 - bitCount)) & 0x3F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes exactly `byteCount` bytes from `symbols`, or returns nil.
    ///
    /// Returns nil when `symbols` has the wrong length, holds a byte outside the alphabet, or leaves a
    /// non-zero bit beyond the last byte. Rejecting those trailing bits keeps the encoding canonical:
    /// every byte string has exactly one text, so a parsed hash re-encodes to the string it came from.
    package static func decode(_ symbols: some Collection<UInt8>, byteCount: Int) -> [UInt8]? {
        guard symbols.count == encodedLength(byteCount: byteCount) else { return nil }
        var output = [UInt8]()
        output.reserveCapacity(byteCount)
        var accumulator: UInt32 = 0
        var bitCount = 0
        for symbol in symbols {
            let value = values[Int(symbol)]
            guard value != 0xFF else { return nil }
            accumulator = (accumulator << 6 | UInt32(value)) & 0xFFF
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
            }
        }
        let leftover = accumulator & ((1 << UInt32(bitCount)) - 1)
        guard leftover == 0 else { return nil }
        return output
    }
}
