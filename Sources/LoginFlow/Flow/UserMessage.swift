/// A message for the person using the app: plain language, no jargon, and never a hint about whether
/// an account exists (unless the app opted into
/// ``AuthFlowConfiguration/unsafelyRevealWhetherAccountsExist``).
///
/// ``code`` is stable: apps that translate key their translations by it. ``text`` is the English
/// wording, written for people who are not comfortable with technology, reading on a phone.
public struct UserMessage: Sendable, Hashable, CustomStringConvertible {
    /// A stable key for translations (`login.failed`).
    public let code: String
    /// The English text.
    public let text: String

    /// Creates a message.
    /// - Parameters:
    ///   - code: a stable key for translations.
    ///   - text: the English text.
    public init(code: String, text: String) {
        self.code = code
        self.text = text
    }

    /// The text.
    public var description: String { text }
}
