/// The penalty score of a finished symbol, by the four rules of ISO/IEC 18004:2015 §7.8.3.1
/// (Table 11); the mask with the lowest total is chosen.
///
/// The whole symbol is scored, format and version information included, as §7.8.3.1 says ("the area
/// to be evaluated is the complete symbol"). Where Table 11 leaves room, this reading is used:
/// - Rule 3 counts every dark-light-dark-dark-dark-light-dark run of single modules in a row or
///   column that has 4 light modules before it or after it (once, even when both), and modules
///   outside the symbol count as light: the quiet zone is light.
/// - Rule 4 scores 10 points per whole 5 % that the dark share departs from 50 %.
struct QRPenalty: Sendable, Hashable {
    /// Rule 1: each run of 5 + i same-coloured modules in a row or column scores 3 + i.
    var runs = 0
    /// Rule 2: each 2×2 block of one colour scores 3 (overlapping blocks each count).
    var blocks = 0
    /// Rule 3: each finder-like 1:1:3:1:1 pattern beside 4 light modules scores 40.
    var finderLike = 0
    /// Rule 4: 10 points for each 5 % step of imbalance between dark and light.
    var balance = 0

    /// The sum of the four rules.
    var total: Int { runs + blocks + finderLike + balance }

    /// The score of `matrix`.
    init(_ matrix: QRMatrix) { self.init(size: matrix.size, modules: matrix.modules) }

    /// The score of a `size` × `size` symbol whose `modules` (1 dark, 0 light) are given row by row.
    init(size: Int, modules: [UInt8]) {
        var dark = 0
        for row in 0..<size {
            scanLine(count: size) { modules[row * size + $0] }
            for column in 0..<size { dark += Int(modules[row * size + column]) }
        }
        for column in 0..<size { scanLine(count: size) { modules[$0 * size + column] } }
        for row in 0..<size - 1 {
            for column in 0..<size - 1 {
                let index = row * size + column
                let colour = modules[index]
                if modules[index + 1] == colour, modules[index + size] == colour, modules[index + size + 1] == colour {
                    blocks += 3
                }
            }
        }
        let total = size * size
        // floor(|dark / total - 1/2| / 5 %); the share is never exactly on a 5 % step for odd sizes.
        balance = 10 * (abs(20 * dark - 10 * total) / total)
    }

    /// Rules 1 and 3 along one row or column, whose modules `module(0..<count)` gives.
    private mutating func scanLine(count: Int, _ module: (Int) -> UInt8) {
        var runColour: UInt8 = 2
        var runLength = 0
        // The last 15 modules seen, newest in bit 0; positions before the line read as light.
        var window = 0
        // 4 modules past the end are pushed as light so patterns at the edge are seen.
        for position in 0..<count + 4 {
            let colour: UInt8 = position < count ? module(position) : 0
            if position < count {
                if colour == runColour {
                    runLength += 1
                } else {
                    if runLength >= 5 { runs += runLength - 2 }
                    runColour = colour
                    runLength = 1
                }
            }
            window = (window << 1 | Int(colour)) & 0x7FFF
            // Bits 14-11: 4 modules before the pattern; 10-4: the pattern; 3-0: 4 modules after.
            if position >= 10, window >> 4 & 0x7F == 0b101_1101, window >> 11 == 0 || window & 0xF == 0 {
                finderLike += 40
            }
        }
        if runLength >= 5 { runs += runLength - 2 }
    }
}
