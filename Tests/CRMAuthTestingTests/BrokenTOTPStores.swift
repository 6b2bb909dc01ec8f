import AuthCore
import Foundation
import TOTP
import Synchronization

/// Accepts a step equal to the last one: a replayed code logs in twice (`>` where `>=` belongs).
final class ReplayAcceptingTOTPStore: TOTPStore {
    private let steps = Mutex<[ExactText: Int64]>([:])

    func markStepUsed(userID: String, step: Int64) async throws -> Bool {
        steps.withLock { steps in
            if let last = steps[ExactText(userID)], last > step { return false }
            steps[ExactText(userID)] = step
            return true
        }
    }

    func lastUsedStep(userID: String) async throws -> Int64? { steps.withLock { $0[ExactText(userID)] } }

    func removeSteps(userID: String) async throws { _ = steps.withLock { $0.removeValue(forKey: ExactText(userID)) } }
}

/// Keyed by `String`, whose `==` is canonical equivalence: "café" typed two ways is one user, so one
/// user's accepted code is refused as the other's replay. Correct in every other respect.
final class StringKeyedTOTPStore: TOTPStore {
    private let steps = Mutex<[String: Int64]>([:])

    func markStepUsed(userID: String, step: Int64) async throws -> Bool {
        steps.withLock { steps in
            if let last = steps[userID], last >= step { return false }
            steps[userID] = step
            return true
        }
    }

    func lastUsedStep(userID: String) async throws -> Int64? { steps.withLock { $0[userID] } }

    func removeSteps(userID: String) async throws { _ = steps.withLock { $0.removeValue(forKey: userID) } }
}

/// Reads, then writes in a separate step: the first two callers both read "nothing used yet" (they
/// meet at a rendezvous in between, standing in for the scheduling gap) and both are accepted.
/// Only meaningful under a race: a lone first caller would wait for a second one.
final class CheckThenActTOTPStore: TOTPStore {
    private let steps = Mutex<[String: Int64]>([:])
    private let rendezvous = Mutex<(arrived: Int, waiting: CheckedContinuation<Void, Never>?)>((0, nil))

    func markStepUsed(userID: String, step: Int64) async throws -> Bool {
        let last = steps.withLock { $0[userID] }
        await meet()
        if let last, last >= step { return false }
        steps.withLock { $0[userID] = step }
        return true
    }

    func lastUsedStep(userID: String) async throws -> Int64? { steps.withLock { $0[userID] } }

    func removeSteps(userID: String) async throws { _ = steps.withLock { $0.removeValue(forKey: userID) } }

    /// The first caller waits for the second; later callers pass straight through.
    private func meet() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let release: [CheckedContinuation<Void, Never>] = rendezvous.withLock { state in
                state.arrived += 1
                switch state.arrived {
                case 1:
                    state.waiting = continuation
                    return []
                case 2:
                    defer { state.waiting = nil }
                    return [continuation] + (state.waiting.map { [$0] } ?? [])
                default: return [continuation]
                }
            }
            for waiter in release { waiter.resume() }
        }
    }
}

/// Counts a consumed recovery code as used but keeps accepting it.
final class NeverForgettingRecoveryCodeStore: RecoveryCodeStore {
    private let codes = Mutex<[ExactText: (all: Set<RecoveryCodeDigest>, used: Set<RecoveryCodeDigest>)]>([:])

    func replaceCodes(userID: String, digests: [RecoveryCodeDigest]) async throws {
        codes.withLock { $0[ExactText(userID)] = (Set(digests), []) }
    }

    func consumeCode(userID: String, digest: RecoveryCodeDigest) async throws -> Bool {
        let key = ExactText(userID)
        return codes.withLock { codes in
            guard codes[key]?.all.contains(digest) == true else { return false }
            codes[key]?.used.insert(digest)
            return true
        }
    }

    func remainingCodes(userID: String) async throws -> Int {
        codes.withLock { codes in codes[ExactText(userID)].map { $0.all.count - $0.used.count } ?? 0 }
    }
}

/// Activates whatever is pending, without comparing it with the secret the caller confirmed.
final class BlindActivatingEnrollmentStore: TOTPEnrollmentStore {
    private let base = InMemoryTOTPEnrollmentStore()

    func savePending(userID: String, secret: SealedOTPSecret, createdAt: Date) async throws {
        try await base.savePending(userID: userID, secret: secret, createdAt: createdAt)
    }

    func pending(userID: String) async throws -> (secret: SealedOTPSecret, createdAt: Date)? {
        try await base.pending(userID: userID)
    }

    func activate(userID: String, pending: SealedOTPSecret) async throws -> Bool {
        guard let current = try await base.pending(userID: userID) else { return false }
        return try await base.activate(userID: userID, pending: current.secret)
    }

    func active(userID: String) async throws -> SealedOTPSecret? { try await base.active(userID: userID) }

    func replaceActive(userID: String, expected: SealedOTPSecret, with replacement: SealedOTPSecret) async throws -> Bool {
        try await base.replaceActive(userID: userID, expected: expected, with: replacement)
    }

    func remove(userID: String) async throws { try await base.remove(userID: userID) }
}
