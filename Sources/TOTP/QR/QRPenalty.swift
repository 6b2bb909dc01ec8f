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
    var runs: Int
    /// Rule 2: each 2×2 block of one colour scores 3 (overlapping blocks each count).
    var blocks: Int
    /// Rule 3: each finder-like 1:1:3:1:1 pattern beside 4 light modules scores 40.
    var finderLike: Int
    /// Rule 4: 10 points for each 5 % step of imbalance between dark and light.
    var balance: Int

    /// The sum of the four rules.
    var total: Int { runs + blocks + finderLike + balance }

    /// The score of `matrix`.
    init(_ matrix: QRMatrix) { self.init(size: matrix.size, modules: matrix.modules) }

    /// The score of a `size` × `size` symbol whose `modules` (1 dark, 0 light) are given row by row.
    init(size: Int, modules: [UInt8]) {
        precondition(modules.count == size * size, "module count does not match the size")
        // Plain locals inside the closure: captured mutable state would be boxed and access-checked.
        let (runs, blocks, finderLike, dark) = modules.withUnsafeBufferPointer { cells in
            var lines = (runs: 0, finderLike: 0)
            for line in 0..<size {
                let row = Self.scanLine(cells, start: line * size, step: 1, count: size)
                let column = Self.scanLine(cells, start: line, step: size, count: size)
                lines.runs += row.runs + column.runs
                lines.finderLike += row.finderLike + column.finderLike
            }
            var sameBlocks = 0
            var dark = 0
            for row in 0..<size - 1 {
                var index = row * size
                for _ in 0..<size - 1 {
                    let colour = cells[index]
                    dark &+= Int(colour)
                    let right = colour ^ cells[index + 1]
                    let below = (colour ^ cells[index + size]) | (colour ^ cells[index + size + 1])
                    let differs = right | below
                    sameBlocks &+= 1 &- Int(differs)
                    index += 1
                }
                dark &+= Int(cells[index])  // the row's last module
            }
            for index in (size - 1) * size..<size * size { dark &+= Int(cells[index]) }
            return (lines.runs, 3 * sameBlocks, lines.finderLike, dark)
        }
        self.runs = runs
        self.blocks = blocks
        self.finderLike = finderLike
        let total = size * size
        // floor(|dark / total - 1/2| / 5 %); the share is never exactly on a 5 % step for odd sizes.
        balance = 10 * (abs(20 * dark - 10 * total) / total)
    }

    /// Rules 1 and 3 along one row or column: `count` modules from `start`, `step` apart.
    private static func scanLine(
        _ cells: UnsafeBufferPointer<UInt8>, start: Int, step: Int, count: Int
    ) -> (runs: Int, finderLike: Int) {
        // Written without data-dependent branches where it can be: module colours are random, so
        // branches on them would mispredict about every other module.
        var runs = 0
        var patterns = 0
        var previous = -1
        var runLength = 0
        // The last 15 modules, newest in bit 0; before the line all light, as the quiet zone is.
        var window = 0
        var index = start
        for _ in 0..<count {
            let colour = Int(cells[index])
            index += step
            let ended = colour == previous ? 0 : runLength
            runs += ended >= 5 ? ended - 2 : 0
            runLength = colour == previous ? runLength + 1 : 1
            previous = colour
            window = (window << 1 | colour) & 0x7FFF
            // Bits 14-11: the 4 modules before the pattern; 10-4: the pattern; 3-0: the 4 after.
            if window & 0x7F0 == 0b101_1101_0000, window & 0x7800 == 0 || window & 0xF == 0 { patterns += 1 }
        }
        // 4 light modules past the end, so a pattern at the edge is seen.
        for _ in 0..<4 {
            window = window << 1 & 0x7FFF
            if window & 0x7F0 == 0b101_1101_0000, window & 0x7800 == 0 || window & 0xF == 0 { patterns += 1 }
        }
        runs += runLength >= 5 ? runLength - 2 : 0
        return (runs, 40 * patterns)
    }
}
