import AuthCore

/// Builds the indexes and tables of a ``CompiledPolicy`` from a validated policy.
struct PolicyCompiler {
    let policy: RolePolicy
    let graph: RoleGraph
    var resources: [String: Int32] = [PermissionPattern.wildcard: 0]
    var actions: [String: Int32] = [PermissionPattern.wildcard: 0]
    let roleIDs: [RoleID]
    let roleIndex: [RoleID: Int32]
    /// Tenant and user indices by the ids' exact bytes (as the run-time ``NameTable``s compare them).
    var tenantIndex: [ExactText: Int32] = [:]
    var userIndex: [ExactText: Int32] = [:]

    /// Starts from `previous`'s names, so resource, action, tenant and user indices keep their
    /// meaning from one snapshot of a checker to the next (what prepared requests rely on).
    init(_ policy: RolePolicy, continuing previous: CompiledPolicy?) {
        self.policy = policy
        graph = RoleGraph(policy.inheritance)
        roleIDs = policy.roles.sorted()
        roleIndex = Dictionary(uniqueKeysWithValues: roleIDs.enumerated().map { ($1, Int32($0)) })
        if let previous {
            resources = Self.indices(previous.resources.names)
            actions = Self.indices(previous.actions.names)
            tenantIndex = Self.indices(previous.tenants.names.map(ExactText.init))
            userIndex = Self.indices(previous.users.names.map(ExactText.init))
        }
        var tenants = Set(policy.rules.compactMap(\.tenant))
        tenants.formUnion(policy.inheritance.compactMap(\.tenant))
        tenants.formUnion(policy.assignments.compactMap(\.tenant))
        for tenant in tenants.sorted() where tenantIndex[ExactText(tenant.rawValue)] == nil {
            tenantIndex[ExactText(tenant.rawValue)] = Int32(tenantIndex.count)
        }
        for user in Set(policy.assignments.map(\.user)).sorted() where userIndex[ExactText(user.rawValue)] == nil {
            userIndex[ExactText(user.rawValue)] = Int32(userIndex.count)
        }
        for rule in policy.rules {
            if resources[rule.permissions.resource] == nil {
                resources[rule.permissions.resource] = Int32(resources.count)
            }
            if actions[rule.permissions.action] == nil { actions[rule.permissions.action] = Int32(actions.count) }
        }
    }

    /// Each name's position in `names`.
    private static func indices<Name: Hashable>(_ names: [Name]) -> [Name: Int32] {
        Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
    }

    /// The names of `indices` in index order.
    static func names<Name>(_ indices: [Name: Int32]) -> [Name] {
        indices.sorted { $0.value < $1.value }.map(\.key)
    }

    /// Each user's platform roles, and per tenant the tables (`table(role, tenant)`) to consult there.
    func userRoles(table: (Int32, Int32) -> Int32) -> [CompiledPolicy.UserRoles] {
        var users: [UserID: CompiledPolicy.UserRoles] = [:]
        var tenantRoles: [UserID: [Int32: [Int32]]] = [:]
        for assignment in policy.assignments {
            guard let role = roleIndex[assignment.role] else { continue }
            if let tenant = assignment.tenant, let tenantID = tenantIndex[ExactText(tenant.rawValue)] {
                tenantRoles[assignment.user, default: [:]][tenantID, default: []].append(role)
            } else {
                users[assignment.user, default: .init()].platform.append(role)
            }
        }
        for (user, byTenant) in tenantRoles {
            let platform = users[user]?.platform ?? []
            var resolved: [Int32: [Int32]] = [:]
            var held: [Int32: [Int32]] = [:]
            for (tenant, roles) in byTenant {
                held[tenant] = Set(roles + platform).sorted()
                resolved[tenant] = held[tenant]?.map { table($0, tenant) }
            }
            users[user, default: .init()].byTenant = resolved
            users[user, default: .init()].rolesByTenant = held
        }
        var slots = [CompiledPolicy.UserRoles](repeating: .init(), count: userIndex.count)
        for (user, entry) in users {
            guard let slot = userIndex[ExactText(user.rawValue)] else { continue }
            slots[Int(slot)] = entry
            slots[Int(slot)].platform.sort()
        }
        return slots
    }

