public import AuthCore
public import PasswordPolicy
public import SessionTokens

/// Why a new password was refused: the ``LoginFlowError/underlying`` error of
/// ``LoginFlowError/passwordRejected``.
///
/// Show every ``violations`` message under the password field. When the password came with a link
/// (accepting an invitation, resetting a password), the link's token was used up by the attempt;
/// ``retryToken`` is a fresh one for the rest of the original's lifetime: put it in the form so the
/// person can try another password without asking for a new email.
///
/// ```swift
/// } catch let error as LoginFlowError where error.code == .passwordRejected {
///     let rejection = error.underlying as? PasswordRejection
///     page.errors = rejection?.violations.map(\.message) ?? []
///     page.token = rejection?.retryToken?.revealedText ?? form.token
/// }
/// ```
public struct PasswordRejection: Error, Sendable, Redacting {
    /// Every rule the password breaks, with its plain-language message.
    public let violations: [PasswordViolation]
    /// A replacement link token when the password came with one that is now used up; `nil` otherwise.
    public let retryToken: OneTimeToken?

    /// Describes a rejection.
    /// - Parameters:
    ///   - violations: the rules broken.
    ///   - retryToken: the replacement link token, if any.
    public init(violations: [PasswordViolation], retryToken: OneTimeToken? = nil) {
        self.violations = violations
        self.retryToken = retryToken
    }

    /// The violation codes; never the token.
    public var redactedDescription: String {
        "PasswordRejection(\(violations.map(\.code.rawValue)), retryToken: \(retryToken == nil ? "nil" : "<redacted>"))"
    }

    /// The same rejection carrying `token`.
    func retrying(with token: OneTimeToken?) -> PasswordRejection {
        PasswordRejection(violations: violations, retryToken: token)
    }
}
