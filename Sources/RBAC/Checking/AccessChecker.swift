public import AuthCore
import Synchronization

/// Checks access against a compiled snapshot of a ``RoleStore``'s policy, and swaps in a new
/// snapshot when the store's version changes.
///
/// A check reads the current snapshot under a mutex (a pointer copy) and then decides without any
/// lock, store call or graph walk. ``refresh()`` polls the store's version and, if it moved,
/// compiles the new policy and swaps it in atomically: a check sees either the old policy or the
/// new one, never a mix.
///
/// ```swift
/// let checker = try await AccessChecker(store: store)
/// if checker.isAllowed(user: "ada", tenant: "acme", permission: try Permission("leads:edit"), resourceOwner: lead.owner) { ... }
/// try await checker.refresh()  // from a timer, or after a change
/// ```
public final class AccessChecker: Sendable {
    private let store: any RoleStore
    private let current: Mutex<CompiledPolicy>

    /// Loads and compiles the store's policy.
    ///
    /// - Parameter store: the store.
    /// - Throws: the store's error, or what ``RolePolicy/validate()`` throws for a stored policy
    ///   that is inconsistent.
    public init(store: any RoleStore) async throws {
        self.store = store
        let loaded = try await store.policy()
        current = Mutex(try CompiledPolicy(loaded.policy, version: loaded.version))
    }

    /// The snapshot checks use now.
    public var snapshot: CompiledPolicy { current.withLock { $0 } }

    /// Compiles and swaps in the store's policy if its version differs from the snapshot's.
    ///
    /// - Returns: whether a new snapshot was swapped in.
    /// - Throws: the store's error, or a validation error for an inconsistent stored policy; the
    ///   old snapshot stays in use.
    @discardableResult
    public func refresh() async throws -> Bool {
        let version = try await store.version()
        guard version != snapshot.version else { return false }
        let loaded = try await store.policy()
        let compiled = try CompiledPolicy(loaded.policy, version: loaded.version, continuing: snapshot)
        return current.withLock { current in
            // Two refreshes racing: keep the newer snapshot.
            guard compiled.version > current.version else { return false }
            current = compiled
            return true
        }
    }

    /// See ``CompiledPolicy/isAllowed(user:tenant:permission:resourceOwner:)``.
    ///
    /// - Parameters:
    ///   - user: who asks.
    ///   - tenant: the tenant the user acts in.
    ///   - permission: what the user wants to do.
    ///   - resourceOwner: the resource's owner, or `nil`.
    public func isAllowed(user: UserID, tenant: TenantID, permission: Permission, resourceOwner: UserID? = nil) -> Bool
    {
        snapshot.isAllowed(user: user, tenant: tenant, permission: permission, resourceOwner: resourceOwner)
    }

    /// See ``CompiledPolicy/activate(roles:user:tenant:)``.
    ///
    /// - Parameters:
    ///   - roles: the roles to activate.
    ///   - user: the session's user.
    ///   - tenant: the tenant the session acts in.
    public func activate(roles: Set<RoleID>, user: UserID, tenant: TenantID) throws(RBACError) -> RoleActivation {
        try snapshot.activate(roles: roles, user: user, tenant: tenant)
    }

    /// See ``CompiledPolicy/isAllowed(_:permission:resourceOwner:)``.
    ///
    /// - Parameters:
    ///   - activation: the session's activated roles.
    ///   - permission: what the user wants to do.
    ///   - resourceOwner: the resource's owner, or `nil`.
    public func isAllowed(_ activation: RoleActivation, permission: Permission, resourceOwner: UserID? = nil) -> Bool {
        snapshot.isAllowed(activation, permission: permission, resourceOwner: resourceOwner)
    }

    /// See ``CompiledPolicy/explain(user:tenant:permission:resourceOwner:)``.
    ///
    /// - Parameters:
    ///   - user: who asks.
    ///   - tenant: the tenant the user acts in.
    ///   - permission: what the user wants to do.
    ///   - resourceOwner: the resource's owner, or `nil`.
    public func explain(user: UserID, tenant: TenantID, permission: Permission, resourceOwner: UserID? = nil)
        -> AccessExplanation
    {
        snapshot.explain(user: user, tenant: tenant, permission: permission, resourceOwner: resourceOwner)
    }
}
