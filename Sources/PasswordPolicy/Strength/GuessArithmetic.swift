/// Counting helpers shared by the guess estimates.
enum GuessArithmetic {
    /// The binomial coefficient C(n, k) as a Double (exact up to 2^53).
    static func choose(_ n: Int, _ k: Int) -> Double {
        if k < 0 || k > n { return 0 }
        if k == 0 { return 1 }
        var result = 1.0
        for d in 1...min(k, n - k) {
            result = result * Double(n - d + 1) / Double(d)
        }
        return result.rounded()
    }

    /// `base` raised to a non-negative integer `exponent`.
    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(exponent, 0) { result *= base }
        return result
    }

    /// Σ C(a + b, i) for i in 1...min(a, b): the ways to place the rarer of two variants among
    /// `a + b` positions, used for capitals, substitutions and shifted keys. Two if one count is zero.
    static func variants(_ a: Int, _ b: Int) -> Double {
        if a == 0 || b == 0 { return 2 }
        var total = 0.0
        for count in 1...min(a, b) { total += choose(a + b, count) }
        return total
    }

    /// How many more guesses capital letters in `token` cost: 1 when there are none, 2 for the first,
    /// the last or every letter capitalized, otherwise every placement of that many capitals.
    static func uppercaseVariations(_ token: ArraySlice<Unicode.Scalar>) -> Double {
        let isASCIIUpper = { (s: Unicode.Scalar) in s.value >= 0x41 && s.value <= 0x5A }
        let isASCIILower = { (s: Unicode.Scalar) in s.value >= 0x61 && s.value <= 0x7A }
        let upperCount = token.reduce(0) { isASCIIUpper($1) ? $0 + 1 : $0 }
        if upperCount == 0 { return 1 }
        let first = token.first!
        let last = token.last!
        if token.count > 1 {
            if isASCIIUpper(first) && upperCount == 1 { return 2 }
            if isASCIIUpper(last) && upperCount == 1 { return 2 }
        }
        if !token.contains(where: isASCIILower) { return 2 }
        var upper = 0
        var lower = 0
        for scalar in token {
            if scalar.properties.isUppercase { upper += 1 } else if scalar.properties.isLowercase { lower += 1 }
        }
        return upper == 0 || lower == 0 ? 1 : variants(upper, lower)
    }
}
