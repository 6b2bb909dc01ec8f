/// One of the eight data mask patterns (ISO/IEC 18004:2015 §7.8.2, Table 10); `i` is the row and
/// `j` the column.
struct QRMask: Sendable, Hashable {
    /// The mask pattern reference, 0...7, written in the format information.
    let number: Int
    /// ``inverts(row:column:)`` for rows 0..<12 and columns 0..<6, row by row. Every pattern repeats
    /// every 12 rows and 6 columns, so applying a mask needs no division per module.
    let period: [Bool]

    /// The mask `number`, or `nil` outside 0...7.
    init?(_ number: Int) {
        guard (0...7).contains(number) else { return nil }
        self.init(uncheckedNumber: number)
    }

    /// All eight masks, in order.
    static let all = (0...7).map { QRMask(uncheckedNumber: $0) }

    private init(uncheckedNumber number: Int) {
        self.number = number
        period = (0..<72).map { Self.inverts(number, row: $0 / 6, column: $0 % 6) }
    }

    /// Whether the data module at `row`, `column` is inverted by this mask.
    @inline(__always)
    func inverts(row: Int, column: Int) -> Bool { period[row % 12 * 6 + column % 6] }

    /// Table 10's conditions.
    private static func inverts(_ number: Int, row i: Int, column j: Int) -> Bool {
        switch number {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }
}
