/// Builds the final codeword sequence of a byte-mode symbol (ISO/IEC 18004:2015 §7.4-7.6).
enum QRCodewords {
    /// The data codewords for `bytes` at `version` and `level`: mode indicator 0100, character
    /// count, the bytes, a terminator of up to four 0 bits, 0 bits to a byte boundary, then the pad
    /// codewords 11101100 and 00010001 in turn (§7.4.9, §7.4.10). The caller checks the capacity.
    static func dataCodewords(_ bytes: [UInt8], version: QRVersion, level: QRCode.ErrorCorrection) -> [UInt8] {
        let capacity = version.dataCodewords(level)
        var codewords = [UInt8]()
        codewords.reserveCapacity(capacity)
        // Bits waiting to be written, most significant first, and how many there are.
        var pending = 0b0100
        var pendingCount = 4
        func append(_ value: Int, bits: Int) {
            pending = pending << bits | value
            pendingCount += bits
            while pendingCount >= 8 {
                pendingCount -= 8
                codewords.append(UInt8(truncatingIfNeeded: pending >> pendingCount))
            }
            pending &= (1 << pendingCount) - 1
        }
        append(bytes.count, bits: version.characterCountBits)
        for byte in bytes { append(Int(byte), bits: 8) }
        // The header is 12 or 20 bits, so 4 bits are pending here: the 4-bit terminator completes
        // the byte (there is always room for it, capacity being whole bytes).
        append(0, bits: 8 - pendingCount)
        var padIndex = 0
        while codewords.count < capacity {
            codewords.append(padIndex % 2 == 0 ? 0b1110_1100 : 0b0001_0001)
            padIndex += 1
        }
        return codewords
    }

    /// Splits `data` into blocks (short blocks first, long blocks one codeword longer), appends each
    /// block's Reed-Solomon codewords, and interleaves: the i-th data codeword of every block in
    /// turn, then the i-th ECC codeword of every block (§7.6, Figure 14).
    static func interleaved(_ data: [UInt8], version: QRVersion, level: QRCode.ErrorCorrection) -> [UInt8] {
        let (blockCount, eccCount) = version.blockStructure(level)
        let shortLength = data.count / blockCount
        let longBlocks = data.count % blockCount
        let encoder = ReedSolomonEncoder(degree: eccCount)
        var blocks = [ArraySlice<UInt8>]()
        var eccBlocks = [[UInt8]]()
        var start = 0
        for index in 0..<blockCount {
            let length = shortLength + (index >= blockCount - longBlocks ? 1 : 0)
            let block = data[start..<start + length]
            blocks.append(block)
            eccBlocks.append(encoder.remainder(of: block))
            start += length
        }
        var result = [UInt8]()
        result.reserveCapacity(version.totalCodewords)
        for position in 0...shortLength {
            for block in blocks where position < block.count {
                result.append(block[block.startIndex + position])
            }
        }
        for position in 0..<eccCount {
            for ecc in eccBlocks { result.append(ecc[position]) }
        }
        return result
    }
}
