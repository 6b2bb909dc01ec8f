import PasswordHashing

/// The form a password is put in before it is looked up in a word list: NFKC, then Unicode default
/// lowercasing (`String.lowercased()`, the full lowercase mapping of the Unicode Character Database).
///
/// Why lowercasing and not ``FullCaseFolding``: a list answers only for text spelled exactly as its
/// entries are, and the bundled lists were generated in this form (Python's `str.lower()` after
/// NFKC, Scripts/generate-password-word-lists.py), as `BreachedPasswordFile` stores its lines. Full
/// case folding differs for a few letters (`ß` → `ss`, `ς` → `σ`), so a folded lookup could miss an
/// entry the list holds. Context and banned words have no generator to agree with: both sides are
/// prepared at check time, so they use full case folding, the Unicode definition of caseless equality.
enum WordListLowercasing {
    /// `text` normalized to NFKC and lowercased.
    static func lowercase(_ text: String) -> String {
        NormalizedPassword.nfkc(text).lowercased()
    }

    /// ``lowercase(_:)`` of `text` that is already NFKC (a ``NormalizedPassword``): NFKC is
    /// idempotent, so only the lowercasing is left to do.
    static func lowercaseNormalized(_ text: String) -> String {
        text.lowercased()
    }
}
