public import AuthCore
public import Foundation

/// Who holds what, for periodic access reviews: holders per tenant, role and permission, and
/// holders who have not logged in for a while.
///
/// ```swift
/// let review = AccessReview(checker.snapshot)
/// let stale = review.inactiveHolders(lastLogins: logins, inactiveFor: 90, at: clock.now)
/// ```
public struct AccessReview: Sendable {
    /// A user holding a role, and how.
    public struct RoleHolder: Sendable, Hashable {
        /// The user.
        public let user: UserID
        /// The role assigned to the user that confers the role reviewed (itself, or a senior role).
        public let assignedRole: RoleID
        /// The tenant the assignment is in, or `nil` for a platform role.
        public let heldIn: TenantID?
    }

    /// A user allowed a permission, and on whose resources.
    public struct PermissionHolder: Sendable, Hashable {
        /// The user.
        public let user: UserID
        /// ``OwnershipScope/any`` if allowed on any resource, ``OwnershipScope/own`` if only on the
        /// user's own.
        public let scope: OwnershipScope
    }

    /// A user holding roles who has not logged in since the cutoff.
    public struct InactiveHolder: Sendable, Hashable {
        /// The user.
        public let user: UserID
        /// The last login given, or `nil` if none was (never logged in).
        public let lastLogin: Date?
        /// Every role the user is assigned, in any tenant.
        public let assignments: [RoleAssignment]
    }

    private let compiled: CompiledPolicy

    /// Reviews a compiled policy.
    ///
    /// - Parameter compiled: the snapshot to review, e.g. `AccessChecker.snapshot`.
    public init(_ compiled: CompiledPolicy) {
        self.compiled = compiled
    }

    /// Every assignment that holds in `tenant` (its own and platform roles), by user.
    ///
    /// - Parameter tenant: the tenant.
    public func assignments(in tenant: TenantID) -> [UserID: [RoleAssignment]] {
        Dictionary(grouping: compiled.policy.assignments.filter { $0.tenant == nil || $0.tenant == tenant }, by: \.user)
            .mapValues { $0.sorted { ($0.role, $0.tenant?.rawValue ?? "") < ($1.role, $1.tenant?.rawValue ?? "") } }
    }

    /// The users who hold `role` in `tenant`: assigned it, or assigned a role that inherits it
    /// there, in the tenant or on the platform. Sorted by user.
    ///
    /// - Parameters:
    ///   - role: the role reviewed.
    ///   - tenant: the tenant.
    public func holders(of role: RoleID, in tenant: TenantID) -> [RoleHolder] {
        let graph = RoleGraph(compiled.policy.inheritance)
        var closures: [RoleID: Set<RoleID>] = [:]
        return compiled.policy.assignments.filter { $0.tenant == nil || $0.tenant == tenant }
            .filter { assignment in
                if closures[assignment.role] == nil {
                    closures[assignment.role] = graph.closure(of: [assignment.role], in: tenant)
                }
                return closures[assignment.role]?.contains(role) ?? false
            }
            .map { RoleHolder(user: $0.user, assignedRole: $0.role, heldIn: $0.tenant) }
            .sorted { ($0.user, $0.assignedRole) < ($1.user, $1.assignedRole) }
    }

    /// The users allowed `permission` in `tenant`, on any resource or only their own. Sorted by user.
    ///
    /// - Parameters:
    ///   - permission: the permission reviewed.
    ///   - tenant: the tenant.
    public func holders(of permission: Permission, in tenant: TenantID) -> [PermissionHolder] {
        let users = Set(compiled.policy.assignments.filter { $0.tenant == nil || $0.tenant == tenant }.map(\.user))
        return users.sorted().compactMap { user in
            if compiled.isAllowed(user: user, tenant: tenant, permission: permission) {
                return PermissionHolder(user: user, scope: .any)
            }
            if compiled.isAllowed(user: user, tenant: tenant, permission: permission, resourceOwner: user) {
                return PermissionHolder(user: user, scope: .own)
            }
            return nil
        }
    }

    /// The users holding any role who have not logged in for `days` days before `now`, or never.
    ///
    /// - Parameters:
    ///   - lastLogins: each user's last login, as the login flow records it; a user missing here
    ///     never logged in.
    ///   - days: how many days without a login make a holder inactive.
    ///   - now: the instant of the review.
    public func inactiveHolders(lastLogins: [UserID: Date], inactiveFor days: Int, at now: Date) -> [InactiveHolder] {
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        return Dictionary(grouping: compiled.policy.assignments, by: \.user)
            .filter { user, _ in (lastLogins[user].map { $0 < cutoff }) ?? true }
            .map { user, assignments in
                InactiveHolder(
                    user: user, lastLogin: lastLogins[user],
                    assignments: assignments.sorted {
                        ($0.tenant?.rawValue ?? "", $0.role) < ($1.tenant?.rawValue ?? "", $1.role)
                    })
            }
            .sorted { $0.user < $1.user }
    }
}
