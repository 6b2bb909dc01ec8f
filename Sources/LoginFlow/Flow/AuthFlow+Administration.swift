public import AuditLog
public import AuthCore
import LockoutPolicy
public import RBAC

import struct Foundation.Date

// Flow 10: the administrator's actions. A signed-in administrator needs `users:administer` in the tenant
// concerned (a denial is audited as `permission.denied`); a console operator acts on the database
// directly. Every action is audited with the administrator as actor (see `Administrator`).
extension AuthFlow {
    /// The permission every administrator action needs: `users:administer`, in the target user's home
    /// tenant (or, for a role, in the tenant the role is granted in). Grant it to your administrators'
    /// role, for example `PolicyRule(role: "admin", effect: .allow, permissions: "users:administer")`.
    public static let administerUsers: Permission = try! Permission("users:administer")  // a valid literal

    /// Disables an account: it cannot sign in, and every session, remembered device and link dies at
    /// once (new security stamp; the sessions are removed too).
    /// - Parameters:
    ///   - userID: the account.
    ///   - administrator: who acts: a signed-in ``Principal`` or a ``ConsoleOperator``.
    /// - Returns: the account as stored.
    /// - Throws: ``LoginFlowError/accessDenied``, ``LoginFlowError/userNotFound``,
    ///   ``LoginFlowError/conflict``, ``LoginFlowError/unavailable``.
    @discardableResult
    public func disableUser(_ userID: UserID, by administrator: some AdministratorConvertible)
        async throws(LoginFlowError) -> User
    {
        var user = try await administeredUser(userID, by: administrator, action: "disable")
        user.status = .disabled
        user.securityStamp = User.generateSecurityStamp()
        user = try await accountUpdate(user)
        try await accountEndEverySession(of: user.id)
        await auditAdministration(.userDisabled, by: administrator, subject: user.id, tenant: user.homeTenant)
        return user
    }

    /// Enables a disabled account. Its old sessions stay dead: the person signs in again.
    /// - Parameters:
    ///   - userID: the account.
    ///   - administrator: who acts: a signed-in ``Principal`` or a ``ConsoleOperator``.
    /// - Returns: the account as stored.
    /// - Throws: ``LoginFlowError/accessDenied``, ``LoginFlowError/invalidState`` when it is not
    ///   disabled, ``LoginFlowError/userNotFound``, ``LoginFlowError/conflict``, ``LoginFlowError/unavailable``.
    @discardableResult
    public func enableUser(_ userID: UserID, by administrator: some AdministratorConvertible)
        async throws(LoginFlowError) -> User
    {
        var user = try await administeredUser(userID, by: administrator, action: "enable")
        guard user.status == .disabled else {
            throw LoginFlowError(.invalidState, "only a disabled account is enabled")
        }
        user.status = .active
        user = try await accountUpdate(user)
        await auditAdministration(.userEnabled, by: administrator, subject: user.id, tenant: user.homeTenant)
        return user
    }

    /// Lifts the account's lockout: its account-wide counters (strangers' and its own devices') for the
    /// email address and the username, the address's reset-request counter, and the account's pair
    /// counters for every address its recent failed sign-ins came from (the counter that locks a person
    /// who mistypes their own password), administrator locks included. The counters of an address as a
    /// whole (every account tried from it) are not the account's and stay.
    /// - Parameters:
    ///   - userID: the account.
    ///   - administrator: who acts: a signed-in ``Principal`` or a ``ConsoleOperator``.
    /// - Throws: ``LoginFlowError/accessDenied``, ``LoginFlowError/userNotFound``, ``LoginFlowError/unavailable``.
    public func unlockUser(_ userID: UserID, by administrator: some AdministratorConvertible)
        async throws(LoginFlowError)
    {
        let user = try await administeredUser(userID, by: administrator, action: "unlock")
        // The login counters of each identifier, and the reset-request counters of the address.
        let keys = try await lockoutKeys(of: user)
        _ = try await accountStore { try await throttle.unlock(keys) }
        await auditAdministration(.userUnlocked, by: administrator, subject: user.id, tenant: user.homeTenant)
    }

