import Testing

@testable import PasswordPolicy

/// Look-alike and accented characters are compared through one skeleton in the blocklist, the
/// context and banned words, and the strength estimator's dictionaries.
@Suite("Confusable skeleton")
struct ConfusableSkeletonTests {
    static let acme = PasswordContext(hasMultiFactor: true, companyName: "Acme")

    /// The default checker: bundled blocklist, built-in estimator.
    static func defaultChecker() throws -> PasswordPolicyChecker { try PasswordPolicyChecker() }

    @Test("the ASCII originals of the regression examples are refused")
    func asciiOriginals() async throws {
        let checker = try Self.defaultChecker()
        #expect(try await checker.check("password1234", context: Self.acme).codes.contains(.breached))
        #expect(try await checker.check("iloveyou1234", context: Self.acme).codes.contains(.breached))
        #expect(try await checker.check("Acme2026!xyz", context: Self.acme).codes.contains(.containsContextWord))
    }

    @Test(
        "regression: confusables and accents passed the blocklist, context words and the score",
        arguments: [
            ("p\u{430}ssword1234", PasswordViolation.Code.breached),  // Cyrillic а
            ("\u{410}\u{441}m\u{435}2026!xyz", .containsContextWord),  // Cyrillic А, с, е with company Acme
            ("\u{C0}cme2026!xyz", .containsContextWord),  // À
            ("\u{130}loveyou1234", .breached),  // İ, Turkish capital dotted I
        ])
    func lookalikesAreRefused(password: String, code: PasswordViolation.Code) async throws {
        let result = try await Self.defaultChecker().check(password, context: Self.acme)
        #expect(!result.isAcceptable, "\(codePoints(password))")
        #expect(result.codes.contains(code), "\(codePoints(password)): \(result.codes)")
    }

    @Test(
        "accented, full-width and mathematical look-alikes are refused too",
        arguments: [
            ("p\u{E4}ssw\u{F6}rd1234", PasswordViolation.Code.breached),  // ä, ö
            ("\u{FF50}\u{FF41}\u{FF53}\u{FF53}\u{FF57}\u{FF4F}\u{FF52}\u{FF44}1234", .breached),  // full-width
            ("\u{1D429}\u{1D41A}\u{1D42C}\u{1D42C}\u{1D430}\u{1D428}\u{1D42B}\u{1D41D}1234", .breached),  // bold math
            ("p\u{3B1}ssw\u{3BF}rd1234", .breached),  // Greek α, ο
            ("\u{1D400}\u{1D41C}\u{1D426}\u{1D41E}2026!xyz", .containsContextWord),  // bold math Acme
            ("\u{FF21}\u{FF43}\u{FF4D}\u{FF45}2026!xyz", .containsContextWord),  // full-width Acme
            ("Acm\u{E9}2026!xyz", .containsContextWord),  // é
            ("\u{391}cm\u{435}2026!xyz", .containsContextWord),  // Greek Α, Cyrillic е
            ("\u{13AA}cme2026!xyz", .containsContextWord),  // Cherokee Ꭺ
        ])
    func otherDisguises(password: String, code: PasswordViolation.Code) async throws {
        let result = try await Self.defaultChecker().check(password, context: Self.acme)
        #expect(result.codes.contains(code), "\(codePoints(password)): \(result.codes)")
    }

    @Test(
        "ordinary non-Latin passphrases are not refused by the skeleton",
        arguments: [
            "καλημέρα θάλασσα βουνό",  // Greek
            "мороженое летом у реки",  // Russian
            "さくらのはなびらがまう",  // Japanese
            "זיכרון של שמש וים",  // Hebrew
            "Straße über Brücken",  // German with accents and ß
        ])
    func nonLatinPassphrases(password: String) async throws {
        let result = try await Self.defaultChecker().check(password, context: Self.acme)
        #expect(result.isAcceptable, "\(password): \(result.codes)")
    }

    @Test("banned words are compared through the skeleton on both sides")
    func bannedWords() async throws {
        let checker = try makeChecker { $0.bannedWords = ["Ácme CRM"] }
        #expect(try await checker.check("my \u{410}cmecrm key 2026").codes.contains(.containsBannedWord))
        #expect(try await checker.check("my acmecrm key 2026").codes.contains(.containsBannedWord))
    }

    @Test("the estimator reads look-alikes as the word, at twice its guesses")
    func estimator() throws {
        let estimator = try PasswordStrengthEstimator(referenceYear: 2026)
        let plain = estimator.estimate("password", userInputs: [])
        let disguised = estimator.estimate("p\u{430}ssw\u{3BF}rd", userInputs: [])
        #expect(disguised.score == 0)
        #expect(disguised.guesses > plain.guesses)
        #expect(disguised.guesses < plain.guesses * 4)
        // User inputs too: the company "Àcme" is found in "acme".
        #expect(estimator.estimate("acmeacme", userInputs: ["\u{C0}cme"]).score == 0)
    }

    @Test("the table maps letters to lowercase ASCII and leaves ASCII alone")
    func table() throws {
        let skeleton = try ConfusableSkeleton.bundled()
        #expect(skeleton.count > 1_000)
        let expected: [(Unicode.Scalar, Unicode.Scalar)] = [
            ("\u{430}", "a"), ("\u{410}", "a"), ("\u{C0}", "a"), ("\u{130}", "i"), ("\u{3BF}", "o"),
            ("\u{399}", "i"), ("\u{142}", "l"), ("\u{13AA}", "a"), ("\u{AB7A}", "a"),
        ]
        for (scalar, target) in expected {
            #expect(skeleton.asciiTarget(for: scalar) == target, "\(codePoints(String(scalar)))")
        }
        for value in 0..<0x80 {
            #expect(skeleton.asciiTarget(for: Unicode.Scalar(UInt8(value))) == nil)
        }
        // Letters never read as digits (Cyrillic З is not 3), and other scripts stay themselves.
        #expect(skeleton.asciiTarget(for: "\u{417}") == nil)
        #expect(skeleton.asciiTarget(for: "\u{3055}") == nil)  // さ
        // Combining marks are dropped where positions need not be kept.
        #expect(skeleton.scalar("\u{301}") == nil)
        #expect(skeleton.text(of: "q\u{303}uiet") == "quiet")
        #expect(skeleton.text(of: "plain ascii") == nil)
    }

    @Test(
        "a malformed table is a typed error",
        arguments: ["0041 a\n", "00E9 ab\n", "00E9 A\n", "zz a\n", "110000 a\n", "00E9\n"])
    func malformedTable(text: String) {
        #expect(throws: PasswordPolicyError.wordListMalformed) { try ConfusableSkeleton(parsing: Array(text.utf8)) }
    }
}
