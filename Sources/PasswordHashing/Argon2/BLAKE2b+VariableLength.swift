extension BLAKE2b {
    /// Argon2's variable-length hash H' (RFC 9106 §3.3): `outputLength` bytes (at least 1) of `input`.
    package static func variableLength(_ input: [UInt8], outputLength: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: outputLength)
        output.withUnsafeMutableBytes { buffer in
            variableLength(into: buffer) { $0.update(input) }
        }
        return output
    }

    /// Writes H'^T(A) into `output` (T = `output.count`, at least 1), where `absorb` feeds A (RFC 9106 §3.3).
    ///
    /// Taking the input as a closure lets Argon2 hash H0 || LE32(column) || LE32(lane) and write the
    /// result straight into its memory matrix without building intermediate arrays.
    package static func variableLength(
        into output: UnsafeMutableRawBufferPointer, absorbing absorb: (inout BLAKE2b) -> Void
    ) {
        let total = output.count
        precondition(total >= 1 && total <= Int(UInt32.max), "H' output length must be 1...2^32-1")
        guard let base = output.baseAddress else { return }
        var first = BLAKE2b(outputLength: min(total, maximumOutputLength))
        first.update(littleEndian: UInt32(total))
        absorb(&first)
        var block = first.finalize()
        if total <= maximumOutputLength {
            base.copyMemory(from: block, byteCount: total)
            return
        }
        // r = ceil(T/32) - 2 full 64-byte hashes V1...Vr contribute their first 32 bytes each;
        // V(r+1) = H^(T-32r)(Vr) contributes all of its bytes.
        let fullBlocks = (total + 31) / 32 - 2
        var written = 0
        for index in 1...fullBlocks {
            if index > 1 { block = hash(block, outputLength: maximumOutputLength) }
            (base + written).copyMemory(from: block, byteCount: 32)
            written += 32
        }
        block = hash(block, outputLength: total - written)
        (base + written).copyMemory(from: block, byteCount: total - written)
    }
}
