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
    /// The longest any timeout may be: 400 days, the cap RFC 6265bis (its Max-Age and Expires
    /// attributes) puts on a cookie's lifetime, so a session cookie cannot outlive it anyway. Longer values, and infinity, are
    /// lowered to it, so every expiry instant is a finite date a database can store.
    public static let maximumTimeout: TimeInterval = 400 * 24 * 3600

    /// The longest a session may live, counted from issue; always within 0...``maximumTimeout``
    /// (clamped when set; NaN becomes 0).
    public var absoluteTimeout: TimeInterval {
        get { storedAbsoluteTimeout }
        set { storedAbsoluteTimeout = Self.bounded(newValue) }
    }
    /// The longest a session may stay unused; always within 0...``maximumTimeout`` (clamped when
    /// set; NaN becomes 0). Lowering it below ``lastSeenWriteInterval`` lowers that interval too.
    public var idleTimeout: TimeInterval {
        get { storedIdleTimeout }
        set {
            storedIdleTimeout = Self.bounded(newValue)
            storedWriteInterval = Self.clamped(storedWriteInterval, idleTimeout: storedIdleTimeout)
        }
    }
    /// The shortest interval between two writes of "last seen" for one session.
    ///
    /// Validation slides the idle expiry by writing ``Session/lastSeenAt`` only when the stored value
    /// is at least this old, so a busy client costs one write per interval, not one per request.
    /// The price: a session can end up to this much earlier than a per-request write would allow.
    /// Always within `0...idleTimeout` (clamped when set), or an active session could idle out.
    public var lastSeenWriteInterval: TimeInterval {
        get { storedWriteInterval }
        set { storedWriteInterval = Self.clamped(newValue, idleTimeout: storedIdleTimeout) }
    }

    /// An optional cap on live sessions per user; `nil` (the default) means no cap.
    public var concurrentSessionLimit: ConcurrentSessionLimit?

    // Private storage behind the public properties, so a value set after `init` is clamped exactly
    // as one passed to it.
    private var storedAbsoluteTimeout: TimeInterval
    private var storedIdleTimeout: TimeInterval
    private var storedWriteInterval: TimeInterval

    /// Creates a policy. Timeouts are clamped to 0...``maximumTimeout`` and `lastSeenWriteInterval`
    /// to `0...idleTimeout`; NaN becomes 0.
    public init(
        absoluteTimeout: TimeInterval, idleTimeout: TimeInterval, lastSeenWriteInterval: TimeInterval,
        concurrentSessionLimit: ConcurrentSessionLimit? = nil
    ) {
        self.concurrentSessionLimit = concurrentSessionLimit
        storedAbsoluteTimeout = Self.bounded(absoluteTimeout)
        storedIdleTimeout = Self.bounded(idleTimeout)
        storedWriteInterval = Self.clamped(lastSeenWriteInterval, idleTimeout: Self.bounded(idleTimeout))
    }

    /// `interval` within 0...``maximumTimeout``; NaN (which compares false with everything) becomes 0.
    static func bounded(_ interval: TimeInterval) -> TimeInterval {
        interval.isNaN ? 0 : min(max(0, interval), maximumTimeout)
    }

    private static func clamped(_ interval: TimeInterval, idleTimeout: TimeInterval) -> TimeInterval {
        min(bounded(interval), idleTimeout)
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
