public import AuditLog
public import LockoutPolicy
public import PasswordPolicy
public import RBAC
public import SessionTokens
public import TOTP

/// Every store the login flow keeps state in: one backend provides them all (the in-memory stores for
/// tests and the demo; SQLite and PostgreSQL to come).
public struct AuthFlowStores: Sendable {
    /// Accounts.
    public var users: any UserStore
    /// Sessions.
    public var sessions: any SessionStore
    /// Outstanding invitation, verification and reset links, and MFA challenge tokens' records.
    public var oneTimeTokens: any OneTimeTokenStore
    /// Pending and active TOTP secrets, sealed.
    public var totpEnrollments: any TOTPEnrollmentStore
    /// The last accepted TOTP time step per user (replay protection).
    public var totpSteps: any TOTPStore
    /// Recovery code digests.
    public var recoveryCodes: any RecoveryCodeStore
    /// Recent password hashes per user.
    public var passwordHistory: any PasswordHistoryStore
    /// Roles, grants, assignments and constraints.
    public var roles: any RoleStore
    /// Lockout counters.
    public var lockout: any LockoutStore
    /// The audit chain.
    public var audit: any AuditStore
    /// Signed audit checkpoints.
    public var auditCheckpoints: any AuditCheckpointStore
    /// Remembered devices.
    public var devices: any RememberedDeviceStore
    /// Outstanding MFA challenges.
    public var challenges: any MFAChallengeStore

    /// Collects the stores.
    /// - Parameters:
    ///   - users: accounts.
    ///   - sessions: sessions.
    ///   - oneTimeTokens: invitation, verification and reset links.
    ///   - totpEnrollments: pending and active TOTP secrets.
    ///   - totpSteps: accepted TOTP steps.
    ///   - recoveryCodes: recovery code digests.
    ///   - passwordHistory: recent password hashes.
    ///   - roles: the RBAC policy.
    ///   - lockout: lockout counters.
    ///   - audit: the audit chain.
    ///   - auditCheckpoints: signed checkpoints.
    ///   - devices: remembered devices.
    ///   - challenges: MFA challenges.
    public init(
        users: any UserStore, sessions: any SessionStore, oneTimeTokens: any OneTimeTokenStore,
        totpEnrollments: any TOTPEnrollmentStore, totpSteps: any TOTPStore, recoveryCodes: any RecoveryCodeStore,
        passwordHistory: any PasswordHistoryStore, roles: any RoleStore, lockout: any LockoutStore,
        audit: any AuditStore, auditCheckpoints: any AuditCheckpointStore, devices: any RememberedDeviceStore,
        challenges: any MFAChallengeStore
    ) {
        self.users = users
        self.sessions = sessions
        self.oneTimeTokens = oneTimeTokens
        self.totpEnrollments = totpEnrollments
        self.totpSteps = totpSteps
        self.recoveryCodes = recoveryCodes
        self.passwordHistory = passwordHistory
        self.roles = roles
        self.lockout = lockout
        self.audit = audit
        self.auditCheckpoints = auditCheckpoints
        self.devices = devices
        self.challenges = challenges
    }
}

extension AuthFlowStores {
    /// A fresh set of in-memory stores: for tests, the demo and single-process tools. Nothing survives
    /// the process.
    /// - Parameter roles: the initial role policy.
    /// - Throws: `RBACError` if `roles` is inconsistent (an undefined role, a cycle, a separation-of-duty
    ///   conflict).
    public static func inMemory(roles: RolePolicy = RolePolicy()) throws -> AuthFlowStores {
        let audit = InMemoryAuditStore()
        return AuthFlowStores(
            users: InMemoryUserStore(), sessions: InMemorySessionStore(), oneTimeTokens: InMemoryOneTimeTokenStore(),
            totpEnrollments: InMemoryTOTPEnrollmentStore(), totpSteps: InMemoryTOTPStore(),
            recoveryCodes: InMemoryRecoveryCodeStore(), passwordHistory: InMemoryPasswordHistoryStore(),
            roles: try InMemoryRoleStore(policy: roles), lockout: InMemoryLockoutStore(), audit: audit,
            auditCheckpoints: audit, devices: InMemoryRememberedDeviceStore(), challenges: InMemoryMFAChallengeStore())
    }
}
