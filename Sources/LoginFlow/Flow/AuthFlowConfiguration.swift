public import AuthCore
public import LockoutPolicy
public import PasswordHashing
public import PasswordPolicy
public import RBAC
public import SessionTokens
public import TOTP

public import struct Foundation.TimeInterval

/// How the login flow behaves: every default is the safe one, documented in Documentation/LoginFlow.md.
public struct AuthFlowConfiguration: Sendable {
    /// The name authenticator apps show above the account (your CRM's name).
    public var issuer: String
    /// The password hashing algorithm, limits and pepper.
    public var hashing: PasswordHasher.Configuration
    /// The rules every new password must meet (NIST SP 800-63B by default).
    public var passwordPolicy: PasswordPolicyChecker.Configuration
    /// How many passwords are remembered, counting the current one: a new password may not be one of them.
    public var passwordHistoryDepth: Int
    /// Session lifetimes, the "last seen" write interval and the per-user session limit.
    public var sessionPolicy: SessionPolicy
    /// The lockout escalation per counter.
    public var lockoutRules: LockoutRules
    /// TOTP code parameters (digits, period, algorithm).
    public var totp: TOTPConfiguration
    /// How many time steps either side of now a TOTP code is accepted in.
    public var totpWindow: Int
    /// How long the second-factor step may take after a correct password.
    public var mfaChallengeLifetime: TimeInterval
    /// Wrong codes one MFA challenge accepts before it is void (the person logs in again); lockout
    /// counts them as well.
    public var mfaMaximumFailures: Int
    /// Tenants whose users must use a second factor.
    public var mfaRequiredTenants: Set<TenantID>
    /// Roles whose holders must use a second factor (administrators, finance).
    public var mfaRequiredRoles: Set<RoleID>
    /// How long "remember this device" lasts.
    public var rememberedDeviceLifetime: TimeInterval
    /// How many remembered devices one user keeps; the least recently used are forgotten beyond it.
    public var rememberedDeviceLimit: Int
    /// How long a network stays known to an account after a successful sign-in from it (read from the
    /// audit trail), for ``LoginRiskContext/isNewNetwork``. Default 90 days.
    public var knownNetworkMemory: TimeInterval
    /// How recent an authentication must be for sensitive account steps (enrolling or disabling TOTP,
    /// new recovery codes); older sessions must confirm the password again.
    public var recentAuthenticationWindow: TimeInterval
    /// The role a self-registered or invited user receives, and in which tenant; `nil` for none.
    public var defaultRole: (role: RoleID, tenant: TenantID)?
    /// How many recovery codes enrollment and regeneration hand out.
    public var recoveryCodeCount: Int
    /// Answer people in ways that reveal whether an account exists ("No account uses this email
    /// address"), and skip the equal work for unknown identifiers. Off by default, and it should stay
    /// off: with it, anyone can test a list of addresses against your CRM. Only for apps whose
    /// threat model accepts that (an internal tool where every account is known to everyone).
    public var unsafelyRevealWhetherAccountsExist: Bool

    /// The defaults: NIST SP 800-63B passwords, AAL2 sessions, standard lockout, 5-minute MFA step with
    /// 5 tries, 30-day remembered devices (10 per user), 15-minute recent authentication, 10 recovery
    /// codes, no default role.
    /// - Parameter issuer: the name authenticator apps show.
    public init(issuer: String) {
        self.issuer = issuer
        hashing = PasswordHasher.Configuration()
        passwordPolicy = .standard
        passwordHistoryDepth = PasswordHistory.defaultDepth
        sessionPolicy = .aal2
        lockoutRules = .standard
        totp = .default
        totpWindow = 1
        mfaChallengeLifetime = 5 * 60
        mfaMaximumFailures = 5
        mfaRequiredTenants = []
        mfaRequiredRoles = []
        rememberedDeviceLifetime = 30 * 24 * 3600
        rememberedDeviceLimit = 10
        knownNetworkMemory = 90 * 24 * 3600
        recentAuthenticationWindow = 15 * 60
        defaultRole = nil
        recoveryCodeCount = RecoveryCode.defaultCount
        unsafelyRevealWhetherAccountsExist = false
    }
}
