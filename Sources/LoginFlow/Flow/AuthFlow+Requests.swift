import AuditLog
public import AuthCore
import CoreMetrics
import Logging
public import RBAC
import SessionTokens
import Synchronization

import struct Foundation.Date

extension AuthFlow {
    /// Flow 5, first half: the principal of the session named by `sessionToken`, on every request.
    ///
    /// One session-store read (plus a "last seen" write every few minutes) and one user read for the
    /// security stamp; the roles come from the role checker's compiled snapshot, whose version is polled
    /// at most every ``roleRefreshInterval`` seconds. It never hashes, so a login flood that saturates
    /// the hashing pool does not slow it.
    ///
    /// - Parameters:
    ///   - sessionToken: the session cookie's (or `Authorization` header's) text.
    ///   - client: the client, if known: a refused token is logged at debug level with its address.
    /// - Returns: who is asking.
    /// - Throws: ``LoginFlowError/invalidToken`` when the token is malformed, unknown, expired, or from
    ///   before the account's security stamp changed (or the account is no longer active): send the person
    ///   to sign in. ``LoginFlowError/unavailable`` when a store fails.
    public func validate(sessionToken: String, client: ClientContext? = nil) async throws -> Principal {
        let session: Session
        do {
            session = try await sessions.validate(sessionToken)
        } catch let error as SessionTokenError {
            metrics.invalidSessions.increment()
            if let client {
                logger.debug(
                    "session refused", metadata: ["reason": "\(error.code)", "address": "\(client.address)"])
            }
            throw LoginFlowError(.invalidToken, "the session is not valid (\(error.code))", underlying: error)
        } catch {
            metrics.invalidSessions.increment()
            throw LoginFlowError(.unavailable, "the session store failed", underlying: error)
        }
        // One critical section answers both whether to poll the role store and the roles; only after a
        // poll are the roles read again, from the snapshot the refresh left.
        var (roles, poll) = roleDirectory.roles(
            of: session.userID, in: session.tenantID, snapshot: access.snapshot, polling: clock.now(),
            interval: roleRefreshInterval)
        if poll {
            do {
                try await access.refresh()
            } catch {
                logger.warning(
                    "role policy refresh failed; the previous snapshot stays", metadata: ["error": "\(error)"])
            }
            roles = roleDirectory.roles(of: session.userID, in: session.tenantID, snapshot: access.snapshot)
        }
        metrics.validSessions.increment()
        return Principal(
            userID: session.userID, tenantID: session.tenantID, sessionID: session.id,
            authenticationLevel: session.authenticationLevel, authenticatedAt: session.createdAt, roles: roles)
    }

    /// Flow 5, second half: whether `principal` may do `permission` (on a resource owned by `owner`), by
    /// the role policy; a denial is audited (`permission.denied`).
    ///
    /// Denied as well: a session without a tenant (roles are held per tenant), and a password-only
    /// session asking for a permission the risk policy reserves for sessions with a second factor
    /// (reason `step-up-required`; ``requirePermission(_:_:owner:)`` tells it apart).
    ///
    /// - Parameters:
    ///   - principal: who asks, from ``validate(sessionToken:client:)``.
    ///   - permission: what they want to do (`leads:update`).
    ///   - owner: the resource's owner, for rules scoped to one's own resources; `nil` otherwise.
    /// - Returns: whether it is allowed.
    @discardableResult
    public func authorize(_ principal: Principal, _ permission: Permission, owner: UserID? = nil) async -> Bool {
        guard let reason = denial(principal, permission, owner: owner) else { return true }
        await auditDenial(principal, permission, reason: reason)
        return false
    }

    /// ``authorize(_:_:owner:)``, throwing on a denial (audited the same way).
    /// - Parameters:
    ///   - principal: who asks.
    ///   - permission: what they want to do.
    ///   - owner: the resource's owner, or `nil`.
    /// - Throws: ``LoginFlowError/reauthenticationRequired`` when only a second factor is missing (send
    ///   the person through a sign-in with it); ``LoginFlowError/accessDenied`` otherwise.
    public func requirePermission(_ principal: Principal, _ permission: Permission, owner: UserID? = nil) async throws {
        guard let reason = denial(principal, permission, owner: owner) else { return }
        await auditDenial(principal, permission, reason: reason)
        if reason == Self.stepUpRequired {
            throw LoginFlowError(.reauthenticationRequired, "\(permission) needs a session with a second factor")
        }
        throw LoginFlowError(.accessDenied, "\(permission) is not granted")
    }

