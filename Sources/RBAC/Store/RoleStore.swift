/// Where the role policy is kept: roles, rules, inheritance, assignments and constraints, under one
/// version number.
///
/// Checks never read the store: an `AccessChecker` compiles the policy into a snapshot and polls
/// ``version()`` to know when to compile again.
///
/// Contract for conformers:
/// - ``apply(_:expecting:)`` is one atomic read-modify-write. It reads the current policy, applies
///   the changes in order, validates the result with ``RolePolicy/validate()`` (undefined roles,
///   cycles, static separation of duty), and either commits all of it and adds one to the version,
///   or commits nothing and throws. Two callers racing with changes that are each valid alone but
///   together break a constraint (assigning `payables-clerk` and `payables-approver` to one user)
///   see at most one succeed. A SQL store keeps it atomic with one transaction that first locks the
///   version row (`SELECT version FROM rbac_version FOR UPDATE` in PostgreSQL under READ COMMITTED;
///   `BEGIN IMMEDIATE` in SQLite), then reads what validation needs, writes the changes and the new
///   version, and commits; every writer takes the same lock first, so validation always sees the
///   latest committed policy.
/// - With `expecting` set, a version other than the current one is ``RBACError/versionConflict``
///   and nothing changes (optimistic concurrency for editors and imports).
/// - ``policy()`` returns the policy and its version as one consistent read (one transaction);
///   never a policy newer or older than the version beside it.
/// - Ids are told apart byte for byte, as `UserID`, `TenantID` and ``RoleID`` define.
/// - A backend's own failure is thrown as it is, and means nothing was applied.
///
/// `RoleStoreConformance` in CRMAuthTesting checks every point above, including racing assignments
/// that together would break separation of duty.
public protocol RoleStore: Sendable {
    /// The whole policy and its version, read consistently.
    func policy() async throws -> VersionedPolicy

    /// The current version only: a cheap poll (one row) for checkers deciding whether to recompile.
    func version() async throws -> UInt64

    /// Applies `changes` all or nothing, atomically, after validating the resulting policy.
    ///
    /// - Parameters:
    ///   - changes: the changes, applied in order.
    ///   - expecting: the version the caller based the changes on, or `nil` to apply on whatever
    ///     version is current.
    /// - Returns: the new version.
    /// - Throws: ``RBACError/versionConflict`` if `expecting` is not the current version; any
    ///   error of ``RolePolicy/validate()``; or the backend's own error. Nothing is applied.
    func apply(_ changes: [PolicyChange], expecting: UInt64?) async throws -> UInt64
}
