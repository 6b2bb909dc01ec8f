extension StrengthAnalyzer {
    /// Words with look-alike substitutions ("p@ssw0rd"), for every consistent way of reading the
    /// look-alikes (``L33tSubstitution/readings(of:)``). Only substrings of two or more characters that
    /// contain a substitution count, and a substring that two readings translate alike is looked up once.
    func substitutedDictionaryMatches(
        _ password: [Unicode.Scalar], lower: [Unicode.Scalar], into matches: inout [StrengthMatch]
    ) {
        let readings = L33tSubstitution.readings(of: lower)
        guard !readings.isEmpty else { return }
        let n = lower.count
        let count = readings.count
        // translations[r * n + k]: the k-th scalar as reading r reads it.
        var translations = [Unicode.Scalar]()
        translations.reserveCapacity(count * n)
        for reading in readings {
            for scalar in lower { translations.append(reading.letter(for: scalar) ?? scalar) }
        }
        func add(_ i: Int, _ j: Int, _ r: Int, _ list: FrequencyList, _ rank: Int) {
            let guesses = Double(rank) * GuessArithmetic.uppercaseVariations(password[i...j])
                * readings[r].variations(in: lower[i...j])
            matches.append(StrengthMatch(
                i: i, j: j, pattern: .dictionary(list: list, rank: rank, reversed: false, substituted: true),
                rawGuesses: guesses, passwordLength: n))
        }
        let longest = table.longestEntryBytes
        var hashes = [WordHash](repeating: WordHash(), count: count)
        var values = [UInt64](repeating: 0, count: count)
        var alive = [Bool](repeating: true, count: count)
        var substituted = [Bool](repeating: false, count: count)
        for i in 0..<n {
            for r in 0..<count {
                hashes[r] = WordHash()
                alive[r] = true
                substituted[r] = false
            }
            var anyAlive = true
            var j = i
            while j < n && anyAlive {
                anyAlive = false
                for r in 0..<count where alive[r] {
                    let scalar = translations[r * n + j]
                    hashes[r].append(scalar)
                    if scalar != lower[j] { substituted[r] = true }
                    let value = hashes[r].value
                    values[r] = value
                    // A reading that translates this substring like an earlier live one adds nothing.
                    if (0..<r).contains(where: { alive[$0] && values[$0] == value }) {
                        anyAlive = true
                        continue
                    }
                    if hashes[r].byteCount > longest || !table.mayBePrefix(hash: value) {
                        alive[r] = false
                        continue
                    }
                    anyAlive = true
                    guard j > i, substituted[r] else { continue }
                    if let (list, rank) = bestRank(ofHash: value) { add(i, j, r, list, rank) }
                }
                j += 1
            }
        }
        guard !userInputs.isEmpty else { return }
        for r in 0..<count {
            let translated = Array(translations[(r * n)..<(r * n + n)])
            forEachUserInput(in: translated) { i, j, rank in
                guard j > i, (i...j).contains(where: { translated[$0] != lower[$0] }) else { return }
                add(i, j, r, .userInputs, rank)
            }
        }
    }
}
