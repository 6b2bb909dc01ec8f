/// A word to look for inside passwords (a context word or a banned word), prepared once.
///
/// Matching rules, applied to the case-folded NFKC password (see ``CaseFolding``):
/// - Words shorter than 3 code points are never looked for: too many ordinary passwords contain
///   any given 1- or 2-letter string.
/// - A word of exactly 3 code points matches only as a whole word: not preceded or followed by a
///   letter. `Ada2026!` contains "ada"; `canada lakes` does not.
/// - A longer word matches anywhere: `MyAcmePassword` contains "acme".
/// - Between the letters of a word the password may hold any characters that are not letters
///   (digits, symbols, spaces), which are skipped: `a.c.m.e`, `Ac-me` and `a1c2m3e` contain "acme".
/// - A digit or symbol may also stand for a letter (``LeetSubstitutions``): `4cm3` contains "acme".
/// "Letter" means a code point with the Unicode Alphabetic property or a combining mark.
struct WordPattern: Sendable, Hashable {
    /// The longest word looked for, in code points; longer words are cut, which can only make
    /// matching stricter (a password holding the whole word also holds its beginning).
    static let maximumLength = 63
    /// The shortest word looked for.
    static let minimumLength = 3

    /// The folded word.
    let scalars: [Unicode.Scalar]

    /// Prepares `folded` (already NFKC and case-folded); `nil` when it is shorter than 3.
    init?(folded: some Sequence<Unicode.Scalar>) {
        let scalars = Array(folded.prefix(Self.maximumLength))
        guard scalars.count >= Self.minimumLength else { return nil }
        self.scalars = scalars
    }

    /// The word as text, for the strength estimator's user inputs.
    var text: String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    /// Whether `password` contains this word under the rules above.
    ///
    /// A bit-parallel (shift-and) scan: bit `k` of `state` says the word's first `k + 1` code points
    /// end at the current position, so the cost is one pass over the password per word.
    func matches(_ password: FoldedPassword) -> Bool {
        let count = scalars.count
        let wholeWord = count == Self.minimumLength
        let complete: UInt64 = 1 << (count - 1)
        var state: UInt64 = 0
        for index in password.scalars.indices {
            let scalar = password.scalars[index]
            let substitutes = password.isLetter[index] ? [] : LeetSubstitutions.letters(for: scalar)
            var mask: UInt64 = 0
            for (position, wanted) in scalars.enumerated() where wanted == scalar || substitutes.contains(wanted) {
                mask |= 1 << position
            }
            let mayStart = !wholeWord || index == 0 || !password.isLetter[index - 1]
            var next = ((state << 1) | (mayStart ? 1 : 0)) & mask
            if !password.isLetter[index] { next |= state & ~complete }
            if next & complete != 0 {
                let end = index + 1
                if !wholeWord || end == password.scalars.count || !password.isLetter[end] { return true }
            }
            state = next
        }
        return false
    }
}
