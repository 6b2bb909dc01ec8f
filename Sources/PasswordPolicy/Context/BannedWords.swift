/// An app's own banned words (its name, its product names, in-house jargon), prepared once.
///
/// Each word is normalized (NFKC), case-folded (``CaseFolding``) and stripped of everything but
/// letters and digits ("Acme CRM" becomes "acmecrm"), then looked for under the rules of
/// ``WordPattern``. Meant for a handful of words: every check scans the password once per word.
/// For long lists, use a ``BreachedPasswordChecker`` instead (exact match, any size).
struct BannedWords {
    /// The prepared words.
    let patterns: [WordPattern]

    /// Prepares `words`.
    ///
    /// - Throws: ``PasswordPolicyError/invalidConfiguration`` when a word has fewer than 3 letters
    ///   and digits: it could not be looked for without refusing ordinary passwords.
    init(_ words: [String]) throws(PasswordPolicyError) {
        var patterns: [WordPattern] = []
        for (index, word) in words.enumerated() {
            let kept = CaseFolding.normalizeAndFold(word).unicodeScalars.filter {
                FoldedPassword.isLetter($0) || $0.properties.generalCategory == .decimalNumber
            }
            guard let pattern = WordPattern(folded: kept) else {
                throw PasswordPolicyError(
                    .invalidConfiguration, "banned word #\(index + 1) has fewer than \(WordPattern.minimumLength) letters and digits")
            }
            if !patterns.contains(pattern) { patterns.append(pattern) }
        }
        self.patterns = patterns
    }
}
