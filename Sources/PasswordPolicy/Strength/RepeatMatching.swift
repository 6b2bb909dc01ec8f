extension StrengthAnalyzer {
    /// Appends repeats ("aaaa", "abcabc", "dogdogdog"), scanning from the left without overlap.
    ///
    /// At the leftmost position where a repeat starts, the longest and the shortest repeated unit are
    /// both considered (as the regular expressions `(.+)\1+` and `(.+?)\1+` would find them); the one
    /// covering more wins, reduced to its shortest period. The unit is estimated recursively, and the
    /// repeat costs the unit's guesses times the number of repetitions.
    func repeatMatches(in password: [Unicode.Scalar], into matches: inout [StrengthMatch]) {
        let n = password.count
        var position = 0
        scan: while position < n {
            for i in position..<n {
                var shortest: Int?
                var longest = 0
                if n - i >= 2 {
                    for unit in 1...((n - i) / 2) where Self.repeats(password, at: i, unit: unit) {
                        if shortest == nil { shortest = unit }
                        longest = unit
                    }
                }
                guard let shortest else { continue }
                let shortSpan = shortest * Self.repetitions(password, at: i, unit: shortest)
                let longSpan = longest * Self.repetitions(password, at: i, unit: longest)
                let span = max(shortSpan, longSpan)
                let base = longSpan > shortSpan ? Self.period(of: password[i..<i + longSpan]) : shortest
                let baseGuesses = mostGuessable(Array(password[i..<i + base])).guesses
                matches.append(
                    StrengthMatch(
                        i: i, j: i + span - 1, pattern: .repeated(baseLength: base),
                        rawGuesses: baseGuesses * Double(span / base), passwordLength: n))
                position = i + span
                continue scan
            }
            break
        }
    }

    /// Whether `text[at ..< at + unit]` is immediately repeated once.
    private static func repeats(_ text: [Unicode.Scalar], at start: Int, unit: Int) -> Bool {
        for k in 0..<unit where text[start + k] != text[start + unit + k] { return false }
        return true
    }

    /// How many times the unit at `start` occurs back to back (at least 2 when it repeats).
    private static func repetitions(_ text: [Unicode.Scalar], at start: Int, unit: Int) -> Int {
        var count = 1
        while start + (count + 1) * unit <= text.count && repeats(text, at: start + (count - 1) * unit, unit: unit) {
            count += 1
        }
        return count
    }

    /// The shortest unit that `text` is two or more whole repetitions of.
    private static func period(of text: ArraySlice<Unicode.Scalar>) -> Int {
        let chars = Array(text)
        for unit in 1...(chars.count / 2) where chars.count % unit == 0 {
            if (unit..<chars.count).allSatisfy({ chars[$0] == chars[$0 - unit] }) { return unit }
        }
        return chars.count
    }
}
