/// Plain-language advice from the match sequence that explains a password.
enum StrengthFeedback {
    /// Advice for a password with this score, explained by `sequence` (matches over `password`).
    static func feedback(score: Int, sequence: [StrengthMatch], password: [Unicode.Scalar]) -> PasswordFeedback {
        if sequence.isEmpty {
            return PasswordFeedback(suggestions: [
                "Use three or four words that don't form a common phrase.",
                "You don't need symbols, digits or capital letters.",
            ])
        }
        if score > 2 { return PasswordFeedback() }
        var longest = sequence[0]
        for match in sequence.dropFirst() where match.length > longest.length { longest = match }
        var feedback =
            advice(for: longest, soleMatch: sequence.count == 1, password: password)
            ?? PasswordFeedback()
        feedback.suggestions.insert("Add one or two more words. Unusual words work best.", at: 0)
        return feedback
    }

    private static func advice(for match: StrengthMatch, soleMatch: Bool, password: [Unicode.Scalar])
        -> PasswordFeedback?
    {
        switch match.pattern {
        case .dictionary(let list, let rank, let reversed, let substituted):
            return wordAdvice(
                match, list: list, rank: rank, reversed: reversed, substituted: substituted,
                soleMatch: soleMatch, token: password[match.i...match.j])
        case .spatial(_, let turns):
            return PasswordFeedback(
                warning: turns == 1
                    ? "A straight row of keys is easy to guess." : "A short pattern of keys is easy to guess.",
                suggestions: ["Avoid patterns of neighbouring keys on the keyboard."])
        case .repeated(let baseLength):
            return PasswordFeedback(
                warning: baseLength == 1
                    ? "Repeated characters such as \"aaa\" are easy to guess."
                    : "Repeating a group such as \"abcabc\" is barely harder to guess than \"abc\".",
                suggestions: ["Avoid repeating words and characters."])
        case .sequence:
            return PasswordFeedback(
                warning: "Runs such as \"abc\" or \"6543\" are easy to guess.",
                suggestions: ["Avoid runs of letters or numbers."])
        case .recentYear:
            return PasswordFeedback(
                warning: "Recent years are easy to guess.",
                suggestions: ["Avoid recent years, and years that mean something to you."])
        case .date:
            return PasswordFeedback(
                warning: "Dates are easy to guess.",
                suggestions: ["Avoid dates and years that mean something to you."])
        case .bruteforce:
            return nil
        }
    }

    private static func wordAdvice(
        _ match: StrengthMatch, list: FrequencyList, rank: Int, reversed: Bool, substituted: Bool,
        soleMatch: Bool, token: ArraySlice<Unicode.Scalar>
    ) -> PasswordFeedback {
        var warning: String?
        switch list {
        case .passwords:
            if soleMatch && !substituted && !reversed {
                warning =
                    rank <= 10
                    ? "This is one of the 10 most common passwords."
                    : rank <= 100
                        ? "This is one of the 100 most common passwords."
                        : "This is a very common password."
            } else if match.guesses <= 10_000 {
                warning = "This is close to a very common password."
            }
        case .englishWikipedia:
            if soleMatch { warning = "A single word is easy to guess." }
        case .femaleNames, .maleNames, .surnames:
            warning =
                soleMatch ? "A name on its own is easy to guess." : "Common first names and surnames are easy to guess."
        case .userInputs:
            warning = "It contains your name, your email address or the company's name."
        case .usTVAndFilm:
            break
        }
        var suggestions: [String] = []
        let isUpper = { (s: Unicode.Scalar) in s.value >= 0x41 && s.value <= 0x5A }
        let isLower = { (s: Unicode.Scalar) in s.value >= 0x61 && s.value <= 0x7A }
        if let first = token.first, isUpper(first), token.count > 1, !token.dropFirst().contains(where: isUpper) {
            suggestions.append("A capital first letter doesn't make it much harder to guess.")
        } else if token.contains(where: isUpper), !token.contains(where: isLower) {
            suggestions.append("All capitals are about as easy to guess as all lowercase.")
        }
        if reversed && token.count >= 4 {
            suggestions.append("A word spelt backwards is not much harder to guess.")
        }
        if substituted {
            suggestions.append("Swapping letters for look-alikes, such as \"@\" for \"a\", doesn't help much.")
        }
        return PasswordFeedback(warning: warning, suggestions: suggestions)
    }
}
