/// One reason a password was refused: a stable code to branch on and a message for the person.
///
/// The message says what to do in plain language and never contains the password. Show it as it
/// is, or map ``code`` to your own (translated) text.
public struct PasswordViolation: Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier such as `too_short`; its ``rawValue`` never changes between releases.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The identifier, in lower snake case.
        public let rawValue: String

        /// Wraps an identifier.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Fewer code points than the minimum length.
        public static let tooShort = Code(rawValue: "too_short")
        /// More code points than the maximum length.
        public static let tooLong = Code(rawValue: "too_long")
        /// Holds a control character (U+0000–U+001F, U+007F–U+009F) or a line or paragraph separator.
        public static let containsControlCharacter = Code(rawValue: "contains_control_character")
        /// Holds a code point Unicode has not assigned (including noncharacters such as U+FFFF).
        public static let containsUnassignedCharacter = Code(rawValue: "contains_unassigned_character")
        /// The breached-password source knows the password.
        public static let breached = Code(rawValue: "breached")
        /// Contains one of the app's banned words.
        public static let containsBannedWord = Code(rawValue: "contains_banned_word")
        /// Contains the person's name, email, username, or the company or product name.
        public static let containsContextWord = Code(rawValue: "contains_context_word")
        /// The strength estimate is below the configured minimum score.
        public static let tooWeak = Code(rawValue: "too_weak")
        /// One of the person's recent passwords.
        public static let reused = Code(rawValue: "reused")
        /// Opt-in composition rule: no lowercase letter.
        public static let missingLowercase = Code(rawValue: "missing_lowercase")
        /// Opt-in composition rule: no uppercase letter.
        public static let missingUppercase = Code(rawValue: "missing_uppercase")
        /// Opt-in composition rule: no digit.
        public static let missingDigit = Code(rawValue: "missing_digit")
        /// Opt-in composition rule: no symbol, punctuation or space.
        public static let missingSymbol = Code(rawValue: "missing_symbol")
        /// Opt-in composition rule: the same character too many times in a row.
        public static let tooManyRepeatedCharacters = Code(rawValue: "too_many_repeated_characters")

        /// The raw identifier.
        public var description: String { rawValue }
    }

    /// What was wrong.
    public let code: Code
    /// What the person should do, in plain language.
    public let message: String

    /// Creates a violation.
    public init(_ code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
