extension RoleStore {
    /// Replaces the store's policy with `policy` in one all-or-nothing change, based on the version
    /// read first (a concurrent change makes it fail with ``RBACError/versionConflict`` rather than
    /// be overwritten).
    ///
    /// - Parameter policy: the policy wanted, e.g. from ``PolicyDocument/decode(_:)``.
    /// - Returns: the new version (the current one if nothing differed).
    /// - Throws: what ``apply(_:expecting:)`` throws.
    @discardableResult
    public func replacePolicy(with policy: RolePolicy) async throws -> UInt64 {
        let current = try await self.policy()
        let changes = current.policy.changes(to: policy)
        guard !changes.isEmpty else { return current.version }
        return try await apply(changes, expecting: current.version)
    }
}
