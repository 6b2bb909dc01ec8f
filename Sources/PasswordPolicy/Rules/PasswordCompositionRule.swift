/// An opt-in rule about which kinds of characters a password holds, for organisations that insist.
///
/// None apply by default, and NIST SP 800-63B rev. 4 §3.1.1.2 says verifiers shall not impose them:
/// they make passwords harder to remember without making them harder to guess (people answer
/// "one uppercase letter and a digit" with `Password1`), and the uppercase rule cannot be met in
/// scripts without case, such as Hebrew, Arabic or Chinese. Prefer the length, blocklist and
/// strength rules; add these only when an auditor requires them.
///
/// ```swift
/// var configuration = PasswordPolicyChecker.Configuration()
/// configuration.compositionRules = [.requireDigit, .maximumRepeatedCharacters(3)]
/// ```
///
/// Every rule looks at the NFKC form, code point by code point.
public struct PasswordCompositionRule: Sendable, Hashable {
    private enum Kind: Sendable, Hashable {
        case lowercase, uppercase, digit, symbol
        case repeats(Int)
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    /// At least one lowercase letter (Unicode property Lowercase, so `é` and `ß` count).
    public static let requireLowercase = Self(.lowercase)
    /// At least one uppercase letter (Unicode property Uppercase, so `É` counts).
    public static let requireUppercase = Self(.uppercase)
    /// At least one decimal digit (general category Nd, so Arabic-Indic digits count).
    public static let requireDigit = Self(.digit)
    /// At least one symbol: punctuation (P*), a symbol (S*, which includes emoji) or a space (Zs).
    public static let requireSymbol = Self(.symbol)
    /// No code point more than `count` times in a row (`count` must be at least 1).
    public static func maximumRepeatedCharacters(_ count: Int) -> Self { Self(.repeats(count)) }

    /// Whether the rule's own setting is valid.
    var isValid: Bool {
        if case .repeats(let count) = kind { return count >= 1 }
        return true
    }

    /// The violation `password` (NFKC) has under this rule, if any.
    func violation(for password: String) -> PasswordViolation? {
        let scalars = password.unicodeScalars
        switch kind {
        case .lowercase:
            guard !scalars.contains(where: { $0.properties.isLowercase }) else { return nil }
            return PasswordViolation(.missingLowercase, message: "Add a lowercase letter.")
        case .uppercase:
            guard !scalars.contains(where: { $0.properties.isUppercase }) else { return nil }
            return PasswordViolation(.missingUppercase, message: "Add an uppercase letter.")
        case .digit:
            guard !scalars.contains(where: { $0.properties.generalCategory == .decimalNumber }) else { return nil }
            return PasswordViolation(.missingDigit, message: "Add a number.")
        case .symbol:
            guard !scalars.contains(where: Self.isSymbol) else { return nil }
            return PasswordViolation(.missingSymbol, message: "Add a symbol, a punctuation mark or a space.")
        case .repeats(let limit):
            guard Self.longestRun(in: scalars) > limit else { return nil }
            return PasswordViolation(
                .tooManyRepeatedCharacters,
                message: "Don't repeat the same character more than \(limit) \(limit == 1 ? "time" : "times") in a row."
            )
        }
    }

    private static func isSymbol(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol, .spaceSeparator:
            true
        default:
            false
        }
    }

    private static func longestRun(in scalars: String.UnicodeScalarView) -> Int {
        var longest = 0
        var current = 0
        var previous: Unicode.Scalar?
        for scalar in scalars {
            current = scalar == previous ? current + 1 : 1
            longest = max(longest, current)
            previous = scalar
        }
        return longest
    }
}
