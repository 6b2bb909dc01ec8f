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
        let state = State(n: n)
        defer { state.deallocate() }

        // Brute-force cost of password[i...j]: 10 per counted character (joiners and marks are free),
        // at least one more than a match's floor, so real matches win ties.
        var counted = [Int](repeating: 0, count: n + 1)
        var powers = [Double](repeating: 1, count: n + 1)
        for k in 0..<n {
            counted[k + 1] = counted[k] + (isCounted(password[k]) ? 1 : 0)
            powers[k + 1] = powers[k] * bruteforceCardinality
        }
        func bruteforceGuesses(_ i: Int, _ j: Int) -> Double {
            max(powers[counted[j + 1] - counted[i]], j == i ? 11 : 51)
        }

        // Matches by end, then start: the order the search needs.
        let order = endOrder(matches, n: n)
        var next = 0
        for k in 0..<n {
            state.startRow(k)
            while next < order.count && matches[order[next]].j == k {
                let index = order[next]
                let match = matches[index]
                if match.i > 0 {
                    // By index: `update` writes entries at k only, never at match.i - 1.
                    for p in 0..<state.count[match.i - 1] {
                        let l = state.length(at: match.i - 1, p)
                        state.update(match.guesses, i: match.i, k: k, l: l + 1, tag: index)
                    }
                } else {
                    state.update(match.guesses, i: 0, k: k, l: 1, tag: index)
                }
                next += 1
            }
            state.update(bruteforceGuesses(0, k), i: 0, k: k, l: 1, tag: -1)
            if k >= 1 {
                for i in 1...k {
                    let guesses = bruteforceGuesses(i, k)
                    for p in 0..<state.count[i - 1] {
                        let l = state.length(at: i - 1, p)
                        if state.chosen[(i - 1) * state.width + l] < 0 { continue }  // no two brute forces in a row
                        state.update(guesses, i: i, k: k, l: l + 1, tag: -(i + 1))
                    }
                }
            }
        }

        // Unwind from the end along the best length.
        var bestLength = 0
        var best = Double.infinity
        for p in 0..<state.count[n - 1] {
            let l = state.length(at: n - 1, p)
            if state.g[(n - 1) * state.width + l] < best {
                best = state.g[(n - 1) * state.width + l]
                bestLength = l
            }
        }
        var sequence: [StrengthMatch] = []
        var k = n - 1
        var l = bestLength
        while k >= 0 && l > 0 {
            let tag = state.chosen[k * state.width + l]
            let match: StrengthMatch
            if tag >= 0 {
                match = matches[tag]
            } else {
                let i = -tag - 1
                match = StrengthMatch(
                    i: i, j: k, pattern: .bruteforce, rawGuesses: bruteforceGuesses(i, k), passwordLength: n)
            }
            sequence.append(match)
            k = match.i - 1
            l -= 1
        }
        return Result(guesses: best, sequence: sequence.reversed())
    }

    /// Match indices ordered by end, then start, keeping for each span only the match with the fewest
    /// guesses (the first of equals): another match over the same span can only lose to it at every
    /// sequence length, so dropping it changes no result. A counting sort by end, then a scan by start.
    private static func endOrder(_ matches: [StrengthMatch], n: Int) -> [Int] {
        var starts = [Int](repeating: 0, count: n + 1)
        for match in matches { starts[match.j + 1] += 1 }
        for k in 0..<n { starts[k + 1] += starts[k] }
        var byEnd = [Int](repeating: 0, count: matches.count)
        var fill = starts
        for (index, match) in matches.enumerated() {
            byEnd[fill[match.j]] = index
            fill[match.j] += 1
        }
        var order: [Int] = []
        order.reserveCapacity(matches.count)
        var best = [Int](repeating: -1, count: n)
        for k in 0..<n where starts[k] < starts[k + 1] {
            for index in byEnd[starts[k]..<starts[k + 1]] {
                let i = matches[index].i
                if best[i] < 0 || matches[index].guesses < matches[best[i]].guesses { best[i] = index }
            }
            for i in 0...k where best[i] >= 0 {
                order.append(best[i])
                best[i] = -1
            }
        }
        return order
    }

    /// The dynamic program's tables, flat: entry `k * width + l` is the best sequence of `l` matches
    /// covering `password[0...k]`. Raw buffers, freed by ``deallocate()``: the search's inner loop runs
    /// thousands of times per estimate, and arrays would check uniqueness on every write. Only `count`
    /// is initialized: an entry of the other tables is read only after it has been written, because
    /// every read goes through the lengths listed as present.
    private struct State {
        let width: Int
        /// Best total guesses.
        let g: UnsafeMutableBufferPointer<Double>
        /// The product term of that sequence.
        let pi: UnsafeMutableBufferPointer<Double>
        /// Its last match: an index into the matches, or -(i+1) for brute force from i to k.
        let chosen: UnsafeMutableBufferPointer<Int>
        /// The lengths present at each k, in insertion order: `present[k * width ..< + count[k]]`.
        let present: UnsafeMutableBufferPointer<Int>
        let count: UnsafeMutableBufferPointer<Int>
        /// The smallest g among lengths up to l at k (a running minimum, so the check "does a sequence
        /// of this length or shorter already do as well" is one comparison); initialized row by row.
        let bestUpTo: UnsafeMutableBufferPointer<Double>
        /// Whether length l is listed as present at k; initialized row by row.
        let isPresent: UnsafeMutableBufferPointer<Bool>
        /// l! and 10000^(l-1) for each l.
        let factorial: UnsafeMutableBufferPointer<Double>
        let penalty: UnsafeMutableBufferPointer<Double>

        init(n: Int) {
            width = n + 1
            let cells = n * width
            // Double and Int are trivial types: uninitialized memory is safe to write, and is never read
            // before it is written (see above).
            g = .allocate(capacity: cells)
            pi = .allocate(capacity: cells)
            chosen = .allocate(capacity: cells)
            present = .allocate(capacity: cells)
            count = .allocate(capacity: n)
            count.initialize(repeating: 0)
            bestUpTo = .allocate(capacity: cells)
            isPresent = .allocate(capacity: cells)
            factorial = .allocate(capacity: width + 1)
            penalty = .allocate(capacity: width + 1)
            factorial[0] = 1
            penalty[0] = 1
            for l in 1...width {
                factorial[l] = factorial[l - 1] * Double(l)
                penalty[l] = l >= 2 ? penalty[l - 1] * sequencePenalty : 1
            }
        }

        func deallocate() {
            for buffer in [g, pi, factorial, penalty] { buffer.deallocate() }
            for buffer in [chosen, present, count] { buffer.deallocate() }
            bestUpTo.deallocate()
            isPresent.deallocate()
        }

        /// Prepares row `k` before any update ends there.
        func startRow(_ k: Int) {
            for l in 0..<width {
                bestUpTo[k * width + l] = .infinity
                isPresent[k * width + l] = false
            }
        }

        /// The `p`-th length present at `k`.
        @inline(__always)
        func length(at k: Int, _ p: Int) -> Int { present[k * width + p] }

        /// Considers a sequence of `l` matches ending with one from `i` to `k` costing `guesses`.
        @inline(__always)
        func update(_ guesses: Double, i: Int, k: Int, l: Int, tag: Int) {
            var product = guesses
            if l > 1 { product *= pi[(i - 1) * width + l - 1] }
            let total = factorial[l] * product + penalty[l]
            let slot = k * width + l
            // A sequence of this length or shorter already ending at k does as well: keep it.
            if bestUpTo[slot] <= total { return }
            if !isPresent[slot] {
                isPresent[slot] = true
                present[k * width + count[k]] = l
                count[k] += 1
            }
            g[slot] = total
            pi[slot] = product
            chosen[slot] = tag
            var longer = slot
            while longer < k * width + width && bestUpTo[longer] > total {
                bestUpTo[longer] = total
                longer += 1
            }
        }
    }

    /// Whether a scalar costs a brute-force guess of its own: zero-width joiners, variation selectors,
    /// emoji skin-tone modifiers and combining marks only modify the character before them.
    private static func isCounted(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x300 { return true }
        if v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0x1F3FB...0x1F3FF).contains(v)
            || (0xE0100...0xE01EF).contains(v)
        {
            return false
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return false
        default: return true
        }
    }
}
