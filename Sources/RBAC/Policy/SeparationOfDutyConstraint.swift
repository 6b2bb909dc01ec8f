/// A separation-of-duty rule (NIST RBAC, ANSI INCITS 359-2004 §5.3 and §5.4): no user holds (static)
/// or activates in one session (dynamic) ``cardinality`` or more of ``roles``.
///
/// Roles count with inheritance: a user assigned a senior role is counted for every junior role it
/// inherits. Static constraints count per tenant, a platform role counting in every tenant; they
/// are enforced when roles are assigned. Dynamic constraints are enforced when a session activates
/// roles (`AccessChecker.activate(roles:user:tenant:)`).
///
/// ```swift
/// let payables = SeparationOfDutyConstraint(
///     id: "payables", kind: .static, roles: ["payables-clerk", "payables-approver"], cardinality: 2)
/// ```
public struct SeparationOfDutyConstraint: Sendable, Hashable, Codable {
    /// When the constraint is enforced.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// On assignment: no user holds that many of the roles in one tenant.
        case `static`
        /// On activation: no session activates that many of the roles.
        case dynamic
    }

    /// The constraint's name.
    public var id: ConstraintID
    /// Static or dynamic.
    public var kind: Kind
    /// The conflicting roles (at least two).
    public var roles: Set<RoleID>
    /// How many of them together are forbidden (2 up to `roles.count`).
    public var cardinality: Int

    /// Creates a constraint.
    ///
    /// - Parameters:
    ///   - id: the constraint's name.
    ///   - kind: static or dynamic.
    ///   - roles: the conflicting roles.
    ///   - cardinality: how many of them together are forbidden.
    public init(id: ConstraintID, kind: Kind, roles: Set<RoleID>, cardinality: Int) {
        self.id = id
        self.kind = kind
        self.roles = roles
        self.cardinality = cardinality
    }
}
