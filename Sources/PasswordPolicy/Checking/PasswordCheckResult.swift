/// The outcome of checking a password: every violation found, and the strength estimate.
public struct PasswordCheckResult: Sendable, Hashable {
    /// Every rule the password breaks, in the order the rules run; empty when it is acceptable.
    public let violations: [PasswordViolation]
    /// The strength estimate, when an estimator is configured and the password was not too long.
    public let strength: PasswordStrength?
    /// What the breached-password source knows, when it knows the password (for logs and operators).
    public let breach: BreachedPasswordMatch?

    /// Creates a result.
    public init(
        violations: [PasswordViolation], strength: PasswordStrength? = nil, breach: BreachedPasswordMatch? = nil
    ) {
        self.violations = violations
        self.strength = strength
        self.breach = breach
    }

    /// Whether the password may be used: no violations.
    public var isAcceptable: Bool { violations.isEmpty }

    /// The violation codes, in order.
    public var codes: [PasswordViolation.Code] { violations.map(\.code) }
}
