/// Tells a ``SessionManager`` a user's current security stamp.
///
/// The app changes a user's stamp (any new random string) when the password changes, the account is
/// disabled or an administrator signs the user out everywhere; every session issued under an older
/// stamp then fails validation with ``SessionTokenError/stampMismatch`` at once.
public protocol SecurityStampProvider: Sendable {
    /// The current stamp of `userID`, or `nil` when the user no longer exists or is disabled
    /// (which voids all their sessions).
    nonisolated(nonsending) func securityStamp(userID: String) async throws -> String?
}

/// A ``SecurityStampProvider`` backed by a closure.
///
/// ```swift
/// let stamps = ClosureSecurityStampProvider { userID in try await users.find(userID)?.securityStamp }
/// ```
public struct ClosureSecurityStampProvider: SecurityStampProvider {
    private let body: nonisolated(nonsending) @Sendable (String) async throws -> String?

    /// Wraps `body`, which returns the current stamp of a user id, or `nil`.
    public init(_ body: nonisolated(nonsending) @escaping @Sendable (_ userID: String) async throws -> String?) {
        self.body = body
    }

    /// Calls the closure.
    nonisolated(nonsending) public func securityStamp(userID: String) async throws -> String? {
        try await body(userID)
    }
}
