import AuthCore

/// The shared representation of this module's public random identifiers (``SessionID``,
/// ``RefreshFamilyID``): 128 random bits spelled as 22 Base64URL characters, or any other text
/// read back from a store, kept as given.
///
/// Two values are equal when their text has the same UTF-8 bytes, as a database compares them: not
/// Swift's `String` `==`, under which canonically equivalent spellings are equal, so a store keyed by
/// it would treat as one the two sessions or refresh-token families a database keeps apart.
///
/// Generated ids (and any text in exactly their form: 22 Base64URL characters encoding 16 bytes) are
/// held as their 16 bytes, inline, rather than as a heap-allocated string: copying a value that holds
/// one out of a store then touches no extra memory for it. ``rawValue`` spells the text on demand.
struct RandomIdentifier: Sendable, Hashable {
    private enum Storage: Sendable {
        /// 16 bytes, big-endian in two words, whose Base64URL text is the id.
        case bytes(UInt64, UInt64)
        /// Any other text, byte for byte.
        case text(String)
    }

    private let storage: Storage

    /// The identifier text (Base64URL of 16 random bytes for generated ids).
    var rawValue: String {
        switch storage {
        case .bytes(let high, let low):
            Base64URL.encode(withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { Array($0) })
        case .text(let text): text
        }
    }

    /// Wraps identifier text, as given.
    init(rawValue: String) {
        // Base64URL decoding is strict (alphabet, zero unused bits), so 22 characters without
        // padding that decode to 16 bytes are the one text that spells them: it round-trips.
        if rawValue.utf8.count == 22, let bytes = try? Base64URL.decode(rawValue), bytes.count == 16 {
            self.init(bytes: bytes)
        } else {
            self.init(storage: .text(rawValue))
        }
    }

    /// A new random identifier (128 bits) from the secure random source.
    static func generate() -> RandomIdentifier {
        RandomIdentifier(bytes: SecureRandom.bytes(count: 16))
    }

    /// Holds 16 bytes as two big-endian words.
    private init(bytes: [UInt8]) {
        self.init(
            storage: bytes.withUnsafeBytes { raw in
                .bytes(
                    UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)),
                    UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
            })
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// Whether both have the same UTF-8 bytes (Unicode normalization counts).
    ///
    /// A text in the 16-byte form is always held as bytes, so a value held as bytes never equals one
    /// held as text.
    static func == (lhs: RandomIdentifier, rhs: RandomIdentifier) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.bytes(let lh, let ll), .bytes(let rh, let rl)): lh == rh && ll == rl
        case (.text(let left), .text(let right)): ExactText(left) == ExactText(right)
        default: false
        }
    }

    /// Hashes consistently with `==`.
    func hash(into hasher: inout Hasher) {
        switch storage {
        case .bytes(let high, let low):
            hasher.combine(high)
            hasher.combine(low)
        case .text(let text):
            ExactText(text).hash(into: &hasher)
        }
    }
}
