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

    /// Resource, action, tenant and user names by interned index (see ``NameTable``); along a
    /// `continuing:` chain a name keeps its index.
    let resources: NameTable
    let actions: NameTable
    let tenants: NameTable
    let users: NameTable
    let roleIndex: [RoleID: Int32]
    let roleIDs: [RoleID]
    /// What a check reads, flattened from `userRoles`: user slot `u`'s tenants are
    /// `resolved.tenant[resolved.start[u]..<resolved.start[u + 1]]` (ascending), and the tables of
    /// entry `e` are `resolved.tableList[resolved.range[e]..<resolved.range[e + 1]]`.
    let resolved: ResolvedTables
    /// Each user's roles: those held everywhere (by role index, which is also the index of the
    /// role's global table), and per tenant index the tables to consult there (platform roles and
    /// those held in that tenant, each resolved to its table for that tenant).
    let userRoles: [UserRoles]
    /// Shared by the snapshots of one `AccessChecker` (each compiled continuing the one before), whose
    /// name indices mean the same; prepared requests from one are valid in the others.
    let lineage: UInt64
    /// Every table: first each role's table in a tenant with no rules or edges of its own (at the
    /// role's index), then the tables of roles whose effective rules differ in one tenant; frozen
    /// into flat open-addressing regions for checks.
    let tables: FrozenPermissionTables
    /// Per table (same indices as `tables`), the role itself and every role it inherits from there.
    let reachable: [Set<Int32>]
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
        self.version = version
        self.policy = policy
        self.resources = NameTable(PolicyCompiler.names(compiler.resources))
        self.actions = NameTable(PolicyCompiler.names(compiler.actions))
        self.tenants = NameTable(PolicyCompiler.names(compiler.tenantIndex).map(\.string))
        self.users = NameTable(PolicyCompiler.names(compiler.userIndex).map(\.string))
        self.roleIndex = compiler.roleIndex
        self.roleIDs = compiler.roleIDs
        let (tables, tenantTableIndex, hasTables) = compiler.tables()
        self.tables = FrozenPermissionTables(tables)
        self.reachable = tables.map(\.reachable)
        self.tenantTableIndex = tenantTableIndex
        self.tenantHasTables = hasTables
        let userRoles = compiler.userRoles { role, tenant in
            hasTables[Int(tenant)]
                ? tenantTableIndex[UInt64(UInt32(tenant)) << 32 | UInt64(UInt32(role))] ?? role : role
        }
        self.userRoles = userRoles
        self.resolved = ResolvedTables(userRoles)
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
        let slot = users.index(of: user.rawValue)
        guard slot >= 0 else { return false }
        return decide(
            user: slot, tenant: tenants.index(of: tenant.rawValue), resource: resources.index(of: permission.resource),
            action: actions.index(of: permission.action), owner: resourceOwner, of: user)
    }

    /// The decision from interned indices (-1 for a tenant, resource or action the policy never
    /// names); whether `owner` is `asker` is asked only when a rule scoped to own resources applies.
    @inline(__always)
    func decide(user: Int32, tenant: Int32, resource: Int32, action: Int32, owner: UserID?, of asker: UserID) -> Bool {
        var bits: UInt8 = 0
        if let range = resolved.tables(user: user, tenant: tenant) {
            // The common case: tables resolved for this user and tenant at compile time.
            for position in range {
                bits |= tables.lookup(table: Int(resolved.tableList[position]), resource: resource, action: action)
            }
        } else {
            for role in userRoles[Int(user)].platform {
                bits |= tables.lookup(
                    table: Int(tableIndex(role: role, tenant: tenant)), resource: resource, action: action)
            }
        }
        return PermissionTable.decide(bits, isOwner: PermissionTable.needsOwner(bits) && owner == asker)
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
        let slot = users.index(of: user.rawValue)
        guard slot >= 0 else { return [] }
        let entry = userRoles[Int(slot)]
        let tenantID = tenants.index(of: tenant.rawValue)
        guard tenantID >= 0 else { return entry.platform }
        return entry.rolesByTenant[tenantID] ?? entry.platform
    }
}

/// The tables each user consults in each tenant, in flat arrays (no dictionary, no per-user
/// array to retain) for the check's hot path.
struct ResolvedTables: Sendable {
    /// Per user slot, where its entries start (one more than there are users).
    let start: [Int32]
    /// Per entry, its tenant index; ascending within a user.
    let tenant: [Int32]
    /// Per entry, where its tables start in `tableList` (one more than there are entries).
    let range: [Int32]
    let tableList: [Int32]

    init(_ userRoles: [CompiledPolicy.UserRoles]) {
        var start: [Int32] = [0]
        var tenant: [Int32] = []
        var range: [Int32] = [0]
        var tableList: [Int32] = []
        for entry in userRoles {
            for (tenantIndex, tables) in entry.byTenant.sorted(by: { $0.key < $1.key }) {
                tenant.append(tenantIndex)
                tableList.append(contentsOf: tables)
                range.append(Int32(tableList.count))
            }
            start.append(Int32(tenant.count))
        }
        (self.start, self.tenant, self.range, self.tableList) = (start, tenant, range, tableList)
    }

    /// The positions in `tableList` of the tables `user` consults in `tenant`, or `nil` when none
    /// were resolved for them (a tenant where the user holds no role of its own).
    @inline(__always)
    func tables(user: Int32, tenant: Int32) -> Range<Int>? {
        guard tenant >= 0 else { return nil }
        var low = Int(start[Int(user)])
        var high = Int(start[Int(user) + 1])
        // Binary search: a user holds roles in few tenants, but nothing limits how many.
        while low < high {
            let middle = (low + high) / 2
            if self.tenant[middle] < tenant { low = middle + 1 } else { high = middle }
        }
        guard low < Int(start[Int(user) + 1]), self.tenant[low] == tenant else { return nil }
        return Int(range[low])..<Int(range[low + 1])
    }
}
