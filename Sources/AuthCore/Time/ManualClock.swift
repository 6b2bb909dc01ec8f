import Synchronization

public import struct Foundation.Date
public import struct Foundation.TimeInterval

/// A clock that moves only when told to, for tests.
///
/// ```swift
/// let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
/// clock.advance(by: 3600)
/// ```
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    /// Creates a clock that reads `now` until moved.
    public init(now: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = Mutex(now)
    }

    /// The time the clock was last set to.
    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward (or, with a negative interval, back).
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    /// Sets the clock to `date`.
    public func set(to date: Date) {
        current.withLock { $0 = date }
    }
}
