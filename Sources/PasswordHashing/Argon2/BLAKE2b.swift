/// The BLAKE2b hash function (RFC 7693), with optional key and output lengths of 1...64 bytes.
///
/// Argon2 uses BLAKE2b for its pre-hash H0, for the first blocks and for the tag (RFC 9106 §3.2, §3.3);
/// ``variableLength(_:outputLength:)`` is Argon2's H' built on top of it.
///
/// ```swift
/// var hasher = BLAKE2b(outputLength: 32)
/// hasher.update(Array("abc".utf8))
/// let digest = hasher.finalize()
/// ```
package struct BLAKE2b {
    /// Bytes in one BLAKE2b block (RFC 7693 §2.1, bb = 128).
    package static let blockLength = 128
    /// The longest digest BLAKE2b produces (RFC 7693 §2.1, nn <= 64).
    package static let maximumOutputLength = 64
    /// The longest key BLAKE2b accepts (RFC 7693 §2.1, kk <= 64).
    package static let maximumKeyLength = 64

    /// Initialisation vector, the SHA-512 IV (RFC 7693 §2.6).
    private static let iv: [UInt64] = [
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179,
    ]

    /// Message word schedule (RFC 7693 §2.7); rounds 10 and 11 reuse rows 0 and 1.
    private static let sigma: [Int] = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
    ]

    private var state: [UInt64]
    private var buffer: [UInt8]
    private var buffered = 0
    /// Bytes compressed so far, as the 128-bit counter t of RFC 7693 §3.2 (low, high).
    private var counterLow: UInt64 = 0
    private var counterHigh: UInt64 = 0
    /// The digest length in bytes this hasher was created for.
    package let outputLength: Int

    /// Creates a hasher producing `outputLength` bytes (1...64), keyed with `key` (0...64 bytes).
    ///
    /// Lengths outside those ranges are programmer errors and trap; Argon2 only ever passes valid ones.
    package init(outputLength: Int, key: [UInt8] = []) {
        precondition((1...Self.maximumOutputLength).contains(outputLength), "BLAKE2b output length must be 1...64")
        precondition(key.count <= Self.maximumKeyLength, "BLAKE2b key must be at most 64 bytes")
        self.outputLength = outputLength
        state = Self.iv
        // Parameter block word 0: digest length, key length, fanout 1, depth 1 (RFC 7693 §2.5, §3.3).
        state[0] ^= 0x0101_0000 ^ (UInt64(key.count) << 8) ^ UInt64(outputLength)
        buffer = [UInt8](repeating: 0, count: Self.blockLength)
        if !key.isEmpty {
            // The key, zero-padded to a full block, is the first message block (RFC 7693 §3.3).
            key.withUnsafeBytes { update($0) }
            buffered = Self.blockLength
        }
    }

    /// Absorbs `bytes`.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        let count = bytes.count
        while offset < count {
            if buffered == Self.blockLength {
                // Only compress a full buffer once more input arrives: the last block is compressed
                // by `finalize()` with the final flag set.
                compressBuffer(isLast: false)
            }
            let take = min(Self.blockLength - buffered, count - offset)
            buffer.withUnsafeMutableBytes { destination in
                destination.baseAddress!.advanced(by: buffered)
                    .copyMemory(from: bytes.baseAddress!.advanced(by: offset), byteCount: take)
            }
            buffered += take
            offset += take
        }
    }

    /// Absorbs `bytes`.
    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Absorbs `value` as 4 little-endian bytes, the LE32 encoding of RFC 9106 §3.2.
    package mutating func update(littleEndian value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { update($0) }
    }

    /// Finishes the hash and returns the `outputLength`-byte digest.
    package mutating func finalize() -> [UInt8] {
        for index in buffered..<Self.blockLength { buffer[index] = 0 }
        compressBuffer(isLast: true)
        var digest = [UInt8](repeating: 0, count: outputLength)
        for index in 0..<outputLength {
            digest[index] = UInt8(truncatingIfNeeded: state[index / 8] >> (8 * UInt64(index % 8)))
        }
        return digest
    }

    /// Computes the BLAKE2b digest of `message` in one call.
    package static func hash(_ message: [UInt8], outputLength: Int = 64, key: [UInt8] = []) -> [UInt8] {
        var hasher = BLAKE2b(outputLength: outputLength, key: key)
        hasher.update(message)
        return hasher.finalize()
    }

    private mutating func compressBuffer(isLast: Bool) {
        let (sum, carry) = counterLow.addingReportingOverflow(UInt64(buffered))
        counterLow = sum
        if carry { counterHigh &+= 1 }
        let (low, high) = (counterLow, counterHigh)
        buffer.withUnsafeBytes { block in
            state.withUnsafeMutableBufferPointer { h in
                Self.compress(
                    h.baseAddress!, block: block.baseAddress!, counterLow: low, counterHigh: high, isLast: isLast)
            }
        }
        buffered = 0
    }

    /// The compression function F (RFC 7693 §3.2).
    private static func compress(
        _ h: UnsafeMutablePointer<UInt64>, block: UnsafeRawPointer,
        counterLow: UInt64, counterHigh: UInt64, isLast: Bool
    ) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 32) { scratch in
            let m = scratch.baseAddress!
            let v = m + 16
            for index in 0..<16 {
                m[index] = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self))
            }
            for index in 0..<8 {
                v[index] = h[index]
                v[index + 8] = iv[index]
            }
            v[12] ^= counterLow
            v[13] ^= counterHigh
            if isLast { v[14] = ~v[14] }
            sigma.withUnsafeBufferPointer { schedule in
                for round in 0..<12 {
                    let s = schedule.baseAddress! + 16 * round
                    mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]])
                    mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]])
                    mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]])
                    mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]])
                    mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]])
                    mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]])
                    mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]])
                    mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]])
                }
            }
            for index in 0..<8 { h[index] ^= v[index] ^ v[index + 8] }
        }
    }

    /// The mixing function G (RFC 7693 §3.1) with rotations R1...R4 = 32, 24, 16, 63.
    @inline(__always)
    private static func mix(
        _ v: UnsafeMutablePointer<UInt64>, _ a: Int, _ b: Int, _ c: Int, _ d: Int, _ x: UInt64, _ y: UInt64
    ) {
        v[a] = v[a] &+ v[b] &+ x
        v[d] = rotateRight(v[d] ^ v[a], 32)
        v[c] = v[c] &+ v[d]
        v[b] = rotateRight(v[b] ^ v[c], 24)
        v[a] = v[a] &+ v[b] &+ y
        v[d] = rotateRight(v[d] ^ v[a], 16)
        v[c] = v[c] &+ v[d]
        v[b] = rotateRight(v[b] ^ v[c], 63)
    }

    @inline(__always)
    private static func rotateRight(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value >> count) | (value << (64 &- count))
    }
}
