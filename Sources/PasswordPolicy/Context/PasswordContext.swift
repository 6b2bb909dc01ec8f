public import AuthCore

/// What is known about the person choosing a password, and about where they use it.
///
/// The words here are ones an attacker who targets this person tries first (NIST SP 800-63B rev. 4
/// §3.1.1.2 names context-specific words such as the service and user names), so a password that
/// contains them is refused with ``PasswordViolation/Code/containsContextWord``. They are also
/// handed to the strength estimator as user inputs. Leave out what you do not know.
///
/// ```swift
/// let context = PasswordContext(
///     hasMultiFactor: false, userID: user.id, email: "ada.lovelace@acme.example",
///     name: "Ada Lovelace", companyName: "Acme")
/// let result = try await checker.check(NormalizedPassword(typed), context: context)
/// ```
public struct PasswordContext: Sendable, Hashable {
    /// Whether the account has a second factor; it lowers the minimum length (15 → 8 by default).
    public var hasMultiFactor: Bool
    /// The account's identifier in the password history; without it, history is not checked (for
    /// example at registration).
    public var userID: UserID?
    /// The person's email address; its local part and domain labels are context words.
    public var email: String?
    /// The person's username or login name.
    public var username: String?
    /// The person's name; each part is a context word.
    public var name: String?
    /// The company (the CRM tenant) the account belongs to.
    public var companyName: String?
    /// The product or service the password is for.
    public var productName: String?
    /// Any other words an attacker would try first: a team name, a city, a pet's name.
    public var otherWords: [String]

    /// Creates a context; every field is optional.
    public init(
        hasMultiFactor: Bool = false, userID: UserID? = nil, email: String? = nil, username: String? = nil,
        name: String? = nil, companyName: String? = nil, productName: String? = nil, otherWords: [String] = []
    ) {
        self.hasMultiFactor = hasMultiFactor
        self.userID = userID
        self.email = email
        self.username = username
        self.name = name
        self.companyName = companyName
        self.productName = productName
        self.otherWords = otherWords
    }
}
