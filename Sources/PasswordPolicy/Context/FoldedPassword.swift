/// A password prepared for word matching: case-folded NFKC code points and which of them are letters.
struct FoldedPassword {
    /// The folded code points.
    let scalars: [Unicode.Scalar]
    /// For each code point, whether it is a letter (Unicode Alphabetic) or a combining mark.
    let isLetter: [Bool]

    /// Prepares `password`, which must already be NFKC.
    init(_ password: NormalizedPassword) {
        scalars = Array(CaseFolding.fold(password.revealed).unicodeScalars)
        isLetter = scalars.map(Self.isLetter)
    }

    /// Whether `scalar` counts as a letter for word matching.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (0x61...0x7A).contains(scalar.value) || (0x41...0x5A).contains(scalar.value)
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return properties.isAlphabetic
        }
    }
}