    /// Requires a new password at the account's next login, and ends its sessions and remembered
    /// devices now (new security stamp): a forced change usually means the password is suspect.
    /// - Parameters:
    ///   - userID: the account.
    ///   - administrator: who acts: a signed-in ``Principal`` or a ``ConsoleOperator``.
    /// - Returns: the account as stored.
    /// - Throws: ``LoginFlowError/accessDenied``, ``LoginFlowError/userNotFound``,
    ///   ``LoginFlowError/conflict``, ``LoginFlowError/unavailable``.
    @discardableResult
    public func forcePasswordChange(_ userID: UserID, by administrator: some AdministratorConvertible)
        async throws(LoginFlowError)
        -> User
    {
        var user = try await administeredUser(userID, by: administrator, action: "force-password-change")
        user.passwordChangeRequired = true
        user.securityStamp = User.generateSecurityStamp()
        user = try await accountUpdate(user)
        try await accountEndEverySession(of: user.id)
        await auditAdministration(
            .passwordChangeForced, by: administrator, subject: user.id, tenant: user.homeTenant)
        return user
    }

    /// Grants `role` to the account in `tenant`, through `RoleStore.apply(_:expecting:)` at the policy
    /// version just read (read and decided once more if another edit got in between; the policy is
    /// left alone if the role is held already); the access checker is refreshed so the next check
    /// sees it. The administrator needs the permission in `tenant`. Audited as `role.granted`, with
    /// the reason `unchanged` when the role was held already.
    /// - Parameters:
    ///   - role: the role.
    ///   - userID: the account.
    ///   - tenant: where the role is held.
    ///   - administrator: who acts: a signed-in ``Principal`` or a ``ConsoleOperator``.
    /// - Throws: ``LoginFlowError/accessDenied``, ``LoginFlowError/userNotFound``,
    ///   ``LoginFlowError/invalidState`` when the policy refuses (an undefined role, separation of duty;
    ///   `underlying` is the `RBACError`), ``LoginFlowError/conflict``, ``LoginFlowError/unavailable``.
    public func grantRole(
        _ role: RoleID, to userID: UserID, in tenant: TenantID, by administrator: some AdministratorConvertible
    ) async throws(LoginFlowError) {
        try await changeRole(.assign(RoleAssignment(user: userID, role: role, tenant: tenant)), by: administrator)
    }

    /// Revokes `role` from the account in `tenant` (the policy is left alone if it was not held), as ``grantRole(_:to:in:by:)`` grants.
    /// - Parameters:
    ///   - role: the role.
    ///   - userID: the account.
    ///   - tenant: where the role was held.
    ///   - administrator: who acts: a signed-in ``Principal`` or a ``ConsoleOperator``.
    /// - Throws: as ``grantRole(_:to:in:by:)``.
    public func revokeRole(
        _ role: RoleID, from userID: UserID, in tenant: TenantID, by administrator: some AdministratorConvertible
    ) async throws(LoginFlowError) {
        try await changeRole(.unassign(RoleAssignment(user: userID, role: role, tenant: tenant)), by: administrator)
    }

    /// The account's most recent security events (as actor or subject), newest first. Buffered events
    /// are written first so the list is current; the reading is itself audited.
    /// - Parameters:
    ///   - userID: the account.
    ///   - limit: how many, 1 to 1,000.
    ///   - administrator: who asks.
    /// - Returns: the records, newest first.
    /// - Throws: ``LoginFlowError/accessDenied``, ``LoginFlowError/userNotFound``,
    ///   ``LoginFlowError/limitExceeded`` for a limit outside 1...1000, ``LoginFlowError/unavailable``.
    public func recentSecurityEvents(
        of userID: UserID, limit: Int = 50, by administrator: some AdministratorConvertible
    ) async throws(LoginFlowError) -> [AuditRecord] {
        guard (1...1000).contains(limit) else {
            throw LoginFlowError(.limitExceeded, "a page holds 1 to 1000 events")
        }
        let user = try await administeredUser(userID, by: administrator, action: "security-events")
        var query = AuditQuery(limit: limit)
        query.user = user.id
        let page = try await accountStore {
            try await flushAudit()
            return try await stores.audit.query(query)
        }
        await auditAdministration(.securityEventsViewed, by: administrator, subject: user.id, tenant: user.homeTenant)
        return page.records
    }

