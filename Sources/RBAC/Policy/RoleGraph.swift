import AuthCore

/// The inheritance edges of a policy indexed by senior role, for walking the hierarchy in one tenant
/// (global edges plus that tenant's own). Used to validate, compile and explain; never by a check.
struct RoleGraph {
    /// Each senior role's juniors, with the tenant an edge is restricted to.
    private let juniors: [RoleID: [(role: RoleID, tenant: TenantID?)]]
    /// The tenants that have edges of their own.
    let tenantsWithEdges: Set<TenantID>

    init(_ inheritance: some Sequence<RoleInheritance>) {
        var juniors: [RoleID: [(role: RoleID, tenant: TenantID?)]] = [:]
        var tenants: Set<TenantID> = []
        for edge in inheritance {
            juniors[edge.role, default: []].append((edge.inherits, edge.tenant))
            if let tenant = edge.tenant { tenants.insert(tenant) }
        }
        // Sorted, so walks, cycle reports and explanations are deterministic.
        self.juniors = juniors.mapValues {
            $0.sorted { ($0.role, $0.tenant?.rawValue ?? "") < ($1.role, $1.tenant?.rawValue ?? "") }
        }
        self.tenantsWithEdges = tenants
    }

    /// The juniors `role` inherits from directly in `tenant` (`nil`: global edges only).
    func juniors(of role: RoleID, in tenant: TenantID?) -> [(role: RoleID, tenant: TenantID?)] {
        (juniors[role] ?? []).filter { $0.tenant == nil || $0.tenant == tenant }
    }

    /// `roots` and every role they inherit from in `tenant`.
    func closure(of roots: some Sequence<RoleID>, in tenant: TenantID?) -> Set<RoleID> {
        var seen = Set(roots)
        var stack = Array(seen)
        while let role = stack.popLast() {
            for junior in juniors(of: role, in: tenant) where seen.insert(junior.role).inserted {
                stack.append(junior.role)
            }
        }
        return seen
    }

    /// A cycle among the edges that hold in `tenant`, as the roles along it (first repeated last).
    /// Iterative, so a deep hierarchy from a hostile document cannot exhaust the stack.
    func cycle(in tenant: TenantID?, roles: some Sequence<RoleID>) -> [RoleID]? {
        var finished: Set<RoleID> = []
        var onPath: [RoleID: Int] = [:]
        for root in roles.sorted() where !finished.contains(root) {
            var stack: [(role: RoleID, juniors: [RoleID], next: Int)] = [
                (root, juniors(of: root, in: tenant).map(\.role), 0)
            ]
            onPath[root] = 0
            while !stack.isEmpty {
                let top = stack.count - 1
                guard stack[top].next < stack[top].juniors.count else {
                    finished.insert(stack[top].role)
                    onPath[stack[top].role] = nil
                    stack.removeLast()
                    continue
                }
                let junior = stack[top].juniors[stack[top].next]
                stack[top].next += 1
                if let start = onPath[junior] {
                    return stack[start...].map(\.role) + [junior]
                }
                if !finished.contains(junior) {
                    onPath[junior] = stack.count
                    stack.append((junior, juniors(of: junior, in: tenant).map(\.role), 0))
                }
            }
        }
        return nil
    }
}
