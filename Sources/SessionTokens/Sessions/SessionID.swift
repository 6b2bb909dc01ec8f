import AuthCore

/// The public identifier of a session, safe to show and log (unlike its token).
///
/// Apps use it to name a session in "where you're signed in" lists and to revoke one session
/// without ever handling its token.
///
/// Two ids are equal when their text has the same UTF-8 bytes, as a database compares them: not
/// Swift's `String` `==`, under which canonically equivalent spellings are equal, so a store keyed by
/// it would treat as one the two sessions or refresh-token families a database keeps apart.
///
/// Generated ids (and any text in exactly their form: 22 Base64URL characters encoding 16 bytes) are
/// held as their 16 bytes, inline, rather than as a heap-allocated string: copying a ``Session`` out of
/// a store then touches no extra memory for its id. ``rawValue`` spells the text on demand; every
/// other text is kept as given.
public struct SessionID: Sendable, Hashable, Codable, CustomStringConvertible {
    private enum Storage: Sendable {
        /// 16 bytes, big-endian in two words, whose Base64URL text is the id.
        case bytes(UInt64, UInt64)
        /// Any other text, byte for byte.
        case text(String)
    }

    private let storage: Storage

    /// The identifier text (Base64URL of 16 random bytes for generated ids).
    public var rawValue: String {
        switch storage {
        case .bytes(let high, let low): Self.text(high: high, low: low)
        case .text(let text): text
        }
    }

    /// Wraps an identifier read back from a store.
    public init(rawValue: String) {
        var text = rawValue
        if let (high, low) = text.withUTF8({ Self.words(fromBase64URL: $0) }) {
            storage = .bytes(high, low)
        } else {
            storage = .text(rawValue)
        }
    }

    /// A new random identifier (128 bits).
    public static func generate() -> SessionID {
        let bytes = SecureRandom.bytes(count: 16)
        let (high, low) = bytes.withUnsafeBytes { raw in
            (UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)),
             UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
        return SessionID(storage: .bytes(high, low))
    }

    private init(storage: Storage) { self.storage = storage }

    /// Whether both ids have the same UTF-8 bytes (Unicode normalization counts).
    ///
    /// A text in the 16-byte form is always held as bytes, so an id held as bytes never equals one
    /// held as text.
    public static func == (lhs: SessionID, rhs: SessionID) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.bytes(let lh, let ll), .bytes(let rh, let rl)): lh == rh && ll == rl
        case (.text(let left), .text(let right)): ExactText(left) == ExactText(right)
        default: false
        }
    }

    /// Hashes the id consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .bytes(let high, let low):
            hasher.combine(high)
            hasher.combine(low)
        case .text(let text):
            ExactText(text).hash(into: &hasher)
        }
    }

    public var description: String { rawValue }

    private enum CodingKeys: String, CodingKey { case rawValue }

    /// Decodes `{"rawValue": "…"}`, the form this type has always been encoded in.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rawValue: try container.decode(String.self, forKey: .rawValue))
    }

    /// Encodes `{"rawValue": "…"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rawValue, forKey: .rawValue)
    }
}

extension SessionID {
    /// The 64 symbols of Base64URL (RFC 4648 §5), in value order.
    private static let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The value of one Base64URL symbol, or `nil`.
    private static func value(of byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt64(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt64(byte - UInt8(ascii: "a") + 26)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0") + 52)
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }

    /// The 16 bytes that `utf8` spells in canonical unpadded Base64URL, or `nil` for any other text.
    ///
    /// Canonical: exactly 22 symbols, and the last one's 4 unused low bits are zero, so that exactly
    /// one text spells each 16 bytes and the text round-trips byte for byte.
    static func words(fromBase64URL utf8: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard utf8.count == 22 else { return nil }
        // 22 symbols carry 132 bits: the first 10 fill 60 bits of `high`, the 11th splits 4/2.
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<22 {
            guard let value = value(of: utf8[index]) else { return nil }
            switch index {
            case 0..<10:
                high = high << 6 | value
            case 10:
                high = high << 4 | value >> 2
                low = value & 0b11
            case 21:
                guard value & 0b1111 == 0 else { return nil }
                low = low << 2 | value >> 4
            default:
                low = low << 6 | value
            }
        }
        return (high, low)
    }

    /// The canonical Base64URL text of the 16 bytes held in `high` and `low`.
    static func text(high: UInt64, low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 22) { buffer in
            for index in 0..<22 {
                let value: UInt64 =
                    switch index {
                    case 0..<10: high >> (58 - 6 * index) & 0x3F
                    case 10: (high & 0xF) << 2 | low >> 62
                    case 21: (low & 0b11) << 4
                    default: low >> (62 - 6 * (index - 10)) & 0x3F
                    }
                buffer[index] = symbols[Int(value)]
            }
            return 22
        }
    }
}
