public import AuthCore
import Synchronization

/// Numbers the chains of snapshots (see `CompiledPolicy.lineage`).
private let nextLineage = Atomic<UInt64>(0)

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
    /// Each user's roles: those held everywhere (by role index, which is also the index of the
    /// role's global table), and per tenant index the tables to consult there (platform roles and
    /// those held in that tenant, each resolved to its table for that tenant).
    let userRoles: [UserRoles]
    /// Where each user's roles are in `userRoles`.
    let userIndex: [UserID: Int32]
    /// Shared by the snapshots of one `AccessChecker` (each compiled continuing the one before), whose
    /// name indices mean the same; prepared requests from one are valid in the others.
    let lineage: UInt64
    /// Every table: first each role's table in a tenant with no rules or edges of its own (at the
    /// role's index), then the tables of roles whose effective rules differ in one tenant.
    let tables: [PermissionTable]
    /// Where the tenant-specific tables are, by `tenant << 32 | role`.
    let tenantTableIndex: [UInt64: Int32]
    /// Per tenant index, whether `tenantTableIndex` holds any table for it.
    let tenantHasTables: [Bool]

    struct UserRoles: Sendable {
        var platform: [Int32] = []
        /// Table indices per tenant index.
        var byTenant: [Int32: [Int32]] = [:]
        /// Role indices per tenant index (platform roles included), for sessions and reviews.
        var rolesByTenant: [Int32: [Int32]] = [:]
    }

    /// Validates and compiles `policy`.
    ///
    /// - Parameters:
    ///   - policy: the policy.
    ///   - version: the store's version of it.
    ///   - previous: the snapshot this one replaces, if any: names keep their indices, so requests
    ///     prepared on it stay fast on this one. Names only ever accumulate along such a chain;
    ///     start a new chain (`nil`) to drop names no longer used.
    /// - Throws: what ``RolePolicy/validate()`` throws.
    public convenience init(_ policy: RolePolicy, version: UInt64 = 0, continuing previous: CompiledPolicy? = nil)
        throws(RBACError)
    {
        try policy.validate()
        self.init(validated: policy, version: version, continuing: previous)
    }

    init(validated policy: RolePolicy, version: UInt64, continuing previous: CompiledPolicy?) {
        let compiler = PolicyCompiler(policy, continuing: previous)
        self.lineage = previous?.lineage ?? nextLineage.add(1, ordering: .relaxed).newValue
        self.userIndex = compiler.userIndex
        self.version = version
        self.policy = policy
        self.resources = compiler.resources
        self.actions = compiler.actions
        self.roleIndex = compiler.roleIndex
        self.roleIDs = compiler.roleIDs
        self.tenantIndex = compiler.tenantIndex
        let (tables, tenantTableIndex, hasTables) = compiler.tables()
        self.tables = tables
        self.tenantTableIndex = tenantTableIndex
        self.tenantHasTables = hasTables
        self.userRoles = compiler.userRoles { role, tenant in
            hasTables[Int(tenant)]
                ? tenantTableIndex[UInt64(UInt32(tenant)) << 32 | UInt64(UInt32(role))] ?? role : role
        }
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
        guard let slot = userIndex[user] else { return false }
        return decide(
            user: slot, tenant: tenantIndex[tenant] ?? -1, resource: resources[permission.resource] ?? -1,
            action: actions[permission.action] ?? -1, isOwner: resourceOwner == user)
    }

    /// The decision from interned indices (-1 for a tenant, resource or action the policy never names).
    @inline(__always)
    func decide(user: Int32, tenant: Int32, resource: Int32, action: Int32, isOwner: Bool) -> Bool {
        let entry = userRoles[Int(user)]
        var bits: UInt8 = 0
        if tenant >= 0, let resolved = entry.byTenant[tenant] {
            // The common case: tables resolved for this user and tenant at compile time.
            for index in resolved { bits |= tables[Int(index)].lookup(resource: resource, action: action) }
        } else {
            for role in entry.platform {
                bits |= tables[Int(tableIndex(role: role, tenant: tenant))].lookup(resource: resource, action: action)
            }
        }
        return PermissionTable.decide(bits, isOwner: isOwner)
    }

    /// The index of the table of `role` in the tenant with index `tenant` (-1: a tenant the policy
    /// never names).
    @inline(__always)
    func tableIndex(role: Int32, tenant: Int32) -> Int32 {
        if tenant >= 0, tenantHasTables[Int(tenant)],
            let index = tenantTableIndex[UInt64(UInt32(tenant)) << 32 | UInt64(UInt32(role))]
        {
            return index
        }
        return role
    }

    /// The roles `user` holds in `tenant` as assigned (not counting inheritance), platform roles included.
    func heldRoles(user: UserID, tenant: TenantID) -> [Int32] {
        guard let slot = userIndex[user] else { return [] }
        let entry = userRoles[Int(slot)]
        guard let tenantID = tenantIndex[tenant] else { return entry.platform }
        return entry.rolesByTenant[tenantID] ?? entry.platform
    }
}
