import TOTP
import Synchronization

/// Accepts a step equal to the last one: a replayed code logs in twice (`>` where `>=` belongs).
final class ReplayAcceptingTOTPStore: TOTPStore {
    private let steps = Mutex<[String: Int64]>([:])

    func markStepUsed(userID: String, step: Int64) async throws -> Bool {
        steps.withLock { steps in
            if let last = steps[userID], last > step { return false }
            steps[userID] = step
            return true
        }
    }

    func lastUsedStep(userID: String) async throws -> Int64? { steps.withLock { $0[userID] } }

    func removeSteps(userID: String) async throws { _ = steps.withLock { $0.removeValue(forKey: userID) } }
}
