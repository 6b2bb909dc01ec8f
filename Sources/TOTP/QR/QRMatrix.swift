/// The module grid of one QR symbol while it is built: function patterns, data, mask, format and
/// version information (ISO/IEC 18004:2015 §6.3, §7.7-7.10). Row 0 is the top, column 0 the left.
struct QRMatrix: Sendable {
    /// Modules per side.
    let size: Int
    /// 1 for a dark module, 0 for a light one, row by row.
    private(set) var modules: [UInt8]
    /// True for modules that are not data: function patterns, format and version information.
    private(set) var reserved: [Bool]

    /// A grid with every function pattern of `version` drawn, the dark module set, the format and
    /// version information areas reserved, and the version information written (versions 7 and up).
    init(version: QRVersion) {
        size = version.size
        modules = [UInt8](repeating: 0, count: size * size)
        reserved = [Bool](repeating: false, count: size * size)
        for (row, column) in [(0, 0), (0, size - 7), (size - 7, 0)] { drawFinder(row: row, column: column) }
        for index in 8..<size - 8 {
            let dark: UInt8 = index % 2 == 0 ? 1 : 0
            set(row: 6, column: index, dark)
            set(row: index, column: 6, dark)
        }
        let centres = version.alignmentCentres
        let last = size - 7
        for row in centres {
            // Skip the three centres that fall on finder patterns.
            for column in centres
            where !(row == 6 && (column == 6 || column == last)) && !(row == last && column == 6) {
                drawAlignment(row: row, column: column)
            }
        }
        set(row: size - 8, column: 8, 1)  // the dark module (§7.9.1)
        for index in 0...8 {
            reserved[8 * size + index] = true
            reserved[index * size + 8] = true
        }
        for index in size - 8..<size {
            reserved[8 * size + index] = true
            reserved[index * size + 8] = true
        }
        if version.number >= 7 {
            let bits = QRInformationCode.versionBits(version.number)
            for index in 0..<18 {
                let dark = UInt8(truncatingIfNeeded: bits >> index & 1)
                let near = index / 3
                let far = size - 11 + index % 3
                set(row: near, column: far, dark)
                set(row: far, column: near, dark)
            }
        }
    }

    /// Whether the module at `row`, `column` is dark.
    @inline(__always)
    subscript(row: Int, column: Int) -> UInt8 { modules[row * size + column] }

    /// Places the codewords bit by bit, most significant first, in the two-column zigzag from the
    /// bottom right corner, skipping reserved modules and the vertical timing column (§7.7.3).
    /// Modules left over are remainder bits, 0.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let row = upward ? size - 1 - step : step
                for column in stride(from: right, to: right - 2, by: -1)
                where !reserved[row * size + column] && bitIndex < bitCount {
                    modules[row * size + column] = codewords[bitIndex >> 3] >> (7 - bitIndex & 7) & 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    /// Inverts every data module for which `mask` holds (§7.8.2).
    mutating func apply(_ mask: QRMask) {
        for row in 0..<size {
            let periodRow = row % 12 * 6
            var periodColumn = 0
            for index in row * size..<(row + 1) * size {
                if !reserved[index] && mask.period[periodRow + periodColumn] { modules[index] ^= 1 }
                periodColumn = periodColumn == 5 ? 0 : periodColumn + 1
            }
        }
    }

    /// Writes both copies of the format information for `level` and `mask` (§7.9.1, Figure 25).
    mutating func drawFormatInformation(_ level: QRCode.ErrorCorrection, mask: QRMask) {
        let bits = QRInformationCode.formatBits(level, mask: mask.number)
        for index in 0..<15 {
            let dark = UInt8(truncatingIfNeeded: bits >> index & 1)
            // Around the top-left finder: up column 8, then left along row 8, skipping the timing lines.
            switch index {
            case 0...5: set(row: index, column: 8, dark)
            case 6: set(row: 7, column: 8, dark)
            case 7: set(row: 8, column: 8, dark)
            case 8: set(row: 8, column: 7, dark)
            default: set(row: 8, column: 14 - index, dark)
            }
            // Split between the other two finders: bits 0-7 along row 8, 8-14 down column 8.
            if index < 8 {
                set(row: 8, column: size - 1 - index, dark)
            } else {
                set(row: size - 15 + index, column: 8, dark)
            }
        }
    }

    /// Sets a module and marks it reserved.
    private mutating func set(row: Int, column: Int, _ dark: UInt8) {
        modules[row * size + column] = dark
        reserved[row * size + column] = true
    }

    /// A 7×7 finder pattern with its top-left corner at `row`, `column`, and its light separator.
    private mutating func drawFinder(row: Int, column: Int) {
        for rowOffset in -1...7 {
            for columnOffset in -1...7 {
                let r = row + rowOffset
                let c = column + columnOffset
                guard (0..<size).contains(r), (0..<size).contains(c) else { continue }
                let ring = max(abs(rowOffset - 3), abs(columnOffset - 3))
                set(row: r, column: c, ring == 2 || ring == 4 ? 0 : 1)
            }
        }
    }

    /// A 5×5 alignment pattern centred on `row`, `column`.
    private mutating func drawAlignment(row: Int, column: Int) {
        for rowOffset in -2...2 {
            for columnOffset in -2...2 {
                set(
                    row: row + rowOffset, column: column + columnOffset,
                    max(abs(rowOffset), abs(columnOffset)) == 1 ? 0 : 1)
            }
        }
    }
}
