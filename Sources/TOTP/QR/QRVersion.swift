/// One of the 40 QR Code symbol versions and the facts ISO/IEC 18004:2015 fixes for it: size,
/// codeword count, error-correction block structure (Table 9) and alignment pattern centres (Annex E).
struct QRVersion: Sendable, Hashable {
    /// The version number, 1...40.
    let number: Int

    /// The version `number`, or `nil` outside 1...40.
    init?(_ number: Int) {
        guard QRCode.versions.contains(number) else { return nil }
        self.number = number
    }

    /// Modules per side: 21 for version 1, 4 more per version (§6.3.1).
    var size: Int { 17 + 4 * number }

    /// Codewords in the symbol: every module that is not a function pattern, format or version
    /// information, divided by 8 (the 0, 3, 4 or 7 modules left over are remainder bits, §7.6).
    var totalCodewords: Int {
        var modules = size * size
        modules -= 3 * 64 + 2 * (size - 16)  // finders with separators; timing patterns between them
        modules -= 31  // format information twice (2 × 15) and the dark module
        let centres = alignmentCentres.count
        if centres > 0 {
            // Alignment patterns: all pairs of centres but the three on finders; those on the
            // timing lines already had their 5 timing modules subtracted.
            modules -= 25 * (centres * centres - 3) - 10 * (centres - 2)
        }
        if number >= 7 { modules -= 36 }  // version information twice (2 × 18)
        return modules / 8
    }

    /// The number of error-correction blocks and ECC codewords per block at `level` (Table 9).
    func blockStructure(_ level: QRCode.ErrorCorrection) -> (blocks: Int, eccPerBlock: Int) {
        let index = number - 1
        switch level {
        case .low: return (Self.blocksL[index], Self.eccL[index])
        case .medium: return (Self.blocksM[index], Self.eccM[index])
        case .quartile: return (Self.blocksQ[index], Self.eccQ[index])
        case .high: return (Self.blocksH[index], Self.eccH[index])
        }
    }

    /// Data codewords at `level`: all codewords less the ECC codewords of every block.
    func dataCodewords(_ level: QRCode.ErrorCorrection) -> Int {
        let structure = blockStructure(level)
        return totalCodewords - structure.blocks * structure.eccPerBlock
    }

    /// Bits of the byte-mode character count indicator: 8 up to version 9, 16 above (Table 3).
    var characterCountBits: Int { number <= 9 ? 8 : 16 }

    /// The most bytes one byte-mode segment holds at `level`: data bits less the 4-bit mode
    /// indicator and the character count.
    func byteCapacity(_ level: QRCode.ErrorCorrection) -> Int {
        (dataCodewords(level) * 8 - 4 - characterCountBits) / 8
    }

    /// Row and column coordinates of alignment pattern centres (Annex E, Table E.1); empty for version 1.
    var alignmentCentres: [Int] { Self.alignmentTable[number - 1] }

    // ISO/IEC 18004:2015 Annex E, Table E.1, indexed by version - 1.
    private static let alignmentTable: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
        [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50], [6, 30, 54], [6, 32, 58], [6, 34, 62],
        [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78], [6, 30, 56, 82],
        [6, 30, 58, 86], [6, 34, 62, 90],
        [6, 28, 50, 72, 94], [6, 26, 50, 74, 98], [6, 30, 54, 78, 102], [6, 28, 54, 80, 106],
        [6, 32, 58, 84, 110], [6, 30, 58, 86, 114], [6, 34, 62, 90, 118],
        [6, 26, 50, 74, 98, 122], [6, 30, 54, 78, 102, 126], [6, 26, 52, 78, 104, 130],
        [6, 30, 56, 82, 108, 134], [6, 34, 60, 86, 112, 138], [6, 30, 58, 86, 114, 142],
        [6, 34, 62, 90, 118, 146],
        [6, 30, 54, 78, 102, 126, 150], [6, 24, 50, 76, 102, 128, 154], [6, 28, 54, 80, 106, 132, 158],
        [6, 32, 58, 84, 110, 136, 162], [6, 26, 54, 82, 110, 138, 166], [6, 30, 58, 86, 114, 142, 170],
    ]

    // ISO/IEC 18004:2015 Table 9, indexed by version - 1.
    private static let eccL = [
        7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
        28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ]
    private static let eccM = [
        10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ]
    private static let eccQ = [
        13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
        28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ]
    private static let eccH = [
        17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
        30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ]
    private static let blocksL = [
        1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
        8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
    ]
    private static let blocksM = [
        1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ]
    private static let blocksQ = [
        1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
        23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ]
    private static let blocksH = [
        1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
        25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ]
}
