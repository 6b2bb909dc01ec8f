extension StrengthAnalyzer {
    /// Calls `body(i, j, list, rank)` for every substring `text[i...j]` at least `minimumLength` long
    /// that is in a ranked list or among the user inputs.
    ///
    /// Substrings are hashed incrementally, so none is ever allocated, and extending a substring stops
    /// as soon as the table's prefix filter says no entry begins with it.
    func forEachWord(
        in text: [Unicode.Scalar], minimumLength: Int = 1,
        _ body: (_ i: Int, _ j: Int, _ list: FrequencyList, _ rank: Int) -> Void
    ) {
        let longest = table.longestEntryBytes
        for i in 0..<text.count {
            var hash = WordHash()
            var bytes = 0
            for j in i..<text.count {
                bytes += hash.append(text[j])
                let value = hash.value
                if bytes > longest || !table.mayBePrefix(hash: value) { break }
                if j - i + 1 < minimumLength { continue }
                if let (list, rank) = bestRank(ofHash: value) { body(i, j, list, rank) }
            }
        }
        forEachUserInput(in: text) { i, j, rank in
            if j - i + 1 >= minimumLength { body(i, j, .userInputs, rank) }
        }
    }

    /// The list in which the word whose hash is `hash` ranks best, and that rank; nil if in none.
    ///
    /// A word's guesses are its rank times factors that do not depend on the list, so its other lists
    /// can never explain it more cheaply. Equal ranks go to the list zxcvbn consults first.
    @inline(__always)
    func bestRank(ofHash hash: UInt64) -> (FrequencyList, Int)? {
        var best: (list: FrequencyList, rank: Int)?
        table.forEachRank(ofHash: hash) { number, rank in
            let list = FrequencyList(rawValue: number) ?? .passwords
            if let current = best, current.rank < rank || (current.rank == rank && current.list.order <= list.order) {
                return
            }
            best = (list, rank)
        }
        return best
    }

    /// Calls `body(i, j, rank)` for every occurrence of a user input in `text`: substrings are hashed
    /// incrementally and extended only while some input begins with them, so the work is at most the
    /// text's length times the longest input, whatever the number of inputs.
    func forEachUserInput(in text: [Unicode.Scalar], _ body: (_ i: Int, _ j: Int, _ rank: Int) -> Void) {
        guard !userInputs.isEmpty else { return }
        for i in 0..<text.count {
            var hash = WordHash()
            for j in i..<text.count {
                hash.append(text[j])
                let value = hash.value
                guard userInputs.mayBePrefix(hash: value) else { break }
                if let rank = userInputs.rank(ofHash: value, text: text[i...j]) { body(i, j, rank) }
            }
        }
    }

    /// How many scalars before each position `lower` reads through the skeleton (a look-alike or an
    /// accented letter read as ASCII): `counts[j + 1] - counts[i]` for `i...j`.
    /// Nil when the password is ASCII, which the skeleton never changes (the usual case, spared
    /// the array).
    static func skeletonCounts(_ password: [Unicode.Scalar], lower: [Unicode.Scalar]) -> [Int]? {
        guard !password.allSatisfy(\.isASCII) else { return nil }
        var counts = [Int](repeating: 0, count: password.count + 1)
        for k in password.indices {
            counts[k + 1] = counts[k] + (lower[k] != lowercase(password[k]) ? 1 : 0)
        }
        return counts
    }

    /// Words of the ranked lists and user inputs, as written. A word written with look-alikes or
    /// accents ("pаssword" with a Cyrillic "а") counts as substituted, at twice the word's guesses.
    func dictionaryMatches(_ password: [Unicode.Scalar], lower: [Unicode.Scalar], into matches: inout [StrengthMatch]) {
        let read = Self.skeletonCounts(password, lower: lower)
        forEachWord(in: lower) { i, j, list, rank in
            let disguised = read.map { $0[j + 1] > $0[i] } ?? false
            let guesses = Double(rank) * GuessArithmetic.uppercaseVariations(password[i...j]) * (disguised ? 2 : 1)
            matches.append(
                StrengthMatch(
                    i: i, j: j, pattern: .dictionary(list: list, rank: rank, reversed: false, substituted: disguised),
                    rawGuesses: guesses, passwordLength: password.count))
        }
    }

    /// Words written backwards ("drowssap"): twice the guesses of the word. Single characters are
    /// skipped: reversed, they are the same match at twice the cost.
    func reversedDictionaryMatches(
        _ password: [Unicode.Scalar], lower: [Unicode.Scalar], into matches: inout [StrengthMatch]
    ) {
        let n = lower.count
        let read = Self.skeletonCounts(password, lower: lower)
        forEachWord(in: Array(lower.reversed()), minimumLength: 2) { ri, rj, list, rank in
            let i = n - 1 - rj
            let j = n - 1 - ri
            let disguised = read.map { $0[j + 1] > $0[i] } ?? false
            let guesses = Double(rank) * GuessArithmetic.uppercaseVariations(password[i...j]) * 2 * (disguised ? 2 : 1)
            matches.append(
                StrengthMatch(
                    i: i, j: j, pattern: .dictionary(list: list, rank: rank, reversed: true, substituted: disguised),
                    rawGuesses: guesses, passwordLength: password.count))
        }
    }
}
