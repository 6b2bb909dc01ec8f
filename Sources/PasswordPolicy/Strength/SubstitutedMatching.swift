extension StrengthAnalyzer {
    /// Words with look-alike substitutions ("p@ssw0rd"), for every consistent way of reading the
    /// look-alikes (``L33tSubstitution/readings(of:)``, at most ``L33tSubstitution/maximumReadings``).
    /// Only substrings of two or more characters that contain a substitution count, and a substring
    /// that two readings translate alike is looked up in the lists once (a set of the substring
    /// hashes seen at each length, so the work is linear in the readings).
    ///
    /// - Returns: the number of (start, end, reading) steps taken, the unit of this matcher's work:
    ///   never more than the password's length × the readings × the longest word a reading can
    ///   still extend (an entry of the lists or a user input).
    @discardableResult
    func substitutedDictionaryMatches(
        _ password: [Unicode.Scalar], lower: [Unicode.Scalar], into matches: inout [StrengthMatch]
    ) -> Int {
        let readings = L33tSubstitution.readings(of: lower)
        guard !readings.isEmpty else { return 0 }
        let n = lower.count
        let count = readings.count
        // translations[r * n + k]: the k-th scalar as reading r reads it.
        var translations = [Unicode.Scalar]()
        translations.reserveCapacity(count * n)
        for reading in readings {
            for scalar in lower { translations.append(reading.letter(for: scalar) ?? scalar) }
        }
        func match(_ i: Int, _ j: Int, _ r: Int, _ list: FrequencyList, _ rank: Int) -> StrengthMatch {
            let guesses = Double(rank) * GuessArithmetic.uppercaseVariations(password[i...j])
                * readings[r].variations(in: lower[i...j])
            return StrengthMatch(
                i: i, j: j, pattern: .dictionary(list: list, rank: rank, reversed: false, substituted: true),
                rawGuesses: guesses, passwordLength: n)
        }
        // User-input matches go after the list matches, as the plain dictionary matcher orders them.
        var userMatches: [StrengthMatch] = []
        let longest = table.longestEntryBytes
        var hashes = [WordHash](repeating: WordHash(), count: count)
        var alive = [Bool](repeating: true, count: count)
        var substituted = [Bool](repeating: false, count: count)
        var seen = Set<UInt64>(minimumCapacity: count)
        var steps = 0
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
                seen.removeAll(keepingCapacity: true)
                for r in 0..<count where alive[r] {
                    steps += 1
                    let scalar = translations[r * n + j]
                    hashes[r].append(scalar)
                    if scalar != lower[j] { substituted[r] = true }
                    let value = hashes[r].value
                    let inLists = hashes[r].byteCount <= longest && table.mayBePrefix(hash: value)
                    let inInputs = userInputs.mayBePrefix(hash: value)
                    if !inLists && !inInputs {
                        alive[r] = false
                        continue
                    }
                    anyAlive = true
                    guard j > i, substituted[r] else { continue }
                    let translated = translations[(r * n + i)...(r * n + j)]
                    if inInputs, let rank = userInputs.rank(ofHash: value, text: translated) {
                        userMatches.append(match(i, j, r, .userInputs, rank))
                    }
                    // A reading that translates this substring like an earlier one adds no list match.
                    guard inLists, seen.insert(value).inserted else { continue }
                    if let (list, rank) = bestRank(ofHash: value) { matches.append(match(i, j, r, list, rank)) }
                }
                j += 1
            }
        }
        matches += userMatches
        return steps
    }
}
