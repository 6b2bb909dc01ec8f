/// Words to look for inside passwords (context words or banned words), stored back to back in one
/// buffer so that building and scanning them allocates almost nothing.
///
/// Matching rules, applied to the case-folded NFKC password (see ``FoldedPassword``):
/// - Words shorter than 3 code points are never looked for: too many ordinary passwords contain
///   any given 1- or 2-letter string.
/// - A word of exactly 3 code points matches only as a whole word: not preceded or followed by a
///   letter. `Ada2026!` contains "ada"; `canada lakes` does not.
/// - A longer word matches anywhere: `MyAcmePassword` contains "acme".
/// - Between the letters of a word the password may hold any characters that are not letters
///   (digits, symbols, spaces), which are skipped: `a.c.m.e`, `Ac-me` and `a1c2m3e` contain "acme".
/// - A digit or symbol may also stand for a letter (``ContextWordSubstitutions``): `4cm3` contains "acme".
/// "Letter" means a code point with the Unicode Alphabetic property or a combining mark.
struct WordList: Sendable {
    /// The longest word looked for, in code points; longer words are cut, which can only make
    /// matching stricter (a password holding the whole word also holds its beginning).
    static let maximumWordLength = 63
    /// The shortest word looked for.
    static let minimumWordLength = 3

    private var scalars: [Unicode.Scalar] = []
    private var ranges: [Range<Int>] = []
    private var pendingStart = 0

    /// An empty list.
    init() {}

    /// How many words the list holds.
    var count: Int { ranges.count }

    /// The words as text, for the strength estimator's user inputs.
    var texts: [String] {
        ranges.map { range in
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[range])
            return text
        }
    }

    /// The words as code points, in order, without building strings.
    var wordScalars: [ArraySlice<Unicode.Scalar>] {
        ranges.map { scalars[$0] }
    }

    /// Adds a code point to the word being built (see ``finishWord(excluding:)``).
    mutating func append(_ scalar: Unicode.Scalar) {
        if scalars.count - pendingStart < Self.maximumWordLength { scalars.append(scalar) }
    }

    /// Ends the word being built: keeps it if it is long enough, not in `excluded` and new;
    /// otherwise drops it. Returns whether it was kept.
    @discardableResult
    mutating func finishWord(excluding excluded: [[UInt8]] = []) -> Bool {
        let word = pendingStart..<scalars.count
        let keep =
            word.count >= Self.minimumWordLength
            && !excluded.contains(where: { Self.equals(scalars[word], $0) })
            && !ranges.contains(where: { scalars[$0] == scalars[word] })
        if keep { ranges.append(word) } else { scalars.removeSubrange(word) }
        pendingStart = scalars.count
        return keep
    }

    /// Whether `password` contains any of the words, under the rules above.
    func matchesAny(_ password: FoldedPassword) -> Bool {
        ranges.contains { Self.matches(scalars[$0], in: password) }
    }

    /// A bit-parallel (shift-and) scan: bit `k` of `state` says the word's first `k + 1` code points
    /// end at the current position, so the cost is one pass over the password per word.
    private static func matches(_ word: ArraySlice<Unicode.Scalar>, in password: FoldedPassword) -> Bool {
        let wholeWord = word.count == minimumWordLength
        let complete: UInt64 = 1 << (word.count - 1)
        let entries = password.entries
        var state: UInt64 = 0
        for index in entries.indices {
            let entry = entries[index]
            var mask: UInt64 = 0
            var bit: UInt64 = 1
            for wanted in word {
                let value = wanted.value
                if value == entry.scalar || value == entry.substituteA || value == entry.substituteB { mask |= bit }
                bit <<= 1
            }
            let mayStart = !wholeWord || index == 0 || !entries[index - 1].isLetter
            var next = ((state << 1) | (mayStart ? 1 : 0)) & mask
            if !entry.isLetter { next |= state & ~complete }
            if next & complete != 0 {
                let end = index + 1
                if !wholeWord || end == entries.count || !entries[end].isLetter { return true }
            }
            state = next
        }
        return false
    }

    private static func equals(_ word: ArraySlice<Unicode.Scalar>, _ ascii: [UInt8]) -> Bool {
        word.count == ascii.count && zip(word, ascii).allSatisfy { $0.value == UInt32($1) }
    }
}
