/// Everything that decides access: roles, their rules, inheritance, assignments and
/// separation-of-duty constraints. A value: a store keeps one, a policy document holds one, and an
/// `AccessChecker` compiles one into a ``CompiledPolicy``.
///
/// ```swift
/// var policy = RolePolicy()
/// try policy.apply([
///     .defineRole("sales-rep"),
///     .addRule(PolicyRule(role: "sales-rep", effect: .allow, permissions: try PermissionPattern("leads:edit"), scope: .own)),
///     .assign(RoleAssignment(user: "ada", role: "sales-rep", tenant: "acme")),
/// ])
/// ```
public struct RolePolicy: Sendable, Hashable {
    /// The defined roles.
    public var roles: Set<RoleID>
    /// Every grant and deny.
    public var rules: Set<PolicyRule>
    /// Every inheritance edge.
    public var inheritance: Set<RoleInheritance>
    /// Every role assignment.
    public var assignments: Set<RoleAssignment>
    /// Separation-of-duty constraints, by name.
    public var constraints: [ConstraintID: SeparationOfDutyConstraint]

    /// Creates a policy, by default an empty one. Call ``validate()`` before relying on it.
    ///
    /// - Parameters:
    ///   - roles: the defined roles.
    ///   - rules: grants and denies.
    ///   - inheritance: inheritance edges.
    ///   - assignments: role assignments.
    ///   - constraints: separation-of-duty constraints.
    public init(
        roles: Set<RoleID> = [], rules: Set<PolicyRule> = [], inheritance: Set<RoleInheritance> = [],
        assignments: Set<RoleAssignment> = [], constraints: [SeparationOfDutyConstraint] = []
    ) {
        self.roles = roles
        self.rules = rules
        self.inheritance = inheritance
        self.assignments = assignments
        self.constraints = Dictionary(constraints.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Applies `changes` in order and validates the result; on any error `self` is left unchanged.
    ///
    /// - Parameter changes: the changes.
    /// - Throws: what ``validate()`` throws.
    public mutating func apply(_ changes: [PolicyChange]) throws(RBACError) {
        var next = self
        for change in changes { next.applyUnchecked(change) }
        try next.validate()
        self = next
    }

    /// The changes that turn `self` into `target`: what an import applies in one all-or-nothing call.
    ///
    /// - Parameter target: the policy wanted.
    public func changes(to target: RolePolicy) -> [PolicyChange] {
        var changes: [PolicyChange] = []
        // Removals first, so a constraint or role that goes away cannot trip validation of the rest.
        changes += constraints.keys.filter { target.constraints[$0] == nil }.sorted().map { .removeConstraint($0) }
        changes += assignments.subtracting(target.assignments).map { .unassign($0) }
        changes += inheritance.subtracting(target.inheritance).map { .removeInheritance($0) }
        changes += rules.subtracting(target.rules).map { .removeRule($0) }
        changes += roles.subtracting(target.roles).sorted().map { .removeRole($0) }
        changes += target.roles.subtracting(roles).sorted().map { .defineRole($0) }
        changes += target.rules.subtracting(rules).map { .addRule($0) }
        changes += target.inheritance.subtracting(inheritance).map { .addInheritance($0) }
        changes += target.assignments.subtracting(assignments).map { .assign($0) }
        changes += target.constraints.values.filter { constraints[$0.id] != $0 }.sorted { $0.id < $1.id }
            .map { .addConstraint($0) }
        return changes
    }

    /// Applies one change without validating.
    mutating func applyUnchecked(_ change: PolicyChange) {
        switch change {
        case .defineRole(let role): roles.insert(role)
        case .removeRole(let role):
            roles.remove(role)
            rules = rules.filter { $0.role != role }
            inheritance = inheritance.filter { $0.role != role && $0.inherits != role }
            assignments = assignments.filter { $0.role != role }
        case .addRule(let rule): rules.insert(rule)
        case .removeRule(let rule): rules.remove(rule)
        case .addInheritance(let edge): inheritance.insert(edge)
        case .removeInheritance(let edge): inheritance.remove(edge)
        case .assign(let assignment): assignments.insert(assignment)
        case .unassign(let assignment): assignments.remove(assignment)
        case .addConstraint(let constraint): constraints[constraint.id] = constraint
        case .removeConstraint(let id): constraints[id] = nil
        }
    }
}
