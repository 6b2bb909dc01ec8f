public import struct Foundation.Date

/// The source of the current time for every expiry decision.
///
/// Inject a clock instead of calling `Date()` so tests can move time without sleeping
/// (see ``ManualClock``).
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system's real-time clock.
public struct SystemClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// The current time as the system reports it.
    public func now() -> Date { Date() }
}
