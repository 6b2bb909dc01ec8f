import AuthCore

extension RolePolicy {
    /// Checks that the policy is consistent: every role named is defined, constraints are well
    /// formed, inheritance has no cycle in any tenant, and no user breaks a static
    /// separation-of-duty constraint in any tenant.
    ///
    /// A store calls this on the policy a change would produce, before it commits anything.
    ///
    /// - Throws: ``RBACError/unknownRole``, ``RBACError/invalidConstraint``, ``RBACError/cycle`` or
    ///   ``RBACError/staticSeparationOfDuty``, the reason naming the role, cycle, user and tenant.
    public func validate() throws(RBACError) {
        for rule in rules where !roles.contains(rule.role) {
            throw RBACError(.unknownRole, "a rule (\(rule.permissions)) names the undefined role \(rule.role)")
        }
        for edge in inheritance {
            for role in [edge.role, edge.inherits] where !roles.contains(role) {
                throw RBACError(.unknownRole, "an inheritance edge names the undefined role \(role)")
            }
        }
        for assignment in assignments where !roles.contains(assignment.role) {
            throw RBACError(
                .unknownRole, "user \(assignment.user) is assigned the undefined role \(assignment.role)")
        }
        for constraint in constraints.values.sorted(by: { $0.id < $1.id }) {
            if let role = constraint.roles.sorted().first(where: { !roles.contains($0) }) {
                throw RBACError(.unknownRole, "constraint \(constraint.id) names the undefined role \(role)")
            }
            guard constraint.roles.count >= 2, (2...constraint.roles.count).contains(constraint.cardinality) else {
                throw RBACError(
                    .invalidConstraint,
                    "constraint \(constraint.id) has \(constraint.roles.count) roles and cardinality \(constraint.cardinality); it needs at least 2 roles and a cardinality from 2 to the number of roles"
                )
            }
        }
        let graph = RoleGraph(inheritance)
        for tenant in [nil] + graph.tenantsWithEdges.sorted() {
            if let cycle = graph.cycle(in: tenant, roles: roles) {
                let place = tenant.map { " in tenant \($0)" } ?? ""
                throw RBACError(
                    .cycle, "inheritance forms a cycle\(place): \(cycle.map(\.rawValue).joined(separator: " -> "))")
            }
        }
        try checkStaticSeparationOfDuty(graph)
    }

    /// No user holds `cardinality` or more roles of a static constraint in any tenant, counting
    /// inherited roles and platform roles.
    private func checkStaticSeparationOfDuty(_ graph: RoleGraph) throws(RBACError) {
        let staticConstraints = constraints.values.filter { $0.kind == .static }.sorted { $0.id < $1.id }
        guard !staticConstraints.isEmpty else { return }
        var byUser: [UserID: [RoleAssignment]] = [:]
        for assignment in assignments { byUser[assignment.user, default: []].append(assignment) }
        for (user, held) in byUser.sorted(by: { $0.key < $1.key }) {
            let platform = held.filter { $0.tenant == nil }.map(\.role)
            var tenants = Set(held.compactMap(\.tenant))
            if !platform.isEmpty { tenants.formUnion(graph.tenantsWithEdges) }
            for tenant in [nil] + tenants.sorted() {
                let roots = platform + held.filter { $0.tenant != nil && $0.tenant == tenant }.map(\.role)
                let authorized = graph.closure(of: roots, in: tenant)
                for constraint in staticConstraints {
                    let conflicting = authorized.intersection(constraint.roles)
                    if conflicting.count >= constraint.cardinality {
                        let place = tenant.map { "in tenant \($0)" } ?? "on the platform"
                        throw RBACError(
                            .staticSeparationOfDuty,
                            "user \(user) would hold \(conflicting.sorted().map(\.rawValue).joined(separator: ", ")) \(place); constraint \(constraint.id) allows fewer than \(constraint.cardinality)"
                        )
                    }
                }
            }
        }
    }
}
