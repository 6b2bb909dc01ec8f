extension StrengthAnalyzer {
    /// Words with look-alike substitutions ("p@ssw0rd"), for every consistent way of reading the
    /// look-alikes (``L33tSubstitution/readings(of:)``, at most ``L33tSubstitution/maximumReadings``).
    /// Only substrings of two or more characters that contain a substitution count, and a substring
    /// that two readings translate alike is looked up once: the later reading follows the earlier
    /// one's verdict (a table of the substring hashes seen at each step, so the work is linear in
    /// the readings).
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
            let guesses =
                Double(rank) * GuessArithmetic.uppercaseVariations(password[i...j])
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
        var seen = StepHashes(capacity: count)
        var steps = 0
        let hasInputs = !userInputs.isEmpty
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
                seen.removeAll()
                for r in 0..<count where alive[r] {
                    steps += 1
                    let scalar = translations[r * n + j]
                    hashes[r].append(scalar)
                    if scalar != lower[j] { substituted[r] = true }
                    let value = hashes[r].value
                    // A reading that translates i...j like an earlier one has the same prefixes and
                    // would add the same matches (same text, same substitutions): it follows its twin.
                    if let twinAlive = seen.verdict(for: value) {
                        if twinAlive { anyAlive = true } else { alive[r] = false }
                        continue
                    }
                    let inLists = hashes[r].byteCount <= longest && table.mayBePrefix(hash: value)
                    let inInputs = hasInputs && userInputs.mayBePrefix(hash: value)
                    seen.record(value, alive: inLists || inInputs)
                    if !inLists && !inInputs {
                        alive[r] = false
                        continue
                    }
                    anyAlive = true
                    guard j > i, substituted[r] else { continue }
                    if inInputs,
                        let rank = userInputs.rank(ofHash: value, text: translations[(r * n + i)...(r * n + j)])
                    {
                        userMatches.append(match(i, j, r, .userInputs, rank))
                    }
                    if inLists, let (list, rank) = bestRank(ofHash: value) {
                        matches.append(match(i, j, r, list, rank))
                    }
                }
                j += 1
            }
        }
        matches += userMatches
        return steps
    }
}

/// The substring hashes one step of the substitution matcher has looked up, with whether the reading
/// stayed alive, forgotten all at once.
///
/// An open-addressed table at most half full, indexed by the hash's low bits (``WordHash`` values
/// are mixed already); each entry carries the step that wrote it, so forgetting is one increment.
/// A `Set<UInt64>` here cost a SipHash per lookup.
private struct StepHashes {
    private var entries: [(hash: UInt64, step: Int, alive: Bool)]
    private var step = 1

    /// Room for `capacity` hashes per step.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        entries = Array(repeating: (0, 0, false), count: size)
    }

    /// Forgets every hash.
    mutating func removeAll() {
        step += 1
    }

    /// Whether the reading that recorded `hash` in this step stayed alive; nil if none did.
    func verdict(for hash: UInt64) -> Bool? {
        let mask = entries.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while entries[index].step == step {
            if entries[index].hash == hash { return entries[index].alive }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Records `hash`, not yet recorded in this step, and whether its reading stayed alive.
    mutating func record(_ hash: UInt64, alive: Bool) {
        let mask = entries.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while entries[index].step == step { index = (index + 1) & mask }
        entries[index] = (hash, step, alive)
    }
}