    /// Throws ``LoginFlowError/accessDenied`` (and audits `permission.denied`) unless `administrator`
    /// holds ``administerUsers`` in `tenant`; a console operator is not checked (see ``Administrator``).
    func requireAdministrator(
        _ administrator: some AdministratorConvertible, in tenant: TenantID?, subject: UserID? = nil, action: String
    ) async throws(LoginFlowError) {
        guard case .signedIn(let principal) = administrator.administrator else { return }
        guard let tenant, access.isAllowed(user: principal.userID, tenant: tenant, permission: Self.administerUsers)
        else {
            await audit(
                .permissionDenied, actor: principal.userID, subject: subject,
                tenant: tenant ?? principal.tenantID,
                outcome: .failure, reason: action, metadata: ["permission": Self.administerUsers.description])
            throw LoginFlowError(.accessDenied, "\(Self.administerUsers) is needed to \(action)")
        }
    }

    /// Records an administrative action with `administrator` as actor: a signed-in user in `actor`, a
    /// console operator in the metadata (`operator`, `channel`).
    func auditAdministration(
        _ kind: AuditEventKind, by administrator: some AdministratorConvertible, subject: UserID?,
        tenant: TenantID?, outcome: AuditOutcome = .success, reason: String? = nil, metadata: [String: String] = [:]
    ) async {
        let acting = administrator.administrator
        await audit(
            kind, actor: acting.userID, subject: subject, tenant: tenant, outcome: outcome, reason: reason,
            metadata: metadata.merging(acting.auditMetadata) { _, operatorField in operatorField })
    }

    /// The lockout counters of `user`'s account: the login counters of each identifier, the
    /// reset-request counters of the address, and the pair counters (the account from one address) of
    /// every address its failed sign-ins and codes came from while a pair counter can remember them.
    ///
    /// The pair counter is the one that locks first when a person mistypes their own password (5
    /// failures against the account's 10): without it, an administrator's unlock left them locked out.
    /// The addresses come from the audit trail (`login.failed`, `mfa.failed` about the account).
    func lockoutKeys(of user: User) async throws(LoginFlowError) -> [LockoutKey] {
        let identifiers = user.identifiers.map(\.key)
        var keys = identifiers.flatMap { throttle.accountKeys($0) } + throttle.accountKeys("reset:" + user.email.key)
        var query = AuditQuery(limit: 1000)
        query.user = user.id
        query.kinds = [.loginFailed, .mfaFailed]
        query.since = clock.now().addingTimeInterval(-configuration.lockoutRules.rules(for: .pair).lockMemory)
        let failures = try await accountStore {
            try await flushAudit()
            return try await stores.audit.query(query).records
        }
        var sources: [SourceAddress] = []
        for record in failures where record.event.subject == user.id {
            guard let text = record.event.sourceAddress, let address = try? SourceAddress(parsing: text),
                !sources.contains(address)
            else { continue }
            sources.append(address)
        }
        for source in sources {
            for identifier in identifiers {
                keys += throttle.attempt(account: identifier, source: source).keys.filter { $0.dimension == .pair }
            }
        }
        return keys
    }

    /// The account `userID`, once `administrator` is allowed to administer it (in its home tenant, or
    /// the administrator's own tenant for an account without one).
    func administeredUser(
        _ userID: UserID, by administrator: some AdministratorConvertible, action: String
    ) async throws(LoginFlowError) -> User {
        let found = try await accountStore { try await stores.users.user(id: userID) }
        // Unknown accounts are refused like forbidden ones, so ids cannot be probed without the permission.
        let fallback: TenantID? =
            if case .signedIn(let principal) = administrator.administrator { principal.tenantID } else { nil }
        try await requireAdministrator(
            administrator, in: found?.homeTenant ?? fallback, subject: userID, action: action)
        guard let found else { throw LoginFlowError(.userNotFound, "no user has this id") }
        return found
    }

    private func changeRole(
        _ change: PolicyChange, by administrator: some AdministratorConvertible
    ) async throws(LoginFlowError) {
        let (assignment, kind, action): (RoleAssignment, AuditEventKind, String) =
            switch change {
            case .assign(let assignment): (assignment, .roleGranted, "grant-role")
            case .unassign(let assignment): (assignment, .roleRevoked, "revoke-role")
            default: preconditionFailure("only assignments are changed here")
            }
        try await requireAdministrator(administrator, in: assignment.tenant, subject: assignment.user, action: action)
        _ = try await accountUser(id: assignment.user)
        let changed = try await accountAssign(change)
        await auditAdministration(
            kind, by: administrator, subject: assignment.user, tenant: assignment.tenant,
            reason: changed ? nil : "unchanged", metadata: ["role": assignment.role.rawValue])
    }
}
