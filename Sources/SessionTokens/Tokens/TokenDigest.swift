public import AuthCore

/// The SHA-256 digest of a bearer token: what stores keep and look records up by.
///
/// One type keys all three token kinds: ``SessionToken`` (sessions), ``RefreshToken`` (refresh
/// families) and ``OneTimeToken`` (reset and verification links). Their prefixes are hashed with
/// the body, so a digest of one kind never matches a token of another.
///
/// The token has 256 bits of entropy, so a plain (unsalted, fast) digest is enough: it cannot be
/// inverted, and knowing it does not let anyone present the token.
///
/// `==` compares all 32 bytes in constant time (no early exit at the first differing word), as
/// the design asks of every digest comparison.
///
/// Stores may still find a digest through a hash table or a database index, whose lookup time does
/// depend on the stored keys; that leaks nothing useful. A lookup digest is the SHA-256 of text the
/// client chose: the attacker controls the token, not its digest. Timing can at best tell how many
/// leading bytes of the attacker's own digest match a stored one, and turning that into a usable
/// token means finding a preimage of a chosen digest prefix, with no progress from one guess to the
/// next (SHA-256 is preimage resistant); the stored token still has 256 bits of entropy. So a store
/// needs no constant-time scan, and ``InMemorySessionStore`` and the other in-memory stores use hash
/// tables (their hashes are seeded per process, so probe runs cannot be aimed either).
///
/// Prints only its first 8 bytes, in hex, to correlate log lines; `dump` and `Mirror` show no more.
public struct TokenDigest: Sendable, Hashable, Redacting {
    // The 32 bytes live inline as four words, in memory order, rather than in an array's heap buffer:
    // a dictionary of a million sessions then finds and compares keys without chasing a pointer per
    // probe, hashes four words instead of 32 single bytes, and each stored key saves a heap block.
    private let word0: UInt64
    private let word1: UInt64
    private let word2: UInt64
    private let word3: UInt64

    /// The first 8 bytes as a word: uniformly distributed for digests of random tokens, and what
    /// `SessionTable` hashes.
    var leadingWord: UInt64 { word0 }

    /// The 32 digest bytes.
    public var bytes: [UInt8] {
        withUnsafeBytes(of: (word0, word1, word2, word3)) { Array($0) }
    }

    /// Wraps digest bytes read back from a store.
    /// - Throws: ``SessionTokenError/malformed`` unless `bytes` has 32 bytes.
    public init(bytes: [UInt8]) throws(SessionTokenError) {
        guard bytes.count == HashFunction.sha256.digestLength else {
            throw SessionTokenError(.malformed, "a token digest has 32 bytes, got \(bytes.count)")
        }
        self = bytes.withUnsafeBytes { TokenDigest(loading: $0) }
    }

    /// The SHA-256 of `bytes` (a token's prefix and body).
    init(hashing bytes: UnsafeRawBufferPointer) {
        self = withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { digest in
            HashFunction.sha256.digest(bytes, into: digest)
            return TokenDigest(loading: UnsafeRawBufferPointer(digest))
        }
    }

    /// The first 4 bytes, big-endian: what a token's checksum characters spell.
    var leadingBytes: UInt32 {
        withUnsafeBytes(of: word0) { UInt32(bigEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    /// A digest made of four words, in memory order.
    init(words: (UInt64, UInt64, UInt64, UInt64)) {
        (word0, word1, word2, word3) = words
    }

    /// Reads the words from 32 bytes.
    private init(loading raw: UnsafeRawBufferPointer) {
        word0 = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        word1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        word2 = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        word3 = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// Whether both hold the same 32 bytes, in time that does not depend on where they differ.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        let difference =
            (lhs.word0 ^ rhs.word0) | (lhs.word1 ^ rhs.word1) | (lhs.word2 ^ rhs.word2) | (lhs.word3 ^ rhs.word3)
        return difference == 0
    }

    /// Hashes all four words, consistently with `==` (Swift's `Hasher` takes the same time for any value).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(word0)
        hasher.combine(word1)
        hasher.combine(word2)
        hasher.combine(word3)
    }

    /// The first 8 bytes in hex, enough to correlate log lines; reveals nothing usable.
    public var redactedDescription: String {
        "TokenDigest("
            + bytes.prefix(8).map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined() + "…)"
    }
}
