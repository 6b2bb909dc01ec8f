/// One way of reading look-alike characters in a password as letters ("@" as "a", "0" as "o").
///
/// A reading packs, for each of the 20 look-alike characters, which of its letters it stands for
/// (2 bits: none, first, second) into one integer, so enumerating and comparing readings allocates
/// nothing per reading.
///
/// The table is zxcvbn's `l33t_table`, letter for letter, so that estimates agree with zxcvbn's
/// (Tests/PasswordPolicyTests/Fixtures/zxcvbn.json). It is broader on purpose than
/// ``ContextWordSubstitutions``, the table context and banned words are matched with: a reading
/// here only adds guesses to a match, while a context word found there refuses the password.
struct L33tSubstitution: Sendable, Equatable {
    private let code: UInt64

    /// The look-alike characters and the letters each may stand for (the common substitutions that
    /// zxcvbn lists; "1" and "|" may be "i" or "l", "7" may be "l" or "t").
    static let lookalikes: [(character: Unicode.Scalar, letters: [Unicode.Scalar])] = [
        ("4", ["a"]), ("@", ["a"]), ("8", ["b"]), ("(", ["c"]), ("{", ["c"]), ("[", ["c"]), ("<", ["c"]),
        ("3", ["e"]), ("6", ["g"]), ("9", ["g"]), ("1", ["i", "l"]), ("!", ["i"]), ("|", ["i", "l"]),
        ("0", ["o"]), ("$", ["s"]), ("5", ["s"]), ("+", ["t"]), ("7", ["l", "t"]), ("%", ["x"]), ("2", ["z"]),
    ]

    /// Letters in the order readings are built, with their look-alikes (indices into ``lookalikes``).
    private static let letters: [(letter: Unicode.Scalar, lookalikes: [Int])] = [
        ("a", [0, 1]), ("b", [2]), ("c", [3, 4, 5, 6]), ("e", [7]), ("g", [8, 9]), ("i", [10, 11, 12]),
        ("l", [10, 12, 17]), ("o", [13]), ("s", [14, 15]), ("t", [16, 17]), ("x", [18]), ("z", [19]),
    ]

    /// `(index in lookalikes, choice)` per letter, in building order: the choice is 1 or 2, which of the
    /// look-alike's letters the letter is.
    private static let choices: [[(index: Int, choice: UInt64)]] = letters.map { letter, indices in
        indices.map { ($0, UInt64(lookalikes[$0].letters.firstIndex(of: letter)! + 1)) }
    }

    /// `letterTable[2 * index + choice - 1]`: the letter of a look-alike for a choice.
    private static let letterTable: [Unicode.Scalar] = lookalikes.flatMap { entry in
        [entry.letters[0], entry.letters.count > 1 ? entry.letters[1] : entry.letters[0]]
    }

    /// For each ASCII character, its index in ``lookalikes`` or -1.
    private static let indexOfASCII: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, entry) in lookalikes.enumerated() { table[Int(entry.character.value)] = Int8(index) }
        return table
    }()

    /// The index of `scalar` in ``lookalikes``, or nil.
    @inline(__always)
    static func lookalikeIndex(_ scalar: Unicode.Scalar) -> Int? {
        guard scalar.value < 128 else { return nil }
        let index = indexOfASCII[Int(scalar.value)]
        return index < 0 ? nil : Int(index)
    }

    /// The letter `scalar` is read as, or nil.
    @inline(__always)
    func letter(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard let index = Self.lookalikeIndex(scalar) else { return nil }
        let choice = Int(code >> UInt64(2 * index) & 3)
        return choice == 0 ? nil : Self.letterTable[2 * index + choice - 1]
    }

    /// How many more guesses the substitutions in `token` (lowercase) cost: for each look-alike used,
    /// every mix of substituted and plain occurrences of its letter, or two when all are substituted.
    func variations(in token: ArraySlice<Unicode.Scalar>) -> Double {
        var result = 1.0
        var seen: UInt64 = 0
        for scalar in token {
            guard let index = Self.lookalikeIndex(scalar), seen >> UInt64(index) & 1 == 0,
                let letter = letter(for: scalar)
            else { continue }
            seen |= 1 << UInt64(index)
            let substituted = token.reduce(0) { $1 == scalar ? $0 + 1 : $0 }
            let plain = token.reduce(0) { $1 == letter ? $0 + 1 : $0 }
            result *= GuessArithmetic.variants(plain, substituted)
        }
        return result
    }

    /// The most readings tried for one password. Twenty distinct look-alikes make 736 readings, and
    /// the substitution matcher's work grows with their number; a person uses a few. Past the cap the
    /// readings built first are kept (letters in alphabetical order, each look-alike's letters in
    /// table order), and a look-alike no kept reading gives a letter is brute-forced.
    static let maximumReadings = 32

    /// The readings worth trying for `text`: letter by letter, each reading gives one of the letter's
    /// look-alikes present in `text` to that letter; a look-alike that could stand for two letters
    /// ("1" for "i" or "l") yields a reading for each. Empty when `text` has no look-alikes; never more
    /// than ``maximumReadings``. Duplicates are dropped through a set, so the work is linear in the
    /// readings kept.
    static func readings(of text: [Unicode.Scalar]) -> [L33tSubstitution] {
        var present: UInt64 = 0
        for scalar in text {
            if let index = lookalikeIndex(scalar) { present |= 1 << UInt64(index) }
        }
        guard present != 0 else { return [] }
        var readings: [UInt64] = [0]
        var next: [UInt64] = []
        var seen = Set<UInt64>(minimumCapacity: 2 * maximumReadings)
        for letterChoices in choices {
            next.removeAll(keepingCapacity: true)
            for (index, choice) in letterChoices where present >> UInt64(index) & 1 == 1 {
                let shift = UInt64(2 * index)
                for reading in readings {
                    if reading >> shift & 3 != 0 {
                        next.append(reading)
                        next.append(reading & ~(3 << shift) | choice << shift)
                    } else {
                        next.append(reading | choice << shift)
                    }
                }
            }
            if next.isEmpty { continue }
            readings.removeAll(keepingCapacity: true)
            seen.removeAll(keepingCapacity: true)
            for reading in next where seen.insert(reading).inserted {
                readings.append(reading)
                if readings.count == maximumReadings { break }
            }
        }
        return readings.map { L33tSubstitution(code: $0) }
    }
}
