/// Advice about a password, in plain language a person can act on.
public struct PasswordFeedback: Sendable, Hashable {
    /// What makes the password weak, if one thing stands out ("This is a top-100 common password.").
    public var warning: String?
    /// What to do instead ("Add another word or two. Uncommon words are better.").
    public var suggestions: [String]

    /// Creates feedback.
    public init(warning: String? = nil, suggestions: [String] = []) {
        self.warning = warning
        self.suggestions = suggestions
    }
}
