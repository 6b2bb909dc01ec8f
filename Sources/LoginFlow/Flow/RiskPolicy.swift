public import AuthCore
public import RBAC

/// What the risk policy sees about a sign-in whose password was right.
public struct LoginRiskContext: Sendable {
    /// The account.
    public var userID: UserID
    /// The tenant the sign-in is for.
    public var tenantID: TenantID?
    /// The client.
    public var client: ClientContext
    /// The client presented a valid remembered-device token of this account.
    public var isRememberedDevice: Bool
    /// No stored session of the account came from the client's network (the same IPv4 /24 or IPv6 /64).
    public var isNewNetwork: Bool
    /// Failed sign-ins counted against the account recently (by lockout's account counter), before
    /// this one.
    public var recentFailures: Int
    /// The account has a second factor enrolled.
    public var hasSecondFactor: Bool

    /// Describes a sign-in.
    /// - Parameters:
    ///   - userID: the account.
    ///   - tenantID: the tenant.
    ///   - client: the client.
    ///   - isRememberedDevice: whether the client is a remembered device of the account.
    ///   - isNewNetwork: whether the client's network is new for the account.
    ///   - recentFailures: recent failed sign-ins at the account.
    ///   - hasSecondFactor: whether the account has a second factor enrolled.
    public init(
        userID: UserID, tenantID: TenantID?, client: ClientContext, isRememberedDevice: Bool, isNewNetwork: Bool,
        recentFailures: Int, hasSecondFactor: Bool
    ) {
        self.userID = userID
        self.tenantID = tenantID
        self.client = client
        self.isRememberedDevice = isRememberedDevice
        self.isNewNetwork = isNewNetwork
        self.recentFailures = recentFailures
        self.hasSecondFactor = hasSecondFactor
    }
}

/// What the risk policy decides.
public enum RiskDecision: Sendable, Hashable {
    /// Go on as the account's settings say.
    case allow
    /// Ask for the second factor even on a remembered device; the reason is a short code for the audit
    /// record (`new-network`).
    case requireMultiFactor(reason: String)
}

/// Adaptive step-up: decides when a sign-in or a permission needs a second factor beyond what the
/// account's settings ask. Pluggable: pass your own to `AuthFlow.init(riskPolicy:)`.
///
/// The flow asks it at two points:
/// - after a right password on a remembered device (which would otherwise skip the second factor):
///   ``assess(_:)``; a ``RiskDecision/requireMultiFactor(reason:)`` asks for the code. An account with
///   no second factor enrolled cannot be stepped up and signs in as before.
/// - on every permission check of a session without a second factor:
///   ``requiresMultiFactor(for:principal:)``; `true` denies the permission (audited) until the person
///   signs in with a second factor. Keep it cheap: it runs on the request path.
public protocol RiskPolicy: Sendable {
    /// The decision for a sign-in whose password was right.
    /// - Parameter context: what is known about it.
    func assess(_ context: LoginRiskContext) -> RiskDecision
    /// Whether `permission` needs a session with a second factor.
    /// - Parameters:
    ///   - permission: the permission asked for.
    ///   - principal: who asks (a password-only session).
    func requiresMultiFactor(for permission: Permission, principal: Principal) -> Bool
}

/// The default risk policy.
///
/// On a remembered device it asks for the second factor when the client's network is new for the
/// account (no stored session of the account from the same IPv4 /24 or IPv6 /64, and no successful
/// sign-in from it in the audit trail within ``AuthFlowConfiguration/knownNetworkMemory``), or when the account
/// saw at least ``recentFailureThreshold`` failed sign-ins recently (someone may be guessing its
/// password). Permissions in ``sensitivePermissions`` need a session with a second factor. Everything
/// else is allowed.
public struct DefaultRiskPolicy: RiskPolicy {
    /// Ask for the code on a remembered device used from a new network. Default `true`.
    public var stepUpOnNewNetwork: Bool
    /// Ask for the code on a remembered device after this many recent failures. Default 3.
    public var recentFailureThreshold: Int
    /// Permissions that need a session with a second factor (exporting every contact, changing billing).
    /// Default: none.
    public var sensitivePermissions: Set<Permission>

    /// Creates the policy.
    /// - Parameters:
    ///   - stepUpOnNewNetwork: ask for the code on a remembered device on a new network.
    ///   - recentFailureThreshold: ask for the code on a remembered device after this many recent failures.
    ///   - sensitivePermissions: permissions that need a second factor.
    public init(
        stepUpOnNewNetwork: Bool = true, recentFailureThreshold: Int = 3, sensitivePermissions: Set<Permission> = []
    ) {
        self.stepUpOnNewNetwork = stepUpOnNewNetwork
        self.recentFailureThreshold = recentFailureThreshold
        self.sensitivePermissions = sensitivePermissions
    }

    /// See ``RiskPolicy/assess(_:)``.
    /// - Parameter context: what is known about the sign-in.
    public func assess(_ context: LoginRiskContext) -> RiskDecision {
        guard context.isRememberedDevice else { return .allow }
        if context.recentFailures >= recentFailureThreshold { return .requireMultiFactor(reason: "recent-failures") }
        if stepUpOnNewNetwork, context.isNewNetwork { return .requireMultiFactor(reason: "new-network") }
        return .allow
    }

    /// See ``RiskPolicy/requiresMultiFactor(for:principal:)``.
    /// - Parameters:
    ///   - permission: the permission asked for.
    ///   - principal: who asks.
    public func requiresMultiFactor(for permission: Permission, principal: Principal) -> Bool {
        !sensitivePermissions.isEmpty && sensitivePermissions.contains(permission)
    }
}
