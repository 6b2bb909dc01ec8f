import AuditLog
import AuthCore
import Foundation
import InMemoryLogging
import LockoutPolicy
import Logging
import PasswordHashing
import PasswordPolicy
import RBAC
import SessionTokens
import TOTP
import Testing

@testable import LoginFlow

/// One flow over fresh in-memory stores, a manual clock, cheap Argon2id and a log that keeps every
/// entry; a role policy where `admin` holds `users:administer` and `member` may read leads.
struct AccountFixture {
    static let tenant: TenantID = "acme"
    static let otherTenant: TenantID = "globex"
    static let admin: RoleID = "admin"
    static let member: RoleID = "member"
    static let readLeads = try! Permission("leads:read")
    static let password = "violet tundra marmalade 1987"
    static let otherPassword = "quiet harbor lantern seventy"
    static let address = try! SourceAddress(parsing: "203.0.113.7")
    static let client = ClientContext(address: address, userAgent: "Tests/1.0")

    let clock = ManualClock()
    let logs = InMemoryLogHandler()
    let flow: AuthFlow

    init(pool: HashingPool = .shared, _ adjust: (inout AuthFlowConfiguration) -> Void = { _ in }) async throws {
        var configuration = AuthFlowConfiguration(issuer: "Acme CRM")
        configuration.hashing = PasswordHasher.Configuration(
            algorithm: .argon2(Argon2Parameters(variant: .argon2id, memoryKiB: 256, iterations: 1, parallelism: 1)))
        configuration.defaultRole = (Self.member, Self.tenant)
        adjust(&configuration)
        let policy = RolePolicy(
            roles: [Self.admin, Self.member],
            rules: [
                PolicyRule(role: Self.admin, effect: .allow, permissions: try PermissionPattern("users:administer")),
                PolicyRule(role: Self.member, effect: .allow, permissions: try PermissionPattern("leads:read")),
            ])
        var logs = logs
        logs.logLevel = .trace
        let handler = logs
        flow = try await AuthFlow(
            configuration: configuration, stores: try AuthFlowStores.inMemory(roles: policy), secrets: .random(),
            clock: clock, hashingPool: pool, logger: Logger(label: "accounts-tests", factory: { _ in handler }))
    }

    /// An active user with `password`, inserted directly (its hash in the history), in `tenant`.
    func activeUser(
        _ email: String = "ana.lima@example.com", name: String = "Ana Lima", password: String = Self.password,
        tenant: TenantID? = Self.tenant
    ) async throws -> User {
        let hash = try await flow.hasher.hash(NormalizedPassword(password))
        let user = try await flow.stores.users.insert(
            User(
                id: AuthFlow.newUserID(), email: LoginIdentifier(email: email), displayName: name, status: .active,
                homeTenant: tenant, passwordHash: hash, passwordChangedAt: clock.now(), createdAt: clock.now()))
        try await flow.passwordHistory.record(storedHash: hash, userID: user.id)
        return user
    }

    /// A session of `user` issued now, and the principal a validation would make of it.
    func signIn(_ user: User, level: AuthenticationLevel = .password) async throws -> (IssuedSession, Principal) {
        let current = try #require(try await flow.stores.users.user(id: user.id))
        let issued = try await flow.sessions.issue(
            userID: user.id, tenantID: user.homeTenant, authenticationLevel: level, securityStamp: current.securityStamp
        )
        return (issued, principal(of: issued))
    }

    func principal(of issued: IssuedSession) -> Principal {
        Principal(
            userID: issued.session.userID, tenantID: issued.session.tenantID, sessionID: issued.session.id,
            authenticationLevel: issued.session.authenticationLevel, authenticatedAt: issued.session.createdAt,
            roles: [])
    }

    /// An active administrator of `tenant`, signed in.
    func administrator(of tenant: TenantID = Self.tenant) async throws -> Principal {
        let user = try await activeUser("admin.\(tenant)@example.com", name: "Root Admin", tenant: tenant)
        _ = try await flow.stores.roles.apply(
            [.assign(RoleAssignment(user: user.id, role: Self.admin, tenant: tenant))], expecting: nil)
        try await flow.access.refresh()
        return try await signIn(user).1
    }

    /// Every audit record, oldest first, after flushing.
    func auditRecords() async throws -> [AuditRecord] {
        try await flow.flushAudit()
        return try await flow.stores.audit.records(from: 1, limit: 10_000)
    }

    /// The audit events of `kind`, oldest first.
    func events(_ kind: AuditEventKind) async throws -> [AuditEvent] {
        try await auditRecords().map(\.event).filter { $0.kind == kind }
    }

    /// Everything the flow wrote where a secret must never appear: audit records and log lines.
    func everythingRecorded() async throws -> String {
        let audit = try await auditRecords().map { String(decoding: $0.canonicalEncoding, as: UTF8.self) }
        let logged = logs.entries.map { "\($0.message) \($0.metadata) \(String(describing: $0.error))" }
        return (audit + logged).joined(separator: "\n")
    }

    /// The current code of the pending or active secret in `start`.
    func code(for start: TOTPEnrollmentStart, offset: TimeInterval = 0) -> String {
        TOTPGenerator(secret: start.challenge.uri.secret).code(at: clock.now().addingTimeInterval(offset))
    }

    /// The error `body` throws, or `nil` when it returns.
    static func failure(_ body: () async throws -> Void) async -> LoginFlowError? {
        do {
            try await body()
            return nil
        } catch {
            return error as? LoginFlowError ?? LoginFlowError(.unavailable, "not a LoginFlowError", underlying: error)
        }
    }

    /// The reset link's token of a request, if mail is to be sent.
    static func token(of request: PasswordResetRequest) -> OneTimeToken? {
        if case .resetLink(_, let token, _) = request.mail { return token }
        return nil
    }

    /// The verification token of a registration, if that is the mail.
    static func token(of receipt: RegistrationReceipt) -> OneTimeToken? {
        if case .verificationLink(_, let token) = receipt.mail { return token }
        return nil
    }
}
