/// A policy with the version a store gave it; the version goes up with every applied change.
public struct VersionedPolicy: Sendable, Hashable {
    /// The policy.
    public var policy: RolePolicy
    /// Its version: 0 for a store that was never changed, then one more per applied change list.
    public var version: UInt64

    /// Pairs a policy with its version.
    ///
    /// - Parameters:
    ///   - policy: the policy.
    ///   - version: its version.
    public init(policy: RolePolicy, version: UInt64) {
        self.policy = policy
        self.version = version
    }
}
