/// The context words taken from a ``PasswordContext``, ready to look for in a password.
///
/// Every field is normalized (NFKC), case-folded (``FullCaseFolding``), reduced to its skeleton
/// (``ConfusableSkeleton``: accents and look-alikes read as ASCII) and split into runs of letters;
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
    static let stopWords: [[UInt8]] = [
        "inc", "ltd", "llc", "plc", "corp", "gmbh", "company", "group", "the", "and",
        "com", "net", "org", "edu", "gov", "www", "mail", "email",
        "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "icloud", "proton", "protonmail",
    ].map { Array($0.utf8) }
    /// Code points read from each field.
    static let fieldLimit = 256
    /// Words kept in all, and other words read.
    static let wordLimit = 64

    /// The words, in the order found, without repeats.
    private(set) var words = WordList()
    private let skeleton: ConfusableSkeleton

    /// Collects the words of `context`, compared through `skeleton`.
    init(_ context: PasswordContext, skeleton: ConfusableSkeleton) {
        self.skeleton = skeleton
        if let email = context.email { addEmail(email) }
        if let username = context.username { add(username[...]) }
        if let name = context.name { add(name[...]) }
        if let company = context.companyName { add(company[...]) }
        if let product = context.productName { add(product[...]) }
        for word in context.otherWords.prefix(Self.wordLimit) { add(word[...]) }
    }

    /// The local part and the domain without its last label; the whole text if there is no `@`.
    private mutating func addEmail(_ email: String) {
        let scalars = email.unicodeScalars
        guard let at = scalars.lastIndex(of: "@") else { return add(email[...]) }
        add(Substring(scalars[..<at]))
        let domain = scalars[scalars.index(after: at)...]
        if let dot = domain.lastIndex(of: ".") {
            add(Substring(domain[..<dot]))
        } else {
            add(Substring(domain))
        }
    }

    /// Adds the words of one field.
    private mutating func add(_ field: Substring) {
        guard words.count < Self.wordLimit else { return }
        let head = field.utf8.prefix(Self.fieldLimit)
        if head.allSatisfy({ $0 < 0x80 }) {
            // ASCII: the first 256 bytes are the first 256 code points, already NFKC.
            for byte in head {
                guard keep(Unicode.Scalar(FullCaseFolding.foldASCII(byte))) else { return }
            }
        } else {
            var bounded = ""
            bounded.unicodeScalars.append(contentsOf: field.unicodeScalars.prefix(Self.fieldLimit))
            for scalar in FullCaseFolding.normalizeAndFold(bounded).unicodeScalars {
                guard let reduced = skeleton.scalar(scalar) else { continue }
                guard keep(reduced) else { return }
            }
        }
        _ = keep(" ")
    }

    /// Extends the current word with a letter, or ends it; `false` once enough words are kept.
    private mutating func keep(_ scalar: Unicode.Scalar) -> Bool {
        if FoldedPassword.isLetter(scalar) {
            words.append(scalar)
        } else {
            words.finishWord(excluding: Self.stopWords)
        }
        return words.count < Self.wordLimit
    }
}
