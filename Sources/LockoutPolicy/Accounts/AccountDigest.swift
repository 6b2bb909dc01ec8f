public import AuthCore

/// The keyed digest of an account identifier as the user typed it: what lockout counters are keyed by.
///
/// People type their password into the email field. A lockout store that kept identifiers as text
/// would hold some passwords in the clear, and a plain SHA-256 would let whoever reads the table test
/// guesses offline. The digest is therefore an HMAC-SHA256 under a ``LockoutSecret``: without the key,
/// the table says nothing about what was typed.
///
/// Prints only its first 8 bytes, in hex, to correlate log lines.
public struct AccountDigest: Sendable, Hashable, Codable, Redacting {
    // Inline words, as `TokenDigest` in SessionTokens does: no heap block per key, four words hashed.
    private let word0: UInt64
    private let word1: UInt64
    private let word2: UInt64
    private let word3: UInt64

    /// The first eight digest bytes as a word. An HMAC output is uniform and, without the secret,
    /// unpredictable, so this word alone is as good a hash of the digest as all 32 bytes.
    var firstWord: UInt64 { word0 }

    /// The 32 digest bytes.
    public var bytes: [UInt8] {
        withUnsafeBytes(of: (word0, word1, word2, word3)) { Array($0) }
    }

    /// Wraps 32 digest bytes read back from a store.
    ///
    /// - Parameter bytes: the digest, as ``bytes`` returned it.
    /// - Throws: ``LockoutError/invalidSecret`` unless `bytes` has 32 bytes.
    public init(bytes: [UInt8]) throws(LockoutError) {
        guard bytes.count == 32 else {
            throw LockoutError(.invalidSecret, "an account digest has 32 bytes, got \(bytes.count)")
        }
        self = bytes.withUnsafeBytes { AccountDigest(loading: $0) }
    }

    /// Reads the words from 32 bytes.
    init(loading raw: UnsafeRawBufferPointer) {
        word0 = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        word1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        word2 = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        word3 = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// Decodes the 64 hexadecimal digits ``encode(to:)`` writes.
    ///
    /// - Parameter decoder: the decoder to read a single string from.
    /// - Throws: `DecodingError.dataCorrupted` unless the text is 64 hexadecimal digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = Array(try container.decode(String.self).utf8)
        var bytes: [UInt8] = []
        if text.count == 64 {
            for index in stride(from: 0, to: 64, by: 2) {
                guard let high = Self.hexValue(text[index]), let low = Self.hexValue(text[index + 1]) else { break }
                bytes.append(high << 4 | low)
            }
        }
        guard bytes.count == 32 else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not 64 hexadecimal digits")
        }
        self = bytes.withUnsafeBytes { AccountDigest(loading: $0) }
    }

    /// Encodes the digest as 64 lowercase hexadecimal digits.
    ///
    /// - Parameter encoder: the encoder to write a single string to.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.hex(bytes))
    }

    /// The first 8 bytes in hex, enough to correlate log lines.
    public var redactedDescription: String { "AccountDigest(\(Self.hex(bytes.prefix(8)))…)" }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
