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
        case .bytes(let high, let low): Base64URL.encode(withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { Array($0) })
        case .text(let text): text
        }
    }

    /// Wraps an identifier read back from a store.
    public init(rawValue: String) {
        // Base64URL decoding is strict (alphabet, zero unused bits), so 22 characters without
        // padding that decode to 16 bytes are the one text that spells them: it round-trips.
        if rawValue.utf8.count == 22, let bytes = try? Base64URL.decode(rawValue), bytes.count == 16 {
            self = SessionID(bytes: bytes)
        } else {
            storage = .text(rawValue)
        }
    }

    /// A new random identifier (128 bits).
    public static func generate() -> SessionID {
        SessionID(bytes: SecureRandom.bytes(count: 16))
    }

    /// Holds 16 bytes as two big-endian words.
    private init(bytes: [UInt8]) {
        storage = bytes.withUnsafeBytes { raw in
            .bytes(UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)),
                   UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

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
