public import AuditLog
public import AuthCore
public import CoreMetrics
public import LockoutPolicy
public import Logging
public import PasswordHashing
public import PasswordPolicy
public import RBAC
public import SessionTokens
public import TOTP

public import struct Foundation.TimeInterval

/// The login flow a CRM embeds: registration and invitations, login with lockout and a second factor,
/// sessions and permission checks on every request, password changes and resets, MFA enrollment, and
/// the administrator's actions, each audited.
///
/// One instance serves the whole app; it is `Sendable` and every method may run concurrently. Build it
/// from one set of stores (``AuthFlowStores``), the deployment's keys (``AuthFlowSecrets``) and a
/// ``AuthFlowConfiguration``:
///
/// ```swift
/// let flow = try await AuthFlow(
///     configuration: AuthFlowConfiguration(issuer: "Acme CRM"), stores: stores, secrets: secrets)
/// switch try await flow.login(identifier: form.email, password: form.password, client: client) { ... }
/// ```
///
/// Each flow lives in its own extension file (`AuthFlow+Login.swift`, `AuthFlow+Passwords.swift`, ...);
/// Documentation/LoginFlow.md walks through them as a CRM developer wires them.
public final class AuthFlow: Sendable {
    /// How the flow behaves.
    public let configuration: AuthFlowConfiguration
    /// Where the flow keeps its state.
    public let stores: AuthFlowStores
    /// The source of the current time for every decision.
    public let clock: any WallClock
    /// Where the flow logs (never a secret); a no-op logger unless the app passes its own.
    public let logger: Logger

    /// Hashes and verifies passwords on the bounded hashing pool.
    public let hasher: PasswordHasher
    /// Checks new passwords against the policy.
    public let passwordPolicy: PasswordPolicyChecker
    /// Remembers recent password hashes.
    public let passwordHistory: PasswordHistory
    /// Issues, validates and revokes sessions.
    public let sessions: SessionManager
    /// Issues and redeems invitation, verification and reset links.
    public let links: OneTimeTokenIssuer
    /// Checks TOTP codes, replay-safe.
    public let totpVerifier: TOTPVerifier
    /// Enrolls and disables TOTP.
    public let totpEnrollment: TOTPEnrollment
    /// Issues and redeems recovery codes.
    public let recoveryCodes: RecoveryCodeManager
    /// Answers permission checks from a compiled snapshot of the role policy.
    public let access: AccessChecker
    /// Decides and records lockout around every password and code check.
    public let throttle: LoginThrottle
    /// Appends to and verifies the audit chain.
    public let auditTrail: AuditTrail
    /// Batches audit events off the login path.
    public let auditRecorder: AuditRecorder
    /// Decides when a sign-in or a permission needs a second factor beyond the account's settings.
    public let riskPolicy: any RiskPolicy
    /// The flow's counters (logins by outcome, lockouts, MFA failures, validations, hashing saturation).
    public let metrics: AuthMetrics
    /// At most how often a session validation asks the role store whether the policy changed (seconds);
    /// 0 asks on every validation. Call `access.refresh()` after a change to apply it at once.
    public let roleRefreshInterval: TimeInterval
    /// The roles each user holds per tenant in the checker's current snapshot, and when the store's
    /// version was last polled.
    let roleDirectory = RoleDirectory()

    /// Builds the flow and its components over `stores`.
    /// - Parameters:
    ///   - configuration: how the flow behaves.
    ///   - stores: where it keeps state.
    ///   - secrets: the deployment's keys.
    ///   - clock: the time source (a `ManualClock` in tests).
    ///   - hashingPool: where password hashes run; the shared bounded pool by default.
    ///   - logger: where the flow and its components log; a no-op logger by default.
    ///   - riskPolicy: the adaptive step-up policy; ``DefaultRiskPolicy`` by default.
    ///   - metricsFactory: where the counters go; `MetricsSystem.factory` as bootstrapped by the app
    ///     (a no-op if it never was) by default. The library never bootstraps swift-metrics.
    ///   - roleRefreshInterval: at most how often validation polls the role store's version, in seconds.
    /// - Throws: a configuration error of a component (a policy, a TOTP parameter, a history depth),
    ///   or the role store's error while compiling the first policy snapshot.
    public init(
        configuration: AuthFlowConfiguration, stores: AuthFlowStores, secrets: AuthFlowSecrets,
        clock: any WallClock = SystemClock(), hashingPool: HashingPool = .shared,
        logger: Logger = Logger(label: "crmauth.login-flow", factory: { _ in SwiftLogNoOpLogHandler() }),
        riskPolicy: any RiskPolicy = DefaultRiskPolicy(), metricsFactory: (any MetricsFactory)? = nil,
        roleRefreshInterval: TimeInterval = 1
    ) async throws {
        self.riskPolicy = riskPolicy
        metrics = AuthMetrics(factory: metricsFactory ?? MetricsSystem.factory)
        self.roleRefreshInterval = roleRefreshInterval
        self.configuration = configuration
        self.stores = stores
        self.clock = clock
        self.logger = logger
        hasher = PasswordHasher(configuration: configuration.hashing, pool: hashingPool, logger: logger)
        passwordPolicy = try PasswordPolicyChecker(configuration: configuration.passwordPolicy)
        passwordHistory = try PasswordHistory(
            store: stores.passwordHistory, hasher: hasher, depth: configuration.passwordHistoryDepth, clock: clock)
        let users = stores.users
        // Only an active account's stamp is current: a disabled (or deleted) user's sessions and links
        // stop working at once.
        // The in-memory store answers it without copying the whole user out (as on every request).
        let stamps: ClosureSecurityStampProvider
        if let memory = users as? InMemoryUserStore {
            stamps = ClosureSecurityStampProvider { userID in memory.activeSecurityStamp(of: userID) }
        } else {
            stamps = ClosureSecurityStampProvider { userID in
                guard let user = try await users.user(id: userID), user.status == .active else { return nil }
                return user.securityStamp
            }
        }
        sessions = SessionManager(
            store: stores.sessions, policy: configuration.sessionPolicy, clock: clock, stamps: stamps)
        links = OneTimeTokenIssuer(store: stores.oneTimeTokens, clock: clock, stamps: stamps)
        totpVerifier = try TOTPVerifier(
            configuration: configuration.totp, window: configuration.totpWindow, store: stores.totpSteps, clock: clock)
        recoveryCodes = RecoveryCodeManager(store: stores.recoveryCodes)
        totpEnrollment = try TOTPEnrollment(
            issuer: configuration.issuer, keyRing: secrets.totpKeys, store: stores.totpEnrollments,
            verifier: totpVerifier, recoveryCodes: recoveryCodes, clock: clock)
        access = try await AccessChecker(store: stores.roles)
        throttle = LoginThrottle(
            store: stores.lockout, rules: configuration.lockoutRules, secret: secrets.lockout, clock: clock)
        auditTrail = try AuditTrail(
            store: stores.audit, checkpoints: stores.auditCheckpoints, signingKey: secrets.auditSigningKey,
            clock: clock, logger: logger)
        auditRecorder = try AuditRecorder(trail: auditTrail)
    }
}
