import Foundation
import Testing

@testable import PasswordPolicy

/// The estimator's work on crafted input is bounded by counting, never by timing.
@Suite("PasswordStrengthEstimator worst cases")
struct StrengthWorstCaseTests {
    /// The 20 look-alike characters, each once.
    static let lookalikes = String(String.UnicodeScalarView(L33tSubstitution.lookalikes.map(\.character)))
    /// 250 code points of look-alikes, the benchmark's crafted worst case.
    static let crafted = String(String(repeating: lookalikes, count: 13).prefix(250))

    @Test("regression: 20 look-alikes made 736 readings, deduplicated pairwise; now at most the cap, each once")
    func lookalikeReadingsAreCappedAndUnique() {
        let readings = L33tSubstitution.readings(of: Array(Self.lookalikes.unicodeScalars))
        #expect(readings.count == L33tSubstitution.maximumReadings)
        for (index, reading) in readings.enumerated() {
            #expect(!readings[..<index].contains(reading))
        }
        // A password with a few look-alikes keeps every reading: "1" as "i" and as "l".
        #expect(L33tSubstitution.readings(of: Array("a1ice".unicodeScalars)).count == 2)
    }

    @Test(
        "regression: the substitution matcher's work on 100 look-alikes is bounded by length × readings × longest word")
    func substitutionWorkIsBounded() throws {
        let analyzer = StrengthAnalyzer(
            table: try BundledWordLists.table(), userInputs: [Array("4cm3c0rp".unicodeScalars)], referenceYear: 2026)
        let password = Array(Self.crafted.unicodeScalars.prefix(PasswordStrengthEstimator.maximumAnalyzedLength))
        var matches: [StrengthMatch] = []
        let steps = analyzer.substitutedDictionaryMatches(password, lower: password, into: &matches)
        let bound = password.count * L33tSubstitution.maximumReadings * (analyzer.table.longestEntryBytes + 1)
        #expect(steps > 0)
        #expect(steps <= bound)
        // Most readings die within a few characters: far below the bound in practice.
        #expect(steps <= password.count * L33tSubstitution.maximumReadings * 8)
    }

    @Test("regression: user inputs were scanned one by one and kept without limit; now indexed and capped")
    func userInputsAreIndexedAndCapped() throws {
        let many = (0..<5_000).map { Array("word\($0)".unicodeScalars) }
        let index = UserInputIndex(many + many)
        #expect(index.words.count == UserInputIndex.maximumWords)
        #expect(index.words.first == Array("word0".unicodeScalars))
        // Repeats are dropped and ranks follow the order given.
        let small = UserInputIndex([
            Array("acme".unicodeScalars), Array("dana".unicodeScalars), Array("acme".unicodeScalars),
        ])
        #expect(small.words.count == 2)
        // Matching still finds each input wherever it occurs, by rank.
        let analyzer = StrengthAnalyzer(
            table: try BundledWordLists.table(), userInputs: small.words, referenceYear: 2026)
        var found: [(Int, Int, Int)] = []
        analyzer.forEachUserInput(in: Array("xdanaacmedana".unicodeScalars)) { found.append(($0, $1, $2)) }
        #expect(found.map(\.0) == [1, 5, 9])
        #expect(found.map(\.2) == [2, 1, 2])
    }

    @Test("an estimate given thousands of user inputs still finds the first ones")
    func manyUserInputs() throws {
        let estimator = try PasswordStrengthEstimator(referenceYear: 2026)
        let inputs = ["Zyxwvutsrq"] + (0..<5_000).map { "input number \($0) with several words" }
        let strength = estimator.estimate("zyxwvutsrq", userInputs: inputs)
        #expect(strength.score == 0)
    }

    @Test("the crafted worst case gives a finite estimate")
    func craftedWorstCase() throws {
        let estimator = try PasswordStrengthEstimator(referenceYear: 2026)
        let strength = estimator.estimate(Self.crafted, userInputs: ["dana.scully@acme.example", "Acme"])
        #expect(strength.guesses.isFinite)
        #expect((0...4).contains(strength.score))
    }

    @Test("regression: dates were checked for nesting pairwise; a hundred digits still yield only outermost dates")
    func nestedDatesOnLongDigitRuns() {
        let digits = Array(String(repeating: "1305198719", count: 10).unicodeScalars)
        var matches: [StrengthMatch] = []
        DateMatching.matches(in: digits, referenceYear: 2026, into: &matches)
        #expect(!matches.isEmpty)
        for (index, date) in matches.enumerated() {
            #expect(date.length <= 10)
            let nested = matches.indices.contains { $0 != index && matches[$0].i <= date.i && matches[$0].j >= date.j }
            #expect(!nested)
        }
    }
}

/// Arithmetic on numbers an app or a person supplies cannot overflow or pass a broken value.
@Suite("PasswordPolicy arithmetic on given numbers")
struct GivenNumberArithmeticTests {
    @Test(
        "regression: a reference year of Int.min overflowed year distances; now invalidConfiguration",
        arguments: [
            Int.min, Int.max, -1, 0, 999, 10_000,
        ])
    func referenceYearOutOfRange(year: Int) {
        #expect(throws: PasswordPolicyError.invalidConfiguration) { try PasswordStrengthEstimator(referenceYear: year) }
    }

    @Test("reference years at the edges of the range estimate dates", arguments: [1000, 9999])
    func referenceYearEdges(year: Int) throws {
        let strength = try PasswordStrengthEstimator(referenceYear: year).estimate("13.05.1987 1999", userInputs: [])
        #expect(strength.guesses.isFinite)
    }

    @Test("regression: guesses that are not a number scored 4; now 0")
    func notANumberScoresZero() {
        #expect(PasswordStrengthEstimator.score(forGuesses: .nan) == 0)
        #expect(PasswordStrengthEstimator.score(forGuesses: .infinity) == 4)
        #expect(PasswordStrengthEstimator.score(forGuesses: -.infinity) == 0)
    }

    @Test("regression: a maximum age that is not a number never required a change; now it does")
    func notANumberMaximumAge() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let decision = PasswordChangeRequirement.decide(
            lastChanged: now, maximumAge: .nan, compromised: false, at: now)
        #expect(decision.isRequired)
    }

    @Test("an infinite or NaN maximum age is an invalid configuration", arguments: [Double.infinity, .nan])
    func nonFiniteMaximumAge(age: Double) {
        #expect(throws: PasswordPolicyError.invalidConfiguration) { try makeChecker { $0.maximumAge = age } }
    }
}
