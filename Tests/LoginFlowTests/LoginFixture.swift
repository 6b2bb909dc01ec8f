import AuditLog
import AuthCore
import Foundation
import InMemoryLogging
import LockoutPolicy
import Logging
import LoginFlow
import MetricsTestKit
import PasswordHashing
import RBAC
import SessionTokens
import TOTP

/// A flow over in-memory stores, a manual clock, cheap Argon2id, test metrics and captured logs.
struct LoginFixture {
    static let cheapHashing = PasswordHasher.Configuration(
        algorithm: .argon2(Argon2Parameters(variant: .argon2id, memoryKiB: 64, iterations: 1, parallelism: 1)))
    static let password = "correct horse battery staple"
    static let tenant: TenantID = "acme"

    let clock = ManualClock()
    let metrics = TestMetrics()
    let logs = InMemoryLogHandler()
    let flow: AuthFlow

    /// `configure` adjusts the configuration before the flow is built.
    init(
        roles: RolePolicy = RolePolicy(), riskPolicy: any RiskPolicy = DefaultRiskPolicy(),
        hashingPool: HashingPool = LoginFixture.pool, lockout: (any LockoutStore)? = nil,
        configure: (inout AuthFlowConfiguration) throws -> Void = { _ in }
    ) async throws {
        var configuration = AuthFlowConfiguration(issuer: "Acme CRM")
        configuration.hashing = Self.cheapHashing
        try configure(&configuration)
        let logs = logs
        var stores = try AuthFlowStores.inMemory(roles: roles)
        if let lockout { stores.lockout = lockout }
        flow = try await AuthFlow(
            configuration: configuration, stores: stores, secrets: try .random(), clock: clock,
            hashingPool: hashingPool, logger: Logger(label: "test", factory: { _ in logs }), riskPolicy: riskPolicy,
            metricsFactory: metrics, roleRefreshInterval: 0)
    }

    /// One pool for the suite's cheap hashes, apart from the shared one.
    static let pool = HashingPool(workerCount: 2, queueLimit: 256)

    /// A client from a fixed address with an iPhone's user agent.
    static func client(_ address: String = "203.0.113.7", deviceToken: DeviceToken? = nil) throws -> ClientContext {
        ClientContext(
            address: try SourceAddress(parsing: address),
            userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1",
            deviceToken: deviceToken)
    }

    /// Inserts an account holding `password`.
    @discardableResult
    func addUser(
        _ email: String = "ana@example.com", id: UserID = "u-ana", password: String? = LoginFixture.password,
        status: UserStatus = .active, mfa: MFARequirement = .optional, homeTenant: TenantID? = LoginFixture.tenant,
        passwordChangeRequired: Bool = false, hash: String? = nil
    ) async throws -> User {
        var stored = hash
        if stored == nil, let password { stored = try await flow.hasher.hash(NormalizedPassword(password)) }
        return try await flow.stores.users.insert(
            User(
                id: id, email: LoginIdentifier(email: email), displayName: "Ana Lima", status: status,
                homeTenant: homeTenant, passwordHash: stored, passwordChangedAt: clock.now(),
                passwordChangeRequired: passwordChangeRequired, mfa: mfa, createdAt: clock.now()))
    }

    /// Enrolls TOTP for `userID` and returns its generator; the clock moves one step on, so the next code
    /// is fresh.
    func enrollTOTP(_ userID: UserID) async throws -> TOTPGenerator {
        let challenge = try await flow.totpEnrollment.begin(userID: userID, account: "ana@example.com")
        let generator = TOTPGenerator(secret: try OTPSecret(base32: challenge.revealedSecretBase32))
        _ = try await flow.totpEnrollment.confirm(generator.code(at: clock.now()), userID: userID)
        clock.advance(by: 30)
        return generator
    }

    /// Every audit record so far, oldest first.
    func auditEvents() async throws -> [AuditEvent] {
        try await flow.flushAudit()
        var events: [AuditEvent] = []
        var query = AuditQuery(limit: 1000)
        while true {
            let page = try await flow.stores.audit.query(query)
            events += page.records.map(\.event)
            guard let next = page.nextCursor else { break }
            query.cursor = next
        }
        return events.reversed()
    }

    /// The audit records of `kind`, oldest first.
    func auditEvents(_ kind: AuditEventKind) async throws -> [AuditEvent] {
        try await auditEvents().filter { $0.kind == kind }
    }

    /// The count of `crmauth_logins_total` with `outcome`.
    func logins(_ outcome: String) -> Int64 {
        metrics.counterTotal(label: "crmauth_logins_total", dimensions: [("outcome", outcome)])
    }
}

extension LoginOutcome {
    var session: AuthenticatedLogin? {
        if case .authenticated(let login) = self { login } else { nil }
    }
    var challenge: MFAChallengeTicket? {
        if case .mfaRequired(let ticket) = self { ticket } else { nil }
    }
}

extension LockoutRules {
    /// Every counter locks for 15 minutes at `threshold` failures, with no delay before it.
    static func flat(threshold: Int) throws -> LockoutRules {
        let rules = try CounterRules(
            threshold: threshold, failureWindow: 3600, freeFailures: threshold, firstDelay: 0, maximumDelay: 0,
            firstLockDuration: 900, maximumLockDuration: 900, administratorLockAfter: nil, lockMemory: 3600)
        return LockoutRules(account: rules, source: rules, pair: rules, trustedPair: rules)
    }
}
