public import AuthCore
import Synchronization

/// A ``HOTPCounterStore`` in memory, for tests and single-process apps.
///
/// Atomic under a mutex, exactly as the protocol requires of a database backend.
///
/// ```swift
/// let verifier = try HOTPVerifier(store: InMemoryHOTPCounterStore())
/// ```
public final class InMemoryHOTPCounterStore: HOTPCounterStore {
    private let counters = Mutex<[UserID: UInt64]>([:])

    /// Creates an empty store.
    public init() {}

    /// See ``HOTPCounterStore/advanceCounter(userID:to:)``.
    public func advanceCounter(userID: UserID, to counter: UInt64) async throws -> Bool {
        counters.withLock { counters in
            if let last = counters[userID], last >= counter { return false }
            counters[userID] = counter
            return true
        }
    }

    /// See ``HOTPCounterStore/lastAcceptedCounter(userID:)``.
    public func lastAcceptedCounter(userID: UserID) async throws -> UInt64? {
        counters.withLock { $0[userID] }
    }

    /// See ``HOTPCounterStore/removeCounter(userID:)``.
    public func removeCounter(userID: UserID) async throws {
        _ = counters.withLock { $0.removeValue(forKey: userID) }
    }
}
