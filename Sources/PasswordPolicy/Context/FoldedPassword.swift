import PasswordHashing

/// A password prepared for word matching: the skeleton (``ConfusableSkeleton``) of its case-folded
/// NFKC code points, which are letters, and which letters each digit or symbol may stand for.
struct FoldedPassword {
    /// One code point of the folded password.
    struct Entry {
        /// The code point's value.
        var scalar: UInt32
        /// Letters it may stand for (``ContextWordSubstitutions``), or 0.
        var substituteA: UInt32 = 0
        /// A second such letter, or 0.
        var substituteB: UInt32 = 0
        /// Whether it is a letter (see ``FoldedPassword/isLetter(_:)``).
        var isLetter: Bool
    }

    /// The folded code points, in order.
    let entries: [Entry]

    /// Prepares `password`, reading look-alikes and accented letters through `skeleton`.
    init(_ password: NormalizedPassword, skeleton: ConfusableSkeleton) {
        var entries: [Entry] = []
        let text = password.revealed
        if NormalizedPassword.isASCII(text) {
            entries.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                entries.append(Self.entry(for: Unicode.Scalar(FullCaseFolding.foldASCII(byte))))
            }
        } else {
            for scalar in FullCaseFolding.fold(text).unicodeScalars {
                if let reduced = skeleton.scalar(scalar) { entries.append(Self.entry(for: reduced)) }
            }
        }
        self.entries = entries
    }

    private static func entry(for scalar: Unicode.Scalar) -> Entry {
        let letter = isLetter(scalar)
        var entry = Entry(scalar: scalar.value, isLetter: letter)
        if !letter, let substitutes = ContextWordSubstitutions.letters(for: scalar) {
            entry.substituteA = substitutes.0.value
            entry.substituteB = substitutes.1?.value ?? 0
        }
        return entry
    }

    /// Whether `scalar` counts as a letter for word matching: Unicode Alphabetic, or a combining mark.
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
