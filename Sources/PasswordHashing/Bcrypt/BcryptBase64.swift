import AuthCore

/// bcrypt's own Base64: the alphabet `./A-Za-z0-9`, no padding, bits taken most significant first.
///
/// The bit order is RFC 4648's; only the alphabet differs, so this is AuthCore's ``Base64`` codec with
/// bcrypt's alphabet plus bcrypt's fixed field lengths.
///
/// ```swift
/// let text = BcryptBase64.encode(salt)            // 22 characters for 16 bytes
/// let bytes = BcryptBase64.decode(text, byteCount: 16)
/// ```
package enum BcryptBase64 {
    private static let codec = Base64(
        alphabet: "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", pads: false)

    /// The number of characters that encode `byteCount` bytes (22 for a salt, 31 for a checksum).
    package static func encodedLength(byteCount: Int) -> Int {
        (byteCount * 8 + 5) / 6
    }

    /// Encodes `bytes`; unused low bits of the last character are zero.
    package static func encode(_ bytes: [UInt8]) -> String {
        codec.encode(bytes)
    }

    /// Decodes exactly `byteCount` bytes from `symbols`, or returns nil.
    ///
    /// Returns nil when `symbols` has the wrong length, holds a byte outside the alphabet, or leaves a
    /// non-zero bit beyond the last byte. Rejecting those trailing bits keeps the encoding canonical:
    /// every byte string has exactly one text, so a parsed hash re-encodes to the string it came from.
    package static func decode(_ symbols: some Collection<UInt8>, byteCount: Int) -> [UInt8]? {
        guard symbols.count == encodedLength(byteCount: byteCount),
            let bytes = try? codec.decode(String(decoding: symbols, as: UTF8.self)), bytes.count == byteCount
        else { return nil }
        return bytes
    }
}
