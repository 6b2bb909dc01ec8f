import AuthCore
import Foundation
import Synchronization
import TOTP

/// Accepts a step equal to the last one: a replayed code logs in twice (`>` where `>=` belongs).
final class ReplayAcceptingTOTPStore: TOTPStore {
    private let steps = Mutex<[UserID: Int64]>([:])

    func markStepUsed(userID: UserID, step: Int64) async throws -> Bool {
        steps.withLock { steps in
            if let last = steps[userID], last > step { return false }
            steps[userID] = step
            return true
        }
    }

    func lastUsedStep(userID: UserID) async throws -> Int64? { steps.withLock { $0[userID] } }

    func removeSteps(userID: UserID) async throws { _ = steps.withLock { $0.removeValue(forKey: userID) } }
}

/// Keyed by the id's `rawValue`, a `String`, whose `==` is canonical equivalence: "café" typed two
/// ways is one user, so one user's accepted code is refused as the other's replay. Correct in every
/// other respect.
final class StringKeyedTOTPStore: TOTPStore {
    private let steps = Mutex<[String: Int64]>([:])

    func markStepUsed(userID: UserID, step: Int64) async throws -> Bool {
        steps.withLock { steps in
            if let last = steps[userID.rawValue], last >= step { return false }
            steps[userID.rawValue] = step
            return true
        }
    }

    func lastUsedStep(userID: UserID) async throws -> Int64? { steps.withLock { $0[userID.rawValue] } }

    func removeSteps(userID: UserID) async throws { _ = steps.withLock { $0.removeValue(forKey: userID.rawValue) } }
}

/// Reads, then writes in a separate step: the first two callers both read "nothing used yet" (they
/// meet at a rendezvous in between, standing in for the scheduling gap) and both are accepted.
/// Only meaningful under a race: a lone first caller would wait for a second one.
final class CheckThenActTOTPStore: TOTPStore {
    private let steps = Mutex<[UserID: Int64]>([:])
    private let rendezvous = Mutex<(arrived: Int, waiting: CheckedContinuation<Void, Never>?)>((0, nil))

    func markStepUsed(userID: UserID, step: Int64) async throws -> Bool {
        let last = steps.withLock { $0[userID] }
        await meet()
        if let last, last >= step { return false }
        steps.withLock { $0[userID] = step }
        return true
    }

    func lastUsedStep(userID: UserID) async throws -> Int64? { steps.withLock { $0[userID] } }

    func removeSteps(userID: UserID) async throws { _ = steps.withLock { $0.removeValue(forKey: userID) } }

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
    private let codes = Mutex<[UserID: (all: Set<RecoveryCodeDigest>, used: Set<RecoveryCodeDigest>)]>([:])

    func replaceCodes(userID: UserID, digests: [RecoveryCodeDigest]) async throws {
        codes.withLock { $0[userID] = (Set(digests), []) }
    }

    func consumeCode(userID: UserID, digest: RecoveryCodeDigest) async throws -> Bool {
        codes.withLock { codes in
            guard codes[userID]?.all.contains(digest) == true else { return false }
            codes[userID]?.used.insert(digest)
            return true
        }
    }

    func remainingCodes(userID: UserID) async throws -> Int {
        codes.withLock { codes in codes[userID].map { $0.all.count - $0.used.count } ?? 0 }
    }
}

/// Activates whatever is pending, without comparing it with the secret the caller confirmed.
final class BlindActivatingEnrollmentStore: TOTPEnrollmentStore {
    private let base = InMemoryTOTPEnrollmentStore()

    func savePending(userID: UserID, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool {
        try await base.savePending(userID: userID, secret: secret, createdAt: createdAt)
    }

    func pending(userID: UserID) async throws -> PendingOTPSecret? {
        try await base.pending(userID: userID)
    }

    func activate(userID: UserID, pending: SealedOTPSecret) async throws -> Bool {
        guard let current = try await base.pending(userID: userID) else { return false }
        return try await base.activate(userID: userID, pending: current.secret)
    }

    func active(userID: UserID) async throws -> SealedOTPSecret? { try await base.active(userID: userID) }

    func replaceActive(userID: UserID, expected: SealedOTPSecret, with replacement: SealedOTPSecret) async throws
        -> Bool
    {
        try await base.replaceActive(userID: userID, expected: expected, with: replacement)
    }

    func removeActive(userID: UserID, expected: SealedOTPSecret) async throws -> Bool {
        try await base.removeActive(userID: userID, expected: expected)
    }

    func remove(userID: UserID) async throws { try await base.remove(userID: userID) }
}

/// The enrollment store as it was before the audit: a pending secret is saved even beside an active
/// one, and activation replaces the active secret. A session that knows only the password can then
/// enroll its own authenticator over the owner's.
final class ActiveReplacingEnrollmentStore: TOTPEnrollmentStore {
    private let entries = Mutex<[UserID: (pending: (SealedOTPSecret, Date)?, active: SealedOTPSecret?)]>([:])

