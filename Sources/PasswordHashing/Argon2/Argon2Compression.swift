// swift-format-ignore-file
// The Argon2 permutation is laid out four statements to a line, as RFC 9106 writes its rounds, so the
// 16 lanes line up by eye; one statement per line would spread it over hundreds of lines.

/// Argon2's compression function G and its BlaMka permutation P (RFC 9106 §3.5, §3.6).
enum Argon2Compression {
    /// out = P(X ^ Y) ^ (X ^ Y), or that XORed into out's old contents when `xorsExisting` (version 0x13,
    /// passes after the first; RFC 9106 §3.2 step 6).
    ///
    /// `out` may alias `y` (the address generator needs that); `temporary` must be a separate block.
    /// Rows go first: each row of R = X ^ Y is loaded once, stored into `out` as the feed-forward term,
    /// permuted and kept in `temporary`; the column pass then XORs its results into `out`.
    ///
    /// `whenFirstWordIsFinal` runs once out[0] holds its final value, with seven of eight column
    /// permutations still to go: the caller uses it to start loading the next reference block, whose
    /// index depends on that word in data-dependent addressing (RFC 9106 §3.4.1.1), so the memory
    /// latency overlaps computation.
    @inline(__always)
    static func compress(
        _ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>,
        xorsExisting: Bool, temporary r: UnsafeMutablePointer<UInt64>,
        whenFirstWordIsFinal: () -> Void = {}
    ) {
        if xorsExisting {
            for row in 0..<8 { permuteRow(x, y, out, r, row: row, xorsExisting: true) }
        } else {
            for row in 0..<8 { permuteRow(x, y, out, r, row: row, xorsExisting: false) }
        }
        permuteColumn(r, out, column: 0)
        whenFirstWordIsFinal()
        for column in 1..<8 { permuteColumn(r, out, column: column) }
    }

    @inline(__always)
    private static func permuteRow(
        _ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>, _ out: UnsafeMutablePointer<UInt64>,
        _ r: UnsafeMutablePointer<UInt64>, row: Int, xorsExisting: Bool
    ) {
        let b = 16 * row
        var v0 = x[b] ^ y[b], v1 = x[b + 1] ^ y[b + 1], v2 = x[b + 2] ^ y[b + 2], v3 = x[b + 3] ^ y[b + 3]
        var v4 = x[b + 4] ^ y[b + 4], v5 = x[b + 5] ^ y[b + 5], v6 = x[b + 6] ^ y[b + 6]
        var v7 = x[b + 7] ^ y[b + 7], v8 = x[b + 8] ^ y[b + 8], v9 = x[b + 9] ^ y[b + 9]
        var v10 = x[b + 10] ^ y[b + 10], v11 = x[b + 11] ^ y[b + 11], v12 = x[b + 12] ^ y[b + 12]
        var v13 = x[b + 13] ^ y[b + 13], v14 = x[b + 14] ^ y[b + 14], v15 = x[b + 15] ^ y[b + 15]
        if xorsExisting {
            out[b] ^= v0; out[b + 1] ^= v1; out[b + 2] ^= v2; out[b + 3] ^= v3
            out[b + 4] ^= v4; out[b + 5] ^= v5; out[b + 6] ^= v6; out[b + 7] ^= v7
            out[b + 8] ^= v8; out[b + 9] ^= v9; out[b + 10] ^= v10; out[b + 11] ^= v11
            out[b + 12] ^= v12; out[b + 13] ^= v13; out[b + 14] ^= v14; out[b + 15] ^= v15
        } else {
            out[b] = v0; out[b + 1] = v1; out[b + 2] = v2; out[b + 3] = v3
            out[b + 4] = v4; out[b + 5] = v5; out[b + 6] = v6; out[b + 7] = v7
            out[b + 8] = v8; out[b + 9] = v9; out[b + 10] = v10; out[b + 11] = v11
            out[b + 12] = v12; out[b + 13] = v13; out[b + 14] = v14; out[b + 15] = v15
        }
        round(&v0, &v1, &v2, &v3, &v4, &v5, &v6, &v7, &v8, &v9, &v10, &v11, &v12, &v13, &v14, &v15)
        r[b] = v0; r[b + 1] = v1; r[b + 2] = v2; r[b + 3] = v3
        r[b + 4] = v4; r[b + 5] = v5; r[b + 6] = v6; r[b + 7] = v7
        r[b + 8] = v8; r[b + 9] = v9; r[b + 10] = v10; r[b + 11] = v11
        r[b + 12] = v12; r[b + 13] = v13; r[b + 14] = v14; r[b + 15] = v15
    }

