public import AuthCore

/// An immutable, compiled form of a ``RolePolicy``: each role's effective rules resolved through the
/// hierarchy (per tenant where a tenant has rules or inheritance of its own), indexed by interned
/// ids. A check hashes the user, tenant, resource and action once each and looks up a few keys per
/// role the user holds; it never walks the hierarchy or scans rules, so its cost does not grow with
/// the number of rules.
///
/// ```swift
/// let compiled = try CompiledPolicy(policy)
/// compiled.isAllowed(user: "ada", tenant: "acme", permission: try Permission("leads:edit"), resourceOwner: "ada")
/// ```
public final class CompiledPolicy: Sendable {
    /// The store's version of the policy compiled (0 when compiled from a bare policy).
    public let version: UInt64
    /// The policy compiled, kept for explanations and access reviews.
    public let policy: RolePolicy

    let resources: [String: Int32]
    let actions: [String: Int32]
    let roleIndex: [RoleID: Int32]
    let roleIDs: [RoleID]
    let tenantIndex: [TenantID: Int32]
    /// Each user's roles: those held everywhere, and per tenant index the platform roles plus those
    /// held in that tenant.
    let users: [UserID: UserRoles]
    /// Each role's table in a tenant with no rules or edges of its own.
    let globalTables: [PermissionTable]
    /// Tables of roles whose effective rules differ in one tenant, by `tenant << 32 | role`.
    let tenantTables: [UInt64: PermissionTable]
    /// Per tenant index, whether `tenantTables` holds any table for it.
    let tenantHasTables: [Bool]

    struct UserRoles: Sendable {
        var platform: [Int32] = []
        var byTenant: [Int32: [Int32]] = [:]
    }

    /// Validates and compiles `policy`.
    ///
    /// - Parameters:
    ///   - policy: the policy.
    ///   - version: the store's version of it.
    /// - Throws: what ``RolePolicy/validate()`` throws.
    public convenience init(_ policy: RolePolicy, version: UInt64 = 0) throws(RBACError) {
        try policy.validate()
        self.init(validated: policy, version: version)
    }

    init(validated policy: RolePolicy, version: UInt64) {
        let compiler = PolicyCompiler(policy)
        self.version = version
        self.policy = policy
        self.resources = compiler.resources
        self.actions = compiler.actions
        self.roleIndex = compiler.roleIndex
        self.roleIDs = compiler.roleIDs
        self.tenantIndex = compiler.tenantIndex
        self.users = compiler.userRoles()
        let (global, tenant, hasTables) = compiler.tables()
        self.globalTables = global
        self.tenantTables = tenant
        self.tenantHasTables = hasTables
    }

    /// Whether `user`, acting in `tenant`, may do `permission` on a resource owned by `resourceOwner`.
    ///
    /// Allowed when some rule of a role the user holds there (directly, by inheritance, or as a
    /// platform role) grants it and none denies it; a rule with scope ``OwnershipScope/own`` counts
    /// only when `resourceOwner` is `user`.
    ///
    /// - Parameters:
    ///   - user: who asks.
    ///   - tenant: the tenant the user acts in.
    ///   - permission: what the user wants to do.
    ///   - resourceOwner: the resource's owner, or `nil` when it has none or the check is not about
    ///     one resource.
    public func isAllowed(user: UserID, tenant: TenantID, permission: Permission, resourceOwner: UserID? = nil) -> Bool
    {
        guard let entry = users[user] else { return false }
        let tenantID = tenantIndex[tenant] ?? -1
        let roles = tenantID >= 0 ? entry.byTenant[tenantID] ?? entry.platform : entry.platform
        guard !roles.isEmpty else { return false }
        let resource = resources[permission.resource] ?? -1
        let action = actions[permission.action] ?? -1
        var bits: UInt8 = 0
        for role in roles {
            bits |= table(role: role, tenant: tenantID).lookup(resource: resource, action: action)
        }
        return PermissionTable.decide(bits, isOwner: resourceOwner == user)
    }

    /// The table of `role` in the tenant with index `tenant` (-1: a tenant the policy never names).
    @inline(__always)
    func table(role: Int32, tenant: Int32) -> PermissionTable {
        if tenant >= 0, tenantHasTables[Int(tenant)],
            let table = tenantTables[UInt64(UInt32(tenant)) << 32 | UInt64(UInt32(role))]
        {
            return table
        }
        return globalTables[Int(role)]
    }

    /// The roles `user` holds in `tenant` as assigned (not counting inheritance), platform roles included.
    func heldRoles(user: UserID, tenant: TenantID) -> [Int32] {
        guard let entry = users[user] else { return [] }
        guard let tenantID = tenantIndex[tenant] else { return entry.platform }
        return entry.byTenant[tenantID] ?? entry.platform
    }
}
