public import struct Foundation.TimeInterval

/// Lifetimes for the sessions a ``SessionManager`` issues.
///
/// The default, ``aal2``, follows NIST SP 800-63B rev. 4 reauthentication for AAL2: at most 24 hours
/// from authentication and at most 1 hour of inactivity.
///
/// ```swift
/// let manager = SessionManager(store: store, policy: .aal3, clock: SystemClock(), stamps: stamps)
/// ```
public struct SessionPolicy: Sendable, Hashable {
    /// The longest a session may live, counted from issue.
    public var absoluteTimeout: TimeInterval
    /// The longest a session may stay unused. Lowering it below ``lastSeenWriteInterval`` lowers
    /// that interval too.
    public var idleTimeout: TimeInterval {
        didSet { lastSeenWriteInterval = Self.clamped(lastSeenWriteInterval, idleTimeout: idleTimeout) }
    }
    /// The shortest interval between two writes of "last seen" for one session.
    ///
    /// Validation slides the idle expiry by writing ``Session/lastSeenAt`` only when the stored value
    /// is at least this old, so a busy client costs one write per interval, not one per request.
    /// The price: a session can end up to this much earlier than a per-request write would allow.
    /// Always within `0...idleTimeout` (clamped when set), or an active session could idle out.
    public var lastSeenWriteInterval: TimeInterval {
        didSet { lastSeenWriteInterval = Self.clamped(lastSeenWriteInterval, idleTimeout: idleTimeout) }
    }

    /// An optional cap on live sessions per user; `nil` (the default) means no cap.
    public var concurrentSessionLimit: ConcurrentSessionLimit?

    /// Creates a policy. `lastSeenWriteInterval` is clamped to `0...idleTimeout`.
    public init(
        absoluteTimeout: TimeInterval, idleTimeout: TimeInterval, lastSeenWriteInterval: TimeInterval,
        concurrentSessionLimit: ConcurrentSessionLimit? = nil
    ) {
        self.concurrentSessionLimit = concurrentSessionLimit
        self.absoluteTimeout = absoluteTimeout
        self.idleTimeout = idleTimeout
        self.lastSeenWriteInterval = Self.clamped(lastSeenWriteInterval, idleTimeout: idleTimeout)
    }

    private static func clamped(_ interval: TimeInterval, idleTimeout: TimeInterval) -> TimeInterval {
        min(max(0, interval), max(0, idleTimeout))
    }

    /// The default: NIST SP 800-63B rev. 4 AAL2 — 24 h absolute, 1 h idle; last seen written every 5 min.
    public static let aal2 = SessionPolicy(absoluteTimeout: 24 * 3600, idleTimeout: 3600, lastSeenWriteInterval: 300)

    /// Stricter: NIST SP 800-63B rev. 4 AAL3 — 12 h absolute, 15 min idle; last seen written every minute.
    public static let aal3 = SessionPolicy(absoluteTimeout: 12 * 3600, idleTimeout: 15 * 60, lastSeenWriteInterval: 60)

    /// Looser, for low-risk apps at AAL1 only: 30 days absolute, 7 days idle; last seen written hourly.
    ///
    /// NIST SP 800-63B rev. 4 allows 30 days between reauthentications at AAL1; do not use this
    /// preset for sessions that reach personal or financial data.
    public static let relaxedAAL1 = SessionPolicy(
        absoluteTimeout: 30 * 24 * 3600, idleTimeout: 7 * 24 * 3600, lastSeenWriteInterval: 3600)
}