    /// Column `column` of the 8×8 matrix of 16-byte registers: words 2c, 2c+1, 2c+16, 2c+17, ...
    @inline(__always)
    private static func permuteColumn(
        _ r: UnsafeMutablePointer<UInt64>, _ out: UnsafeMutablePointer<UInt64>, column: Int
    ) {
        let b = 2 * column
        var v0 = r[b], v1 = r[b + 1], v2 = r[b + 16], v3 = r[b + 17]
        var v4 = r[b + 32], v5 = r[b + 33], v6 = r[b + 48], v7 = r[b + 49]
        var v8 = r[b + 64], v9 = r[b + 65], v10 = r[b + 80], v11 = r[b + 81]
        var v12 = r[b + 96], v13 = r[b + 97], v14 = r[b + 112], v15 = r[b + 113]
        round(&v0, &v1, &v2, &v3, &v4, &v5, &v6, &v7, &v8, &v9, &v10, &v11, &v12, &v13, &v14, &v15)
        out[b] ^= v0; out[b + 1] ^= v1; out[b + 16] ^= v2; out[b + 17] ^= v3
        out[b + 32] ^= v4; out[b + 33] ^= v5; out[b + 48] ^= v6; out[b + 49] ^= v7
        out[b + 64] ^= v8; out[b + 65] ^= v9; out[b + 80] ^= v10; out[b + 81] ^= v11
        out[b + 96] ^= v12; out[b + 97] ^= v13; out[b + 112] ^= v14; out[b + 113] ^= v15
    }

    /// The BLAKE2b round on 16 words with GB in place of G (RFC 9106 §3.6).
    @inline(__always)
    private static func round(
        _ v0: inout UInt64, _ v1: inout UInt64, _ v2: inout UInt64, _ v3: inout UInt64,
        _ v4: inout UInt64, _ v5: inout UInt64, _ v6: inout UInt64, _ v7: inout UInt64,
        _ v8: inout UInt64, _ v9: inout UInt64, _ v10: inout UInt64, _ v11: inout UInt64,
        _ v12: inout UInt64, _ v13: inout UInt64, _ v14: inout UInt64, _ v15: inout UInt64
    ) {
        mix(&v0, &v4, &v8, &v12)
        mix(&v1, &v5, &v9, &v13)
        mix(&v2, &v6, &v10, &v14)
        mix(&v3, &v7, &v11, &v15)
        mix(&v0, &v5, &v10, &v15)
        mix(&v1, &v6, &v11, &v12)
        mix(&v2, &v7, &v8, &v13)
        mix(&v3, &v4, &v9, &v14)
    }

    /// GB: BLAKE2b's G with each addition a + b replaced by a + b + 2 * trunc(a) * trunc(b), where
    /// trunc keeps the low 32 bits (the BlaMka multiplication, RFC 9106 §3.6).
    @inline(__always)
    private static func mix(_ a: inout UInt64, _ b: inout UInt64, _ c: inout UInt64, _ d: inout UInt64) {
        a = a &+ b &+ 2 &* (a & 0xFFFF_FFFF) &* (b & 0xFFFF_FFFF)
        d = rotateRight(d ^ a, 32)
        c = c &+ d &+ 2 &* (c & 0xFFFF_FFFF) &* (d & 0xFFFF_FFFF)
        b = rotateRight(b ^ c, 24)
        a = a &+ b &+ 2 &* (a & 0xFFFF_FFFF) &* (b & 0xFFFF_FFFF)
        d = rotateRight(d ^ a, 16)
        c = c &+ d &+ 2 &* (c & 0xFFFF_FFFF) &* (d & 0xFFFF_FFFF)
        b = rotateRight(b ^ c, 63)
    }

    @inline(__always)
    private static func rotateRight(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value >> count) | (value << (64 &- count))
    }
}
