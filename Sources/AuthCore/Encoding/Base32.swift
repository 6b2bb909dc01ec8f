/// Base32 (RFC 4648 §6), the encoding authenticator apps use for TOTP secrets.
///
/// ```swift
/// let text = Base32.encode(secret)                  // "JBSWY3DPEHPK3PXP", no padding
/// let secret = try Base32.decode("jbsw y3dp ehpk 3pxp")
/// ```
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (index, char) in alphabet.enumerated() {
            table[Int(char)] = UInt8(index)
            table[Int(char | 0x20)] = UInt8(index)  // lowercase letters; digits map to themselves
        }
        return table
    }()

    /// The encoding of `bytes`, upper case; `padding` appends `=` to a multiple of 8 characters.
    public static func encode(_ bytes: some Collection<UInt8>, padding: Bool = false) -> String {
        var out = symbols(of: bytes, alphabet: alphabet)
        if padding {
            while out.count % 8 != 0 { out.append(0x3d) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The 5-bit symbols of `bytes`, most significant bits first, drawn from a 32-symbol `alphabet`
    /// (RFC 4648's, or another such as Crockford's); a partial last group is padded with zero bits.
    package static func symbols(of bytes: some Collection<UInt8>, alphabet: [UInt8]) -> [UInt8] {
        precondition(alphabet.count == 32, "a Base32 alphabet has 32 symbols")
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 8 + 4) / 5 + 6)
        var accumulator: UInt64 = 0
        var bits = 0
        for byte in bytes {
            accumulator = accumulator << 8 | UInt64(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int(accumulator >> UInt64(bits) & 31)])
            }
        }
        if bits > 0 {
            out.append(alphabet[Int(accumulator << UInt64(5 - bits) & 31)])
        }
        return out
    }

    /// The bytes `text` encodes.
    ///
    /// Case-insensitive; spaces and hyphens (as people type grouped secrets) and trailing `=` are
    /// ignored. At most `maxLength` characters are read, so hostile input cannot grow memory.
    ///
    /// - Throws: ``AuthCoreError/invalidEncoding`` for a character outside the alphabet, an impossible
    ///   length, non-zero unused bits, or text longer than `maxLength`.
    public static func decode(_ text: some StringProtocol, maxLength: Int = 1024) throws(AuthCoreError) -> [UInt8] {
        guard text.utf8.count <= maxLength else {
            throw AuthCoreError(.invalidEncoding, "Base32 text is longer than \(maxLength) characters")
        }
        var chars = text.utf8.filter { $0 != 0x20 && $0 != 0x2d }
        while chars.last == 0x3d { chars.removeLast() }
        guard ![1, 3, 6].contains(chars.count % 8) else {
            throw AuthCoreError(.invalidEncoding, "Base32 text has an impossible length")
        }
        var out = [UInt8]()
        out.reserveCapacity(chars.count * 5 / 8)
        var accumulator: UInt64 = 0
        var bits = 0
        for char in chars {
            let value = reverse[Int(char)]
            guard value != 0xff else {
                throw AuthCoreError(.invalidEncoding, "Base32 text has a character outside A-Z and 2-7")
            }
            accumulator = accumulator << 5 | UInt64(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt64(bits)))
            }
        }
        guard accumulator & ((1 << UInt64(bits)) - 1) == 0 else {
            throw AuthCoreError(.invalidEncoding, "Base32 text has non-zero trailing bits")
        }
        return out
    }
}
