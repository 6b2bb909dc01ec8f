/// An app's own banned words (its name, its product names, in-house jargon), prepared once.
///
/// Each word is normalized (NFKC), case-folded (``FullCaseFolding``), reduced to its skeleton
/// (``ConfusableSkeleton``: "Àcme" is "acme") and stripped of everything but letters and digits
/// ("Acme CRM" becomes "acmecrm"), then looked for under the rules of
/// ``WordList``. Meant for a handful of words: every check scans the password once per word.
/// For long lists, use a ``BreachedPasswordChecker`` instead (exact match, any size).
struct BannedWords: Sendable {
    /// The prepared words.
    let words: WordList

    /// Prepares `words`.
    ///
    /// - Throws: ``PasswordPolicyError/invalidConfiguration`` when a word has fewer than 3 letters
    ///   and digits: it could not be looked for without refusing ordinary passwords.
    init(_ words: [String], skeleton: ConfusableSkeleton) throws(PasswordPolicyError) {
        var list = WordList()
        for (index, word) in words.enumerated() {
            let kept = FullCaseFolding.normalizeAndFold(word).unicodeScalars.compactMap(skeleton.scalar).filter {
                FoldedPassword.isLetter($0) || $0.properties.generalCategory == .decimalNumber
            }
            guard kept.count >= WordList.minimumWordLength else {
                throw PasswordPolicyError(
                    .invalidConfiguration,
                    "banned word #\(index + 1) has fewer than \(WordList.minimumWordLength) letters and digits")
            }
            for scalar in kept { list.append(scalar) }
            list.finishWord()
        }
        self.words = list
    }
}
