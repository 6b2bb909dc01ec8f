/// The character substitutions ("l33t speak") undone when looking for words inside a password.
///
/// Each digit or symbol on the left may stand for the letters on the right: `4` and `@` for `a`,
/// `3` for `e`, `0` for `o`, `1` for `i` or `l`, `!` for `i`, `$` and `5` for `s`, `7` for `t`.
/// These are the substitutions people use most; a longer table finds more words but also refuses
/// more ordinary passwords by accident.
enum LeetSubstitutions {
    /// The letters `scalar` may stand for; empty for most characters.
    static func letters(for scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        switch scalar {
        case "4", "@": ["a"]
        case "3": ["e"]
        case "0": ["o"]
        case "1": ["i", "l"]
        case "!": ["i"]
        case "$", "5": ["s"]
        case "7": ["t"]
        default: []
        }
    }
}
