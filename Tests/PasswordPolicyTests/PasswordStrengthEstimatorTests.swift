import PasswordPolicy
import Testing

@Suite("PasswordStrengthEstimator")
struct PasswordStrengthEstimatorTests {
    let estimator: PasswordStrengthEstimator

    init() throws {
        estimator = try PasswordStrengthEstimator(referenceYear: 2026)
    }

    @Test(
        "scores follow zxcvbn's thresholds (10^3, 10^6, 10^8, 10^10, with a margin of 5)",
        arguments: [
            (1.0, 0), (1_004.9, 0), (1_005, 1), (1e6 + 4, 1), (1e6 + 6, 2), (1e8 + 6, 3), (1e10 + 4, 3), (1e10 + 6, 4),
        ] as [(Double, Int)])
    func thresholds(guesses: Double, score: Int) {
        #expect(PasswordStrengthEstimator.score(forGuesses: guesses) == score)
    }

    @Test(
        "common and patterned passwords score 0 or 1, with a warning",
        arguments: [
            "password", "Password1", "qwerty123", "p@ssw0rd", "zxcvbnm", "abcdefgh", "aaaaaaaa", "13/05/1987",
            "ＰＡＳＳＷＯＲＤ", "drowssap", "1qaz2wsx", "Summer2026",
        ])
    func weak(password: String) {
        let strength = estimator.estimate(password, userInputs: [])
        #expect(strength.score <= 1)
        #expect(strength.feedback.warning != nil || !strength.feedback.suggestions.isEmpty)
    }

    @Test(
        "long random and passphrase passwords score 4 without advice",
        arguments: [
            "correct horse battery staple", "Tz9!mQ4#vL2@xK7p", "glacier-umbrella-quantum-meadow",
        ])
    func strong(password: String) {
        let strength = estimator.estimate(password, userInputs: [])
        #expect(strength.score == 4)
        #expect(strength.feedback == PasswordFeedback())
    }

    @Test(
        "the warning names what makes a password weak",
        arguments: [
            ("password", "This is one of the 10 most common passwords."),
            ("qwertyuiop", "This is one of the 100 most common passwords."),
            ("zxcvbnm,./", "A straight row of keys is easy to guess."),
            ("aaaaaaaaaaaaa", "Repeated characters such as \"aaa\" are easy to guess."),
            ("jihgfedcbaz", "Runs such as \"abc\" or \"6543\" are easy to guess."),
            ("13.05.1987", "Dates are easy to guess."),
            ("mississippi", "A single word is easy to guess."),
        ])
    func warnings(password: String, warning: String) {
        #expect(estimator.estimate(password, userInputs: []).feedback.warning == warning)
    }

    @Test("user inputs and their words are guessed first")
    func userInputs() {
        let alone = estimator.estimate("zorblatt2031", userInputs: [])
        let known = estimator.estimate("zorblatt2031", userInputs: ["dana@zorblatt.example", "Zorblatt Inc."])
        #expect(known.guesses < alone.guesses / 1000)
        #expect(known.feedback.warning == "It contains your name, your email address or the company's name.")
    }

    @Test("capital letters and substitutions add a suggestion")
    func suggestions() {
        #expect(
            estimator.estimate("Dragon", userInputs: []).feedback.suggestions
                .contains("A capital first letter doesn't make it much harder to guess."))
        #expect(
            estimator.estimate("dr4g0n", userInputs: []).feedback.suggestions
                .contains("Swapping letters for look-alikes, such as \"@\" for \"a\", doesn't help much."))
    }

    @Test("the empty password takes one guess")
    func empty() {
        let strength = estimator.estimate("", userInputs: [])
        #expect(strength.guesses == 1)
        #expect(strength.score == 0)
        #expect(!strength.feedback.suggestions.isEmpty)
    }

    @Test(
        "Unicode does not crash and counts as brute force",
        arguments: [
            "пароль-Ωmega-🔥🔥", "👨‍👩‍👧‍👦👨‍👩‍👧‍👦", "\u{202E}drowssap", "e\u{0301}\u{0301}\u{0301}", "\u{0000}\u{FFFF}\u{10FFFF}",
            "日本語のパスワードです", "İstanbul", "ﷺﷺﷺ",
        ])
    func unicode(password: String) {
        let strength = estimator.estimate(password, userInputs: ["İ", "ﷺ", ""])
        #expect(strength.guesses >= 1)
        #expect((0...4).contains(strength.score))
    }

    @Test("only the first 100 scalars are analysed, so a 1024-byte password is quick and bounded")
    func longPassword() {
        let long = String(repeating: "password", count: 128)
        let strength = estimator.estimate(long, userInputs: [])
        #expect(strength.guesses == estimator.estimate(String(long.prefix(100)), userInputs: []).guesses)
        #expect(strength.score <= 1)  // "password" twelve times, then "pass"
    }

    @Test("the estimate is a pure function of its inputs")
    func pure() {
        let a = estimator.estimate("Tr0ub4dor&3", userInputs: ["troubadour"])
        let b = estimator.estimate("Tr0ub4dor&3", userInputs: ["troubadour"])
        #expect(a == b)
    }
}
