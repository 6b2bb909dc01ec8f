public import AuthCore

/// The roles a session has activated (NIST RBAC sessions): checks made with it use these roles
/// only, and dynamic separation-of-duty constraints were checked when it was made.
///
/// Made by `AccessChecker.activate(roles:user:tenant:)` or ``CompiledPolicy/activate(roles:user:tenant:)``;
/// keep it with the session.
public struct RoleActivation: Sendable, Hashable {
    /// The session's user.
    public let user: UserID
    /// The tenant the session acts in.
    public let tenant: TenantID
    /// The activated roles.
    public let roles: Set<RoleID>
}

extension CompiledPolicy {
    /// Activates `roles` for a session of `user` in `tenant`.
    ///
    /// Each role must be one the user is authorized for there: held directly or as a platform role,
    /// or inherited by one of those. No dynamic separation-of-duty constraint may count
    /// `cardinality` or more of its roles among the activated ones and the roles they inherit.
    ///
    /// - Parameters:
    ///   - roles: the roles to activate.
    ///   - user: the session's user.
    ///   - tenant: the tenant the session acts in.
    /// - Returns: the activation, for ``isAllowed(_:permission:resourceOwner:)``.
    /// - Throws: ``RBACError/roleNotHeld`` or ``RBACError/dynamicSeparationOfDuty``.
    public func activate(roles: Set<RoleID>, user: UserID, tenant: TenantID) throws(RBACError) -> RoleActivation {
        let graph = RoleGraph(policy.inheritance)
        let held = heldRoles(user: user, tenant: tenant).map { roleIDs[Int($0)] }
        let scopedTenant = tenants.index(of: tenant.rawValue) < 0 ? nil : tenant
        let authorized = graph.closure(of: held, in: scopedTenant)
        if let missing = roles.sorted().first(where: { !authorized.contains($0) }) {
            throw RBACError(.roleNotHeld, "user \(user) does not hold role \(missing) in tenant \(tenant)")
        }
        let active = graph.closure(of: roles, in: scopedTenant)
        for constraint in policy.constraints.values.sorted(by: { $0.id < $1.id }) where constraint.kind == .dynamic {
            let conflicting = active.intersection(constraint.roles)
            if conflicting.count >= constraint.cardinality {
                throw RBACError(
                    .dynamicSeparationOfDuty,
                    "activating \(conflicting.sorted().map(\.rawValue).joined(separator: ", ")) together breaks constraint \(constraint.id) (fewer than \(constraint.cardinality) allowed)"
                )
            }
        }
        return RoleActivation(user: user, tenant: tenant, roles: roles)
    }

    /// Whether the session's activated roles allow `permission`, as
    /// ``isAllowed(user:tenant:permission:resourceOwner:)`` decides but counting only the activated
    /// roles (and what they inherit) that the user still holds in this policy.
    ///
    /// - Parameters:
    ///   - activation: the session's activated roles.
    ///   - permission: what the user wants to do.
    ///   - resourceOwner: the resource's owner, or `nil`.
    public func isAllowed(_ activation: RoleActivation, permission: Permission, resourceOwner: UserID? = nil) -> Bool {
        let tenantID = tenants.index(of: activation.tenant.rawValue)
        let held = heldRoles(user: activation.user, tenant: activation.tenant)
        guard !held.isEmpty else { return false }
        let resource = resources.index(of: permission.resource)
        let action = actions.index(of: permission.action)
        var bits: UInt8 = 0
        for roleID in activation.roles {
            guard let role = roleIndex[roleID],
                held.contains(where: { reachable[Int(tableIndex(role: $0, tenant: tenantID))].contains(role) })
            else { continue }
            bits |= tables.lookup(
                table: Int(tableIndex(role: role, tenant: tenantID)), resource: resource, action: action)
        }
        return PermissionTable.decide(bits, isOwner: activation.user == resourceOwner)
    }
}
