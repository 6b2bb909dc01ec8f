public import AuthCore

/// Tells a ``SessionManager`` a user's current security stamp.
///
/// The app changes a user's stamp (any new random string) when the password changes, the account is
/// disabled or an administrator signs the user out everywhere; every session issued under an older
/// stamp then fails validation with ``SessionTokenError/stampMismatch`` at once.
public protocol SecurityStampProvider: Sendable {
    /// The current stamp of `userID`, or `nil` when the user no longer exists or is disabled
    /// (which voids all their sessions).
    func securityStamp(userID: UserID) async throws -> String?
}

/// A ``SecurityStampProvider`` backed by a closure.
///
/// ```swift
/// let stamps = ClosureSecurityStampProvider { userID in try await users.find(userID)?.securityStamp }
/// ```
public struct ClosureSecurityStampProvider: SecurityStampProvider {
    private let body: @Sendable (UserID) async throws -> String?

    /// Wraps `body`, which returns the current stamp of a user id, or `nil`.
    public init(_ body: @escaping @Sendable (_ userID: UserID) async throws -> String?) {
        self.body = body
    }

    /// Calls the closure.
    public func securityStamp(userID: UserID) async throws -> String? {
        try await body(userID)
    }
}
