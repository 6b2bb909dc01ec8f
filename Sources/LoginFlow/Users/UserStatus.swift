/// Where an account is in its life.
public enum UserStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Created by an administrator's invitation; no password yet. Accepting the invitation link sets
    /// the first password and makes the account ``active``.
    case invited
    /// Registered by the person, email address not yet confirmed. Confirming the verification link
    /// makes the account ``active``.
    case pendingVerification
    /// Can log in.
    case active
    /// Disabled by an administrator: cannot log in, every session ended at once. Re-enabling makes it
    /// ``active`` again.
    case disabled
}
