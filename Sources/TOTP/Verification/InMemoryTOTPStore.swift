public import AuthCore
import Synchronization

/// A ``TOTPStore`` in memory, for tests and single-process apps.
///
/// Atomic under a mutex, exactly as the protocol requires of a database backend.
///
/// ```swift
/// let verifier = try TOTPVerifier(store: InMemoryTOTPStore(), clock: clock)
/// ```
public final class InMemoryTOTPStore: TOTPStore {
    private let lastSteps = Mutex<[UserID: Int64]>([:])

    /// Creates an empty store.
    public init() {}

    /// See ``TOTPStore/markStepUsed(userID:step:)``.
    public func markStepUsed(userID: UserID, step: Int64) async throws -> Bool {
        lastSteps.withLock { steps in
            if let last = steps[userID], last >= step { return false }
            steps[userID] = step
            return true
        }
    }

    /// See ``TOTPStore/lastUsedStep(userID:)``.
    public func lastUsedStep(userID: UserID) async throws -> Int64? {
        lastSteps.withLock { $0[userID] }
    }

    /// See ``TOTPStore/removeSteps(userID:)``.
    public func removeSteps(userID: UserID) async throws {
        _ = lastSteps.withLock { $0.removeValue(forKey: userID) }
    }
}
