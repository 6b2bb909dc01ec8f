/// The character substitutions ("l33t speak") undone when looking for words inside a password.
///
/// Each digit or symbol on the left may stand for the letters on the right: `4` and `@` for `a`,
/// `3` for `e`, `0` for `o`, `1` for `i` or `l`, `!` for `i`, `$` and `5` for `s`, `7` for `t`.
/// These are the substitutions people use most; a longer table finds more words but also refuses
/// more ordinary passwords by accident.
///
/// Why a second table beside the strength estimator's ``L33tSubstitution``: a context or banned word
/// found here *refuses* the password, so this table is deliberately narrow (no `8` for b, `9` for
/// g, `7` for l, `(` for c, ...), while the estimator only *prices* a reading and keeps zxcvbn's
/// full table, which its estimates must match for the zxcvbn agreement test.
enum ContextWordSubstitutions {
    /// The one or two letters `scalar` may stand for; `nil` for most characters.
    static func letters(for scalar: Unicode.Scalar) -> (Unicode.Scalar, Unicode.Scalar?)? {
        switch scalar {
        case "4", "@": ("a", nil)
        case "3": ("e", nil)
        case "0": ("o", nil)
        case "1": ("i", "l")
        case "!": ("i", nil)
        case "$", "5": ("s", nil)
        case "7": ("t", nil)
        default: nil
        }
    }
}
