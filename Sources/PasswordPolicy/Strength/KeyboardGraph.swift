/// Which keys neighbour which on a keyboard layout, built from a drawing of the layout.
///
/// Each key is a token of one or two characters (unshifted, then shifted). On slanted layouts (typing
/// keyboards, where each row is offset by a fraction of a key) a key has six neighbours, on aligned
/// ones (keypads) eight; neighbours are listed in a fixed order of directions, so a walk's change of
/// direction ("turn") can be counted. Only ASCII keys exist here.
struct KeyboardGraph: Sendable {
    /// The layouts the spatial matcher walks.
    enum Name: Sendable, Equatable {
        case qwerty, dvorak, keypad, macKeypad
    }

    /// The layout's name.
    let name: Name
    /// Neighbour slots per key: 6 (slanted) or 8 (aligned).
    let directions: Int
    /// `neighbours[character * directions + direction]`: the neighbouring key's unshifted character in
    /// the low byte and shifted character in the high byte; 0 when there is no key that way.
    private let neighbours: [UInt16]
    /// How many characters the layout has (a starting point for a walk).
    let startingPositions: Int
    /// The mean number of neighbours per character.
    let averageDegree: Double

    /// The neighbour of `character` in `direction` as (unshifted, shifted), or nil.
    @inline(__always)
    func neighbour(of character: UInt32, direction: Int) -> (UInt8, UInt8)? {
        guard character < 128 else { return nil }
        let entry = neighbours[Int(character) * directions + direction]
        return entry == 0 ? nil : (UInt8(entry & 0xFF), UInt8(entry >> 8))
    }

    /// Builds the graph of `rows`, drawn with keys separated by spaces; on a slanted layout each row
    /// starts one more column to the right than the row above.
    init(name: Name, rows: [String], slanted: Bool) {
        let tokenWidth = rows[0].split(separator: " ")[0].count
        var positions: [Int: [UInt8]] = [:]  // x + 100 * y -> characters
        var keys: [(x: Int, y: Int, characters: [UInt8])] = []
        for (y, row) in rows.enumerated() {
            let columns = Array(row.utf8)
            var x = 0
            while x < columns.count {
                if columns[x] == 0x20 {
                    x += 1
                    continue
                }
                let token = Array(columns[x..<min(x + tokenWidth, columns.count)])
                let column = (x - (slanted ? y : 0)) / (tokenWidth + 1)
                positions[column + 100 * y] = token
                keys.append((column, y, token))
                x += tokenWidth
            }
        }
        let offsets: [(Int, Int)] =
            slanted
            ? [(-1, 0), (0, -1), (1, -1), (1, 0), (0, 1), (-1, 1)]
            : [(-1, 0), (-1, -1), (0, -1), (1, -1), (1, 0), (1, 1), (0, 1), (-1, 1)]
        var table = [UInt16](repeating: 0, count: 128 * offsets.count)
        var characters = 0
        var degreeSum = 0
        for key in keys {
            for character in key.characters {
                characters += 1
                for (direction, (dx, dy)) in offsets.enumerated() {
                    guard let other = positions[key.x + dx + 100 * (key.y + dy)] else { continue }
                    degreeSum += 1
                    let shifted = other.count > 1 ? UInt16(other[1]) : 0
                    table[Int(character) * offsets.count + direction] = UInt16(other[0]) | shifted << 8
                }
            }
        }
        self.name = name
        self.directions = offsets.count
        self.neighbours = table
        self.startingPositions = characters
        self.averageDegree = Double(degreeSum) / Double(characters)
    }

    /// US QWERTY.
    static let qwerty = KeyboardGraph(
        name: .qwerty,
        rows: [
            "`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) -_ =+",
            "    qQ wW eE rR tT yY uU iI oO pP [{ ]} \\|",
            "     aA sS dD fF gG hH jJ kK lL ;: '\"",
            "      zZ xX cC vV bB nN mM ,< .> /?",
        ], slanted: true)

    /// US Dvorak.
    static let dvorak = KeyboardGraph(
        name: .dvorak,
        rows: [
            "`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) [{ ]}",
            "    '\" ,< .> pP yY fF gG cC rR lL /? =+ \\|",
            "     aA oO eE uU iI dD hH tT nN sS -_",
            "      ;: qQ jJ kK xX bB mM wW vV zZ",
        ], slanted: true)

    /// A PC numeric keypad.
    static let keypad = KeyboardGraph(
        name: .keypad,
        rows: [
            "  / * -",
            "7 8 9 +",
            "4 5 6",
            "1 2 3",
            "  0 .",
        ], slanted: false)

    /// A Mac numeric keypad.
    static let macKeypad = KeyboardGraph(
        name: .macKeypad,
        rows: [
            "  = / *",
            "7 8 9 -",
            "4 5 6 +",
            "1 2 3",
            "  0 .",
        ], slanted: false)

    /// Every graph, in the order the matcher tries them.
    static let all = [qwerty, dvorak, keypad, macKeypad]
}