    /// Every table (the global ones first, at their role's index), where each tenant-specific one
    /// is, and which tenants have any.
    func tables() -> ([PermissionTable], [UInt64: Int32], [Bool]) {
        var own: [Int32: PermissionTable] = [:]
        var ownByTenant: [TenantID: [Int32: PermissionTable]] = [:]
        for rule in policy.rules {
            guard let role = roleIndex[rule.role],
                let resource = resources[rule.permissions.resource], let action = actions[rule.permissions.action]
            else { continue }
            let bit = PermissionTable.bit(rule.effect, rule.scope)
            if let tenant = rule.tenant {
                ownByTenant[tenant, default: [:]][role, default: .init()].add(
                    resource: resource, action: action, bits: bit)
            } else {
                own[role, default: .init()].add(resource: resource, action: action, bits: bit)
            }
        }
        // Global: every role, juniors before seniors.
        var global = [PermissionTable?](repeating: nil, count: roleIDs.count)
        for role in postOrder(from: Array(0..<Int32(roleIDs.count)), tenant: nil, only: nil) {
            var table = own[role] ?? PermissionTable()
            table.reachable.insert(role)
            for junior in graph.juniors(of: roleIDs[Int(role)], in: nil) {
                if let index = roleIndex[junior.role], let junior = global[Int(index)] { table.merge(junior) }
            }
            global[Int(role)] = table
        }
        let globalTables = global.map { $0 ?? PermissionTable() }
        var tables = globalTables

        // Per tenant with rules or edges of its own: only the roles whose effective rules differ.
        var tenantTableIndex: [UInt64: Int32] = [:]
        var hasTables = [Bool](repeating: false, count: tenantIndex.count)
        let scopedTenants = Set(ownByTenant.keys).union(graph.tenantsWithEdges)
        let seniors = reverseEdges()
        for tenant in scopedTenants.sorted() {
            guard let tenantID = tenantIndex[ExactText(tenant.rawValue)] else { continue }
            var seeds = Set((ownByTenant[tenant] ?? [:]).keys)
            for edge in policy.inheritance where edge.tenant == tenant {
                if let role = roleIndex[edge.role] { seeds.insert(role) }
            }
            // Every role that reaches a seed through edges holding in this tenant differs too.
            var affected = seeds
            var stack = Array(seeds)
            while let role = stack.popLast() {
                for (senior, edgeTenant) in seniors[role] ?? []
                where (edgeTenant == nil || edgeTenant == tenant) && affected.insert(senior).inserted {
                    stack.append(senior)
                }
            }
            var computed: [Int32: PermissionTable] = [:]
            for role in postOrder(from: affected.sorted(), tenant: tenant, only: affected) {
                var table = own[role] ?? PermissionTable()
                if let scoped = ownByTenant[tenant]?[role] { table.merge(scoped) }
                table.reachable.insert(role)
                for junior in graph.juniors(of: roleIDs[Int(role)], in: tenant) {
                    guard let index = roleIndex[junior.role] else { continue }
                    table.merge(computed[index] ?? globalTables[Int(index)])
                }
                computed[role] = table
            }
            for (role, table) in computed.sorted(by: { $0.key < $1.key }) {
                tenantTableIndex[UInt64(UInt32(tenantID)) << 32 | UInt64(UInt32(role))] = Int32(tables.count)
                tables.append(table)
            }
            hasTables[Int(tenantID)] = !computed.isEmpty
        }
        return (tables, tenantTableIndex, hasTables)
    }

    /// Each junior's seniors, with the tenant an edge is restricted to.
    private func reverseEdges() -> [Int32: [(Int32, TenantID?)]] {
        var seniors: [Int32: [(Int32, TenantID?)]] = [:]
        for edge in policy.inheritance {
            guard let senior = roleIndex[edge.role], let junior = roleIndex[edge.inherits] else { continue }
            seniors[junior, default: []].append((senior, edge.tenant))
        }
        return seniors
    }

    /// The roles reachable from `starts` (restricted to `only` if given) in an order where every
    /// junior comes before its seniors; iterative, so a deep hierarchy cannot exhaust the stack.
    private func postOrder(from starts: [Int32], tenant: TenantID?, only: Set<Int32>?) -> [Int32] {
        var order: [Int32] = []
        var visited = Set<Int32>()
        for start in starts where !visited.contains(start) {
            visited.insert(start)
            var stack: [(role: Int32, juniors: [Int32], next: Int)] = [(start, juniors(start, tenant, only), 0)]
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].next < stack[top].juniors.count {
                    let junior = stack[top].juniors[stack[top].next]
                    stack[top].next += 1
                    if visited.insert(junior).inserted {
                        stack.append((junior, juniors(junior, tenant, only), 0))
                    }
                } else {
                    order.append(stack[top].role)
                    stack.removeLast()
                }
            }
        }
        return order
    }

    private func juniors(_ role: Int32, _ tenant: TenantID?, _ only: Set<Int32>?) -> [Int32] {
        graph.juniors(of: roleIDs[Int(role)], in: tenant).compactMap { roleIndex[$0.role] }
            .filter { only?.contains($0) ?? true }
    }
}
