/// A pattern found in a password: where it is, what it is, and how many guesses it costs on its own.
struct StrengthMatch: Sendable {
    /// What kind of pattern, with what scoring and feedback need to know about it.
    enum Pattern: Sendable, Equatable {
        /// A word from a ranked list, possibly reversed or with look-alike substitutions.
        case dictionary(list: FrequencyList, rank: Int, reversed: Bool, substituted: Bool)
        /// A walk over adjacent keys.
        case spatial(graph: KeyboardGraph.Name, turns: Int)
        /// A base string repeated; `baseLength` is its length in scalars.
        case repeated(baseLength: Int)
        /// Evenly spaced code points: "abc", "9753".
        case sequence
        /// A year 1900–2099.
        case recentYear
        /// A day, month and year.
        case date
        /// Characters no other pattern explains.
        case bruteforce
    }

    /// Index of the first scalar.
    let i: Int
    /// Index of the last scalar.
    let j: Int
    /// What was found.
    let pattern: Pattern
    /// Guesses to find this part alone (never below the floor for a part of a longer password).
    let guesses: Double

    /// Number of scalars covered.
    var length: Int { j - i + 1 }

    /// A match whose raw estimate is `rawGuesses`, raised to the floor that keeps a short part of a
    /// longer password from counting as almost free (Wheeler 2016, §4: 10 for one character, 50 for more).
    init(i: Int, j: Int, pattern: Pattern, rawGuesses: Double, passwordLength: Int) {
        self.i = i
        self.j = j
        self.pattern = pattern
        var floor = 1.0
        if j - i + 1 < passwordLength { floor = j == i ? 10 : 50 }
        self.guesses = max(rawGuesses, floor)
    }
}
