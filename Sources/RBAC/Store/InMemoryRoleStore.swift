import Synchronization

/// A ``RoleStore`` in memory, for tests and single-process apps.
///
/// Atomic under a mutex, exactly as the protocol requires of a database backend: validation and
/// commit happen under one lock. Validation reads the whole policy, which is fine for the policies
/// a single process holds; a SQL store validates what a change touches.
///
/// ```swift
/// let store = InMemoryRoleStore()
/// try await store.apply([.defineRole("sales-rep")], expecting: nil)
/// ```
public final class InMemoryRoleStore: RoleStore {
    private let state: Mutex<VersionedPolicy>

    /// Creates a store holding `policy` at version 0 (an empty policy by default).
    ///
    /// - Parameter policy: the initial policy; validated.
    /// - Throws: what ``RolePolicy/validate()`` throws.
    public init(policy: RolePolicy = RolePolicy()) throws(RBACError) {
        try policy.validate()
        state = Mutex(VersionedPolicy(policy: policy, version: 0))
    }

    /// See ``RoleStore/policy()``.
    public func policy() async throws -> VersionedPolicy {
        state.withLock { $0 }
    }

    /// See ``RoleStore/version()``.
    public func version() async throws -> UInt64 {
        state.withLock { $0.version }
    }

    /// See ``RoleStore/apply(_:expecting:)``.
    public func apply(_ changes: [PolicyChange], expecting: UInt64?) async throws -> UInt64 {
        try state.withLock { (state: inout VersionedPolicy) throws(RBACError) -> UInt64 in
            if let expecting, expecting != state.version {
                throw RBACError(
                    .versionConflict, "the change expected version \(expecting); the store is at \(state.version)")
            }
            var policy = state.policy
            try policy.apply(changes)
            state = VersionedPolicy(policy: policy, version: state.version + 1)
            return state.version
        }
    }
}
