/// Walks over adjacent keys ("qwerty", "zxcvb", "1qaz", "7894561") on the layouts of ``KeyboardGraph``.
enum SpatialMatching {
    /// Appends every walk of three or more keys in `password` on each layout.
    static func matches(in password: [Unicode.Scalar], into matches: inout [StrengthMatch]) {
        for graph in KeyboardGraph.all {
            walks(in: password, graph: graph, into: &matches)
        }
    }

    /// Characters typed with Shift on the US layouts: A–Z and ~!@#$%^&*()_+{}|:"<>?
    private static let shiftedASCII = ASCIISet("ABCDEFGHIJKLMNOPQRSTUVWXYZ~!@#$%^&*()_+{}|:\"<>?")

    private static func isShifted(_ scalar: Unicode.Scalar) -> Bool {
        shiftedASCII.contains(scalar)
    }

    private static func walks(in password: [Unicode.Scalar], graph: KeyboardGraph, into matches: inout [StrengthMatch])
    {
        let keyboard = graph.name == .qwerty || graph.name == .dvorak
        var i = 0
        while i < password.count - 1 {
            var j = i + 1
            var lastDirection = -1
            var turns = 0
            var shiftedCount = keyboard && isShifted(password[i]) ? 1 : 0
            while true {
                var found = false
                if j < password.count {
                    let previous = password[j - 1].value
                    let current = password[j].value
                    for direction in 0..<graph.directions {
                        guard let (plain, shifted) = graph.neighbour(of: previous, direction: direction) else {
                            continue
                        }
                        let isPlain = UInt32(plain) == current
                        let isShift = shifted != 0 && UInt32(shifted) == current
                        guard isPlain || isShift else { continue }
                        found = true
                        if isShift && !isPlain { shiftedCount += 1 }
                        if lastDirection != direction {
                            turns += 1
                            lastDirection = direction
                        }
                        break
                    }
                }
                if found {
                    j += 1
                    continue
                }
                if j - i > 2 {
                    let guesses = spatialGuesses(
                        length: j - i, turns: turns, shiftedCount: shiftedCount, graph: graph)
                    matches.append(
                        StrengthMatch(
                            i: i, j: j - 1, pattern: .spatial(graph: graph.name, turns: turns),
                            rawGuesses: guesses, passwordLength: password.count))
                }
                i = j
                break
            }
        }
    }

    /// The number of walks of this length or shorter with this many turns or fewer, from any starting
    /// key (Wheeler 2016, §4), times the ways to place the shifted keys.
    static func spatialGuesses(length: Int, turns: Int, shiftedCount: Int, graph: KeyboardGraph) -> Double {
        let keyboard = graph.name == .qwerty || graph.name == .dvorak
        let reference = keyboard ? KeyboardGraph.qwerty : KeyboardGraph.keypad
        let starts = Double(reference.startingPositions)
        let degree = reference.averageDegree
        var guesses = 0.0
        if length >= 2 {
            for i in 2...length {
                let possibleTurns = min(turns, i - 1)
                if possibleTurns < 1 { continue }
                for j in 1...possibleTurns {
                    guesses += GuessArithmetic.choose(i - 1, j - 1) * starts * GuessArithmetic.power(degree, j)
                }
            }
        }
        if shiftedCount > 0 {
            guesses *= GuessArithmetic.variants(shiftedCount, length - shiftedCount)
        }
        return guesses
    }
}
