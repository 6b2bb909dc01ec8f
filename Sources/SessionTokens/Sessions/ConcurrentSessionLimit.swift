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

    /// The most live sessions a user may hold; always at least 1 (a lower value is raised to 1,
    /// whether passed to ``init(maximum:overflow:)`` or set later).
    public var maximum: Int {
        get { storedMaximum }
        set { storedMaximum = max(1, newValue) }
    }
    /// What to do when a new session would exceed ``maximum``.
    public var overflow: Overflow

    /// Private storage, so a value set after `init` is clamped as one passed to it: a store
    /// computing `live + 1 - maximum` must never see 0, a negative count or `Int.min`.
    private var storedMaximum: Int

    /// Creates a limit; `maximum` is raised to 1 if lower.
    public init(maximum: Int, overflow: Overflow = .evictOldest) {
        storedMaximum = max(1, maximum)
        self.overflow = overflow
    }
}
