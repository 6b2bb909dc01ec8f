/// One way of reading look-alike characters in a password as letters ("@" as "a", "0" as "o").
struct L33tSubstitution: Sendable {
    /// (look-alike character, letter) pairs; each look-alike appears once.
    let pairs: [(Unicode.Scalar, Unicode.Scalar)]

    /// The letter `scalar` is read as, or nil.
    @inline(__always)
    func letter(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        for (lookalike, letter) in pairs where lookalike == scalar { return letter }
        return nil
    }

    /// How many more guesses the substitutions in `token` (lowercase) cost: for each look-alike used,
    /// every mix of substituted and plain occurrences of its letter, or two when all are substituted.
    func variations(in token: ArraySlice<Unicode.Scalar>) -> Double {
        var result = 1.0
        for (lookalike, letter) in pairs where token.contains(lookalike) {
            let substituted = token.reduce(0) { $1 == lookalike ? $0 + 1 : $0 }
            let plain = token.reduce(0) { $1 == letter ? $0 + 1 : $0 }
            result *= GuessArithmetic.variants(plain, substituted)
        }
        return result
    }

    /// Letters and the characters commonly typed in their place.
    static let table: [(letter: Unicode.Scalar, lookalikes: [Unicode.Scalar])] = [
        ("a", ["4", "@"]), ("b", ["8"]), ("c", ["(", "{", "[", "<"]), ("e", ["3"]), ("g", ["6", "9"]),
        ("i", ["1", "!", "|"]), ("l", ["1", "|", "7"]), ("o", ["0"]), ("s", ["$", "5"]),
        ("t", ["+", "7"]), ("x", ["%"]), ("z", ["2"]),
    ]

    /// The readings worth trying for `text`: letter by letter, each reading gives one of the letter's
    /// look-alikes present in `text` to that letter; a look-alike that could stand for two letters
    /// ("1" for "i" or "l") yields a reading for each. Empty when `text` has no look-alikes.
    static func readings(of text: [Unicode.Scalar]) -> [L33tSubstitution] {
        var readings: [[(Unicode.Scalar, Unicode.Scalar)]] = [[]]
        var anyPresent = false
        for (letter, lookalikes) in table {
            let present = lookalikes.filter { text.contains($0) }
            if present.isEmpty { continue }
            anyPresent = true
            var next: [[(Unicode.Scalar, Unicode.Scalar)]] = []
            for lookalike in present {
                for reading in readings {
                    if let taken = reading.firstIndex(where: { $0.0 == lookalike }) {
                        var alternative = reading
                        alternative.remove(at: taken)
                        alternative.append((lookalike, letter))
                        next.append(reading)
                        next.append(alternative)
                    } else {
                        next.append(reading + [(lookalike, letter)])
                    }
                }
            }
            readings = deduplicated(next)
        }
        guard anyPresent else { return [] }
        return readings.filter { !$0.isEmpty }.map(L33tSubstitution.init(pairs:))
    }

    private static func deduplicated(
        _ readings: [[(Unicode.Scalar, Unicode.Scalar)]]
    ) -> [[(Unicode.Scalar, Unicode.Scalar)]] {
        var seen: Set<[UInt64]> = []
        return readings.filter { reading in
            let key = reading.map { UInt64($0.1.value) << 32 | UInt64($0.0.value) }.sorted()
            return seen.insert(key).inserted
        }
    }
}
