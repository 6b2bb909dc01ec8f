/// A cap on how many live sessions one user may hold at once.
///
/// ```swift
/// var policy = SessionPolicy.aal2
/// policy.concurrentSessionLimit = ConcurrentSessionLimit(maximum: 5, overflow: .evictOldest)
/// ```
public struct ConcurrentSessionLimit: Sendable, Hashable {
    /// What happens when a new session would exceed the limit.
    public enum Overflow: Sendable, Hashable {
        /// End the user's oldest live sessions (by creation time) to make room.
        case evictOldest
        /// Refuse the new session with ``SessionTokenError/limitReached``.
        case refuseNew
    }

    /// The most live sessions a user may hold; at least 1.
    public var maximum: Int
    /// What to do when a new session would exceed ``maximum``.
    public var overflow: Overflow

    /// Creates a limit; `maximum` is raised to 1 if lower.
    public init(maximum: Int, overflow: Overflow = .evictOldest) {
        self.maximum = max(1, maximum)
        self.overflow = overflow
    }
}
