public import AuthCore

/// Whether a rule grants or denies; a deny overrides every grant.
public enum RuleEffect: String, Sendable, Hashable, Codable, CaseIterable {
    /// The rule allows what it covers, unless a deny also covers it.
    case allow
    /// The rule forbids what it covers, whatever grants it.
    case deny
}

/// Whose resources a rule covers: only the user's own, or any.
///
/// The caller says who owns the resource when it checks (`resourceOwner:`); a rule with scope
/// ``own`` applies only when that owner is the user asking.
public enum OwnershipScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// Only resources the user owns (a rep edits own leads).
    case own
    /// Every resource (a manager edits any lead).
    case any
}

/// A grant or deny that a role holds, in every tenant or in one.
///
/// A rule with a ``tenant`` is a tenant's customisation of a shared role: it applies only to users
/// acting in that tenant (the Acme tenant lets its sales reps export leads, others do not).
///
/// ```swift
/// let rule = PolicyRule(role: "sales-rep", effect: .allow, permissions: try PermissionPattern("leads:edit"), scope: .own)
/// ```
public struct PolicyRule: Sendable, Hashable, Codable {
    /// The role that holds the rule.
    public var role: RoleID
    /// Grant or deny.
    public var effect: RuleEffect
    /// What it covers.
    public var permissions: PermissionPattern
    /// Whose resources it covers.
    public var scope: OwnershipScope
    /// The one tenant it applies in, or `nil` for every tenant.
    public var tenant: TenantID?

    /// Creates a rule.
    ///
    /// - Parameters:
    ///   - role: the role that holds the rule.
    ///   - effect: grant or deny.
    ///   - permissions: what it covers.
    ///   - scope: whose resources it covers (``OwnershipScope/any`` by default).
    ///   - tenant: the one tenant it applies in, or `nil` (the default) for every tenant.
    public init(
        role: RoleID, effect: RuleEffect, permissions: PermissionPattern, scope: OwnershipScope = .any,
        tenant: TenantID? = nil
    ) {
        self.role = role
        self.effect = effect
        self.permissions = permissions
        self.scope = scope
        self.tenant = tenant
    }
}

/// "`role` inherits every rule of `inherits`": the senior role holds the junior's permissions and
/// denies, and a user holding the senior is authorized for the junior (NIST RBAC hierarchy).
///
/// With a ``tenant``, the inheritance holds only for users acting in that tenant.
public struct RoleInheritance: Sendable, Hashable, Codable {
    /// The senior role, which inherits.
    public var role: RoleID
    /// The junior role, whose rules are inherited.
    public var inherits: RoleID
    /// The one tenant it holds in, or `nil` for every tenant.
    public var tenant: TenantID?

    /// Creates an inheritance edge.
    ///
    /// - Parameters:
    ///   - role: the senior role.
    ///   - inherits: the junior role.
    ///   - tenant: the one tenant it holds in, or `nil` (the default) for every tenant.
    public init(role: RoleID, inherits: RoleID, tenant: TenantID? = nil) {
        self.role = role
        self.inherits = inherits
        self.tenant = tenant
    }
}

/// A user holding a role in one tenant, or in every tenant (a platform role, `tenant == nil`).
public struct RoleAssignment: Sendable, Hashable, Codable {
    /// The user.
    public var user: UserID
    /// The role held.
    public var role: RoleID
    /// The tenant it is held in, or `nil` for a platform role held in every tenant.
    public var tenant: TenantID?

    /// Creates an assignment.
    ///
    /// - Parameters:
    ///   - user: the user.
    ///   - role: the role.
    ///   - tenant: the tenant, or `nil` for a platform role.
    public init(user: UserID, role: RoleID, tenant: TenantID?) {
        self.user = user
        self.role = role
        self.tenant = tenant
    }
}
