/// The search for the sequence of non-overlapping matches that covers a password with the fewest
/// guesses (Wheeler 2016, §5).
///
/// For a sequence of `l` matches the attacker's work is `l! × Π guesses(m) + 10000^(l-1)`: the
/// factorial because the patterns can come in any order, the additive term so that a password is not
/// explained by a long chain of tiny patterns. Gaps are filled with brute-force matches. The dynamic
/// program keeps, for each end position `k` and each sequence length `l`, the best sequence ending at
/// `k`; a candidate is dropped when a sequence of the same or smaller length already does as well.
enum MinimumGuessSearch {
    /// The result: total guesses and the matches that explain the password, in order.
    struct Result {
        /// The estimated guesses (1 for an empty password).
        var guesses: Double
        /// The optimal match sequence.
        var sequence: [StrengthMatch]
    }

    /// Guesses per brute-forced character.
    static let bruteforceCardinality = 10.0
    /// The base of the additive term that penalizes long match sequences.
    static let sequencePenalty = 10_000.0

    /// Runs the search over `matches` found in `password`.
    static func run(password: [Unicode.Scalar], matches: [StrengthMatch]) -> Result {
        let n = password.count
        guard n > 0 else { return Result(guesses: 1, sequence: []) }
        let width = n + 1
        // Per (k, l): best g, product term pi, and the match (index >= 0 into `matches`, or -(i+1) for
        // a brute-force match from i to k). `lengths[k]` lists the l present at k, in insertion order.
        var g = [Double](repeating: .infinity, count: n * width)
        var pi = [Double](repeating: 0, count: n * width)
        var chosen = [Int](repeating: 0, count: n * width)
        var lengths = [[Int]](repeating: [], count: n)
        var factorial = [Double](repeating: 1, count: width + 1)
        for l in 1...width { factorial[l] = factorial[l - 1] * Double(l) }

        // Brute-force cost of password[i...j]: 10 per counted character (joiners and marks are free).
        var counted = [Int](repeating: 0, count: n + 1)
        for k in 0..<n { counted[k + 1] = counted[k] + (isCounted(password[k]) ? 1 : 0) }
        func bruteforceGuesses(_ i: Int, _ j: Int) -> Double {
            let raw = GuessArithmetic.power(bruteforceCardinality, counted[j + 1] - counted[i])
            let floor = j == i ? 11.0 : 51.0  // one more than a match's floor, so real matches win ties
            return max(raw, floor)
        }

        func update(_ matchGuesses: Double, i: Int, k: Int, l: Int, tag: Int) {
            var product = matchGuesses
            if l > 1 { product *= pi[(i - 1) * width + l - 1] }
            let total = factorial[min(l, width)] * product + GuessArithmetic.power(sequencePenalty, l - 1)
            for competing in lengths[k] where competing <= l && g[k * width + competing] <= total { return }
            let slot = k * width + l
            if !lengths[k].contains(l) { lengths[k].append(l) }
            g[slot] = total
            pi[slot] = product
            chosen[slot] = tag
        }

        var byEnd = [[Int]](repeating: [], count: n)
        for (index, match) in matches.enumerated() { byEnd[match.j].append(index) }
        for k in 0..<n {
            byEnd[k].sort { matches[$0].i < matches[$1].i }
            for index in byEnd[k] {
                let match = matches[index]
                if match.i > 0 {
                    for l in lengths[match.i - 1] { update(match.guesses, i: match.i, k: k, l: l + 1, tag: index) }
                } else {
                    update(match.guesses, i: 0, k: k, l: 1, tag: index)
                }
            }
            update(bruteforceGuesses(0, k), i: 0, k: k, l: 1, tag: -1)
            if k >= 1 {
                for i in 1...k {
                    let guesses = bruteforceGuesses(i, k)
                    for l in lengths[i - 1] where chosen[(i - 1) * width + l] >= 0 {
                        update(guesses, i: i, k: k, l: l + 1, tag: -(i + 1))
                    }
                }
            }
        }

        // Unwind from the end along the best length.
        var bestLength = 0
        var best = Double.infinity
        for l in lengths[n - 1] where g[(n - 1) * width + l] < best {
            best = g[(n - 1) * width + l]
            bestLength = l
        }
        var sequence: [StrengthMatch] = []
        var k = n - 1
        var l = bestLength
        while k >= 0 && l > 0 {
            let tag = chosen[k * width + l]
            let match: StrengthMatch
            if tag >= 0 {
                match = matches[tag]
            } else {
                let i = -tag - 1
                match = StrengthMatch(i: i, j: k, pattern: .bruteforce, rawGuesses: bruteforceGuesses(i, k), passwordLength: n)
            }
            sequence.append(match)
            k = match.i - 1
            l -= 1
        }
        return Result(guesses: best, sequence: sequence.reversed())
    }

    /// Whether a scalar costs a brute-force guess of its own: zero-width joiners, variation selectors,
    /// emoji skin-tone modifiers and combining marks only modify the character before them.
    private static func isCounted(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x300 { return true }
        if v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0x1F3FB...0x1F3FF).contains(v)
            || (0xE0100...0xE01EF).contains(v) {
            return false
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return false
        default: return true
        }
    }
}
