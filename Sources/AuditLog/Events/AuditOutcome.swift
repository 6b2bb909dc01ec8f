/// Whether the action an event records succeeded.
public enum AuditOutcome: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The action happened (a sign-in, a role grant).
    case success
    /// The action was refused or failed (a wrong password, a denied permission).
    case failure

    /// `success` or `failure`, as the canonical encoding writes it.
    public var description: String { rawValue }
}
