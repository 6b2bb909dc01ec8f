import AuthCore
import Synchronization

/// A ``TOTPStore`` in memory, for tests and single-process apps.
///
/// Atomic under a mutex, exactly as the protocol requires of a database backend.
///
/// ```swift
/// let verifier = TOTPVerifier(store: InMemoryTOTPStore(), clock: clock)
/// ```
public final class InMemoryTOTPStore: TOTPStore {
    /// Keyed by ``ExactText``: canonically equivalent ids are two users, as in a database.
    private let lastSteps = Mutex<[ExactText: Int64]>([:])

    /// Creates an empty store.
    public init() {}

    /// See ``TOTPStore/markStepUsed(userID:step:)``.
    public func markStepUsed(userID: String, step: Int64) async throws -> Bool {
        let key = ExactText(userID)
        return lastSteps.withLock { steps in
            if let last = steps[key], last >= step { return false }
            steps[key] = step
            return true
        }
    }

    /// See ``TOTPStore/lastUsedStep(userID:)``.
    public func lastUsedStep(userID: String) async throws -> Int64? {
        lastSteps.withLock { $0[ExactText(userID)] }
    }

    /// See ``TOTPStore/removeSteps(userID:)``.
    public func removeSteps(userID: String) async throws {
        _ = lastSteps.withLock { $0.removeValue(forKey: ExactText(userID)) }
    }
}
