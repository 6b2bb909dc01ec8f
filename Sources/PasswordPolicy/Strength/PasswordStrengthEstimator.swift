import Foundation
public import PasswordHashing

/// CRMAuth's password strength estimator, on the model zxcvbn made popular.
///
/// It looks for what attackers try first — common passwords (the bundled top-100k breached list),
/// English words, names, film and TV words, the user's own details, all also reversed or with
/// look-alike substitutions ("p@ssw0rd"); keyboard walks on QWERTY, Dvorak and keypads; runs
/// ("abcd", "9753"); repeats; years and dates — and finds the cheapest way to explain the password as
/// a sequence of such patterns plus brute-forced characters (Wheeler, "zxcvbn: Low-Budget Password
/// Strength Estimation", USENIX Security 2016). The result is an estimate of guesses, a 0–4
/// ``PasswordStrength/score`` and advice a person can act on.
///
/// Text is NFKC-normalized first. Dictionaries match case-insensitively and through the skeleton of
/// look-alike and accented letters (a Cyrillic "а", an "à" or a Greek "ο" read as ASCII, at twice the
/// word's guesses); capitals add guesses. Any
/// other character (emoji, CJK, Cyrillic) counts as a brute-forced character worth 10 guesses, as in
/// zxcvbn; joiners, variation selectors and combining marks add nothing. Only the first
/// ``maximumAnalyzedLength`` scalars are analysed: the search is cubic in the length, and a password
/// that long already scores 4 unless it is made of patterns, which the prefix shows.
///
/// ```swift
/// let estimator = try PasswordStrengthEstimator()
/// let strength = estimator.estimate("Tr0ub4dor&3", userInputs: ["alice@acme.example", "Acme"])
/// print(strength.score, strength.feedback.warning ?? "")
/// ```
public struct PasswordStrengthEstimator: PasswordStrengthEstimating {
    /// Scalars beyond this many are not analysed.
    public static let maximumAnalyzedLength = 100

    /// The year dates and recent years are measured from.
    public let referenceYear: Int
    private let table: RankedWordTable
    private let skeleton: ConfusableSkeleton

    /// The reference years accepted: four-digit years. Distances between years are computed in
    /// `Int`, so an arbitrary value (`Int.min`) would overflow; anything outside is refused up front.
    public static let supportedReferenceYears = 1000...9999

    /// Creates an estimator over the bundled word lists, loading them if they are not loaded yet.
    ///
    /// - Parameter referenceYear: the year dates are measured from; the current year (UTC) when nil.
    /// - Throws: ``PasswordPolicyError/invalidConfiguration`` when `referenceYear` is outside
    ///   ``supportedReferenceYears``; ``PasswordPolicyError/wordListUnreadable`` if the bundled lists
    ///   or the look-alike table cannot be read.
    public init(referenceYear: Int? = nil) throws(PasswordPolicyError) {
        if let referenceYear, !Self.supportedReferenceYears.contains(referenceYear) {
            throw PasswordPolicyError(
                .invalidConfiguration,
                "referenceYear must be \(Self.supportedReferenceYears.lowerBound)...\(Self.supportedReferenceYears.upperBound), not \(referenceYear)"
            )
        }
        self.table = try BundledWordLists.table()
        self.skeleton = try ConfusableSkeleton.bundled()
        if let referenceYear {
            self.referenceYear = referenceYear
        } else {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
            self.referenceYear = calendar.component(.year, from: Date())
        }
    }

    /// Estimates the strength of `password`, treating each of `userInputs` (and each of its words of
    /// three or more letters or digits) as a word an attacker tries first.
    public func estimate(_ password: NormalizedPassword, userInputs: [String]) -> PasswordStrength {
        estimate(
            scalars: Array(password.revealed.unicodeScalars),
            foldedUserInputs: userInputs.prefix(Self.userInputLimit).map(Self.foldedUserInput))
    }

    /// ``estimate(_:userInputs:)`` for a password the policy checker has already normalized and user
    /// inputs it has already prepared with ``foldedUserInput(_:)``, so that no text goes through
    /// Foundation's normalization twice in one check.
    func estimate(normalized password: NormalizedPassword, foldedUserInputs: [[Unicode.Scalar]]) -> PasswordStrength {
        estimate(scalars: Array(password.revealed.unicodeScalars), foldedUserInputs: foldedUserInputs)
    }

