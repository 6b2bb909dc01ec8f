/// A 64-bit hash of UTF-8 bytes that can be extended one byte at a time.
///
/// FNV-1a over the bytes, then a finalizing mix (the MurmurHash3 64-bit finalizer) so that both the
/// low bits (the slot index of a ``RankedWordTable``) and the high bits (its fingerprint) depend on
/// every input byte. Extending byte by byte lets the strength estimator hash every substring that
/// starts at one position in a single pass, without allocating.
struct WordHash: Sendable {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325
    /// How many bytes have been appended.
    private(set) var byteCount = 0

    /// The hash of no bytes.
    init() {}

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        byteCount &+= 1
    }

    /// Appends the UTF-8 encoding of `scalar` and returns its length in bytes.
    @inline(__always)
    @discardableResult
    mutating func append(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x80 {
            append(UInt8(truncatingIfNeeded: v))
            return 1
        }
        var count = 0
        UTF8.encode(scalar) {
            append($0)
            count += 1
        }
        return count
    }

    /// Appends bytes.
    mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        for byte in bytes { append(byte) }
    }

    /// The mixed hash of the bytes appended so far.
    @inline(__always)
    var value: UInt64 {
        var h = state
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// The mixed hash of `bytes`.
    static func of(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = WordHash()
        hash.append(contentsOf: bytes)
        return hash.value
    }
}
