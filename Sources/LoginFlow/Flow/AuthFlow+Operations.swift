public import AuditLog
public import AuthCore
public import LockoutPolicy
import Logging
import PasswordHashing
public import RBAC
public import SessionTokens

public import struct Foundation.Date

// Flow 11: what an operator needs beyond flow 10 (the `crm-auth` command against a database): creating
// an account with a password, listing and revoking another user's sessions, reading lockout counters,
// replacing the role policy. Each action is audited with the administrator as actor.
extension AuthFlow {
    /// Creates an active account with a password (checked against the policy and hashed as every other
    /// password), and grants the configured default role. For operators setting up the first
    /// administrator or a service account; people are better invited
    /// (`invite(email:displayName:tenant:by:)`), so that nobody else ever knows their password.
    /// - Parameters:
    ///   - email: the account's email address.
    ///   - displayName: the name shown to people.
    ///   - username: an optional username to sign in with as well.
    ///   - password: the first password.
    ///   - tenant: the home tenant, `nil` for none.
    ///   - requirePasswordChange: whether the person must choose a new password at the first login.
    ///   - administrator: who acts: a signed-in ``Principal`` (needs ``administerUsers`` in `tenant`,
    ///     or in their own tenant without one) or a ``ConsoleOperator``.
    /// - Returns: the account as stored.
    /// - Throws: ``LoginFlowError/invalidIdentifier``, ``LoginFlowError/invalidUser`` for an empty name,
    ///   ``LoginFlowError/accessDenied``, ``LoginFlowError/passwordRejected`` with a ``PasswordRejection``,
    ///   ``LoginFlowError/identifierTaken``, ``LoginFlowError/busy``, ``LoginFlowError/unavailable``.
    public func createUser(
        email: String, displayName: String, username: String? = nil, password: String, tenant: TenantID?,
        requirePasswordChange: Bool = false, by administrator: some AdministratorConvertible
    ) async throws(LoginFlowError) -> User {
        let address = try LoginIdentifier(email: email)
        let handle = try username.map { name throws(LoginFlowError) in try LoginIdentifier(username: name) }
        let name = try Self.accountDisplayName(displayName)
        let typed = try accountNormalized(password)
        let fallback: TenantID? =
            if case .signedIn(let principal) = administrator.administrator { principal.tenantID } else { nil }
        try await requireAdministrator(administrator, in: tenant ?? fallback, action: "create-user")
        try await accountCheckNewPassword(
            typed, context: accountPasswordContext(email: address, username: handle, displayName: name, userID: nil))
        let hash = try await accountHash(typed)
        let now = clock.now()
        let user = try await accountStore {
            try await stores.users.insert(
                User(
                    id: Self.newUserID(), email: address, username: handle, displayName: name, status: .active,
                    homeTenant: tenant, passwordHash: hash, passwordChangedAt: now,
                    passwordChangeRequired: requirePasswordChange, createdAt: now))
        }
        await accountRecordHistory(hash, userID: user.id)
        try await accountGrantDefaultRole(to: user.id)
        await auditAdministration(.userCreated, by: administrator, subject: user.id, tenant: tenant, reason: "created")
        return user
    }