    private static let stepUpRequired = "step-up-required"

    /// `nil` when allowed, else the reason code.
    @inline(__always)
    private func denial(_ principal: Principal, _ permission: Permission, owner: UserID?) -> String? {
        guard let tenant = principal.tenantID else { return "no-tenant" }
        if principal.authenticationLevel < .multiFactor,
            riskPolicy.requiresMultiFactor(for: permission, principal: principal)
        {
            return Self.stepUpRequired
        }
        return access.isAllowed(user: principal.userID, tenant: tenant, permission: permission, resourceOwner: owner)
            ? nil : "not-granted"
    }

    private func auditDenial(_ principal: Principal, _ permission: Permission, reason: String) async {
        await audit(
            .permissionDenied, actor: principal.userID, subject: principal.userID, tenant: principal.tenantID,
            outcome: .failure, reason: reason,
            metadata: ["permission": permission.description, "session": principal.sessionID.rawValue])
    }
}

/// The roles each user holds per tenant (platform roles included), indexed once per compiled snapshot
/// of the role policy, and when the role store's version was last polled.
final class RoleDirectory: Sendable {
    private struct Index {
        let snapshot: CompiledPolicy
        let platform: [UserID: Set<RoleID>]
        let byTenant: [UserID: [TenantID: Set<RoleID>]]

        init(_ snapshot: CompiledPolicy) {
            var platform: [UserID: Set<RoleID>] = [:]
            var byTenant: [UserID: [TenantID: Set<RoleID>]] = [:]
            for assignment in snapshot.policy.assignments {
                if let tenant = assignment.tenant {
                    byTenant[assignment.user, default: [:]][tenant, default: []].insert(assignment.role)
                } else {
                    platform[assignment.user, default: []].insert(assignment.role)
                }
            }
            // Each tenant's set includes the platform roles, so a lookup returns a stored set as it is.
            for (user, roles) in platform {
                for tenant in byTenant[user]?.keys.map({ $0 }) ?? [] { byTenant[user]?[tenant]?.formUnion(roles) }
            }
            self.snapshot = snapshot
            self.platform = platform
            self.byTenant = byTenant
        }
    }

    private struct State {
        var index: Index?
        var lastPoll: Date = .distantPast
    }

    private let state = Mutex(State())

    /// The roles `user` holds in `tenant` (platform roles only when `tenant` is `nil`) in `snapshot`.
    func roles(of user: UserID, in tenant: TenantID?, snapshot: CompiledPolicy) -> Set<RoleID> {
        state.withLock { state in Self.roles(of: user, in: tenant, snapshot: snapshot, state: &state) }
    }

    /// The roles as ``roles(of:in:snapshot:)`` answers them, and whether the caller should poll the role
    /// store now (at most one caller per `interval`), in one critical section.
    func roles(
        of user: UserID, in tenant: TenantID?, snapshot: CompiledPolicy, polling now: Date, interval: Double
    ) -> (roles: Set<RoleID>, poll: Bool) {
        state.withLock { state in
            let poll = now.timeIntervalSince(state.lastPoll) >= interval
            if poll { state.lastPoll = now }
            return (Self.roles(of: user, in: tenant, snapshot: snapshot, state: &state), poll)
        }
    }

    private static func roles(
        of user: UserID, in tenant: TenantID?, snapshot: CompiledPolicy, state: inout State
    ) -> Set<RoleID> {
        if state.index?.snapshot !== snapshot { state.index = Index(snapshot) }
        guard let index = state.index else { return [] }
        if let tenant, let roles = index.byTenant[user]?[tenant] { return roles }
        return index.platform[user] ?? []
    }
}