    func savePending(userID: UserID, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool {
        entries.withLock { $0[userID, default: (nil, nil)].pending = (secret, createdAt) }
        return true
    }

    func pending(userID: UserID) async throws -> PendingOTPSecret? {
        entries.withLock { $0[userID]?.pending }.map { PendingOTPSecret(secret: $0.0, createdAt: $0.1) }
    }

    func activate(userID: UserID, pending: SealedOTPSecret) async throws -> Bool {
        entries.withLock { entries in
            guard let entry = entries[userID], entry.pending?.0 == pending else { return false }
            entries[userID] = (nil, pending)
            return true
        }
    }

    func active(userID: UserID) async throws -> SealedOTPSecret? { entries.withLock { $0[userID]?.active } }

    func replaceActive(userID: UserID, expected: SealedOTPSecret, with replacement: SealedOTPSecret) async throws
        -> Bool
    {
        entries.withLock { entries in
            guard entries[userID]?.active == expected else { return false }
            entries[userID]?.active = replacement
            return true
        }
    }

    func removeActive(userID: UserID, expected: SealedOTPSecret) async throws -> Bool {
        entries.withLock { entries in
            guard entries[userID]?.active == expected else { return false }
            entries[userID] = nil
            return true
        }
    }

    func remove(userID: UserID) async throws { _ = entries.withLock { $0.removeValue(forKey: userID) } }
}

/// Checks for an active secret, then saves the pending one in a second step: the non-atomic
/// two-step of the audit's finding. The first caller that finds nothing active waits, between its
/// check and its write, until another caller's activation succeeds (standing in for the scheduling
/// gap), then writes its pending secret beside the new active one. Activation is correct.
/// Only meaningful under a race: a lone first caller would wait for an activation forever.
final class CheckThenSavePendingEnrollmentStore: TOTPEnrollmentStore {
    private let base = InMemoryTOTPEnrollmentStore()
    /// Pending secrets written after the check, kept apart from `base` (which would refuse them).
    private let latePending = Mutex<[UserID: (SealedOTPSecret, Date)]>([:])
    private let gap = Mutex<(held: Bool, activated: Bool, waiting: CheckedContinuation<Bool, Never>?)>(
        (false, false, nil))

    func savePending(userID: UserID, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool {
        guard try await base.active(userID: userID) == nil else { return false }
        if await waitForActivationIfFirst() {
            latePending.withLock { $0[userID] = (secret, createdAt) }
            return true
        }
        return try await base.savePending(userID: userID, secret: secret, createdAt: createdAt)
    }

    func pending(userID: UserID) async throws -> PendingOTPSecret? {
        if let late = latePending.withLock({ $0[userID] }) {
            return PendingOTPSecret(secret: late.0, createdAt: late.1)
        }
        return try await base.pending(userID: userID)
    }

    func activate(userID: UserID, pending: SealedOTPSecret) async throws -> Bool {
        guard try await base.activate(userID: userID, pending: pending) else { return false }
        gap.withLock { state in
            state.activated = true
            defer { state.waiting = nil }
            return state.waiting
        }?.resume(returning: true)
        return true
    }

    func active(userID: UserID) async throws -> SealedOTPSecret? { try await base.active(userID: userID) }

    func replaceActive(userID: UserID, expected: SealedOTPSecret, with replacement: SealedOTPSecret) async throws
        -> Bool
    {
        try await base.replaceActive(userID: userID, expected: expected, with: replacement)
    }

    func removeActive(userID: UserID, expected: SealedOTPSecret) async throws -> Bool {
        try await base.removeActive(userID: userID, expected: expected)
    }

    func remove(userID: UserID) async throws {
        _ = latePending.withLock { $0.removeValue(forKey: userID) }
        try await base.remove(userID: userID)
    }

    /// Holds the first caller until an activation has succeeded and returns `true` for it; later
    /// callers pass straight through with `false`.
    private func waitForActivationIfFirst() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let resumeNow: Bool? = gap.withLock { state in
                if state.held { return false }
                state.held = true
                if state.activated { return true }
                state.waiting = continuation
                return nil
            }
            if let resumeNow { continuation.resume(returning: resumeNow) }
        }
    }
}

/// Disables by removing whatever secret is active, without comparing it with the one the proof was
/// checked against: a disable that raced a re-enrollment removes the new, never-proven secret.
final class BlindRemovingEnrollmentStore: TOTPEnrollmentStore {
    private let base = InMemoryTOTPEnrollmentStore()

    func savePending(userID: UserID, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool {
        try await base.savePending(userID: userID, secret: secret, createdAt: createdAt)
    }

    func pending(userID: UserID) async throws -> PendingOTPSecret? { try await base.pending(userID: userID) }

    func activate(userID: UserID, pending: SealedOTPSecret) async throws -> Bool {
        try await base.activate(userID: userID, pending: pending)
    }

    func active(userID: UserID) async throws -> SealedOTPSecret? { try await base.active(userID: userID) }

    func replaceActive(userID: UserID, expected: SealedOTPSecret, with replacement: SealedOTPSecret) async throws
        -> Bool
    {
        try await base.replaceActive(userID: userID, expected: expected, with: replacement)
    }

    func removeActive(userID: UserID, expected: SealedOTPSecret) async throws -> Bool {
        guard let current = try await base.active(userID: userID) else { return false }
        return try await base.removeActive(userID: userID, expected: current)
    }

    func remove(userID: UserID) async throws { try await base.remove(userID: userID) }
}
