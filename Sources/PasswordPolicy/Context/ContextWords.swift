/// The context words taken from a ``PasswordContext``, ready to look for in a password.
///
/// Every field is normalized (NFKC), case-folded (``CaseFolding``) and split into runs of letters;
/// each run of at least 3 code points is a word, except the generic words in ``stopWords``.
/// - Email: the local part and the domain labels, without the last label (the top-level domain):
///   `ada.lovelace+crm@mail.acme.co.uk` gives "ada", "lovelace", "crm", "acme".
/// - Name, username, company, product and other words: every run of letters ("Ada King-Noel" gives
///   "ada", "king", "noel").
/// Digits separate words and are not words themselves: a bare number (a year, a house number) is
/// too common to refuse on its own; the strength estimator weighs it instead.
///
/// Input is bounded: each field is read up to 256 code points, at most 64 other words are read and
/// at most 64 words are kept, so a hostile context cannot make a check slow.
struct ContextWords {
    /// Generic words that identify no one: company suffixes, mail and web labels, webmail providers.
    static let stopWords: Set<String> = [
        "inc", "ltd", "llc", "plc", "corp", "gmbh", "company", "group", "the", "and",
        "com", "net", "org", "edu", "gov", "www", "mail", "email",
        "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "icloud", "proton", "protonmail",
    ]
    /// Code points read from each field.
    static let fieldLimit = 256
    /// Words kept in all.
    static let wordLimit = 64

    /// The words, in the order found, without repeats.
    let patterns: [WordPattern]

    /// Collects the words of `context`.
    init(_ context: PasswordContext) {
        var fields: [String] = []
        if let email = context.email { fields += Self.emailParts(email) }
        fields += [context.username, context.name, context.companyName, context.productName].compactMap { $0 }
        fields += context.otherWords.prefix(Self.wordLimit)
        var seen = Set<WordPattern>()
        var patterns: [WordPattern] = []
        for field in fields where patterns.count < Self.wordLimit {
            for pattern in Self.words(in: field) where patterns.count < Self.wordLimit && seen.insert(pattern).inserted {
                patterns.append(pattern)
            }
        }
        self.patterns = patterns
    }

    /// The runs of letters in `field` that are words.
    static func words(in field: String) -> [WordPattern] {
        var bounded = ""
        bounded.unicodeScalars.append(contentsOf: field.unicodeScalars.prefix(fieldLimit))
        let folded = CaseFolding.normalizeAndFold(bounded).unicodeScalars
        var words: [WordPattern] = []
        var run: [Unicode.Scalar] = []
        func finishRun() {
            if let word = WordPattern(folded: run), !stopWords.contains(word.text) { words.append(word) }
            run.removeAll(keepingCapacity: true)
        }
        for scalar in folded {
            if FoldedPassword.isLetter(scalar) { run.append(scalar) } else { finishRun() }
        }
        finishRun()
        return words
    }

    /// The local part and the domain without its last label; the whole text if there is no `@`.
    static func emailParts(_ email: String) -> [String] {
        guard let at = email.lastIndex(of: "@") else { return [email] }
        let local = String(email[..<at])
        var labels = email[email.index(after: at)...].split(separator: ".")
        if labels.count > 1 { labels.removeLast() }
        return [local] + labels.map(String.init)
    }
}
