/// Runs of code points with a constant step of 1 to 5 ("abcdef", "9753", "acegi").
enum SequenceMatching {
    /// The largest step between neighbours that still reads as a sequence.
    static let maximumStep = 5
    /// Where people start sequences.
    private static let obviousStarts = ASCIISet("aAzZ019")

    /// Appends every maximal run of a constant step (three or more characters, or two with step ±1).
    static func matches(in password: [Unicode.Scalar], into matches: inout [StrengthMatch]) {
        guard password.count > 1 else { return }
        var start = 0
        var lastDelta: Int?
        func add(_ i: Int, _ j: Int, _ delta: Int?) {
            guard let delta, j - i > 1 || abs(delta) == 1 else { return }
            guard abs(delta) > 0 && abs(delta) <= maximumStep else { return }
            let first = password[i].value
            var base: Double
            if obviousStarts.contains(password[i]) {
                base = 4  // the obvious starting points
            } else if first >= 0x30 && first <= 0x39 {
                base = 10
            } else {
                base = 26
            }
            if delta < 0 { base *= 2 }
            matches.append(
                StrengthMatch(
                    i: i, j: j, pattern: .sequence, rawGuesses: base * Double(j - i + 1),
                    passwordLength: password.count))
        }
        for k in 1..<password.count {
            let delta = Int(password[k].value) - Int(password[k - 1].value)
            if lastDelta == nil { lastDelta = delta }
            if delta == lastDelta { continue }
            add(start, k - 1, lastDelta)
            start = k - 1
            lastDelta = delta
        }
        add(start, password.count - 1, lastDelta)
    }
}
