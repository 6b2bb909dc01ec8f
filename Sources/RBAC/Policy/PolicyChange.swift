/// One change to a ``RolePolicy``; a store applies a list of them all or nothing.
public enum PolicyChange: Sendable, Hashable {
    /// Defines a role (no error if it exists).
    case defineRole(RoleID)
    /// Removes a role with its rules, inheritance edges and assignments. A constraint that still
    /// names it makes the change fail (``RBACError/unknownRole``): remove or edit the constraint first.
    case removeRole(RoleID)
    /// Adds a grant or deny.
    case addRule(PolicyRule)
    /// Removes a grant or deny (no error if absent).
    case removeRule(PolicyRule)
    /// Adds an inheritance edge.
    case addInheritance(RoleInheritance)
    /// Removes an inheritance edge (no error if absent).
    case removeInheritance(RoleInheritance)
    /// Assigns a role to a user, in a tenant or on the platform.
    case assign(RoleAssignment)
    /// Removes an assignment (no error if absent).
    case unassign(RoleAssignment)
    /// Adds a separation-of-duty constraint, replacing one of the same name.
    case addConstraint(SeparationOfDutyConstraint)
    /// Removes a constraint by name (no error if absent).
    case removeConstraint(ConstraintID)
}
