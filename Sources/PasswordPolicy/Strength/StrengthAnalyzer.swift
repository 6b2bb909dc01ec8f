/// Finds every pattern in a password and the cheapest way to explain it as a sequence of patterns.
///
/// The model is the one of zxcvbn (Wheeler, "zxcvbn: Low-Budget Password Strength Estimation",
/// USENIX Security 2016): matchers propose overlapping matches, each with a guess estimate, and
/// ``MinimumGuessSearch`` picks the non-overlapping sequence (gaps filled by brute force) that
/// minimizes guesses. Matching runs on NFKC-normalized Unicode scalars; dictionaries are matched on
/// their lowercase skeletons (``ConfusableSkeleton``: a Cyrillic "а" or an "à" reads as "a"), while
/// capitals, shifted keys, sequences and repeats see the case.
struct StrengthAnalyzer: Sendable {
    /// The bundled frequency lists.
    let table: RankedWordTable
    /// The folded user inputs in rank order, without duplicates.
    let userInputs: UserInputIndex
    /// The year dates and years are measured from.
    let referenceYear: Int
    /// How look-alike and accented characters read in dictionary matching; none when nil.
    let skeleton: ConfusableSkeleton?

    /// An analyzer over `table`, with `userInputs` (folded, in rank order) as the person's own words.
    init(
        table: RankedWordTable, userInputs: [[Unicode.Scalar]], referenceYear: Int, skeleton: ConfusableSkeleton? = nil
    ) {
        self.init(
            table: table, userInputs: UserInputIndex(userInputs), referenceYear: referenceYear, skeleton: skeleton)
    }

    /// An analyzer over `table`, with `userInputs` already indexed (and already reduced to skeletons).
    init(table: RankedWordTable, userInputs: UserInputIndex, referenceYear: Int, skeleton: ConfusableSkeleton? = nil) {
        self.table = table
        self.userInputs = userInputs
        self.referenceYear = referenceYear
        self.skeleton = skeleton
    }

    /// Every match in `password` (NFKC scalars, case kept).
    func matches(in password: [Unicode.Scalar]) -> [StrengthMatch] {
        // One scalar for one scalar, so positions match the password: a look-alike or accented letter
        // becomes its ASCII skeleton, anything else its lowercase.
        let lower = password.map { skeleton?.asciiTarget(for: $0) ?? Self.lowercase($0) }
        var found: [StrengthMatch] = []
        found.reserveCapacity(64)
        dictionaryMatches(password, lower: lower, into: &found)
        // Every other pattern needs two characters or more (repeats recurse on single characters).
        guard password.count >= 2 else { return found }
        reversedDictionaryMatches(password, lower: lower, into: &found)
        substitutedDictionaryMatches(password, lower: lower, into: &found)
        repeatMatches(in: password, into: &found)
        SequenceMatching.matches(in: password, into: &found)
        guard password.count >= 3 else { return found }
        SpatialMatching.matches(in: password, into: &found)
        guard password.count >= 4 else { return found }
        DateMatching.recentYearMatches(in: password, referenceYear: referenceYear, into: &found)
        DateMatching.matches(in: password, referenceYear: referenceYear, into: &found)
        return found
    }

    /// The guesses needed for `password` and the sequence of matches that explains it most cheaply.
    func mostGuessable(_ password: [Unicode.Scalar]) -> MinimumGuessSearch.Result {
        MinimumGuessSearch.run(password: password, matches: matches(in: password))
    }

    /// The simple lowercase mapping of one scalar; scalars whose lowercase is not a single scalar
    /// (only U+0130 "İ") stay as they are, so positions in the lowercase text match the original.
    @inline(__always)
    static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 {
            return scalar.value &- 0x41 < 26 ? Unicode.Scalar(UInt8(scalar.value | 0x20)) : scalar
        }
        guard scalar.properties.changesWhenLowercased else { return scalar }
        let mapped = scalar.properties.lowercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first! : scalar
    }
}
