/// Base64 (RFC 4648 §4) and its URL-safe variant (§5), strict both ways.
///
/// ```swift
/// let text = Base64.url.encode(bytes)          // no padding
/// let bytes = try Base64.standard.decode(text)  // padding optional
/// ```
///
/// Decoding rejects characters outside the alphabet, impossible lengths and non-zero trailing bits,
/// so one byte string has exactly one accepted encoding.
public struct Base64: Sendable {
    private let alphabet: [UInt8]
    private let reverse: [UInt8]
    private let pads: Bool

    /// The standard alphabet (`+`, `/`) with `=` padding.
    public static let standard = Base64(
        alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", pads: true)
    /// The standard alphabet without padding, as the PHC string format uses.
    public static let standardUnpadded = Base64(
        alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", pads: false)
    /// The URL- and filename-safe alphabet (`-`, `_`) without padding.
    public static let url = Base64(
        alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", pads: false)

    /// A coder over a 64-character alphabet; `pads` says whether encoding appends `=`.
    public init(alphabet: String, pads: Bool) {
        precondition(alphabet.utf8.count == 64, "a Base64 alphabet has 64 characters")
        self.alphabet = Array(alphabet.utf8)
        var reverse = [UInt8](repeating: 0xff, count: 256)
        for (index, char) in self.alphabet.enumerated() { reverse[Int(char)] = UInt8(index) }
        self.reverse = reverse
        self.pads = pads
    }

    /// The character for the 6-bit `value` (0...63), as a UTF-8 byte.
    package func symbol(_ value: Int) -> UInt8 { alphabet[value] }

    /// The 6-bit value of the UTF-8 byte `symbol`, or `nil` if it is not in the alphabet.
    package func value(of symbol: UInt8) -> UInt8? {
        let value = reverse[Int(symbol)]
        return value == 0xff ? nil : value
    }

    /// The encoding of `bytes`.
    public func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out = [UInt8]()
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= input.count {
            let v = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            out += [
                alphabet[Int(v >> 18)], alphabet[Int(v >> 12 & 63)], alphabet[Int(v >> 6 & 63)], alphabet[Int(v & 63)],
            ]
            index += 3
        }
        let rest = input.count - index
        if rest == 1 {
            let v = UInt32(input[index]) << 16
            out += [alphabet[Int(v >> 18)], alphabet[Int(v >> 12 & 63)]]
            if pads { out += [0x3d, 0x3d] }
        } else if rest == 2 {
            let v = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            out += [alphabet[Int(v >> 18)], alphabet[Int(v >> 12 & 63)], alphabet[Int(v >> 6 & 63)]]
            if pads { out += [0x3d] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes `text` encodes. Padding is accepted whether or not this coder writes it.
    ///
    /// - Throws: ``AuthCoreError/invalidEncoding`` for any character outside the alphabet, a
    ///   misplaced `=`, an impossible length or non-zero unused bits.
    public func decode(_ text: some StringProtocol) throws(AuthCoreError) -> [UInt8] {
        var chars = Array(text.utf8)
        var padding = 0
        while chars.last == 0x3d, padding < 2 {
            chars.removeLast()
            padding += 1
        }
        if padding > 0, (chars.count + padding) % 4 != 0 {
            throw AuthCoreError(.invalidEncoding, "Base64 padding does not complete a 4-character group")
        }
        guard chars.count % 4 != 1 else {
            throw AuthCoreError(.invalidEncoding, "Base64 text has an impossible length")
        }
        var out = [UInt8]()
        out.reserveCapacity(chars.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for char in chars {
            let value = reverse[Int(char)]
            guard value != 0xff else {
                throw AuthCoreError(.invalidEncoding, "Base64 text has a character outside its alphabet")
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard accumulator & ((1 << UInt32(bits)) - 1) == 0 else {
            throw AuthCoreError(.invalidEncoding, "Base64 text has non-zero trailing bits")
        }
        return out
    }
}

/// Base64URL without padding (RFC 4648 §5), as tokens and URLs use it.
public enum Base64URL {
    /// The unpadded URL-safe encoding of `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String { Base64.url.encode(bytes) }

    /// The bytes `text` encodes; padding is accepted.
    public static func decode(_ text: some StringProtocol) throws(AuthCoreError) -> [UInt8] {
        try Base64.url.decode(text)
    }
}
