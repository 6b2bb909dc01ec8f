extension StrengthAnalyzer {
    /// Calls `body(i, j, list, rank)` for every substring `text[i...j]` that is in a ranked list or
    /// among the user inputs. When `required` is given, only substrings containing at least one
    /// position marked true are looked up. Substrings are hashed incrementally: no allocation.
    func forEachWord(
        in text: [Unicode.Scalar], required: [Bool]? = nil,
        _ body: (_ i: Int, _ j: Int, _ list: FrequencyList, _ rank: Int) -> Void
    ) {
        let longest = max(table.longestEntryBytes, userInputLongestBytes)
        for i in 0..<text.count {
            var hash = WordHash()
            var bytes = 0
            var hasRequired = false
            for j in i..<text.count {
                let scalar = text[j]
                if scalar.value < 0x80 {
                    hash.append(UInt8(truncatingIfNeeded: scalar.value))
                    bytes += 1
                } else {
                    UTF8.encode(scalar) { hash.append($0); bytes += 1 }
                }
                if bytes > longest { break }
                if let required, !hasRequired {
                    hasRequired = required[j]
                    if !hasRequired { continue }
                }
                let value = hash.value
                table.forEachRank(ofHash: value) { list, rank in
                    body(i, j, FrequencyList(rawValue: list) ?? .passwords, rank)
                }
                if let index = userInputHashes.firstIndex(of: value) {
                    body(i, j, .userInputs, index + 1)
                }
            }
        }
    }

    /// Words of the ranked lists and user inputs, as written.
    func dictionaryMatches(_ password: [Unicode.Scalar], lower: [Unicode.Scalar], into matches: inout [StrengthMatch]) {
        forEachWord(in: lower) { i, j, list, rank in
            let guesses = Double(rank) * GuessArithmetic.uppercaseVariations(password[i...j])
            matches.append(StrengthMatch(
                i: i, j: j, pattern: .dictionary(list: list, rank: rank, reversed: false, substituted: false),
                rawGuesses: guesses, passwordLength: password.count))
        }
    }

    /// Words written backwards ("drowssap"): twice the guesses of the word.
    func reversedDictionaryMatches(
        _ password: [Unicode.Scalar], lower: [Unicode.Scalar], into matches: inout [StrengthMatch]
    ) {
        let n = lower.count
        forEachWord(in: Array(lower.reversed())) { ri, rj, list, rank in
            let i = n - 1 - rj, j = n - 1 - ri
            let guesses = Double(rank) * GuessArithmetic.uppercaseVariations(password[i...j]) * 2
            matches.append(StrengthMatch(
                i: i, j: j, pattern: .dictionary(list: list, rank: rank, reversed: true, substituted: false),
                rawGuesses: guesses, passwordLength: password.count))
        }
    }

    /// Words with look-alike substitutions ("p@ssw0rd"), for every consistent way of reading the
    /// substituted characters; only matches that use at least one substitution and span more than one
    /// character count.
    func substitutedDictionaryMatches(
        _ password: [Unicode.Scalar], lower: [Unicode.Scalar], into matches: inout [StrengthMatch]
    ) {
        let readings = L33tSubstitution.readings(of: lower)
        for reading in readings {
            var translated = lower
            var substituted = [Bool](repeating: false, count: lower.count)
            for k in lower.indices {
                if let letter = reading.letter(for: lower[k]) {
                    translated[k] = letter
                    substituted[k] = true
                }
            }
            forEachWord(in: translated, required: substituted) { i, j, list, rank in
                guard j > i else { return }
                let token = lower[i...j]
                let guesses = Double(rank) * GuessArithmetic.uppercaseVariations(password[i...j])
                    * reading.variations(in: token)
                matches.append(StrengthMatch(
                    i: i, j: j, pattern: .dictionary(list: list, rank: rank, reversed: false, substituted: true),
                    rawGuesses: guesses, passwordLength: password.count))
            }
        }
    }
}
