import Testing

@testable import PasswordPolicy

/// Matchers in isolation, with expectations worked out from the model (Wheeler 2016) by hand.
@Suite("PasswordStrengthEstimator matchers")
struct StrengthMatcherTests {
    let analyzer: StrengthAnalyzer

    init() throws {
        analyzer = StrengthAnalyzer(
            table: try BundledWordLists.table(), userInputs: [Array("acmecorp".unicodeScalars)], referenceYear: 2017)
    }

    func matches(_ password: String) -> [StrengthMatch] {
        analyzer.matches(in: Array(password.unicodeScalars))
    }

    func whole(_ password: String, _ pattern: StrengthMatch.Pattern) -> StrengthMatch? {
        matches(password).first { $0.i == 0 && $0.j == password.unicodeScalars.count - 1 && $0.pattern == pattern }
    }

    @Test(
        "dictionary: rank times capitalization variants",
        arguments: [
            ("password", 4.0), ("Password", 8), ("passworD", 8), ("PASSWORD", 8),
            ("PassWord", 144),  // 2 capitals among 8 letters: 4 × (C(8,1) + C(8,2))
        ])
    func dictionary(password: String, guesses: Double) throws {
        let match = try #require(
            whole(password, .dictionary(list: .passwords, rank: 4, reversed: false, substituted: false)))
        #expect(match.guesses == guesses)
    }

    @Test("dictionary: other lists are matched with their own ranks")
    func otherLists() {
        #expect(whole("the", .dictionary(list: .englishWikipedia, rank: 1, reversed: false, substituted: false)) != nil)
        #expect(whole("mary", .dictionary(list: .femaleNames, rank: 1, reversed: false, substituted: false)) != nil)
        #expect(whole("smith", .dictionary(list: .surnames, rank: 1, reversed: false, substituted: false)) != nil)
        #expect(whole("james", .dictionary(list: .maleNames, rank: 1, reversed: false, substituted: false)) != nil)
    }

    @Test("reversed words cost twice the word")
    func reversed() throws {
        let match = try #require(
            whole("drowssap", .dictionary(list: .passwords, rank: 4, reversed: true, substituted: false)))
        #expect(match.guesses == 8)
    }

    @Test("l33t: each substitution used alone doubles the guesses")
    func substituted() throws {
        let match = try #require(
            whole("p@ssw0rd", .dictionary(list: .passwords, rank: 4, reversed: false, substituted: true)))
        #expect(match.guesses == 16)
        // "1" may stand for "i" or "l": both readings are tried.
        #expect(matches("a1ice").contains { $0.length == 5 && Self.isSubstituted($0) })
        // No substitution, no l33t match.
        #expect(!matches("password").contains(where: Self.isSubstituted))
        // A single substituted character is not a word.
        #expect(!matches("@").contains(where: Self.isSubstituted))
    }

    static func isSubstituted(_ match: StrengthMatch) -> Bool {
        if case .dictionary(_, _, _, true) = match.pattern { true } else { false }
    }

    @Test("user inputs are a dictionary of rank 1...n")
    func userInputs() {
        #expect(whole("AcmeCorp", .dictionary(list: .userInputs, rank: 1, reversed: false, substituted: false)) != nil)
    }

    @Test("keyboard walks: guesses from starting keys, degree and turns")
    func spatial() throws {
        let qwerty = KeyboardGraph.qwerty
        #expect(qwerty.startingPositions == 94)
        #expect(abs(qwerty.averageDegree - 4.5957) < 0.0001)
        #expect(KeyboardGraph.keypad.startingPositions == 15)
        #expect(abs(KeyboardGraph.keypad.averageDegree - 5.0667) < 0.0001)
        let walk = try #require(whole("zxcvbn", .spatial(graph: .qwerty, turns: 1)))
        // One turn: Σ over lengths 2...6 of 94 × 4.5957 = 5 × 94 × 4.5957.
        #expect(abs(walk.guesses - 5 * 94 * qwerty.averageDegree) < 1e-6)
        #expect(whole("qazxsw", .spatial(graph: .qwerty, turns: 3)) != nil)  // down, right, up
        // "z" and "2" are not neighbours: "1qaz2wsx" is two walks.
        #expect(whole("1qaz", .spatial(graph: .qwerty, turns: 1)) != nil)
        #expect(whole("1qaz2wsx", .spatial(graph: .qwerty, turns: 1)) == nil)
        #expect(whole("aoeuidhtns", .spatial(graph: .dvorak, turns: 1)) != nil)
        #expect(whole("789654", .spatial(graph: .keypad, turns: 3)) != nil)
        #expect(whole("qwe", .spatial(graph: .qwerty, turns: 1)) != nil)
        #expect(matches("qw").allSatisfy { if case .spatial = $0.pattern { false } else { true } })
    }

    @Test("shifted keys: every placement of the shifted keys counts, all shifted doubles")
    func shifted() throws {
        let plain = try #require(whole("qwerty", .spatial(graph: .qwerty, turns: 1)))
        let shifted = try #require(whole("qwErty", .spatial(graph: .qwerty, turns: 1)))
        #expect(shifted.guesses == plain.guesses * 6)  // C(6,1)
        let allShifted = try #require(whole("QWERTY", .spatial(graph: .qwerty, turns: 1)))
        #expect(allShifted.guesses == plain.guesses * 2)
    }

    @Test(
        "sequences: obvious starts are cheaper, descending costs double",
        arguments: [
            ("abcdef", 24.0), ("ghijkl", 156), ("jihgfedcba", 520), ("13579", 20), ("97531", 40), ("45678", 50),
        ])
    func sequence(password: String, guesses: Double) throws {
        let match = try #require(whole(password, .sequence))
        #expect(match.guesses == guesses)
    }

    @Test("repeats: the unit's guesses times the repetitions")
    func repeats() throws {
        let single = try #require(whole("aaaaaa", .repeated(baseLength: 1)))
        let unit = analyzer.mostGuessable(Array("a".unicodeScalars)).guesses
        #expect(single.guesses == unit * 6)
        #expect(whole("abcabcabc", .repeated(baseLength: 3)) != nil)
        // Greedy beats lazy: "aabaab" is "aab" twice, not "aa".
        #expect(whole("aabaab", .repeated(baseLength: 3)) != nil)
        // The greedy unit "abab" of "abababab" is reduced to its period "ab".
        #expect(whole("abababab", .repeated(baseLength: 2)) != nil)
    }

    @Test(
        "dates: year distance from the reference year × 365, × 4 with a separator",
        arguments: [
            ("13/05/1987", 30.0 * 365 * 4), ("1987-05-13", 30.0 * 365 * 4), ("19870513", 30.0 * 365),
            ("130587", 30.0 * 365), ("1/1/2016", 20.0 * 365 * 4),
        ] as [(String, Double)])
    func date(password: String, guesses: Double) throws {
        let match = try #require(whole(password, .date))
        #expect(match.guesses == guesses)
    }

    @Test("dates inside longer dates are dropped; impossible dates are not dates")
    func dateFiltering() {
        #expect(matches("2015_06_04").filter { $0.pattern == .date }.count == 1)
        #expect(whole("32/13/1999", .date) == nil)
        #expect(whole("99999999", .date) == nil)
    }

    @Test(
        "recent years cost their distance from the reference year, at least 20",
        arguments: [
            ("2016", 20.0), ("1950", 67), ("2024", 20),
        ])
    func recentYear(password: String, guesses: Double) throws {
        #expect(try #require(whole(password, .recentYear)).guesses == guesses)
    }

    @Test("brute force: 10 per character; joiners, selectors and marks are free")
    func bruteforce() {
        // One brute-force match: 1! × 10^3 + 10000^0.
        #expect(analyzer.mostGuessable(Array("日本語".unicodeScalars)).guesses == 1001)
        // Man ZWJ woman ZWJ girl ZWJ boy: 7 scalars, 4 counted.
        #expect(analyzer.mostGuessable(Array("👨‍👩‍👧‍👦".unicodeScalars)).guesses == 10_001)
        #expect(analyzer.mostGuessable([]).guesses == 1)
    }

    @Test("search: a word and a year are multiplied, with 2! orderings and the length penalty")
    func search() {
        let result = analyzer.mostGuessable(Array("password2016".unicodeScalars))
        // password (rank 4, floor 50 as part of a longer password) × 2016 (20 guesses, floor 50):
        // 2! × 50 × 50 + 10000^1.
        #expect(result.sequence.count == 2)
        #expect(result.guesses == 2 * 50 * 50 + 10_000)
    }
}