    private func estimate(scalars: [Unicode.Scalar], foldedUserInputs: [[Unicode.Scalar]]) -> PasswordStrength {
        var scalars = scalars
        if scalars.count > Self.maximumAnalyzedLength {
            scalars.removeSubrange(Self.maximumAnalyzedLength...)
        }
        let analyzer = analyzer(foldedUserInputs: foldedUserInputs)
        let result = analyzer.mostGuessable(scalars)
        let score = Self.score(forGuesses: result.guesses)
        let feedback = StrengthFeedback.feedback(score: score, sequence: result.sequence, password: scalars)
        return PasswordStrength(guesses: result.guesses, score: score, feedback: feedback)
    }

    /// The 0–4 score for a number of guesses: below 10^3, 10^6, 10^8, 10^10, or more (with zxcvbn's
    /// margin of 5 guesses at each threshold). Guesses that are not a number score 0: an estimate
    /// that went wrong must not pass as strong.
    public static func score(forGuesses guesses: Double) -> Int {
        let margin = 5.0
        // Written as "not at least", so that NaN, which compares false with everything, falls to 0.
        if !(guesses >= 1e3 + margin) { return 0 }
        if guesses < 1e6 + margin { return 1 }
        if guesses < 1e8 + margin { return 2 }
        if guesses < 1e10 + margin { return 3 }
        return 4
    }

    private func analyzer(foldedUserInputs: [[Unicode.Scalar]]) -> StrengthAnalyzer {
        // Bounded: an app passes a handful of short inputs; more would only slow every estimate. The
        // index drops repeats through a hash set and keeps at most `UserInputIndex.maximumWords`.
        var words = UserInputIndex()
        // Compared through the skeleton, as the password is: "Àcme" is "acme" (marks dropped). ASCII
        // is its own skeleton, so the usual inputs are used as they are, without a copy.
        let folded = foldedUserInputs.prefix(Self.userInputLimit).map { input in
            input.allSatisfy(\.isASCII) ? input : input.compactMap(skeleton.scalar)
        }
        for input in folded { words.add(input) }
        // Then the words inside each input ("dana.scully@acme.example": "dana", "scully", "acme", ...):
        // runs of letters and digits (any non-ASCII scalar counts as a letter) of three or more.
        for input in folded where !words.isFull {
            var start = 0
            for index in 0...input.count {
                if index < input.count && (input[index].value >= 0x80 || Self.asciiAlphanumerics.contains(input[index]))
                {
                    continue
                }
                if index - start >= 3 && index - start < input.count { words.add(input[start..<index]) }
                start = index + 1
            }
        }
        return StrengthAnalyzer(table: table, userInputs: words, referenceYear: referenceYear, skeleton: skeleton)
    }

    /// User inputs beyond this many are not used.
    static let userInputLimit = 64

    /// The first 256 characters of `input`, folded, as scalars: the form the analyzer compares user
    /// inputs in. ASCII is lowercased without building a string.
    static func foldedUserInput(_ input: String) -> [Unicode.Scalar] {
        if input.utf8.count <= 256 && input.utf8.allSatisfy({ $0 < 0x80 }) {
            return input.utf8.map { Unicode.Scalar($0 &- 0x41 < 26 ? $0 | 0x20 : $0) }
        }
        return Array(WordListLowercasing.lowercase(String(input.prefix(256))).unicodeScalars)
    }

    /// ``foldedUserInput(_:)`` of the text made of `scalars`; ASCII (at most 256 scalars) is
    /// lowercased without building the text.
    static func foldedUserInput(_ scalars: some Collection<Unicode.Scalar>) -> [Unicode.Scalar] {
        if scalars.count <= 256 && scalars.allSatisfy(\.isASCII) {
            return scalars.map { $0.value &- 0x41 < 26 ? Unicode.Scalar(UInt8($0.value | 0x20)) : $0 }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return foldedUserInput(text)
    }

    private static let asciiAlphanumerics = ASCIISet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
}