    /// The account's sessions, newest first, expired ones included until they are purged (see
    /// `Session.isExpired(at:)`). Reading is not audited.
    /// - Parameters:
    ///   - userID: the account.
    ///   - administrator: who asks.
    /// - Returns: the sessions.
    /// - Throws: ``LoginFlowError/accessDenied``, ``LoginFlowError/userNotFound``, ``LoginFlowError/unavailable``.
    public func sessions(
        of userID: UserID, by administrator: some AdministratorConvertible
    ) async throws(LoginFlowError) -> [Session] {
        let user = try await administeredUser(userID, by: administrator, action: "list-sessions")
        let found = try await accountStore { try await stores.sessions.sessions(userID: user.id) }
        return found.sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) }
    }

    /// Ends one session of the account. Audited as `session.revoked` (reason `administrator`), with the
    /// reason `not-found` when the account has no such session.
    /// - Parameters:
    ///   - sessionID: the session.
    ///   - userID: the account it belongs to.
    ///   - administrator: who acts.
    /// - Returns: whether a session was ended.
    /// - Throws: ``LoginFlowError/accessDenied``, ``LoginFlowError/userNotFound``, ``LoginFlowError/unavailable``.
    @discardableResult
    public func revokeSession(
        _ sessionID: SessionID, of userID: UserID, by administrator: some AdministratorConvertible
    ) async throws(LoginFlowError) -> Bool {
        let user = try await administeredUser(userID, by: administrator, action: "revoke-session")
        let removed = try await accountStore { try await stores.sessions.delete(id: sessionID, userID: user.id) }
        await auditAdministration(
            .sessionRevoked, by: administrator, subject: user.id, tenant: user.homeTenant,
            outcome: removed ? .success : .failure, reason: removed ? "administrator" : "not-found",
            metadata: ["session": sessionID.rawValue])
        return removed
    }

    /// Ends every session of the account. Its remembered devices and links stay: to void those too,
    /// ``disableUser(_:by:)`` or ``forcePasswordChange(_:by:)``. Audited as `session.revoked` with the
    /// reason `administrator-all` and the count.
    /// - Parameters:
    ///   - userID: the account.
    ///   - administrator: who acts.
    /// - Returns: how many sessions were ended.
    /// - Throws: ``LoginFlowError/accessDenied``, ``LoginFlowError/userNotFound``, ``LoginFlowError/unavailable``.
    @discardableResult
    public func revokeEverySession(
        of userID: UserID, by administrator: some AdministratorConvertible
    ) async throws(LoginFlowError) -> Int {
        let user = try await administeredUser(userID, by: administrator, action: "revoke-sessions")
        let count = try await accountStore { try await stores.sessions.deleteAll(userID: user.id, except: nil) }
        await auditAdministration(
            .sessionRevoked, by: administrator, subject: user.id, tenant: user.homeTenant,
            reason: "administrator-all", metadata: ["count": String(count)])
        return count
    }

    /// The account's lockout counters, each with what it decides now: the login counters of each
    /// identifier and the reset-request counters of the address (what ``unlockUser(_:by:)`` clears).
    /// Reading is not audited.
    /// - Parameters:
    ///   - userID: the account.
    ///   - administrator: who asks.
    /// - Returns: one entry per counter, in the order of `LoginThrottle.accountKeys(_:)` for the
    ///   email address, the username, then the reset requests.
    /// - Throws: ``LoginFlowError/accessDenied``, ``LoginFlowError/userNotFound``, ``LoginFlowError/unavailable``.
    public func lockoutStatus(
        of userID: UserID, by administrator: some AdministratorConvertible
    ) async throws(LoginFlowError) -> [LockoutEntry] {
        let user = try await administeredUser(userID, by: administrator, action: "lockout-status")
        let keys = try await lockoutKeys(of: user)
        return try await accountStore { try await throttle.status(of: keys) }
    }

    /// Replaces the whole role policy (every role, rule, inheritance, assignment and constraint) with
    /// `policy`, as one `RoleStore.apply(_:expecting:)` at the version just read, and refreshes the
    /// access checker. Only a console operator may: the policy spans every tenant, and a signed-in
    /// administrator's permission is held in one. Audited as `administrator.action` with the reason
    /// `role-policy-replaced` and the new version.
    /// - Parameters:
    ///   - policy: the new policy.
    ///   - administrator: the operator.
    /// - Returns: the policy's new version.
    /// - Throws: ``LoginFlowError/invalidState`` when the policy is inconsistent (`underlying` is the
    ///   `RBACError`), ``LoginFlowError/conflict`` when another edit got in between,
    ///   ``LoginFlowError/unavailable``.
    @discardableResult
    public func replaceRolePolicy(
        with policy: RolePolicy, by administrator: ConsoleOperator
    ) async throws(LoginFlowError) -> UInt64 {
        let version: UInt64
        do {
            let current = try await stores.roles.policy()
            version = try await stores.roles.apply(current.policy.changes(to: policy), expecting: current.version)
        } catch let error as RBACError where error.code == .versionConflict {
            throw LoginFlowError(.conflict, "the role policy changed meanwhile; repeat the step", underlying: error)
        } catch let error as RBACError {
            throw LoginFlowError(.invalidState, "the role policy refused the change", underlying: error)
        } catch {
            throw LoginFlowError(.unavailable, "the role store failed", underlying: error)
        }
        do {
            try await access.refresh()
        } catch {
            logger.error("access checker not refreshed", metadata: ["error": "\(String(describing: error))"])
        }
        await auditAdministration(
            .administratorAction, by: administrator, subject: nil, tenant: nil, reason: "role-policy-replaced",
            metadata: ["version": String(version)])
        return version
    }

    /// The audit trail from the first record at or after `since` to the last before `until`, with the
    /// checkpoints that anchor and pin it, as an export an auditor verifies offline (`AuditVerifier`,
    /// `crm-auth audit verify --file`). Buffered events are written and a checkpoint is signed at the
    /// head first, so the whole export is pinned. Only a console operator may: the trail spans every
    /// tenant. Audited, after the export is read, as `administrator.action` with the reason
    /// `audit-exported` and the record count.
    ///
    /// The range is contiguous in sequence order (events are recorded in time order, so the times are
    /// in order too): an export starting after the first record verifies when a checkpoint anchors
    /// it, as after pruning; otherwise its verifier reports its first record as unanchored.
    /// - Parameters:
    ///   - since: the earliest event time kept; `nil` from the first record.
    ///   - until: the first event time no longer kept; `nil` to the head.
    ///   - administrator: the operator.
    /// - Returns: the records and checkpoints.
    /// - Throws: ``LoginFlowError/unavailable`` if the trail cannot be written or read.
    public func exportAuditTrail(
        since: Date?, until: Date?, by administrator: ConsoleOperator
    ) async throws(LoginFlowError) -> AuditExport {
        let export = try await accountStore {
            try await flushAudit()
            _ = try await auditTrail.checkpoint()
            var records: [AuditRecord] = []
            var next: UInt64 = 1
            while true {
                let page = try await stores.audit.records(from: next, limit: 10_000)
                guard let last = page.last, last.sequence >= next else { break }
                records.append(contentsOf: page)
                next = last.sequence + 1
            }
            let start = since.map { since in records.firstIndex { $0.event.time >= since } ?? records.endIndex } ?? 0
            let end = until.map { until in records.lastIndex { $0.event.time < until }.map { $0 + 1 } ?? 0 }
            let kept = start < (end ?? records.endIndex) ? Array(records[start..<(end ?? records.endIndex)]) : []
            guard let first = kept.first, let last = kept.last else {
                return AuditExport(records: [], checkpoints: [])
            }
            let checkpoints = try await stores.auditCheckpoints.checkpoints(
                from: first.sequence - 1, through: last.sequence)
            return AuditExport(records: kept, checkpoints: checkpoints)
        }
        await auditAdministration(
            .administratorAction, by: administrator, subject: nil, tenant: nil, reason: "audit-exported",
            metadata: ["records": String(export.records.count)])
        return export
    }
}
